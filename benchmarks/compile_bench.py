#!/usr/bin/env python3
"""Compile-time benchmark: JSON lines on stdout.

What a user pays to compile a program against kubesim, next to what the same
compiler pays for a translation unit that only includes <nlohmann/json.hpp> and
calls nlohmann::json::parse once (the baseline: every kubesim program parses
JSON). Wall and CPU seconds and peak memory of each compile, the median of
--runs runs; the baseline and the program are compiled in turn, and the ratio
is taken pair by pair, so the machine's drift cancels out.

  benchmarks/compile_bench.py                       # everything below
  benchmarks/compile_bench.py --compilers g++ --levels 2 --modes compiled
  benchmarks/compile_bench.py --no-library          # skip the library builds
  benchmarks/compile_bench.py --root OTHER_CHECKOUT --modes header-only --no-library
                                                    # another revision's quickstart

Lines:
  {"bench":"compile","compiler":"g++","opt":"-O2","mode":"compiled",...}
      examples/quickstart.cpp (unchanged) compiled to an object file in
      header-only mode or in compiled mode (-DKUBESIM_SEPARATE_COMPILATION).
  {"bench":"library","compiler":"g++","opt":"-O2","how":"meson",...}
      the compiled-mode static library, built once by Meson from its split
      translation units (wall on every core of this machine, CPU summed), and
      "how":"src.hpp": the same definitions as one translation unit.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

BASELINE = """#include <nlohmann/json.hpp>
int main() {
    auto j = nlohmann::json::parse(R"({"kind": "Pod", "items": [1, 2, 3]})");
    return j.size() == 2 ? 0 : 1;
}
"""

SRC_TU = "#include <kubesim/src.hpp>\n"


def run(cmd, cwd=None, env=None):
    """Runs cmd to completion; (wall s, CPU s of it and its descendants, peak MiB, exit code, output)."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    cpu = usage.ru_utime + usage.ru_stime
    code = os.waitstatus_to_exitcode(status)
    return wall, cpu, usage.ru_maxrss / 1024.0, code, out.decode(errors="replace")


def version(cxx):
    out = subprocess.run([cxx, "--version"], capture_output=True, text=True).stdout
    return out.splitlines()[0] if out else ""


def median(xs):
    return round(statistics.median(xs), 3)


def compile_cmd(cxx, opt, source, obj, extra):
    return [cxx, "-std=c++20", opt, "-I", os.path.join(ROOT, "include"), *extra, "-c", source, "-o", obj]


def set_root(path):
    global ROOT
    ROOT = os.path.abspath(path)


def bench_compile(cxx, opt, mode, source, runs, tmp):
    base_src = os.path.join(tmp, "json_baseline.cpp")
    with open(base_src, "w") as f:
        f.write(BASELINE)
    extra = ["-DKUBESIM_SEPARATE_COMPILATION"] if mode == "compiled" else []
    prog = compile_cmd(cxx, opt, os.path.join(ROOT, source), os.path.join(tmp, "prog.o"), extra)
    base = compile_cmd(cxx, opt, base_src, os.path.join(tmp, "base.o"), [])
    rows = {"wall": [], "cpu": [], "mem": [], "bwall": [], "bcpu": [], "bmem": [], "rwall": [], "rcpu": []}
    for _ in range(runs):
        bw, bc, bm, code, out = run(base)
        if code != 0:
            sys.exit(f"baseline failed to compile with {cxx} {opt}:\n{out}")
        w, c, m, code, out = run(prog)
        if code != 0:
            sys.exit(f"{source} failed to compile with {cxx} {opt} ({mode}):\n{out}")
        for k, v in (("wall", w), ("cpu", c), ("mem", m), ("bwall", bw), ("bcpu", bc), ("bmem", bm)):
            rows[k].append(v)
        rows["rwall"].append(w / bw)
        rows["rcpu"].append(c / bc)
    return {
        "bench": "compile", "compiler": cxx, "version": version(cxx), "opt": opt, "mode": mode,
        "source": source, "root": ROOT, "runs": runs,
        "wall_s": median(rows["wall"]), "cpu_s": median(rows["cpu"]), "peak_mib": median(rows["mem"]),
        "baseline_wall_s": median(rows["bwall"]), "baseline_cpu_s": median(rows["bcpu"]),
        "baseline_peak_mib": median(rows["bmem"]),
        "ratio_wall": median(rows["rwall"]), "ratio_cpu": median(rows["rcpu"]),
    }


def bench_library(cxx, opt, tmp):
    """The static library through Meson (split translation units, all cores) and src.hpp as one TU."""
    out = []
    build = os.path.join(tmp, "lib-" + os.path.basename(cxx) + opt)
    env = dict(os.environ, CXX=cxx)
    setup = ["meson", "setup", build, ROOT, "-Dcompiled=true", "-Dtests=false", "-Dexamples=false",
             "-Dbenchmarks=false", "-Dbuildtype=plain", "-Doptimization=" + opt[2:], "-Ddebug=false"]
    _, _, _, code, log = run(setup, env=env)
    if code != 0:
        sys.exit("meson setup failed:\n" + log)
    w, c, m, code, log = run(["meson", "compile", "-C", build, "kubesim"], env=env)
    if code != 0:
        sys.exit("library build failed:\n" + log)
    out.append({"bench": "library", "compiler": cxx, "version": version(cxx), "opt": opt, "how": "meson",
                "jobs": os.cpu_count(), "wall_s": round(w, 3), "cpu_s": round(c, 3), "peak_mib": round(m, 1)})
    src = os.path.join(tmp, "kubesim_src.cpp")
    with open(src, "w") as f:
        f.write(SRC_TU)
    w, c, m, code, log = run(compile_cmd(cxx, opt, src, os.path.join(tmp, "src.o"), ["-DKUBESIM_SEPARATE_COMPILATION"]))
    if code != 0:
        sys.exit("src.hpp failed to compile:\n" + log)
    out.append({"bench": "library", "compiler": cxx, "version": version(cxx), "opt": opt, "how": "src.hpp",
                "jobs": 1, "wall_s": round(w, 3), "cpu_s": round(c, 3), "peak_mib": round(m, 1)})
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--compilers", default="g++,clang++")
    ap.add_argument("--levels", default="0,2", help="optimisation levels (-O0 and -O2 by default)")
    ap.add_argument("--modes", default="compiled,header-only")
    ap.add_argument("--source", default="examples/quickstart.cpp")
    ap.add_argument("--no-library", action="store_true", help="skip the library builds")
    ap.add_argument("--root", default=ROOT, help="the kubesim checkout to compile (default: this one)")
    args = ap.parse_args()
    set_root(args.root)
    compilers = [c for c in args.compilers.split(",") if c]
    with tempfile.TemporaryDirectory(prefix="kubesim-compile-bench-") as tmp:
        for cxx in compilers:
            if not shutil.which(cxx):
                print(json.dumps({"bench": "compile", "compiler": cxx, "skipped": "not installed"}), flush=True)
                continue
            for opt in ["-O" + level for level in args.levels.split(",")]:
                for mode in args.modes.split(","):
                    print(json.dumps(bench_compile(cxx, opt, mode, args.source, args.runs, tmp)), flush=True)
                if not args.no_library:
                    for row in bench_library(cxx, opt, tmp):
                        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
