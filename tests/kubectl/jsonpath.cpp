// kubectl's -o jsonpath and -o go-template against outputs recorded from the real
// kubectl 1.33, offline: `kubectl annotate --local -f widget.json foo=bar -o ...`
// (an unstructured object: integral numbers int64, 1.5e7 a float64),
// `kubectl create deployment d --image=nginx --replicas=3 --dry-run=client -o ...`
// and `kubectl create configmap x --from-literal=a=1 --from-literal=b=two
// --dry-run=client -o ...`, each fed here as the JSON that command prints with -o json.
// Error cases record kubectl's message without its "error executing ..." wrapping.
#include <doctest/doctest.h>

#include <kubesim/kubectl/detail/jsonpath.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

using kubesim::kubectl::detail::execute_go_template;
using kubesim::kubectl::detail::go_json_marshal;
using kubesim::kubectl::detail::go_sprint;
using kubesim::kubectl::detail::go_template_error;
using kubesim::kubectl::detail::jsonpath;
using kubesim::kubectl::detail::jsonpath_error;
using nlohmann::json;

namespace {

// widget.json as kubectl annotate --local read it, with the annotation it added.
const json widget = json::parse(R"g({"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w1", "namespace": "default", "labels": {"app": "web", "tier": "front"}, "annotations": {"foo": "bar"}}, "spec": {"replicas": 3, "ratio": 0.5, "big": 100000000, "bigf": 15000000.0, "neg": -2, "enabled": true, "off": false, "nothing": null, "html": "<a&b>", "items": [{"name": "a", "port": 80, "ready": "True", "tags": ["x", "y"]}, {"name": "b", "port": 443, "ready": "False"}, {"name": "c", "port": 8080, "ready": "True", "extra": {"k": "v"}}]}})g");

const json deployment = json::parse(R"g({"kind": "Deployment", "apiVersion": "apps/v1", "metadata": {"name": "d", "creationTimestamp": null, "labels": {"app": "d"}}, "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "d"}}, "template": {"metadata": {"creationTimestamp": null, "labels": {"app": "d"}}, "spec": {"containers": [{"name": "nginx", "image": "nginx", "resources": {}}]}}, "strategy": {}}, "status": {}})g");

const json configmap = json::parse(R"g({"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "x", "creationTimestamp": null}, "data": {"a": "1", "b": "two"}})g");

enum class lang { jsonpath, go_template };

struct golden {
    const json* data;
    lang l;
    std::string_view text;
    bool allow_missing_keys;
    bool error;              // expect names kubectl's error message rather than its output
    std::string_view expect;
};

