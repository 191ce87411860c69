// Pure kubelet helpers: $(VAR) expansion (cases follow upstream
// third_party/forked/golang/expansion/expand_test.go), service link variables
// (envvars_test.go), downward-API field paths, makeEnvironmentVariables, image
// references (distribution/reference) and the sh -c parser.
#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/api/core/config_map.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/core/secret.hpp>
#include <kubesim/api/core/service.hpp>
#include <kubesim/kubelet/env.hpp>
#include <kubesim/kubelet/expansion.hpp>
#include <kubesim/kubelet/image_ref.hpp>
#include <kubesim/kubelet/shell.hpp>

namespace {

namespace kubelet = kubesim::kubelet;
namespace api = kubesim::api;
using env_list = kubelet::env_list;

kubelet::expansion_lookup map_lookup(std::map<std::string, std::string> m) {
    return [m = std::move(m)](std::string_view name) -> std::optional<std::string> {
        auto it = m.find(std::string(name));
        if (it == m.end()) return std::nullopt;
        return it->second;
    };
}

api::service make_service(std::string ns, std::string name, std::string ip, std::vector<api::service_port> ports) {
    api::service s;
    s.metadata.namespace_ = std::move(ns);
    s.metadata.name = std::move(name);
    s.spec.cluster_ip = std::move(ip);
    s.spec.ports = std::move(ports);
    return s;
}

api::service_port port(std::string name, std::int32_t p, std::string protocol = "") {
    api::service_port sp;
    sp.name = std::move(name);
    sp.port = p;
    sp.protocol = std::move(protocol);
    return sp;
}

api::env_var value_env(std::string name, std::string value) {
    api::env_var e;
    e.name = std::move(name);
    e.value = std::move(value);
    return e;
}

api::env_var from_env(std::string name, api::env_var_source src) {
    api::env_var e;
    e.name = std::move(name);
    e.value_from = std::move(src);
    return e;
}

}  // namespace

