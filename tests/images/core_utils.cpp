// The base image's core utilities, observed as a user would: exit codes, what
// lands on stdout/stderr, the container filesystem and virtual time.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <kubesim/images/core_utils.hpp>
#include <kubesim/images/image.hpp>

#include "process_fixture.hpp"

using namespace std::chrono_literals;
using fixture::container_env;

namespace {

// An image with one extra command ("greet") and one that throws ("boom"),
// falling back to the core utilities for the rest.
class test_image : public kubesim::image {
public:
    kubesim::task<int> exec(kubesim::process_context ctx, std::vector<std::string> argv) override {
        if (!argv.empty() && argv[0] == "greet") return greet(std::move(ctx));
        if (!argv.empty() && argv[0] == "boom") return boom();
        return image::exec(std::move(ctx), std::move(argv));
    }

private:
    static kubesim::task<int> greet(kubesim::process_context ctx) {
        ctx.write_stdout("hello from the image\n");
        co_return 7;
    }
    static kubesim::task<int> boom() {
        throw std::runtime_error("something broke");
        co_return 0;
    }
};

}  // namespace

TEST_CASE("true, false, unknown commands") {
    container_env env;
    CHECK(env.run({"true"}).exit_code == 0);
    CHECK(env.run({"false"}).exit_code == 1);
    CHECK(env.run({"/bin/true"}).exit_code == 0);
    auto r = env.run({"frobnicate", "x"}, false);
    CHECK(r.exit_code == 127);
    CHECK(r.err == "frobnicate: not found\n");
    CHECK(r.out.empty());
}

TEST_CASE("echo writes its arguments; -n drops the newline; -e interprets escapes") {
    container_env env;
    auto r = env.run({"echo", "hello", "world"});
    CHECK(r.exit_code == 0);
    CHECK(r.log == "hello world\n");
    CHECK(env.run({"echo", "-n", "a", "b"}, false).out == "a b");
    CHECK(env.run({"echo", "-e", "x\\ty\\nz"}, false).out == "x\ty\nz\n");
    CHECK(env.run({"echo"}, false).out == "\n");
    CHECK(env.run({"echo", "-x"}, false).out == "-x\n");
}

TEST_CASE("env and printenv print the container environment in order") {
    container_env env;
    env.set_env({{"B", "2"}, {"A", "1"}});
    CHECK(env.run({"env"}, false).out == "B=2\nA=1\n");
    CHECK(env.run({"printenv"}, false).out == "B=2\nA=1\n");
    auto r = env.run({"printenv", "A"}, false);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "1\n");
    r = env.run({"printenv", "A", "NOPE", "B"}, false);
    CHECK(r.exit_code == 1);
    CHECK(r.out == "1\n2\n");
}

TEST_CASE("hostname prints the pod name") {
    container_env env;
    CHECK(env.run({"hostname"}, false).out == "test-pod\n");
}

