#!/usr/bin/env python3
"""Run one data-driven spec file against the tact command.

Format (see tests/spec/README.md):

    ### case name
    text: raw text to the end of the line
    textj: "a JSON string, with \\n escapes"
    textpy: "a Python expression" * 3        (generated hostile inputs)
    text<<END
    several lines
    END
    find: TYPE substring        a finding of TYPE overlaps the substring
    find=: TYPE substring       ... with exactly that span
    nofind: TYPE substring      no finding of TYPE (or *, identifier, conduct) overlaps it
    clean: identifier|conduct|all   no findings of that category
    count: TYPE N               exactly N findings of TYPE
    verdict: ok|review|block
    args: redact --mode mask    run `tact ARGS` with the text on stdin instead of check
    exit: N                     expected exit status (with args)
    stdout~: s / stdout!~: s / stderr~: s / stderr!~: s   (must / must not contain)
    stdout-json: jq-like key=value checks are not supported; use stdout~

Cases without args are screened together through `tact check --format jsonl
--rules-only`: the spec files test the rules (docs/verdict-rules.md). A file
whose first line is "#! reading" is screened without --rules-only, with the
whole-post reading (src/lib/verdict_model.c) that may settle a review or
soften a block.
Substrings may be written as JSON strings ("...") to keep spaces.
"""
import json
import os
import shlex
import subprocess
import sys

IDENT_TYPES = {"person", "address", "postcode", "location", "phone", "email", "date_of_birth",
               "age", "nhs_number", "ni_number", "case_reference", "school", "organisation",
               "handle", "url", "geo_coordinates", "vehicle_registration", "protected_person"}


def unq(s):
    s = s.strip()
    if len(s) >= 2 and s[0] == '"' and s[-1] == '"':
        return json.loads(s)
    return s


def parse(path):
    cases, cur = [], None
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        ln = lines[i]
        i += 1
        if ln.startswith("###"):
            cur = {"name": ln[3:].strip(), "checks": [], "line": i, "text": None}
            cases.append(cur)
            continue
        if not ln.strip() or ln.startswith("#"):
            continue
        if cur is None:
            raise SystemExit(f"{path}:{i}: content before the first ### case")
        if ln.startswith("text<<"):
            tag = ln[6:].strip()
            body = []
            while i < len(lines) and lines[i] != tag:
                body.append(lines[i])
                i += 1
            i += 1
            cur["text"] = "\n".join(body)
            continue
        key, _, val = ln.partition(":")
        key = key.strip()
        val = val[1:] if val.startswith(" ") else val
        if key == "text":
            cur["text"] = val
        elif key == "textj":
            cur["text"] = json.loads(val)
        elif key == "textpy":
            cur["text"] = eval(val, {"__builtins__": {"chr": chr, "range": range, "str": str, "len": len}})
        elif key == "args":
            cur["args"] = shlex.split(val)
        else:
            cur["checks"].append((key, val, i))
    return cases


def overlaps(f, a, b):
    return f["start"] < b and a < f["end"]


def span_of(text, sub):
    raw = text.encode("utf-8")
    k = raw.find(sub.encode("utf-8"))
    if k < 0:
        return None
    return k, k + len(sub.encode("utf-8"))


def type_ok(f, t):
    if t == "*":
        return True
    if t == "identifier":
        return f["category"] in ("identifier", "register")
    if t == "conduct":
        return f["category"] == "conduct"
    return f["type"] == t