const golden goldens[] = {
    {&configmap, lang::jsonpath, R"g({.data})g", true, false,
     R"g({"a":"1","b":"two"})g"},
    {&configmap, lang::jsonpath, R"g({.data.a}{" "}{.data.b}{"\n"})g", true, false,
     R"g(1 two
)g"},
    {&configmap, lang::go_template, R"g({{range $k, $v := .data}}{{$k}}={{$v}} {{end}})g", true, false,
     R"g(a=1 b=two )g"},
    {&configmap, lang::go_template, R"g({{.data}} {{len .data}} {{.metadata.creationTimestamp}})g", true, false,
     R"g(map[a:1 b:two] 2 <no value>)g"},
    {&deployment, lang::jsonpath, R"g({.spec.replicas} {.spec.template.spec.containers[*].image} {.metadata.labels})g", true, false,
     R"g(3 nginx {"app":"d"})g"},
    {&deployment, lang::jsonpath, R"g({.spec.template.spec.containers[0]})g", true, false,
     R"g({"image":"nginx","name":"nginx","resources":{}})g"},
    {&deployment, lang::jsonpath, R"g({.status}{.spec.strategy}|{.metadata.creationTimestamp})g", true, false,
     R"g({}{}|null)g"},
    {&deployment, lang::go_template, R"g({{.spec.replicas}} {{range .spec.template.spec.containers}}{{.name}}:{{.image}}{{end}} {{.metadata.labels.app}})g", true, false,
     R"g(3 nginx:nginx d)g"},
    {&deployment, lang::go_template, R"g({{printf "%s has %d replicas" .metadata.name .spec.replicas}})g", true, false,
     R"g(d has 3 replicas)g"},
    {&widget, lang::jsonpath, R"g({.spec.replicas} {.spec.ratio} {.spec.big} {.spec.bigf} {.spec.nothing} {.spec.enabled} {.spec.off} {.spec.neg})g", true, false,
     R"g(3 0.5 100000000 1.5e+07 null true false -2)g"},
    {&widget, lang::jsonpath, R"g({.spec.items[?(@.port>100)].name}{"\n"}{.spec.items[*].tags}{"\n"}{.spec.items[0]}{"\n"}{.spec.html})g", true, false,
     R"g(b c
["x","y"]
{"name":"a","port":80,"ready":"True","tags":["x","y"]}
<a&b>)g"},
    {&widget, lang::jsonpath, R"g({.metadata.labels}{.spec.items[2].extra}{.spec.html})g", true, false,
     R"g({"app":"web","tier":"front"}{"k":"v"}<a&b>)g"},
    {&widget, lang::jsonpath, R"g({range .spec.items[*]}{.name}{"\t"}{.port}{"\n"}{end}{"after"})g", true, false,
     R"g(a	80
b	443
c	8080
after)g"},
    {&widget, lang::jsonpath, R"g({range .spec.nope[*]}{.name}{end}{"after"})g", true, false,
     R"g(after)g"},
    {&widget, lang::jsonpath, R"g({range .spec.items[*]}{.name}:{range .tags[*]}<{@}>{end};{end}!)g", true, false,
     R"g(a:<x><y>;b:;c:;!)g"},
    {&widget, lang::jsonpath, R"g({.spec.items[?(@.extra)].name} {.spec.items[-1:].name} {.spec.items[0,2].name} {.spec.items[0:2].port})g", true, false,
     R"g(c c a c 80 443)g"},
    {&widget, lang::jsonpath, R"g({.spec.items[*]['name','port']}|{$.kind}|{.spec.items[?(@.ready=='True')].port}|{.spec.items[?(@.port<=443)].name}|{.spec.items[?(@.port!=80)].name})g", true, false,
     R"g(a b c 80 443 8080|Widget|80 8080|a b|b c)g"},
    {&widget, lang::jsonpath, R"g({.spec.items[*].tags[*]}|{.spec.items[1:].name}|{.spec.items[::2].name}|{.spec.items[-2].name}|{.spec.items[0:0].name}|)g", true, false,
     R"g(x y|b c|a c|b||)g"},
    {&widget, lang::jsonpath, R"g({.spec..port}|{.spec.items..name}|{@.kind}|{.metadata.labels['app']}|{.spec#}|{.kind}{"\u00e9\x41"})g", true, false,
     R"g(80 443 8080|a b c|Widget|web||WidgetéA)g"},
    {&widget, lang::jsonpath, R"g(.metadata.name)g", true, false,
     R"g(.metadata.name)g"},
    {&widget, lang::jsonpath, R"g({.spec.items[?(@.name)].port} {.spec.items[?(@.extra.k=="v")].name} {.spec.missing})g", true, false,
     R"g(80 443 8080 c )g"},
    {&widget, lang::jsonpath, R"g({.spec.items[5]})g", true, true,
     R"g(array index out of bounds: index 5, length 3)g"},
    {&widget, lang::jsonpath, R"g({.spec.items[0:10].name})g", true, true,
     R"g(array index out of bounds: index 9, length 3)g"},
    {&widget, lang::jsonpath, R"g({.spec.items[-5]})g", true, true,
     R"g(array index out of bounds: index -2, length 3)g"},
    {&widget, lang::jsonpath, R"g({.spec.)g", true, true,
     R"g(unclosed action)g"},
    {&widget, lang::jsonpath, R"g({#})g", true, true,
     R"g(unrecognized character in action: U+0023 '#')g"},
    {&widget, lang::jsonpath, R"g({.spec.items[x]})g", true, true,
     R"g(invalid array index x)g"},
    {&widget, lang::jsonpath, R"g({.spec.items[?(@.port>1})g", true, true,
     R"g(unterminated filter)g"},
    {&widget, lang::jsonpath, R"g({"abc})g", true, true,
     R"g(unterminated quoted string)g"},
    {&widget, lang::jsonpath, R"g({.spec.items[*]["name","port"]})g", true, true,
     R"g(invalid array index "name")g"},
    {&widget, lang::jsonpath, R"g({foo})g", true, true,
     R"g(unrecognized identifier foo)g"},
    {&widget, lang::jsonpath, R"g({end})g", true, true,
     R"g(not in range, nothing to end)g"},
    {&widget, lang::jsonpath, R"g({.spec.replicas[0]})g", true, true,
     R"g(int64 is not array or slice)g"},
    {&widget, lang::jsonpath, R"g({.spec.items[?(@.port=="80")].name})g", true, true,
     R"g(incompatible types for comparison)g"},
    {&widget, lang::jsonpath, R"g({.spec.items[?(@.ready==true)].port})g", true, true,
     R"g(incompatible types for comparison)g"},
    {&widget, lang::jsonpath, R"g({.spec.html[?(@.x)]})g", true, true,
     R"g(<a&b> is not array or slice and cannot be filtered)g"},
    {&widget, lang::jsonpath, R"g({.metadata[?(@.x)]})g", true, true,
     R"g(map[annotations:map[foo:bar] labels:map[app:web tier:front] name:w1 namespace:default] is not array or slice and cannot be filtered)g"},
    {&widget, lang::jsonpath, R"g({.spec.missing})g", false, true,
     R"g(missing is not found)g"},
    {&widget, lang::jsonpath, R"g({range .spec.items[0:0]}{.name}{end}{"after"})g", false, true,
     R"g(name is not found)g"},
    {&widget, lang::jsonpath, R"g({range .spec.items[*]}{.extra.k}{end})g", false, true,
     R"g(extra is not found)g"},
    {&widget, lang::jsonpath, R"g({.spec.items[?(@.extra)].name})g", false, false,
     R"g(c)g"},
    {&widget, lang::go_template, R"g({{.spec.big}} {{.spec.replicas}} {{.spec.ratio}} {{.spec.bigf}} {{.spec.nothing}} {{.spec.missing}} {{.spec.missing.x}})g", true, false,
     R"g(100000000 3 0.5 15000000 <no value> <no value> <no value>)g"},
    {&widget, lang::go_template, R"g({{.metadata.labels}} {{.spec.items}} {{$}})g", true, false,
     R"g(map[app:web tier:front] [map[name:a port:80 ready:True tags:[x y]] map[name:b port:443 ready:False] map[extra:map[k:v] name:c port:8080 ready:True]] map[apiVersion:example.com/v1 kind:Widget metadata:map[annotations:map[foo:bar] labels:map[app:web tier:front] name:w1 namespace:default] spec:map[big:100000000 bigf:15000000 enabled:true html:<a&b> items:[map[name:a port:80 ready:True tags:[x y]] map[name:b port:443 ready:False] map[extra:map[k:v] name:c port:8080 ready:True]] neg:-2 nothing:<nil> off:false ratio:0.5 replicas:3]])g"},
    {&widget, lang::go_template, R"g({{printf "%d|%v|%s|%q" .spec.replicas .spec.replicas .metadata.name .spec.html}})g", true, false,
     R"g(3|3|w1|"<a&b>")g"},
    {&widget, lang::go_template, R"g({{index .metadata.labels "zz"}}|{{index .metadata.labels "app"}}|{{index .spec.items 1 "name"}}|{{index .spec "nothing"}})g", true, false,
     R"g(<no value>|web|b|<no value>)g"},
    {&widget, lang::go_template, R"g({{range $i, $e := .spec.items}}{{$i}}:{{$e.name}}{{if $e.tags}}{{index $e.tags 0}}{{else if eq $e.port 443}}TLS{{else}}-{{end}} {{end}})g", true, false,
     R"g(0:ax 1:bTLS 2:c- )g"},
    {&widget, lang::go_template, R"g({{with .spec.nope}}x{{else}}none{{end}} {{with .metadata}}{{.name}}{{end}} {{$n := .metadata.name}}{{$n}} {{.metadata.name | printf "%q"}} {{printf "%5d|%-4s|%.2f|%x|%t|%v" 42 "ab" 0.5 255 true .spec.items}})g", true, false,
     R"g(none w1 w1 "w1"    42|ab  |0.50|ff|true|[map[name:a port:80 ready:True tags:[x y]] map[name:b port:443 ready:False] map[extra:map[k:v] name:c port:8080 ready:True]])g"},
    {&widget, lang::go_template, R"g({{print 1 2 "a" "b" 3}}|{{println "x" 1}}|{{and 1 0 2}}|{{or 0 "" "z"}}|{{not .spec.off}}|{{printf "%d" "s"}}|{{printf "%s"}}|{{printf "x" 1}})g", true, false,
     R"g(1 2ab3|x 1
|0|z|true|%!d(string=s)|%!s(MISSING)|x%!(EXTRA int=1))g"},
    {&widget, lang::go_template, R"g({{exists . "spec" "items" 0}} {{exists . "spec" "nope"}} {{base64decode "aGVsbG8="}})g", true, false,
     R"g(true false hello)g"},
    {&widget, lang::go_template, R"g({{.spec.items | len | printf "%d items"}} {{(index .spec.items 0).name}} {{len (index .spec.items 0).tags}} {{(.metadata).name}} {{$.kind}})g", true, false,
     R"g(3 items a 2 w1 Widget)g"},
    {&widget, lang::go_template, R"g({{.Values}}}} {{"\t"}} {{`raw\n`}} {{'a'}} {{1e3}} {{0x10}} {{-5}})g", true, false,
     R"g(<no value>}} 	 raw\n 97 1000 16 -5)g"},
    {&widget, lang::go_template, R"g({{range .spec.items}}{{if eq .name "b"}}{{continue}}{{end}}{{if eq .name "c"}}{{break}}{{end}}{{.name}}{{end}}|{{range .spec.nope}}x{{else}}empty{{end}})g", true, false,
     R"g(a|empty)g"},
    {&widget, lang::go_template, R"g({{- range .spec.items }}
  {{ .name -}}
{{ end }}
{{/* c */}}a{{- /* c */ -}} b)g", true, false,
     R"g(
  a
  b
  c