TEST_CASE("cat, touch, rm, mkdir, ls on the container filesystem") {
    container_env env;
    env.container->files.write("/etc/config", "key=value\n");

    auto r = env.run({"cat", "/etc/config"}, false);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "key=value\n");

    r = env.run({"cat", "/etc/config", "/missing"}, false);
    CHECK(r.exit_code == 1);
    CHECK(r.out == "key=value\n");
    CHECK(r.err == "cat: can't open '/missing': No such file or directory\n");

    SUBCASE("touch creates an empty file under a base directory") {
        CHECK(env.run({"touch", "/tmp/ready"}).exit_code == 0);
        CHECK(env.container->files.read("/tmp/ready") == std::string());
        r = env.run({"touch", "/nope/x"}, false);
        CHECK(r.exit_code == 1);
        CHECK(r.err == "touch: /nope/x: No such file or directory\n");
    }
    SUBCASE("rm removes files; -f ignores missing ones; directories need -r") {
        r = env.run({"rm", "/etc/config"}, false);
        CHECK(r.exit_code == 0);
        CHECK_FALSE(env.container->files.exists("/etc/config"));
        r = env.run({"rm", "/etc/config"}, false);
        CHECK(r.exit_code == 1);
        CHECK(r.err == "rm: can't remove '/etc/config': No such file or directory\n");
        CHECK(env.run({"rm", "-f", "/etc/config"}).exit_code == 0);

        env.container->files.write("/data/a/b", "1");
        env.container->files.write("/data/c", "2");
        r = env.run({"rm", "/data"}, false);
        CHECK(r.exit_code == 1);
        CHECK(r.err == "rm: '/data' is a directory\n");
        CHECK(env.run({"rm", "-rf", "/data"}).exit_code == 0);
        CHECK_FALSE(env.container->files.exists("/data/a/b"));
        CHECK_FALSE(env.container->files.exists("/data"));
    }
    SUBCASE("mkdir needs the parent unless -p; an existing directory is an error without -p") {
        r = env.run({"mkdir", "/a/b"}, false);
        CHECK(r.exit_code == 1);
        CHECK(r.err == "mkdir: can't create directory '/a/b': No such file or directory\n");
        CHECK(env.run({"mkdir", "-p", "/a/b"}).exit_code == 0);
        CHECK(env.container->files.is_dir("/a/b"));
        CHECK(env.run({"mkdir", "-p", "/a/b"}).exit_code == 0);
        r = env.run({"mkdir", "/a"}, false);
        CHECK(r.exit_code == 1);
        CHECK(r.err == "mkdir: can't create directory '/a': File exists\n");
        CHECK(env.run({"mkdir", "/tmp/x"}).exit_code == 0);
    }
    SUBCASE("ls lists names sorted, one a line") {
        env.container->files.write("/srv/zeta", "");
        env.container->files.write("/srv/alpha", "");
        env.container->files.mkdir("/srv/mid");
        r = env.run({"ls", "/srv"}, false);
        CHECK(r.exit_code == 0);
        CHECK(r.out == "alpha\nmid\nzeta\n");
        CHECK(env.run({"ls", "/srv/zeta"}, false).out == "/srv/zeta\n");
        r = env.run({"ls", "/nowhere"}, false);
        CHECK(r.exit_code == 1);
        CHECK(r.err == "ls: /nowhere: No such file or directory\n");
        const std::string root = env.run({"ls", "/"}, false).out;
        CHECK(root.find("etc\n") != std::string::npos);
        CHECK(root.find("srv\n") != std::string::npos);
        CHECK(root.find("tmp\n") != std::string::npos);
    }
}

TEST_CASE("provided files are read, listed, replaced, appended to and removed like the container's own") {
    static constexpr kubesim::provided_file files[] = {
        {"/etc/hostname", [](const void* o) { return *static_cast<const std::string*>(o) + "\n"; }},
        {"/run/secrets/token", [](const void*) { return std::string("t0k3n"); }},
    };
    const std::string name = "web-0";
    container_env env;
    auto& fs = env.container->files;
    fs.provide(files, &name);

    CHECK(env.run({"cat", "/etc/hostname"}, false).out == "web-0\n");
    CHECK(fs.read("/etc//./hostname") == std::string("web-0\n"));
    CHECK(fs.is_file("/etc/hostname"));
    CHECK(fs.is_dir("/run/secrets"));
    CHECK(fs.list("/run") == std::vector<std::string>{"secrets"});
    CHECK(env.run({"ls", "/run/secrets"}, false).out == "token\n");

    fs.append("/run/secrets/token", "+1");
    CHECK(fs.read("/run/secrets/token") == std::string("t0k3n+1"));
    fs.write("/etc/hostname", "other\n");
    CHECK(fs.read("/etc/hostname") == std::string("other\n"));
    CHECK(fs.list("/etc") == std::vector<std::string>{"hostname"});

    CHECK(env.run({"rm", "/etc/hostname"}).exit_code == 0);
    CHECK_FALSE(fs.exists("/etc/hostname"));
    CHECK(fs.list("/etc").empty());
    CHECK(fs.remove("/run/secrets/token"));
    CHECK_FALSE(fs.remove("/run/secrets/token"));
    CHECK_FALSE(fs.is_dir("/run/secrets"));
    fs.append("/run/secrets/token", "new");  // a new file now, not the provided text
    CHECK(fs.read("/run/secrets/token") == std::string("new"));
}