def check_result(case, res, errors):
    text = case["text"] or ""
    finds = res.get("findings", [])
    for key, val, ln in case["checks"]:
        where = f"line {ln}"
        if key in ("find", "find=", "nofind"):
            t, _, sub = val.strip().partition(" ")
            sub = unq(sub)
            sp = span_of(text, sub)
            if sp is None:
                errors.append(f"{where}: substring {sub!r} not in text")
                continue
            a, b = sp
            if key == "find":
                ok = any(type_ok(f, t) and overlaps(f, a, b) for f in finds)
            elif key == "find=":
                ok = any(type_ok(f, t) and f["start"] == a and f["end"] == b for f in finds)
            else:
                ok = not any(type_ok(f, t) and overlaps(f, a, b) for f in finds)
            if not ok:
                got = [(f["type"], f["text"]) for f in finds]
                errors.append(f"{where}: {key} {t} {sub!r} failed; findings: {got}")
        elif key == "clean":
            cat = val.strip()
            bad = [f for f in finds if cat == "all" or type_ok(f, cat)]
            if bad:
                errors.append(f"{where}: expected no {cat} findings, got {[(f['type'], f['text']) for f in bad]}")
        elif key == "count":
            t, _, n = val.strip().partition(" ")
            got = sum(1 for f in finds if type_ok(f, t))
            if got != int(n):
                errors.append(f"{where}: expected {n} {t} findings, got {got}")
        elif key == "verdict":
            if res.get("verdict") != val.strip():
                errors.append(f"{where}: verdict {res.get('verdict')} != {val.strip()} "
                              f"(findings: {[(f['type'], f['text']) for f in finds]})")
        else:
            errors.append(f"{where}: unknown check {key!r} for a screened case")


# Commands run from the repository root, so spec files name test data as
# tests/data/... whatever directory ctest runs them from.
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_args(tact, case, errors):
    text = case["text"] if case["text"] is not None else ""
    p = subprocess.run([tact] + case["args"], input=text.encode("utf-8", "surrogateescape"),
                       capture_output=True, timeout=300, cwd=ROOT)
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    for key, val, ln in case["checks"]:
        where = f"line {ln}"
        v = val.strip()
        if key == "exit":
            if p.returncode != int(v):
                errors.append(f"{where}: exit {p.returncode} != {v}; stderr: {err[:300]!r}")
        elif key == "stdout~":
            if v not in out:
                errors.append(f"{where}: stdout lacks {v!r}; stdout: {out[:400]!r}")
        elif key == "stdout!~":
            if v in out:
                errors.append(f"{where}: stdout has {v!r}")
        elif key == "stderr~":
            if v not in err:
                errors.append(f"{where}: stderr lacks {v!r}; stderr: {err[:300]!r}")
        elif key == "stderr!~":
            if v in err:
                errors.append(f"{where}: stderr has {v!r}")
        elif key == "verdict" or key in ("find", "find=", "nofind", "clean", "count"):
            try:
                res = json.loads(out.splitlines()[0])
            except Exception:
                errors.append(f"{where}: stdout is not a JSON result: {out[:200]!r}")
                continue
            check_result({"text": text, "checks": [(key, val, ln)]}, res, errors)
        else:
            errors.append(f"{where}: unknown check {key!r}")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: spec_runner.py TACT SPECFILE")
    tact, path = os.path.abspath(sys.argv[1]), sys.argv[2]
    cases = parse(path)
    with open(path, encoding="utf-8") as fh:
        reading = fh.readline().rstrip("\n") == "#! reading"
    batch = [c for c in cases if "args" not in c]
    failures = 0
    if batch:
        lines = "".join(json.dumps({"id": str(k), "text": c["text"] or ""}) + "\n" for k, c in enumerate(batch))
        cmd = [tact, "check", "--format", "jsonl"] + ([] if reading else ["--rules-only"])
        p = subprocess.run(cmd, input=lines.encode("utf-8", "surrogatepass"),
                           capture_output=True, timeout=600)
        outs = p.stdout.decode("utf-8").splitlines()
        if len(outs) != len(batch):
            print(f"FAIL {path}: {len(outs)} results for {len(batch)} cases; stderr: {p.stderr[:500]!r}")
            return 1
        for c, o in zip(batch, outs):
            errors = []
            res = json.loads(o)
            if "error" in res:
                errors.append(f"screening failed: {res['error']}")
            else:
                check_result(c, res, errors)
            if errors:
                failures += 1
                print(f"FAIL {path}:{c['line']}: {c['name']}")
                for e in errors:
                    print("   ", e)
    for c in cases:
        if "args" in c:
            errors = []
            run_args(tact, c, errors)
            if errors:
                failures += 1
                print(f"FAIL {path}:{c['line']}: {c['name']}")
                for e in errors:
                    print("   ", e)
    print(f"{len(cases) - failures} passed, {failures} failed: {path}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