ab)g"},
    {&widget, lang::go_template, R"g({{$c := 0}}{{range .spec.items}}{{$c = .port}}{{end}}{{$c}} {{.spec.ratio | printf "%.3f"}} {{printf "%6.2f|%-6d|%06d" 3.14159 42 42}})g", true, false,
     R"g(8080 0.500   3.14|42    |000042)g"},
    {&widget, lang::go_template, R"g({{gt .spec.replicas 2}} {{le .spec.ratio 0.5}} {{ne .metadata.name "w1"}} {{ge "b" "a"}} {{eq .spec.missing .spec.nope}} {{eq .metadata.name "x" "w1"}} {{ .spec.replicas | eq 3 }})g", true, false,
     R"g(true true false true true true true)g"},
    {&widget, lang::go_template, R"g({{if .spec.enabled}}on{{end}}{{if .spec.off}}off{{end}}{{if .spec.items}}items{{end}} {{"a" | printf "%s-%s" "b"}})g", true, false,
     R"g(onitems b-a)g"},
    {&widget, lang::go_template, R"g({{.spec.items | printf "%s"}} {{printf "%q %v" .spec.items nil}} {{printf "%d" .metadata.labels}})g", true, false,
     R"g([map[name:a port:%!s(int64=80) ready:True tags:[x y]] map[name:b port:%!s(int64=443) ready:False] map[extra:map[k:v] name:c port:%!s(int64=8080) ready:True]] [map["name":"a" "port":'P' "ready":"True" "tags":["x" "y"]] map["name":"b" "port":'ƻ' "ready":"False"] map["extra":map["k":"v"] "name":"c" "port":'ᾐ' "ready":"True"]] <nil> map[%!d(string=app):%!d(string=web) %!d(string=tier):%!d(string=front)])g"},
    {&widget, lang::go_template, R"g({{foo .x}})g", true, true,
     R"g(template: output:1: function "foo" not defined)g"},
    {&widget, lang::go_template, R"g({{.x)g", true, true,
     R"g(template: output:1: unclosed action)g"},
    {&widget, lang::go_template, R"g({{if}}{{end}})g", true, true,
     R"g(template: output:1: missing value for if)g"},
    {&widget, lang::go_template, R"g({{end}})g", true, true,
     R"g(template: output:1: unexpected {{end}})g"},
    {&widget, lang::go_template, R"g({{range .spec.items}})g", true, true,
     R"g(template: output:1: unexpected EOF)g"},
    {&widget, lang::go_template, R"g({{$x}})g", true, true,
     R"g(template: output:1: undefined variable "$x")g"},
    {&widget, lang::go_template, R"g({{break}})g", true, true,
     R"g(template: output:1: {{break}} outside {{range}})g"},
    {&widget, lang::go_template, R"g({{index .spec.items 5}})g", true, true,
     R"g(template: output:1:2: executing "output" at <index .spec.items 5>: error calling index: index out of range: 5)g"},
    {&widget, lang::go_template, R"g({{len .spec.replicas}})g", true, true,
     R"g(template: output:1:2: executing "output" at <len .spec.replicas>: error calling len: len of type int64)g"},
    {&widget, lang::go_template, R"g({{eq .spec.replicas 3.0}})g", true, true,
     R"g(template: output:1:2: executing "output" at <eq .spec.replicas 3.0>: error calling eq: incompatible types for comparison)g"},
    {&widget, lang::go_template, R"g({{lt .spec.missing 3}})g", true, true,
     R"g(template: output:1:2: executing "output" at <lt .spec.missing 3>: error calling lt: invalid type for comparison)g"},
    {&widget, lang::go_template, R"g({{.metadata.name.x}})g", true, true,
     R"g(template: output:1:11: executing "output" at <.metadata.name.x>: can't evaluate field x in type interface {})g"},
    {&widget, lang::go_template, R"g({{.spec.nothing.x}})g", true, true,
     R"g(template: output:1:7: executing "output" at <.spec.nothing.x>: nil pointer evaluating interface {}.x)g"},
    {&widget, lang::go_template, R"g({{nil}})g", true, true,
     R"g(template: output:1:2: executing "output" at <nil>: nil is not a command)g"},
    {&widget, lang::go_template, R"g({{base64decode "!!"}})g", true, true,
     R"g(template: output:1:2: executing "output" at <base64decode "!!">: error calling base64decode: base64 decode failed: illegal base64 data at input byte 0)g"},
    {&widget, lang::go_template, R"g({{len}})g", true, true,
     R"g(template: output:1:2: executing "output" at <len>: wrong number of args for len: want 1 got 0)g"},
    {&widget, lang::go_template, R"g({{ .metadata.name 1 }})g", true, true,
     R"g(template: output:1:12: executing "output" at <.metadata.name>: name is not a method but has arguments)g"},
    {&widget, lang::go_template, R"g({{index .spec.replicas 0}})g", true, true,
     R"g(template: output:1:2: executing "output" at <index .spec.replicas 0>: error calling index: can't index item of type int64)g"},
    {&widget, lang::go_template, R"g({{len .spec.missing}})g", true, true,
     R"g(template: output:1:2: executing "output" at <len .spec.missing>: error calling len: reflect: call of reflect.Value.Type on zero Value)g"},
    {&widget, lang::go_template, R"g({{.spec.missing}})g", false, true,
     R"g(template: output:1:7: executing "output" at <.spec.missing>: map has no entry for key "missing")g"},
    {&widget, lang::go_template, R"g({{.spec.missing.x}})g", false, true,
     R"g(template: output:1:7: executing "output" at <.spec.missing.x>: map has no entry for key "missing")g"},
    {&widget, lang::go_template, R"g({{with .spec.missing}}x{{end}})g", false, true,
     R"g(template: output:1:12: executing "output" at <.spec.missing>: map has no entry for key "missing")g"},
};