TEST_CASE("test and [ evaluate files, strings and numbers") {
    container_env env;
    env.container->files.write("/tmp/f", "x");
    CHECK(env.run({"test", "-f", "/tmp/f"}).exit_code == 0);
    CHECK(env.run({"test", "-f", "/tmp"}).exit_code == 1);
    CHECK(env.run({"test", "-d", "/tmp"}).exit_code == 0);
    CHECK(env.run({"test", "-e", "/tmp/nope"}).exit_code == 1);
    CHECK(env.run({"[", "-e", "/tmp/f", "]"}).exit_code == 0);
    CHECK(env.run({"[", "!", "-e", "/tmp/f", "]"}).exit_code == 1);
    CHECK(env.run({"[", "a", "=", "a", "]"}).exit_code == 0);
    CHECK(env.run({"[", "a", "!=", "a", "]"}).exit_code == 1);
    CHECK(env.run({"[", "-z", "", "]"}).exit_code == 0);
    CHECK(env.run({"[", "-n", "", "]"}).exit_code == 1);
    CHECK(env.run({"[", "3", "-gt", "2", "]"}).exit_code == 0);
    CHECK(env.run({"[", "-f", "/tmp/f", "-a", "x", "=", "y", "]"}).exit_code == 1);
    CHECK(env.run({"[", "-f", "/tmp/f", "-o", "x", "=", "y", "]"}).exit_code == 0);
    CHECK(env.run({"test"}).exit_code == 1);
    CHECK(env.run({"test", "word"}).exit_code == 0);
    auto r = env.run({"[", "-f", "/tmp/f"}, false);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "[: missing ]\n");
}

TEST_CASE("sleep takes virtual time: seconds, decimals and suffixes") {
    container_env env;
    const auto t0 = env.engine.now();
    CHECK(env.run({"sleep", "2"}).exit_code == 0);
    CHECK(env.engine.now() - t0 == 2s);
    CHECK(env.run({"sleep", "0.5"}).exit_code == 0);
    CHECK(env.engine.now() - t0 == 2500ms);
    CHECK(env.run({"sleep", "1m"}).exit_code == 0);
    CHECK(env.engine.now() - t0 == 62500ms);
    CHECK(env.run({"sleep", "1", "1"}).exit_code == 0);
    CHECK(env.engine.now() - t0 == 64500ms);
    auto r = env.run({"sleep", "abc"}, false);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "sleep: invalid number 'abc'\n");
}

TEST_CASE("sleep ignores SIGTERM as PID 1; SIGKILL ends it with 137") {
    container_env env;
    auto p = env.start({"sleep", "3600"});
    env.engine.run_for(5s);
    p.proc->terminate();
    env.engine.run_for(30s);
    CHECK_FALSE(p.done());
    p.proc->kill();
    REQUIRE(p.done());
    CHECK(*p.exit_code == 137);
}

TEST_CASE("sleep infinity never ends on its own") {
    container_env env;
    auto p = env.start({"sleep", "infinity"});
    env.engine.run_for(std::chrono::hours(24 * 365));
    CHECK_FALSE(p.done());
    p.proc->kill();
    CHECK(*p.exit_code == 137);
}

TEST_CASE("pause waits for SIGTERM, then exits 0") {
    container_env env;
    auto p = env.start({"pause"});
    env.engine.run_for(1h);
    CHECK_FALSE(p.done());
    p.proc->terminate();
    env.wait(p, 1s);
    REQUIRE(p.done());
    CHECK(*p.exit_code == 0);
}

