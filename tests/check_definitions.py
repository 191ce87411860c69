#!/usr/bin/env python3
"""Checks the layout that lets kubesim build in both modes (docs/architecture.md,
"Declarations and definitions"):
- every header X.hpp with an X.ipp beside it ends by including X.ipp unless
  KUBESIM_SEPARATE_COMPILATION is defined, and X.ipp starts by including X.hpp;
- no other header includes an .ipp;
- every .ipp is compiled exactly once in compiled mode: reached exactly once
  from <kubesim/src.hpp> through the src.ipp lists, and exactly once from the
  library's translation units (src/*.cpp).

  check_definitions.py SOURCE_ROOT
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*<(kubesim/[^>]+)>', re.M)


def includes(path):
    with open(path) as f:
        return INCLUDE.findall(f.read())


def main():
    root = sys.argv[1]
    inc = os.path.join(root, "include")
    problems = []
    ipps, hpps = set(), set()
    for d, _, files in os.walk(os.path.join(inc, "kubesim")):
        for f in files:
            rel = os.path.relpath(os.path.join(d, f), inc)
            if f.endswith(".ipp"):
                ipps.add(rel)
            elif f.endswith(".hpp"):
                hpps.add(rel)
    aggregators = {p for p in ipps if os.path.basename(p) == "src.ipp"}

    stanza = re.compile(r'#ifndef KUBESIM_SEPARATE_COMPILATION\s*\n#include <([^>]+)>\s*\n#endif\s*$')
    for h in sorted(hpps):
        text = open(os.path.join(inc, h)).read()
        own = h[:-4] + ".ipp"
        for i in INCLUDE.findall(text):
            if i.endswith(".ipp") and i != own and h != "kubesim/src.hpp":
                problems.append(f"{h} includes {i}: only src.hpp and a header's own .ipp may be included from a header")
        if own in ipps:
            m = stanza.search(text)
            if not m or m.group(1) != own:
                problems.append(f"{h} does not end with the header-only include of {own}")
    for p in sorted(ipps - aggregators):
        first = includes(os.path.join(inc, p))
        own = p[:-4] + ".hpp"
        if own in hpps and (not first or first[0] != own):
            problems.append(f"{p} does not start by including {own}")

    def reach(start_files, label):
        count = {}

        def walk(path):
            for i in includes(path):
                if not i.endswith(".ipp"):
                    continue
                if i in aggregators:
                    walk(os.path.join(inc, i))
                else:
                    count[i] = count.get(i, 0) + 1

        for s in start_files:
            walk(s)
        for p in sorted(ipps - aggregators):
            n = count.get(p, 0)
            if n != 1:
                problems.append(f"{p} is compiled {n} times through {label} (must be once)")

    reach([os.path.join(inc, "kubesim", "src.hpp")], "<kubesim/src.hpp>")
    src = os.path.join(root, "src")
    reach(sorted(os.path.join(src, f) for f in os.listdir(src) if f.endswith(".cpp")), "src/*.cpp")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
