// Protobuf request bodies for the tests of api/json/protobuf.hpp and the REST
// API: the bytes real kubectl 1.33.1 sent for its generator commands (recorded
// off the wire against kubesim serve), and a small encoder for hand-built ones.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace protobuf_support {

// ---- recorded: kubectl 1.33.1, Content-Type application/vnd.kubernetes.protobuf

// kubectl create namespace team-a
// kubectl create configmap cm1 --from-literal=a=b
// kubectl create deployment d2 --image=busybox:1.36
// kubectl create service clusterip s1 --tcp=80:8080
// kubectl create secret generic s2 --from-literal=a=b
// kubectl create deployment d3 --image=busybox:1.36 --replicas=3 --port=8080
// kubectl create service nodeport s3 --tcp=80:http
// kubectl create configmap cm2 --from-file=bin.dat (the bytes 00 01 ff fe)
// kubectl debug node/node-3 --image=busybox -- true (volumes, hostPID, hostIPC ... too)
// kubectl create deployment d4 --image=busybox:1.36 --image=nginx:1.27 --replicas=0

constexpr const char* namespace_team_a =
    "6b3873000a0f0a02763112094e616d657370616365121e0a160a067465616d2d6112001a0022002a0032003800420012001a020a"
    "001a002200";
constexpr const char* configmap_cm1 =
    "6b3873000a0f0a0276311209436f6e6669674d6170121d0a130a03636d3112001a0022002a0032003800420012060a0161120162"
    "1a002200";
constexpr const char* deployment_d2 =
    "6b3873000a150a07617070732f7631120a4465706c6f796d656e7412b1010a1d0a02643212001a0022002a003200380042005a09"
    "0a03617070120264321281010801120b0a090a03617070120264321a680a1b0a0012001a0022002a003200380042005a090a0361"
    "7070120264321249122b0a0762757379626f78120c62757379626f783a312e33362a0042006a007200800100880100900100a201"
    "001a00320042004a0052005800600068008201008a01009a0100c2010022020a00280038001a0c0800100018002000280038001a"
    "002200";
constexpr const char* service_s1 =
    "6b3873000a0d0a02763112075365727669636512660a1d0a02733112001a0022002a003200380042005a090a0361707012027331"
    "12410a1b0a0738302d38303830120354435018502207080010903f1a00280012090a03617070120273311a002209436c75737465"
    "7249503a00420052005a00600068001a020a001a002200";
constexpr const char* secret_s2 =
    "6b3873000a0c0a0276311206536563726574121e0a120a02733212001a0022002a0032003800420012060a01611201621a001a00"
    "2200";
constexpr const char* deployment_d3 =
    "6b3873000a150a07617070732f7631120a4465706c6f796d656e7412be010a1d0a02643312001a0022002a003200380042005a09"
    "0a0361707012026433128e010803120b0a090a03617070120264331a750a1b0a0012001a0022002a003200380042005a090a0361"
    "707012026433125612380a0762757379626f78120c62757379626f783a312e33362a00320b0a00100018903f22002a0042006a00"
    "7200800100880100900100a201001a00320042004a0052005800600068008201008a01009a0100c2010022020a00280038001a0c"
    "0800100018002000280038001a002200";
constexpr const char* service_s3 =
    "6b3873000a0d0a02763112075365727669636512680a1d0a02733312001a0022002a003200380042005a090a0361707012027333"
    "12430a1e0a0738302d6874747012035443501850220a080110001a0468747470280012090a03617070120273331a0022084e6f64"
    "65506f72743a00420052005a00600068001a020a001a002200";
constexpr const char* configmap_cm2 =
    "6b3873000a0f0a0276311209436f6e6669674d617012260a130a03636d3212001a0022002a003200380042001a0f0a0762696e2e"
    "64617412040001fffe1a002200";
constexpr const char* debug_pod =
    "6b3873000a090a0276311203506f6412dd010a2a0a1a6e6f64652d64656275676765722d6e6f64652d332d626b787a7212001a00"
    "22002a003200380042001299010a120a09686f73742d726f6f7412050a030a012f124b0a08646562756767657212076275737962"
    "6f781a04747275652a0042004a180a09686f73742d726f6f7410001a052f686f7374220032006a007200800100880100900100a2"
    "010446696c651a054e65766572320042004a0052066e6f64652d335801600168018201008a01009a0100b2010e0a001206457869"
    "7374731a002200c201001a130a001a0022002a0032004a005a0072008801001a002200";
constexpr const char* deployment_d4 =
    "6b3873000a150a07617070732f7631120a4465706c6f796d656e7412db010a1d0a02643412001a0022002a003200380042005a09"
    "0a036170701202643412ab010800120b0a090a03617070120264341a91010a1b0a0012001a0022002a003200380042005a090a03"
    "617070120264341272122b0a0762757379626f78120c62757379626f783a312e33362a0042006a007200800100880100900100a2"
    "010012270a056e67696e78120a6e67696e783a312e32372a0042006a007200800100880100900100a201001a00320042004a0052"
    "005800600068008201008a01009a0100c2010022020a00280038001a0c0800100018002000280038001a002200";

[[nodiscard]] inline std::string from_hex(std::string_view hex) {
    const auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>((nibble(hex[i]) << 4) | nibble(hex[i + 1]));
    return out;
}

// ---- an encoder for hand-built messages

[[nodiscard]] inline std::string varint(std::uint64_t v) {
    std::string out;
    for (; v >= 0x80; v >>= 7) out += static_cast<char>((v & 0x7f) | 0x80);
    out += static_cast<char>(v);
    return out;
}
[[nodiscard]] inline std::string tag(std::uint32_t field, int wire_type) {
    return varint((static_cast<std::uint64_t>(field) << 3) | static_cast<std::uint64_t>(wire_type));
}
// A varint field (int32, int64, bool; a negative int32 as Go writes it, 10 bytes).
[[nodiscard]] inline std::string num(std::uint32_t field, std::int64_t v) {
    return tag(field, 0) + varint(static_cast<std::uint64_t>(v));
}
// A length-delimited field: a string, bytes or an encoded message.
[[nodiscard]] inline std::string bytes(std::uint32_t field, std::string_view v) {
    return tag(field, 2) + varint(v.size()) + std::string(v);
}
// One map entry.
[[nodiscard]] inline std::string entry(std::uint32_t field, std::string_view key, std::string_view value) {
    return bytes(field, bytes(1, key) + bytes(2, value));
}
// The body: "k8s\0", then runtime.Unknown{typeMeta, raw, contentEncoding, contentType}.
[[nodiscard]] inline std::string envelope(std::string_view api_version, std::string_view kind, std::string_view raw) {
    return std::string("k8s\0", 4) + bytes(1, bytes(1, api_version) + bytes(2, kind)) + bytes(2, raw) + bytes(3, "") +
           bytes(4, "");
}

}  // namespace protobuf_support