TEST_CASE("sh -c runs lists with && || ; and returns the last status") {
    container_env env;
    auto r = env.run({"sh", "-c", "echo one && echo two; false || echo three"});
    CHECK(r.exit_code == 0);
    CHECK(r.log == "one\ntwo\nthree\n");

    r = env.run({"sh", "-c", "false && echo skipped"}, false);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());

    r = env.run({"sh", "-c", "true || echo skipped; echo after"}, false);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "after\n");

    r = env.run({"sh", "-c", "echo x; false"}, false);
    CHECK(r.exit_code == 1);
    CHECK(r.out == "x\n");
}

TEST_CASE("sh -c: quotes, variables from the environment, exit") {
    container_env env;
    env.set_env({{"NAME", "world"}, {"GREETING", "hi  there"}});
    auto r = env.run({"sh", "-c", "echo \"hello $NAME\" '$NAME' ${GREETING}"}, false);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "hello world $NAME hi  there\n");

    r = env.run({"sh", "-c", "echo before; exit 3; echo after"}, false);
    CHECK(r.exit_code == 3);
    CHECK(r.out == "before\n");

    r = env.run({"sh", "-c", "false; exit"}, false);
    CHECK(r.exit_code == 1);

    r = env.run({"sh", "-c", "exit nope"}, false);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "sh: exit: Illegal number: nope\n");
}

TEST_CASE("sh -c: errors") {
    container_env env;
    auto r = env.run({"sh", "-c", "echo 'unterminated"}, false);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "sh: Syntax error: Unterminated quoted string\n");
    CHECK(r.out.empty());

    r = env.run({"sh", "-c", "&& true"}, false);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "sh: Syntax error: \"&&\" unexpected\n");

    r = env.run({"sh", "-c", "nosuchcmd arg"}, false);
    CHECK(r.exit_code == 127);
    CHECK(r.err == "nosuchcmd: not found\n");

    r = env.run({"sh", "-c"}, false);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "sh: -c requires an argument\n");
}

TEST_CASE("sh without a script exits 0; sh -e stops at the first failure") {
    container_env env;
    CHECK(env.run({"sh"}).exit_code == 0);
    auto r = env.run({"sh", "-ec", "echo a; false; echo b"}, false);
    CHECK(r.exit_code == 1);
    CHECK(r.out == "a\n");
    r = env.run({"sh", "-ec", "false || echo recovered; echo b"}, false);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "recovered\nb\n");
}

TEST_CASE("sh -c finds the image's own commands through ctx.run") {
    container_env env(std::make_shared<test_image>());
    auto r = env.run({"/bin/sh", "-c", "greet && echo not-run || echo status-was-nonzero"});
    CHECK(r.exit_code == 0);
    CHECK(r.log == "hello from the image\nstatus-was-nonzero\n");
    CHECK(env.run({"sh", "-c", "greet"}, false).exit_code == 7);
}

TEST_CASE("an exception escaping an image exits 1 with its message in the log") {
    container_env env(std::make_shared<test_image>());
    auto r = env.run({"boom"});
    CHECK(r.exit_code == 1);
    CHECK(r.log == "something broke\n");
    r = env.run({"sh", "-c", "echo first; boom; echo never"});
    CHECK(r.exit_code == 1);
    CHECK(r.log == "something broke\nfirst\nsomething broke\n");
}

TEST_CASE("main process output goes to the container log; exec'd output does not") {
    container_env env;
    env.run({"sh", "-c", "echo main"});
    auto r = env.run({"sh", "-c", "echo exec; nosuch"}, false);
    CHECK(env.container->log == "main\n");
    CHECK(r.out == "exec\n");
    CHECK(r.err == "nosuch: not found\n");
}

TEST_CASE("busybox CMD dispatches to the applet") {
    container_env env;
    CHECK(env.run({"busybox", "echo", "via", "busybox"}, false).out == "via busybox\n");
}