TEST_SUITE("kubelet/helpers") {

TEST_CASE("expand follows upstream Expand and MappingFuncFor") {
    const auto lookup = map_lookup({{"VAR_A", "A"}, {"VAR_B", "B"}, {"VAR_C", "C"}, {"VAR_REF", "$(VAR_A)"},
                                    {"VAR_EMPTY", ""}, {"", "EMPTY_NAME"}});
    struct row {
        std::string_view input, want;
    };
    const row rows[] = {
        {"$(VAR_A)", "A"},
        {"___$(VAR_B)___", "___B___"},
        {"$(VAR_A)-$(VAR_A)", "A-A"},
        {"f000-$$VAR_A", "f000-$VAR_A"},
        {"foo\\$(VAR_C)bar", "foo\\Cbar"},
        {"foo\\\\$(VAR_C)bar", "foo\\\\Cbar"},
        {"$(VAR_A)$(VAR_B)$(VAR_C)", "ABC"},
        {"$(VAR_REF)", "$(VAR_A)"},  // not recursive
        {"foo$(VAR_EMPTY)bar", "foobar"},
        {"$(VAR_DNE)", "$(VAR_DNE)"},
        {"$$$$$$(BIG_MONEY)", "$$$(BIG_MONEY)"},
        {"$$$$$$(VAR_A)", "$$$(VAR_A)"},
        {"$$$$$$$(VAR_A)", "$$$A"},
        {"$(VAR_A", "$(VAR_A"},
        {"$VAR_A", "$VAR_A"},
        {"${VAR_A}", "${VAR_A}"},
        {"$", "$"},
        {"foo$", "foo$"},
        {"$$", "$"},
        {"$()", "EMPTY_NAME"},
        {"$(VAR_A)$(", "A$("},
        {"x$(VAR_A)-$(B)-$$(VAR_A)-$(VAR_A", "xA-$(B)-$(VAR_A)-$(VAR_A"},
        {"", ""},
        {"no refs", "no refs"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.input);
        CHECK(kubelet::expand(r.input, lookup) == r.want);
    }
    CHECK(kubelet::expand("$(X)", {}) == "$(X)");
    CHECK(kubelet::expand_args({"echo", "$(VAR_A)", "$(NOPE)"}, lookup) ==
          std::vector<std::string>{"echo", "A", "$(NOPE)"});
}

TEST_CASE("service_link_env matches FromServices") {
    const auto foo = make_service("default", "foo-bar", "1.2.3.4", {port("", 8080, "TCP")});
    const auto abc = make_service("default", "abc-123", "5.6.7.8",
                                  {port("u-d-p", 8081, "UDP"), port("t-c-p", 8081, "TCP")});
    const auto q = make_service("default", "q-u-u-x", "9.8.7.6", {port("", 8082, ""), port("8083", 8083, "")});
    const auto sctp = make_service("default", "svrc-sctp", "9.8.7.6", {port("", 9000, "SCTP")});
    const auto headless = make_service("default", "svrc-clusterip-none", "None", {port("", 8082, "")});
    const auto external = make_service("default", "svrc-clusterip-empty", "", {port("", 8082, "")});
    const auto digit = make_service("default", "1svc.x", "10.0.0.1", {port("", 80, "")});
    const env_list got = kubelet::service_link_env({&foo, &abc, &q, &sctp, &headless, &external, &digit});
    const env_list want = {
        {"FOO_BAR_SERVICE_HOST", "1.2.3.4"},
        {"FOO_BAR_SERVICE_PORT", "8080"},
        {"FOO_BAR_PORT", "tcp://1.2.3.4:8080"},
        {"FOO_BAR_PORT_8080_TCP", "tcp://1.2.3.4:8080"},
        {"FOO_BAR_PORT_8080_TCP_PROTO", "tcp"},
        {"FOO_BAR_PORT_8080_TCP_PORT", "8080"},
        {"FOO_BAR_PORT_8080_TCP_ADDR", "1.2.3.4"},
        {"ABC_123_SERVICE_HOST", "5.6.7.8"},
        {"ABC_123_SERVICE_PORT", "8081"},
        {"ABC_123_SERVICE_PORT_U_D_P", "8081"},
        {"ABC_123_SERVICE_PORT_T_C_P", "8081"},
        {"ABC_123_PORT", "udp://5.6.7.8:8081"},
        {"ABC_123_PORT_8081_UDP", "udp://5.6.7.8:8081"},
        {"ABC_123_PORT_8081_UDP_PROTO", "udp"},
        {"ABC_123_PORT_8081_UDP_PORT", "8081"},
        {"ABC_123_PORT_8081_UDP_ADDR", "5.6.7.8"},
        {"ABC_123_PORT_8081_TCP", "tcp://5.6.7.8:8081"},
        {"ABC_123_PORT_8081_TCP_PROTO", "tcp"},
        {"ABC_123_PORT_8081_TCP_PORT", "8081"},
        {"ABC_123_PORT_8081_TCP_ADDR", "5.6.7.8"},
        {"Q_U_U_X_SERVICE_HOST", "9.8.7.6"},
        {"Q_U_U_X_SERVICE_PORT", "8082"},
        {"Q_U_U_X_SERVICE_PORT__8083", "8083"},  // makeEnvVariableName: leading digit
        {"Q_U_U_X_PORT", "tcp://9.8.7.6:8082"},
        {"Q_U_U_X_PORT_8082_TCP", "tcp://9.8.7.6:8082"},
        {"Q_U_U_X_PORT_8082_TCP_PROTO", "tcp"},
        {"Q_U_U_X_PORT_8082_TCP_PORT", "8082"},
        {"Q_U_U_X_PORT_8082_TCP_ADDR", "9.8.7.6"},
        {"Q_U_U_X_PORT_8083_TCP", "tcp://9.8.7.6:8083"},
        {"Q_U_U_X_PORT_8083_TCP_PROTO", "tcp"},
        {"Q_U_U_X_PORT_8083_TCP_PORT", "8083"},
        {"Q_U_U_X_PORT_8083_TCP_ADDR", "9.8.7.6"},
        {"SVRC_SCTP_SERVICE_HOST", "9.8.7.6"},
        {"SVRC_SCTP_SERVICE_PORT", "9000"},
        {"SVRC_SCTP_PORT", "sctp://9.8.7.6:9000"},
        {"SVRC_SCTP_PORT_9000_SCTP", "sctp://9.8.7.6:9000"},
        {"SVRC_SCTP_PORT_9000_SCTP_PROTO", "sctp"},
        {"SVRC_SCTP_PORT_9000_SCTP_PORT", "9000"},
        {"SVRC_SCTP_PORT_9000_SCTP_ADDR", "9.8.7.6"},
        {"_1SVC_X_SERVICE_HOST", "10.0.0.1"},
        {"_1SVC_X_SERVICE_PORT", "80"},
        {"_1SVC_X_PORT", "tcp://10.0.0.1:80"},
        {"_1SVC_X_PORT_80_TCP", "tcp://10.0.0.1:80"},
        {"_1SVC_X_PORT_80_TCP_PROTO", "tcp"},
        {"_1SVC_X_PORT_80_TCP_PORT", "80"},
        {"_1SVC_X_PORT_80_TCP_ADDR", "10.0.0.1"},
    };
    CHECK(got == want);
}

TEST_CASE("extract_field_path: downward API fields and upstream errors") {
    api::pod pod;
    pod.metadata.name = "web-1";
    pod.metadata.namespace_ = "team";
    pod.metadata.uid = "uid-1";
    pod.metadata.labels = {{"app", "web"}, {"tier", "front \"end\""}};
    pod.metadata.annotations = {{"b", "x\ny"}, {"a.io/k", "v"}};
    pod.spec.node_name = "node-2";
    pod.spec.service_account_name = "default";
    pod.status.pod_ip = "10.244.1.5";
    pod.status.pod_ips = {{"10.244.1.5"}, {"fd00::5"}};
    pod.status.host_ip = "172.18.0.3";
    pod.status.host_ips = {{"172.18.0.3"}};

    struct row {
        std::string_view path, want;
    };
    const row ok[] = {
        {"metadata.name", "web-1"},
        {"metadata.namespace", "team"},
        {"metadata.uid", "uid-1"},
        {"metadata.labels", "app=\"web\"\ntier=\"front \\\"end\\\"\""},
        {"metadata.annotations", "a.io/k=\"v\"\nb=\"x\\ny\""},
        {"metadata.labels['app']", "web"},
        {"metadata.labels['missing']", ""},
        {"metadata.annotations['a.io/k']", "v"},
        {"spec.nodeName", "node-2"},
        {"spec.host", "node-2"},
        {"spec.serviceAccountName", "default"},
        {"status.podIP", "10.244.1.5"},
        {"status.podIPs", "10.244.1.5,fd00::5"},
        {"status.hostIP", "172.18.0.3"},
        {"status.hostIPs", "172.18.0.3"},
    };
    for (const auto& r : ok) {
        CAPTURE(r.path);
        std::string err;
        const auto got = kubelet::extract_field_path(pod, r.path, err);
        REQUIRE(got.has_value());
        CHECK(*got == r.want);
        CHECK(err.empty());
    }
    const row bad[] = {
        {"metadata.generateName", "field label not supported: metadata.generateName"},
        {"spec.restartPolicy", "unsupported fieldPath: spec.restartPolicy"},
        {"metadata.name['x']", "field label does not support subscript: metadata.name['x']"},
        {"metadata.labels['-bad-']",
         "invalid key subscript in metadata.labels['-bad-']: name part must consist of alphanumeric characters, "
         "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or "
         "'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"},
    };
    for (const auto& r : bad) {
        CAPTURE(r.path);
        std::string err;
        CHECK_FALSE(kubelet::extract_field_path(pod, r.path, err).has_value());
        CHECK(err == r.want);
    }
    CHECK(kubelet::format_map({}) == "");
    CHECK(kubelet::format_map({{"k", std::string("\x01\t\\\xff", 4)}}) == "k=\"\\x01\\t\\\\\\xff\"");
    CHECK(kubelet::format_map({{"k", "caf\xc3\xa9"}}) == "k=\"caf\xc3\xa9\"");
}

TEST_CASE("make_environment_variables follows makeEnvironmentVariables") {
    api::pod pod;
    pod.metadata.name = "p";
    pod.metadata.namespace_ = "ns";
    pod.status.pod_ip = "10.0.0.9";

    api::config_map cm;
    cm.metadata.name = "cfg";
    cm.data = {{"MODE", "prod"}, {"1BAD", "x"}, {"LEVEL", "3"}, {"bad key", "y"}};
    api::secret sec;
    sec.metadata.name = "creds";
    sec.data = {{"PASSWORD", "hunter2"}, {"USER", "admin"}};

    const auto kube = make_service("default", "kubernetes", "10.96.0.1", {port("https", 443, "TCP")});
    const auto same_ns = make_service("ns", "db", "10.96.0.20", {port("", 5432, "")});
    const auto other_ns = make_service("other", "cache", "10.96.0.30", {port("", 6379, "")});
    const auto headless = make_service("ns", "hl", "None", {port("", 1, "")});

    std::vector<std::pair<std::string, std::string>> events;
    kubelet::env_sources src;
    src.pod = &pod;
    src.config_map = [&](std::string_view n) -> const api::config_map* { return n == "cfg" ? &cm : nullptr; };
    src.secret = [&](std::string_view n) -> const api::secret* { return n == "creds" ? &sec : nullptr; };
    src.services = {&kube, &same_ns, &other_ns, &headless};
    src.event = [&](std::string_view reason, const std::string& message) {
        events.emplace_back(std::string(reason), message);
    };

    SUBCASE("order, overrides, expansion and sources") {
        api::container c;
        api::env_from_source f1;
        f1.config_map_ref = api::env_source_ref{"cfg", std::nullopt};
        api::env_from_source f2;
        f2.prefix = "S_";
        f2.secret_ref = api::env_source_ref{"creds", std::nullopt};
        api::env_from_source f3;
        f3.config_map_ref = api::env_source_ref{"gone", true};
        c.env_from = {f1, f2, f3};
        api::env_var_source field;
        field.field_ref = api::object_field_selector{"v1", "status.podIP"};
        api::env_var_source key;
        key.config_map_key_ref = api::key_selector{"cfg", "LEVEL", std::nullopt};
        api::env_var_source opt_missing_key;
        opt_missing_key.secret_key_ref = api::key_selector{"creds", "NOPE", true};
        c.env = {
            value_env("URL", "http://$(DB_SERVICE_HOST):$(DB_SERVICE_PORT)/$(MODE)/$(LATER)"),
            value_env("MODE", "dev"),          // overrides envFrom
            value_env("COPY", "$(MODE)-$$"),    // sees the override
            from_env("IP", field),
            from_env("LVL", key),
            from_env("OPT", opt_missing_key),  // skipped: optional and missing
            value_env("LATER", "x"),
            value_env("DB_SERVICE_PORT", "override"),
        };
        const auto got = kubelet::make_environment_variables(c, src);
        REQUIRE(got.has_value());
        const env_list want = {
            {"COPY", "dev-$"},
            {"DB_SERVICE_PORT", "override"},
            {"IP", "10.0.0.9"},
            {"LATER", "x"},
            {"LEVEL", "3"},
            {"LVL", "3"},
            {"MODE", "dev"},
            {"S_PASSWORD", "hunter2"},
            {"S_USER", "admin"},
            {"URL", "http://10.96.0.20:5432/prod/$(LATER)"},
            {"DB_PORT", "tcp://10.96.0.20:5432"},
            {"DB_PORT_5432_TCP", "tcp://10.96.0.20:5432"},
            {"DB_PORT_5432_TCP_ADDR", "10.96.0.20"},
            {"DB_PORT_5432_TCP_PORT", "5432"},
            {"DB_PORT_5432_TCP_PROTO", "tcp"},
            {"DB_SERVICE_HOST", "10.96.0.20"},
            {"KUBERNETES_PORT", "tcp://10.96.0.1:443"},
            {"KUBERNETES_PORT_443_TCP", "tcp://10.96.0.1:443"},
            {"KUBERNETES_PORT_443_TCP_ADDR", "10.96.0.1"},
            {"KUBERNETES_PORT_443_TCP_PORT", "443"},
            {"KUBERNETES_PORT_443_TCP_PROTO", "tcp"},
            {"KUBERNETES_SERVICE_HOST", "10.96.0.1"},
            {"KUBERNETES_SERVICE_PORT", "443"},
            {"KUBERNETES_SERVICE_PORT_HTTPS", "443"},
        };
        CHECK(*got == want);
        REQUIRE(events.size() == 1);
        CHECK(events[0].first == "InvalidEnvironmentVariableNames");
        CHECK(events[0].second ==
              "Keys [1BAD, bad key] from the EnvFrom configMap ns/cfg were skipped since they are considered "
              "invalid environment variable names.");
    }

    SUBCASE("enableServiceLinks false keeps only the master service") {
        pod.spec.enable_service_links = false;
        const auto got = kubelet::make_environment_variables(api::container{}, src);
        REQUIRE(got.has_value());
        REQUIRE(got->size() == 8);
        CHECK(got->front().first == "KUBERNETES_PORT");
        CHECK(got->back() == std::pair<std::string, std::string>{"KUBERNETES_SERVICE_PORT_HTTPS", "443"});
    }

    SUBCASE("required sources missing") {
        struct row {
            api::env_var var;
            std::string_view message;
        };
        api::env_var_source no_cm;
        no_cm.config_map_key_ref = api::key_selector{"nope", "k", std::nullopt};
        api::env_var_source no_key;
        no_key.config_map_key_ref = api::key_selector{"cfg", "k", false};
        api::env_var_source no_secret;
        no_secret.secret_key_ref = api::key_selector{"nope", "k", std::nullopt};
        api::env_var_source no_secret_key;
        no_secret_key.secret_key_ref = api::key_selector{"creds", "k", std::nullopt};
        api::env_var_source bad_field;
        bad_field.field_ref = api::object_field_selector{"v1", "spec.nope"};
        const row rows[] = {
            {from_env("A", no_cm), "configmap \"nope\" not found"},
            {from_env("A", no_key), "couldn't find key k in ConfigMap ns/cfg"},
            {from_env("A", no_secret), "secret \"nope\" not found"},
            {from_env("A", no_secret_key), "couldn't find key k in Secret ns/creds"},
            {from_env("A", bad_field), "field label not supported: spec.nope"},
        };
        for (const auto& r : rows) {
            CAPTURE(r.message);
            api::container c;
            c.env = {r.var};
            const auto got = kubelet::make_environment_variables(c, src);
            REQUIRE_FALSE(got.has_value());
            CHECK(got.error().reason == "CreateContainerConfigError");
            CHECK(got.error().message == r.message);
        }
        api::container c;
        api::env_from_source f;
        f.secret_ref = api::env_source_ref{"nope", false};
        c.env_from = {f};
        const auto got = kubelet::make_environment_variables(c, src);
        REQUIRE_FALSE(got.has_value());
        CHECK(got.error().message == "secret \"nope\" not found");
        CHECK(got.error().status_ == "Failure");
    }
}

TEST_CASE("parse_image_ref: the distribution/reference grammar") {
    struct row {
        std::string_view input, domain, path, tag, digest;
    };
    const std::string hex64(64, 'a');
    const std::string digest = "sha256:" + hex64;
    const std::string with_digest = "busybox@" + digest;
    const std::string full = "registry.example.com:5000/team/app:v1.2@" + digest;
    const row ok[] = {
        {"busybox", "", "busybox", "", ""},
        {"busybox:1.36", "", "busybox", "1.36", ""},
        {"library/busybox:latest", "", "library/busybox", "latest", ""},
        {"docker.io/library/nginx", "docker.io", "library/nginx", "", ""},
        {"index.docker.io/nginx:1", "index.docker.io", "nginx", "1", ""},
        {"localhost/app", "localhost", "app", "", ""},
        {"localhost:5000/app:dev", "localhost:5000", "app", "dev", ""},
        {"[::1]:5000/app", "[::1]:5000", "app", "", ""},
        {"Registry.Example/app", "Registry.Example", "app", "", ""},
        {"my-image:1.0", "", "my-image", "1.0", ""},
        {"a__b/c.d/e---f:_x-Y.9", "", "a__b/c.d/e---f", "_x-Y.9", ""},
        {with_digest, "", "busybox", "", digest},
        {full, "registry.example.com:5000", "team/app", "v1.2", digest},
    };
    for (const auto& r : ok) {
        CAPTURE(r.input);
        std::string err;
        const auto got = kubelet::parse_image_ref(r.input, err);
        REQUIRE(got.has_value());
        CHECK(got->domain == r.domain);
        CHECK(got->path == r.path);
        CHECK(got->tag == r.tag);
        CHECK(got->digest == r.digest);
    }
    struct bad_row {
        std::string input;
        std::string error;
    };
    const bad_row bad[] = {
        {"", "invalid reference format"},
        {"Busybox", "invalid reference format: repository name (library/Busybox) must be lowercase"},
        {"team/App:1", "invalid reference format: repository name (team/App) must be lowercase"},
        {"busybox:", "invalid reference format"},
        {"busybox:-x", "invalid reference format"},
        {"busybox:" + std::string(129, 'a'), "invalid reference format"},
        {"busy box", "invalid reference format"},
        {"a/-b", "invalid reference format"},
        {"a/b_", "invalid reference format"},
        {"a//b", "invalid reference format"},
        {"a___b", "invalid reference format"},
        {"-host.com/app", "invalid reference format"},
        {"host.com:x/app", "invalid reference format"},
        {"http://host/app", "invalid reference format"},
        {"busybox@sha256:abc", "invalid reference format"},
        {hex64, "invalid repository name (" + hex64 + "), cannot specify 64-byte hexadecimal strings"},
        {"busybox@md5:" + std::string(32, 'a'), "unsupported digest algorithm"},
        {"busybox@sha256:" + std::string(40, 'a'), "invalid checksum digest length"},
        {std::string(250, 'a'), "repository name must not be more than 255 characters"},
    };
    for (const auto& r : bad) {
        CAPTURE(r.input);
        std::string err;
        CHECK_FALSE(kubelet::parse_image_ref(r.input, err).has_value());
        CHECK(err == r.error);
    }
    std::string err;
    CHECK(kubelet::normalized_name(*kubelet::parse_image_ref("busybox:1", err)) == "docker.io/library/busybox");
    CHECK(kubelet::normalized_name(*kubelet::parse_image_ref("index.docker.io/x", err)) == "docker.io/library/x");
    CHECK(kubelet::normalized_name(*kubelet::parse_image_ref("team/app", err)) == "docker.io/team/app");
    CHECK(kubelet::normalized_name(*kubelet::parse_image_ref("localhost:5000/app", err)) == "localhost:5000/app");

    CHECK(kubelet::apply_default_image_tag("busybox", err) == std::optional<std::string>("busybox:latest"));
    CHECK(kubelet::apply_default_image_tag("busybox:1", err) == std::optional<std::string>("busybox:1"));
    CHECK(kubelet::apply_default_image_tag(with_digest, err) == std::optional<std::string>(with_digest));
    CHECK_FALSE(kubelet::apply_default_image_tag("bad image", err).has_value());
    CHECK(err ==
          "Failed to apply default image tag \"bad image\": couldn't parse image name \"bad image\": invalid "
          "reference format");
    CHECK_FALSE(kubelet::apply_default_image_tag("Nginx", err).has_value());
    CHECK(err ==
          "Failed to apply default image tag \"Nginx\": couldn't parse image name \"Nginx\": invalid "
          "reference format: repository name (library/Nginx) must be lowercase");
}

TEST_CASE("parse_shell: sh -c command lines") {
    using steps = std::vector<kubelet::pipeline_step>;
    auto step = [](std::vector<std::string> argv, std::string op) {
        return kubelet::pipeline_step{kubelet::command{std::move(argv)}, std::move(op)};
    };
    const auto lookup = map_lookup({{"NAME", "world"}, {"EMPTY", ""}, {"SP", "a b"}});
    struct row {
        std::string_view script;
        steps want;
    };
    const row rows[] = {
        {"", {}},
        {"   # only a comment", {}},
        {"echo hello", {step({"echo", "hello"}, "")}},
        {"  echo   a\tb  ", {step({"echo", "a", "b"}, "")}},
        {"echo 'a  $NAME \\ \"x\"'", {step({"echo", "a  $NAME \\ \"x\""}, "")}},
        {"echo \"hi $NAME ${NAME}! \\\" \\\\ \\$NAME \\n\"", {step({"echo", "hi world world! \" \\ $NAME \\n"}, "")}},
        {"echo a\\ b \\$x \\'", {step({"echo", "a b", "$x", "'"}, "")}},
        {"echo \"\" ''", {step({"echo", "", ""}, "")}},
        {"echo $EMPTY x $UNSET", {step({"echo", "x"}, "")}},
        {"echo \"$SP\" $SP", {step({"echo", "a b", "a b"}, "")}},
        {"echo $ a$ $1", {step({"echo", "$", "a$", "$1"}, "")}},
        {"echo pre${NAME}post", {step({"echo", "preworldpost"}, "")}},
        {"echo a#b # comment", {step({"echo", "a#b"}, "")}},
        {"test -f /x && echo yes || echo no; echo done",
         {step({"test", "-f", "/x"}, ""), step({"echo", "yes"}, "&&"), step({"echo", "no"}, "||"),
          step({"echo", "done"}, ";")}},
        {"true&&false||true;", {step({"true"}, ""), step({"false"}, "&&"), step({"true"}, "||")}},
        {"echo a\n\necho b\n", {step({"echo", "a"}, ""), step({"echo", "b"}, ";")}},
        {"true &&\n  echo c", {step({"true"}, ""), step({"echo", "c"}, "&&")}},
        {"echo long \\\nline", {step({"echo", "long", "line"}, "")}},
    };
    for (const auto& r : rows) {
        CAPTURE(r.script);
        std::string err;
        const auto got = kubelet::parse_shell(r.script, err, lookup);
        REQUIRE(got.has_value());
        CHECK(*got == r.want);
        CHECK(err.empty());
    }
    struct bad_row {
        std::string_view script, error;
    };
    const bad_row bad[] = {
        {"echo 'abc", "Syntax error: Unterminated quoted string"},
        {"echo \"abc", "Syntax error: Unterminated quoted string"},
        {"&& echo", "Syntax error: \"&&\" unexpected"},
        {"echo a ; ; echo b", "Syntax error: \";\" unexpected"},
        {"echo a;; echo b", "Syntax error: \";;\" unexpected"},
        {"echo a ||", "Syntax error: end of file unexpected"},
        {"echo ${NAME", "Syntax error: Missing '}'"},
        {"cat x | grep y", "kubesim: pipes (|) are not supported"},
        {"sleep 1 &", "kubesim: background jobs (&) are not supported"},
        {"echo hi > /tmp/f", "kubesim: redirections (<, >) are not supported"},
    };
    for (const auto& r : bad) {
        CAPTURE(r.script);
        std::string err;
        CHECK_FALSE(kubelet::parse_shell(r.script, err, lookup).has_value());
        CHECK(err == r.error);
    }
    CHECK(kubelet::should_run("", 1));
    CHECK(kubelet::should_run(";", 1));
    CHECK(kubelet::should_run("&&", 0));
    CHECK_FALSE(kubelet::should_run("&&", 2));
    CHECK(kubelet::should_run("||", 2));
    CHECK_FALSE(kubelet::should_run("||", 0));
}

}  // TEST_SUITE
