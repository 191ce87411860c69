#!/usr/bin/env python3
"""Runs a compiler command (the arguments after OUTPUT) and, when it succeeds,
writes the empty stamp file OUTPUT. The header self-containment check uses it
with -fsyntax-only, which produces no object file of its own."""
import subprocess
import sys

out, cmd = sys.argv[1], sys.argv[2:]
status = subprocess.run(cmd).returncode
if status == 0:
    open(out, "w").close()
sys.exit(status)
