#!/usr/bin/env python3
"""Safe versions (tact redact) over the scenario dev suite.

Per mode: leaks (identifier texts found in the original that are still in
the output, whole word, case-insensitive), dirty re-screens (outputs in
which tact finds an identifier; for pseudonymise, identifiers inside the
surrogates tact inserted do not count), replay errors (the replacement list
does not rebuild the output), and the output/input length ratio (over-
redaction shows as a low ratio in redact mode, a high one elsewhere).
Target: 0 leaks, 0 dirty, 0 replay errors.

usage: 50-redact.py TACT SHARED [--show]
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "redact"))
import property as prop  # noqa: E402


def main():
    tact, shared = sys.argv[1], sys.argv[2]
    show = "--show" in sys.argv
    suite = os.path.join(shared, "eval", "scenarios-dev.jsonl")
    if not os.path.exists(suite):
        print(f"scenario suite not found at {suite}: skipped")
        return 0
    texts = [json.loads(l)["text"] for l in open(suite, encoding="utf-8") if l.strip()]
    res = prop.measure(tact, texts)
    print(f"tact redact over {len(texts)} scenario posts")
    print(f"{'mode':14s}{'leaks':>7s}{'dirty':>7s}{'replay':>8s}{'len out/in':>12s}")
    for mode, r in res.items():
        print(f"{mode:14s}{r['leaks']:7d}{r['dirty']:7d}{r['replay']:8d}{r['ratio']:12.2f}")
    if show:
        for mode, r in res.items():
            for i, kind, what in r["details"]:
                print(f"  {mode} post {i + 1}: {kind}: {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
