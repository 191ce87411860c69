#!/usr/bin/env python3
"""`kubesim serve` as a user runs it: the line it prints, the kubeconfig it writes,
the API it serves, bad flags (usage, exit 2), a taken port (one line, exit 1), and
a clean exit on SIGTERM.

  check_cli.py PATH/TO/kubesim
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import urllib.request

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAILED:", what)


def main():
    exe = sys.argv[1]
    r = subprocess.run([exe, "serve", "--bogus"], capture_output=True, text=True, timeout=30)
    check(r.returncode == 2, f"--bogus exits 2 (got {r.returncode})")
    check(r.stderr.startswith("kubesim: unknown flag: --bogus\n"), f"--bogus names the flag: {r.stderr!r}")
    check("Usage:" in r.stderr, "--bogus prints the usage")
    r = subprocess.run([exe, "serve", "--nodes", "zero"], capture_output=True, text=True, timeout=30)
    check(r.returncode == 2 and "invalid --nodes: zero" in r.stderr, f"--nodes zero: {r.returncode} {r.stderr!r}")
    r = subprocess.run([exe, "frobnicate"], capture_output=True, text=True, timeout=30)
    check(r.returncode == 2 and "unknown command: frobnicate" in r.stderr, f"unknown command: {r.stderr!r}")

    with tempfile.TemporaryDirectory() as tmp:
        kc = os.path.join(tmp, "k.kubeconfig")
        p = subprocess.Popen([exe, "serve", "--speed", "0", "--nodes", "2", "--kubeconfig", kc],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = p.stdout.readline()
            prefix = "kubesim: serving the Kubernetes API at "
            check(line.startswith(prefix) and line.endswith(f" (kubeconfig: {kc})\n"), f"first line: {line!r}")
            url = line[len(prefix):].split(" ")[0]
            port = url.rsplit(":", 1)[1]
            with open(kc) as f:
                check(f"    server: {url}\n" in f.read(), "the kubeconfig names the server")
            with urllib.request.urlopen(url + "/api/v1/nodes") as resp:
                nodes = json.load(resp)
            check([n["metadata"]["name"] for n in nodes["items"]] == ["node-1", "node-2"], "two nodes served")
            r = subprocess.run([exe, "serve", "--port", port, "--kubeconfig", os.path.join(tmp, "x")],
                               capture_output=True, text=True, timeout=30)
            check(r.returncode == 1, f"taken port exits 1 (got {r.returncode})")
            check(r.stderr == f"kubesim: cannot listen on 127.0.0.1:{port}: Address already in use\n",
                  f"taken port message: {r.stderr!r}")
            p.send_signal(signal.SIGTERM)
            check(p.wait(timeout=30) == 0, "SIGTERM ends it with exit code 0")
        finally:
            if p.poll() is None:
                p.kill()
    print(f"{'FAILED' if failures else 'ok'}: kubesim serve, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