// Runs one golden: the output, or the error's message.
std::string run(const golden& g) {
    try {
        if (g.l == lang::jsonpath)
            return jsonpath::parse("out", g.text).execute(*g.data, g.allow_missing_keys);
        return execute_go_template(g.text, *g.data, g.allow_missing_keys);
    } catch (const jsonpath_error& e) {
        return std::string("error: ") + e.what();
    } catch (const go_template_error& e) {
        return std::string("error: ") + e.what();
    }
}

}  // namespace

TEST_CASE("jsonpath and go-template print what kubectl 1.33 prints") {
    for (const auto& g : goldens) {
        CAPTURE(g.text);
        std::string want = g.error ? "error: " + std::string(g.expect) : std::string(g.expect);
        CHECK(run(g) == want);
    }
}

TEST_CASE("jsonpath errors are jsonpath_error, go template errors go_template_error") {
    CHECK_THROWS_AS(jsonpath::parse("out", "{.a"), jsonpath_error);
    CHECK_THROWS_AS(jsonpath::parse("out", "{.a.b}").execute(json::object(), false), jsonpath_error);
    CHECK_THROWS_AS(execute_go_template("{{.a", json::object()), go_template_error);
    CHECK_THROWS_AS(execute_go_template("{{.a}}", json::object(), false), go_template_error);
}

