#!/usr/bin/env python3
"""Run the examples in README.md and docs/tact.1.md as tests.

In README.md every line inside a ```sh block that starts with "$ " is run
with bash from the repository root, with the build directory's tact first
on PATH (and "build/tact" rewritten to it). A comment after the command,
"# exit N", gives the expected exit status; "# prints TEXT" text that must
appear on standard output. Commands that start servers (make run) or
need the network are not run: only lines starting with "$ " are.

In docs/tact.1.md the lines of the Examples section that pipe into
"tact check" are run the same way and must exit 0, 1 or 2.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(cmd, tact):
    bindir = os.path.dirname(os.path.abspath(tact))
    cmd = cmd.replace("build/tact", "tact")
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
    return subprocess.run(["bash", "-c", cmd], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def main():
    tact = sys.argv[1]
    failures = passed = 0
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    for block in re.findall(r"```sh\n(.*?)```", readme, re.S):
        for line in block.splitlines():
            if not line.startswith("$ "):
                continue
            cmd, _, comment = line[2:].partition("  # ")
            want_exit = re.search(r"exit (\d+)", comment)
            want_out = re.search(r"prints (.+)$", comment)
            p = run(cmd, tact)
            ok = True
            if want_exit and p.returncode != int(want_exit.group(1)):
                ok = False
            if not want_exit and p.returncode not in (0, 1, 2):
                ok = False
            if want_out and want_out.group(1).strip() not in p.stdout:
                ok = False
            if ok:
                passed += 1
            else:
                failures += 1
                print(f"FAIL README: {cmd}\n  exit {p.returncode}\n  stdout: {p.stdout[:500]}\n  stderr: {p.stderr[:300]}")
    man = open(os.path.join(ROOT, "docs", "tact.1.md"), encoding="utf-8").read()
    ex = man.split("# Examples", 1)[-1]
    for line in re.findall(r"^(echo .*\| tact check.*)$", ex, re.M):
        p = run(line, tact)
        if p.returncode in (0, 1, 2):
            passed += 1
        else:
            failures += 1
            print(f"FAIL man page: {line}\n  exit {p.returncode}\n  stderr: {p.stderr[:300]}")
    print(f"{passed} passed, {failures} failed")
    return 1 if failures or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
