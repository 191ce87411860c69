#include <doctest/doctest.h>

#include <fixture.hpp>

#include <kubesim/store/compact.hpp>

#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;
namespace api = kubesim::api;
namespace compact = kubesim::store::compact;
using kubesim::sim::time_point;

namespace {

// An Event with every field set, strings long enough for two-byte lengths and
// numbers of both signs.
api::event full_event() {
    api::event e;
    e.metadata.name = "web-7d4b9-x2x8q.1816687fea5cf200";
    e.metadata.generate_name = "gen-";
    e.metadata.namespace_ = "team-a";
    e.metadata.uid = "0b7f3c1e-5d2a-4c8e-9f10-2a3b4c5d6e7f";
    e.metadata.resource_version = "12345";
    e.metadata.generation = -7;
    e.metadata.creation_timestamp = time_point{} + 5s;
    e.metadata.deletion_timestamp = time_point{} + 1h + 3us;
    e.metadata.deletion_grace_period_seconds = 30;
    e.metadata.labels = {{"app", "web"}, {"tier", ""}};
    e.metadata.annotations = {{"note", std::string(300, 'n')}};
    e.metadata.owner_references.push_back({.api_version = "v1", .kind = "Pod", .name = "web", .uid = "u-1",
                                           .controller = true, .block_owner_deletion = false});
    e.metadata.owner_references.push_back({.api_version = "apps/v1", .kind = "ReplicaSet", .name = "rs", .uid = "u-2",
                                           .controller = std::nullopt, .block_owner_deletion = std::nullopt});
    e.metadata.finalizers = {"a/b", "c"};
    e.metadata.managed_fields.push_back({.manager = "kubelet", .operation = "Update", .api_version = "v1",
                                         .time = time_point{} + 2s, .fields_type = "FieldsV1",
                                         .fields_v1 = R"({"f:count":{}})", .subresource = ""});
    e.involved_object = {.kind = "Pod", .namespace_ = "team-a", .name = "web-7d4b9-x2x8q", .uid = "u-3",
                         .api_version = "v1", .resource_version = "99", .field_path = "spec.containers{web}"};
    e.reason = "BackOff";
    e.message = std::string(200, 'm') + " done";
    e.source = {.component = "kubelet", .host = "node-7"};
    e.first_timestamp = time_point{} + 1s;
    e.last_timestamp = time_point{} + 2s;
    e.count = 41;
    e.type = "Warning";
    e.event_time = time_point{} + 2s + 500us;
    e.series = api::event_series{.count = 3, .last_observed_time = time_point{} + 3s};
    e.action = "Pulling";
    e.related = api::object_reference{.kind = "Node", .namespace_ = "", .name = "node-7", .uid = "u-4",
                                      .api_version = "v1", .resource_version = "", .field_path = ""};
    e.reporting_component = "kubelet";
    e.reporting_instance = "node-7";
    return e;
}

api::event simple_event(const std::string& name, const std::string& about) {
    api::event e;
    e.metadata.name = name;
    e.involved_object = {.kind = "Pod", .namespace_ = "default", .name = about, .uid = "", .api_version = "v1",
                         .resource_version = "", .field_path = ""};
    e.reason = "Started";
    e.message = "Started container web";
    e.type = "Normal";
    e.count = 1;
    e.first_timestamp = e.last_timestamp = time_point{};
    e.source.component = "kubelet";
    return e;
}

}  // namespace

