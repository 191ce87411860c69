// Name validators: upstream's messages word for word (util/validation for names,
// api/validate/content for label keys and values).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <kubesim/api/validation_names.hpp>

namespace {

namespace v = kubesim::api::validation;
using strings = std::vector<std::string>;

const std::string subdomain_msg =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start "
    "and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const std::string label_msg =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end "
    "with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const std::string dns1035_msg =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
    "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation "
    "is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const std::string name_part_msg =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const std::string label_value_msg =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
    "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
    "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

}  // namespace

TEST_SUITE("api/validation_names") {

TEST_CASE("is_dns1123_subdomain") {
    for (const char* ok : {"a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2",
                           "a.a", "ab.a", "abc.a", "a1.a", "a-1.a", "a--1--2--b.a", "a.1", "ab.1", "a.b.c.d.e",
                           "aa.bb.cc.dd.ee", "1.2.3.4.5", "11.22.33.44.55", "example.com"}) {
        CAPTURE(std::string(ok));
        CHECK(v::is_dns1123_subdomain(ok).empty());
    }
    CHECK(v::is_dns1123_subdomain(std::string(253, 'a')).empty());
    for (const char* bad : {"", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a",
                            "a_b", "1_", "_1", "1_2", ".", "a.", ".a", "a..b", "1.", ".1", "1..2", " ", "a ", " a",
                            "a b", "1 ", " 1", "1 2", "A.a", "aB.a", "ab.A", "A1.a", "a1.A", "A.1", "aB.1", "A1.1",
                            "1A.1", "0.A", "01.A", "012.A", "1A.a", "1a.A", "A.B.C.D.E", "AA.BB.CC.DD.EE", "a.B.c.d.e",
                            "aa.bB.cc.dd.ee", "a@b", "a,b", "a_b", "a;b", "a:b", "a%b", "a?b", "a$b"}) {
        CAPTURE(std::string(bad));
        CHECK(v::is_dns1123_subdomain(bad) == strings{subdomain_msg});
    }
    CHECK(v::is_dns1123_subdomain(std::string(254, 'a')) == strings{"must be no more than 253 characters"});
    CHECK(v::is_dns1123_subdomain(std::string(254, 'A')) ==
          strings{"must be no more than 253 characters", subdomain_msg});
}

TEST_CASE("is_dns1123_label") {
    for (const char* ok : {"a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2"}) {
        CAPTURE(std::string(ok));
        CHECK(v::is_dns1123_label(ok).empty());
    }
    CHECK(v::is_dns1123_label(std::string(63, 'a')).empty());
    for (const char* bad : {"", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a",
                            "a_b", "1_", "_1", "1_2", ".", "a.", ".a", "a..b", " ", "a b", "a@b", "a,b"}) {
        CAPTURE(std::string(bad));
        CHECK(v::is_dns1123_label(bad) == strings{label_msg});
    }
    for (const char* dotted : {"a.b", "a.b.c", "1.2.3.4.5"}) {
        CAPTURE(std::string(dotted));
        CHECK(v::is_dns1123_label(dotted) == strings{"must not contain dots"});
    }
    CHECK(v::is_dns1123_label(std::string(64, 'a')) == strings{"must be no more than 63 characters"});
}

TEST_CASE("is_dns1035_label") {
    for (const char* ok : {"a", "ab", "abc", "a1", "a-1", "a--1--2--b"}) {
        CAPTURE(std::string(ok));
        CHECK(v::is_dns1035_label(ok).empty());
    }
    CHECK(v::is_dns1035_label(std::string(63, 'a')).empty());
    for (const char* bad : {"0", "01", "012", "1a", "1-a", "1--a--b--2", "", "A", "ABC", "aBc", "A1", "A-1", "1-A",
                            "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_", "_1", "1_2", ".", "a.", ".a",
                            "a.b", "1.", ".1", "1.2", " ", "a ", " a", "a b", "1 ", " 1", "1 2"}) {
        CAPTURE(std::string(bad));
        CHECK(v::is_dns1035_label(bad) == strings{dns1035_msg});
    }
    CHECK(v::is_dns1035_label(std::string(64, 'a')) == strings{"must be no more than 63 characters"});
}

TEST_CASE("is_qualified_name (label keys)") {
    for (const char* ok : {"simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple",
                           "now-with-dashes/simple", "now-with-dashes/now-with-dashes", "now.with.dots/simple",
                           "now-with.dashes-and.dots/simple", "1-num.2-num/3-num", "1234/5678", "1.2.3.4/5678",
                           "Uppercase_Is_OK_123", "example.com/Uppercase_Is_OK_123", "requests.storage-foo",
                           "a.b/c_d"}) {
        CAPTURE(std::string(ok));
        CHECK(v::is_qualified_name(ok).empty());
    }
    CHECK(v::is_qualified_name(std::string(63, 'a')).empty());
    CHECK(v::is_qualified_name(std::string(253, 'a') + "/" + std::string(63, 'b')).empty());

    for (const char* bad : {"nospecialchars%^=@", "cantendwithadash-", "-cantstartwithadash-", "only/one/slash",
                            "Example.com/abc"}) {
        CAPTURE(std::string(bad));
        CHECK_FALSE(v::is_qualified_name(bad).empty());
    }
    CHECK(v::is_qualified_name("cantendwithadash-") == strings{name_part_msg});
    CHECK(v::is_qualified_name("example.com/_e") == strings{name_part_msg});
    CHECK(v::is_qualified_name("") == strings{"name part must be non-empty", name_part_msg});
    CHECK(v::is_qualified_name("/") ==
          strings{"prefix part must be non-empty", "name part must be non-empty", name_part_msg});
    CHECK(v::is_qualified_name("example.com/") == strings{"name part must be non-empty", name_part_msg});
    CHECK(v::is_qualified_name("Example.com/abc") == strings{"prefix part " + subdomain_msg});
    CHECK(v::is_qualified_name(std::string(64, 'a')) == strings{"name part must be no more than 63 bytes"});
    CHECK(v::is_qualified_name(std::string(254, 'a') + "/x") == strings{"prefix part must be no more than 253 bytes"});
    const std::string three_parts =
        "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
        "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
        "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. "
        "'example.com/MyName')";
    CHECK(v::is_qualified_name("only/one/slash") == strings{three_parts});
    CHECK(v::is_qualified_name("/example/foo") == strings{three_parts});
}

TEST_CASE("is_valid_label_value") {
    for (const char* ok : {"simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234", "", "a",
                           "UPPER_case.value", "1.2.3.4"}) {
        CAPTURE(std::string(ok));
        CHECK(v::is_valid_label_value(ok).empty());
    }
    CHECK(v::is_valid_label_value(std::string(63, 'a')).empty());
    for (const char* bad : {"nospecialchars%^=@", "Tama-nui-te-rā.is.Māori.sun", "\\backslashes\\are\\bad",
                            "-starts-with-dash", "ends-with-dash-", ".starts.with.dot", "ends.with.dot.", "a b"}) {
        CAPTURE(std::string(bad));
        CHECK(v::is_valid_label_value(bad) == strings{label_value_msg});
    }
    CHECK(v::is_valid_label_value(std::string(64, 'a')) == strings{"must be no more than 63 bytes"});
    CHECK(v::is_valid_label_value(std::string(64, '-')) == strings{"must be no more than 63 bytes", label_value_msg});
}

TEST_CASE("is_c_identifier") {
    for (const char* ok : {"a", "ab", "abc", "a1", "_a", "a_", "a_b", "a_1", "a__1__2__b", "__abc_123", "A", "AB",
                           "AbC", "A1", "_A", "A_", "A_B", "A_1", "A__1__2__B", "__123_ABC"}) {
        CAPTURE(std::string(ok));
        CHECK(v::is_c_identifier(ok).empty());
    }
    const strings msg{
        "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric "
        "characters or '_' (e.g. 'my_name',  or 'MY_NAME',  or 'MyName', regex used for validation is "
        "'[A-Za-z_][A-Za-z0-9_]*')"};
    for (const char* bad : {"", "1", "123", "1a", "-", "a-", "-a", "1-", "-1", "1_", "1_2", ".", "a.", ".a", "a.b",
                            "1.", ".1", "1.2", " ", "a ", " a", "a b", "1 ", " 1", "1 2", "#a#"}) {
        CAPTURE(std::string(bad));
        CHECK(v::is_c_identifier(bad) == msg);
    }
}

TEST_CASE("ports, percents, ranges") {
    CHECK(v::is_valid_port_num(1).empty());
    CHECK(v::is_valid_port_num(65535).empty());
    CHECK(v::is_valid_port_num(0) == strings{"must be between 1 and 65535, inclusive"});
    CHECK(v::is_valid_port_num(65536) == strings{"must be between 1 and 65535, inclusive"});
    CHECK(v::is_in_range(5, 1, 3) == strings{"must be between 1 and 3, inclusive"});

    for (const char* ok : {"telnet", "re-mail-ck", "pop3", "a", "a-1", "1-a", "a-1-b-2-c", "1-a-2-b-3"}) {
        CAPTURE(std::string(ok));
        CHECK(v::is_valid_port_name(ok).empty());
    }
    CHECK(v::is_valid_port_name("longerthan15characters") == strings{"must be no more than 15 characters"});
    CHECK(v::is_valid_port_name("") == strings{"must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                                               "must contain at least one letter (a-z)"});
    CHECK(v::is_valid_port_name("Http") == strings{"must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"});
    CHECK(v::is_valid_port_name("1234") == strings{"must contain at least one letter (a-z)"});
    CHECK(v::is_valid_port_name("a--b") == strings{"must not contain consecutive hyphens"});
    CHECK(v::is_valid_port_name("-a") == strings{"must not begin or end with a hyphen"});

    const strings percent_msg{
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used "
        "for validation is '[0-9]+%')"};
    CHECK(v::is_valid_percent("0%").empty());
    CHECK(v::is_valid_percent("100%").empty());
    for (const char* bad : {"0", "100", "%", "-1%", "1.5%", "a%", "1%%", ""}) {
        CAPTURE(std::string(bad));
        CHECK(v::is_valid_percent(bad) == percent_msg);
    }
}

TEST_CASE("environment variable names and config map keys") {
    const std::string env_msg =
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and "
        "must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for "
        "validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
    for (const char* ok : {"a", "abc", "A", "ABC", "aBc", "A1", "_a", "a_", "a.b", "-a", ".a"}) {
        CAPTURE(std::string(ok));
        CHECK(v::is_env_var_name(ok).empty());
    }
    CHECK(v::is_env_var_name("1a") == strings{env_msg});
    CHECK(v::is_env_var_name("a b") == strings{env_msg});
    CHECK(v::is_env_var_name(".") == strings{"must not be '.'"});
    CHECK(v::is_env_var_name("..") == strings{"must not be '..'"});
    CHECK(v::is_env_var_name("..a") == strings{"must not start with '..'"});

    CHECK(v::is_relaxed_env_var_name("1 a$b").empty());
    CHECK(v::is_relaxed_env_var_name("") == strings{"environment variable name must be non-empty"});
    CHECK(v::is_relaxed_env_var_name("a=b") ==
          strings{"a valid environment variable name must consist only of printable ASCII characters other than '='"});
    CHECK(v::is_relaxed_env_var_name("a\tb") ==
          strings{"a valid environment variable name must consist only of printable ASCII characters other than '='"});

    const std::string key_msg =
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or "
        "'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
    for (const char* ok : {"a", "ab", "1", "A", "a.b", "a-b", "a_b", ".a", "a..b"}) {
        CAPTURE(std::string(ok));
        CHECK(v::is_config_map_key(ok).empty());
    }
    CHECK(v::is_config_map_key("") == strings{key_msg});
    CHECK(v::is_config_map_key("a b") == strings{key_msg});
    CHECK(v::is_config_map_key("..") == strings{"must not be '..'"});
    CHECK(v::is_config_map_key("..a") == strings{"must not start with '..'"});
    CHECK(v::is_config_map_key(std::string(254, 'a')) == strings{"must be no more than 253 characters"});
}

TEST_CASE("message builders") {
    CHECK(v::regex_error("msg", "re") == "msg (regex used for validation is 're')");
    CHECK(v::regex_error("msg", "re", {"a"}) == "msg (e.g. 'a', regex used for validation is 're')");
    CHECK(v::regex_error("msg", "re", {"a", "b"}) == "msg (e.g. 'a',  or 'b', regex used for validation is 're')");
    CHECK(v::max_len_error(63) == "must be no more than 63 characters");
    CHECK(v::content::max_len_error(63) == "must be no more than 63 bytes");
    CHECK(v::empty_error() == "must be non-empty");
    CHECK(v::inclusive_range_error(0, 10) == "must be between 0 and 10, inclusive");
    CHECK(v::content::is_dns1123_subdomain(std::string(254, 'a')) == strings{"must be no more than 253 bytes"});
    CHECK(v::content::is_dns1123_label(std::string(64, 'a')) == strings{"must be no more than 63 bytes"});
}

}  // TEST_SUITE
