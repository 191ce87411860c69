# Shared by scripts/quickstart and scripts/test (sourced, not run).
# Installs what is missing from Debian's packages, quietly when all is present.

# kubesim_need_packages [js]: with `js` (scripts/test), also Node.js and npm for
# the client-node test, which is skipped without them; the quickstart needs neither.
kubesim_need_packages() {
    local missing=()
    command -v meson >/dev/null 2>&1 || missing+=(meson)
    command -v ninja >/dev/null 2>&1 || missing+=(ninja-build)
    command -v g++ >/dev/null 2>&1 || missing+=(g++)
    [ -f /usr/include/nlohmann/json.hpp ] || missing+=(nlohmann-json3-dev)
    [ -f /usr/include/doctest/doctest.h ] || missing+=(doctest-dev)
    # YAML manifests (apply_yaml, kubectl -f, -o yaml): yaml-cpp.
    [ -f /usr/include/yaml-cpp/yaml.h ] || missing+=(libyaml-cpp-dev)
    # The HTTP API server (kubesim serve, <kubesim/server.hpp>): Boost.Beast/Asio.
    [ -f /usr/include/boost/beast.hpp ] || missing+=(libboost-dev)
    if [ "${1:-}" = js ]; then
        local js=()
        command -v node >/dev/null 2>&1 || js+=(nodejs)
        command -v npm >/dev/null 2>&1 || js+=(npm)
        if [ ${#js[@]} -ne 0 ] && [ "$(id -u)" -ne 0 ]; then
            echo "Without ${js[*]}, the client-node test is skipped (sudo apt-get install -y ${js[*]})" >&2
        else
            missing+=("${js[@]}")
        fi
    fi
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "kubesim needs these Debian packages: ${missing[*]}" >&2
        echo "Run as root, or install them first: sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    echo "Installing ${missing[*]} ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${missing[@]}" >/dev/null
}

# kubesim_configure DIR [meson args...]: set up (or refresh) a build directory.
kubesim_configure() {
    local dir=$1
    shift
    if [ -f "$dir/build.ninja" ]; then
        # meson configure first: setup --reconfigure drops some -D values (cpp_args).
        meson configure "$dir" "$@" >/dev/null && meson setup --reconfigure "$dir" >/dev/null
    else
        meson setup "$dir" "$@" >/dev/null
    fi
}
