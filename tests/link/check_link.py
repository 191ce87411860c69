#!/usr/bin/env python3
"""Mixing header-only and compiled translation units in one program must fail to
link, naming the cause; each mode alone must link and run.

  check_link.py LIBRARY SOURCE_DIR INCLUDE_DIR -- COMPILER...
"""
import os
import subprocess
import sys
import tempfile

GUARD = "KUBESIM_SEPARATE_COMPILATION_must_be_defined_in_every_translation_unit_or_in_none"


def main():
    sep = sys.argv.index("--")
    library, source_dir, include_dir = sys.argv[1:sep]
    cxx = sys.argv[sep + 1:]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        def compile_(name, compiled):
            obj = os.path.join(tmp, name + ".o")
            cmd = cxx + ["-std=c++20", "-I", include_dir, "-c", os.path.join(source_dir, name + ".cpp"), "-o", obj]
            if compiled:
                cmd.insert(len(cxx), "-DKUBESIM_SEPARATE_COMPILATION")
            subprocess.run(cmd, check=True)
            return obj

        def link(name, objs):
            exe = os.path.join(tmp, name)
            # The library's YAML (kubectl -f, apply_yaml) is yaml-cpp's.
            r = subprocess.run(cxx + objs + ["-lyaml-cpp", "-o", exe], capture_output=True, text=True)
            return exe, r.returncode, r.stdout + r.stderr

        compiled = compile_("compiled_half", True)
        header_only = compile_("header_only_half", False)
        header_only_main = compile_("header_only_main", False)

        exe, code, out = link("compiled", [compiled, library])
        if code != 0:
            failures.append("compiled mode alone did not link:\n" + out)
        elif subprocess.run([exe]).returncode != 0:
            failures.append("compiled mode alone did not run")

        exe, code, out = link("header_only", [header_only_main, header_only])
        if code != 0:
            failures.append("header-only mode alone (two translation units) did not link:\n" + out)
        elif subprocess.run([exe]).returncode != 0:
            failures.append("header-only mode alone did not run")

        for name, objs in (("mixed", [compiled, header_only, library]), ("mixed-no-library", [header_only, compiled])):
            _, code, out = link(name, objs)
            if code == 0:
                failures.append(f"{name}: mixing the modes linked")
            elif GUARD not in out:
                failures.append(f"{name}: the link failed without naming {GUARD}:\n{out}")
            else:
                print(f"{name}: refused as expected:")
                print("  " + next(l for l in out.splitlines() if GUARD in l))
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