TEST_CASE("find_results: one list of raw values per action, as custom-columns and --sort-by read them") {
    auto r = jsonpath::parse("PORTS", "{.spec.items[*].port}").find_results(widget);
    REQUIRE(r.size() == 1);
    CHECK(r[0] == std::vector<json>{80, 443, 8080});
    r = jsonpath::parse("X", "{.metadata.name}{.spec.nope}{.spec.ratio}").find_results(widget);
    REQUIRE(r.size() == 3);
    CHECK(r[0] == std::vector<json>{"w1"});
    CHECK(r[1].empty());
    CHECK(r[2] == std::vector<json>{0.5});
    // A range repeats its body's actions per element.
    r = jsonpath::parse("X", "{range .spec.items[*]}{.name}{end}").find_results(widget);
    REQUIRE(r.size() == 3);
    CHECK(r[2] == std::vector<json>{"c"});
    CHECK_THROWS_WITH_AS(jsonpath::parse("X", "{.spec.nope}").find_results(widget, false), "nope is not found",
                         jsonpath_error);
}

TEST_CASE("relaxed: custom-columns and --sort-by take a path with or without braces and leading dot") {
    CHECK(jsonpath::relaxed(".metadata.name") == "{.metadata.name}");
    CHECK(jsonpath::relaxed("metadata.name") == "{.metadata.name}");
    CHECK(jsonpath::relaxed("{metadata.name}") == "{.metadata.name}");
    CHECK(jsonpath::relaxed("{.spec.items[*].port}") == "{.spec.items[*].port}");
    CHECK(jsonpath::relaxed("") == "");
    CHECK_THROWS_AS(jsonpath::relaxed("{.a}{.b}"), jsonpath_error);
}

TEST_CASE("Go's %v and json.Marshal of decoded JSON") {
    CHECK(go_sprint(widget["spec"]["items"][0]) == "map[name:a port:80 ready:True tags:[x y]]");
    CHECK(go_sprint(json(nullptr)) == "<nil>");
    CHECK(go_sprint(json(1.5e7)) == "1.5e+07");
    CHECK(go_sprint(json(123456.5)) == "123456.5");
    CHECK(go_sprint(json(1e-5)) == "1e-05");
    CHECK(go_json_marshal(json::parse(R"({"b":"<&>","a":[1,2.5,1e21,1e-7,true,null]})")) ==
          R"({"a":[1,2.5,1e+21,1e-7,true,null],"b":"\u003c\u0026\u003e"})");
}