TEST_SUITE("store/compact") {
    TEST_CASE("an Event survives encoding field for field, and its key is read in place") {
        const auto e = full_event();
        const std::string bytes = compact::encode(e);
        const auto back = compact::decode<api::event>(bytes);
        CHECK(*back == e);
        CHECK(back->metadata.annotations.at("note").size() == 300);
        CHECK(back->metadata.owner_references.size() == 2);
        CHECK(back->metadata.managed_fields.size() == 1);
        CHECK_FALSE(back->metadata.owner_references[1].controller.has_value());
        CHECK(*back->metadata.owner_references[0].block_owner_deletion == false);
        const auto key = compact::key_of(bytes);
        CHECK(key.namespace_ == "team-a");
        CHECK(key.name == "web-7d4b9-x2x8q.1816687fea5cf200");

        const api::event empty;
        CHECK(*compact::decode<api::event>(compact::encode(empty)) == empty);
        // Smaller than the struct alone, before its strings.
        CHECK(compact::encode(simple_event("web.1", "web")).size() < sizeof(api::event) / 4);
    }

    TEST_CASE("strings: words, earlier strings, shared starts and UUIDs are referred to, and come back equal") {
        // What the kubelet records: the object's name, namespace and source
        // repeat, two UUIDs, a message starting like many others.
        api::event e;
        e.metadata.namespace_ = "default";
        e.metadata.name = "web-7d4b9c8f5-x2x8q.1816687fea5cf200";
        e.metadata.uid = "0b7f3c1e-5d2a-4c8e-9f10-2a3b4c5d6e7f";
        e.metadata.resource_version = "123456";
        e.involved_object = {.kind = "Pod", .namespace_ = "default", .name = "web-7d4b9c8f5-x2x8q",
                             .uid = "a8b8bdc7-6dd3-4860-be2e-b8a08a55b1fc", .api_version = "v1",
                             .resource_version = "123400", .field_path = "spec.containers{web}"};
        e.reason = "Created";
        e.message = "Created container: web";
        e.source = {.component = "kubelet", .host = "node-1234"};
        e.reporting_component = "kubelet";
        e.reporting_instance = "node-1234";
        e.type = "Normal";
        e.count = 1;
        e.first_timestamp = e.last_timestamp = e.metadata.creation_timestamp = time_point{} + 1h;
        const std::string bytes = compact::encode(e);
        CHECK(*compact::decode<api::event>(bytes) == e);
        std::size_t plain = 0;
        for (const auto* str : {&e.metadata.namespace_, &e.metadata.name, &e.metadata.uid, &e.metadata.resource_version,
                                &e.involved_object.name, &e.involved_object.uid, &e.involved_object.namespace_,
                                &e.involved_object.resource_version, &e.involved_object.field_path, &e.reason,
                                &e.message, &e.source.component, &e.source.host, &e.reporting_component,
                                &e.reporting_instance, &e.type})
            plain += str->size() + 1;
        CHECK(bytes.size() * 3 < plain * 2);  // under two thirds of its strings written plainly
        const auto key = compact::key_of(bytes);
        CHECK(key.namespace_ == "default");
        CHECK(key.name == e.metadata.name);

        // Near misses stay plain and exact.
        api::event odd;
        odd.metadata.name = "n";  // cluster-scoped: an empty namespace
        odd.metadata.uid = "0B7F3C1E-5D2A-4C8E-9F10-2A3B4C5D6E7F";  // not lowercase
        odd.metadata.generate_name = "0b7f3c1e-5d2a-4c8e-9f10-2a3b4c5d6e7";  // 35 characters
        odd.involved_object = {.kind = "Po", .namespace_ = "", .name = "n", .uid = "0b7f3c1e+5d2a-4c8e-9f10-2a3b4c5d6e7f",
                               .api_version = "v", .resource_version = "Pods", .field_path = "spec.containers"};
        odd.reason = "Normal";      // a word in another field
        odd.message = "Normally";   // starts like a word, and longer
        odd.type = "Norm";          // a word's start
        odd.action = "0B7F3C1E-5D2A-4C8E-9F10-2A3B4C5D6E7F";  // equal to an earlier plain string
        odd.reporting_instance = "0B7F3C1E";  // its start
        odd.metadata.labels = {{"spec.containers{", "spec.containers{x}"}, {"", ""}};
        const auto back = compact::decode<api::event>(compact::encode(odd));
        CHECK(*back == odd);
        CHECK(compact::key_of(compact::encode(odd)).namespace_.empty());
        CHECK(compact::key_of(compact::encode(odd)).name == "n");
    }

    TEST_CASE("stored Events are kept encoded: a read decodes them, a second read of unchanged bytes reuses it") {
        fixture::apiserver s;
        auto events = s.client<api::event>();
        auto created = events.create(simple_event("web.1", "web")).value();
        auto a = events.get_shared("web.1").value();
        auto b = events.get_shared("web.1").value();
        CHECK(*a == created);
        CHECK(a == b);  // the bytes did not change: the decoded snapshot is kept
        CHECK(a->metadata.uid.size() == 36);
        CHECK(a->metadata.creation_timestamp == time_point{});
        // An update of the same length (count 1 -> 2) is read as the new object.
        auto next = *a;
        next.count = 2;
        events.update(next).value();
        auto c = events.get_shared("web.1").value();
        CHECK(c != a);
        CHECK(c->count == 2);
        CHECK(a->count == 1);  // an earlier snapshot never changes
        events.remove("web.1").value();
        auto again = simple_event("web.1", "web");
        again.message = "recreated";
        events.create(again).value();
        CHECK(events.get_shared("web.1").value()->message == "recreated");

        // Pods keep their snapshot: the same object twice.
        s.client<api::pod>().create(fixture::pod("web")).value();
        CHECK(s.client<api::pod>().get_shared("web").value() == s.client<api::pod>().get_shared("web").value());
    }

    TEST_CASE("encoded Events: update with optimistic concurrency, selectors, delete and watch") {
        fixture::apiserver s;
        auto events = s.client<api::event>();
        std::vector<std::string> seen;
        auto w = events.watch({}, [&](const auto& ev) {
            seen.push_back(ev.type + " " + ev.object.metadata.name + " " + std::to_string(ev.object.count));
        });
        auto e1 = simple_event("web.1", "web");
        e1.metadata.labels = {{"app", "web"}};
        auto stored = events.create(e1).value();
        events.create(simple_event("db.1", "db")).value();

        auto next = stored;
        next.count = 2;
        auto updated = events.update(next).value();
        CHECK(updated.count == 2);
        CHECK(std::stoull(updated.metadata.resource_version) > std::stoull(stored.metadata.resource_version));
        auto stale = events.update(next);  // the resourceVersion it was read at is gone
        REQUIRE_FALSE(stale);
        CHECK(stale.error().code == 409);
        CHECK(events.get("web.1").value().count == 2);

        auto by_field = events.list({.field_selector = "involvedObject.name=db"}).value();
        REQUIRE(by_field.items.size() == 1);
        CHECK(by_field.items[0].metadata.name == "db.1");
        auto by_label = events.list({.label_selector = "app=web"}).value();
        REQUIRE(by_label.items.size() == 1);
        CHECK(by_label.items[0].count == 2);
        CHECK(events.list().value().items.size() == 2);

        CHECK(events.remove("web.1"));
        auto gone = events.get("web.1");
        REQUIRE_FALSE(gone);
        CHECK(gone.error().message == "events \"web.1\" not found");
        CHECK(events.list({.label_selector = "app=web"}).value().items.empty());

        s.drain();
        CHECK(seen == std::vector<std::string>{"ADDED web.1 1", "ADDED db.1 1", "MODIFIED web.1 2", "DELETED web.1 2"});

        // A new watch from the beginning lists what is stored, decoded.
        std::vector<std::string> listed;
        auto w2 = events.watch({}, [&](const auto& ev) { listed.push_back(ev.type + " " + ev.object.metadata.name); });
        s.drain();
        CHECK(listed == std::vector<std::string>{"ADDED db.1"});
    }
}
