#!/usr/bin/env python3
"""Score tact on the scenario suite (../shared/eval/scenarios-*.jsonl).

Scoring (DESIGN.md): a must_find item is found when a finding of the same
category (identifier or conduct; register counts as identifier) overlaps its
span; the exact type is reported too. A must_not_flag item is respected when
no identifier finding overlaps it. Verdicts: exact agreement, block recall,
unsafe pass rate (block judged ok), false alarm rate (ok judged block).

usage: 10-scenarios.py TACT SHARED [--show] [--suite FILE]
  --show        list every miss
  --suite FILE  score another suite in the same format (e.g. eval/team/)
  --half a..t    only posts whose number is odd (a, c, e, g, i, k, m, o, q, s) or even (b, d, f, h, j, l, n, p, r, t);
                the even halves of the team suites are blind: --show is refused
                (and on the suites in HELD_FILES)
"""
import collections
import json
import os
import subprocess
import sys

# whole suites kept unread for now (eval/team/README.md): totals only
HELD_FILES = {"practice-23.jsonl"}
CONDUCT = {"case_discussion", "abuse", "derogatory", "discrimination", "colleague_criticism",
           "venting", "boundary"}


def cat_of(t):
    return "conduct" if t in CONDUCT else "identifier"


def fcat(f):
    return "conduct" if f["category"] == "conduct" else "identifier"


def span(text, sub):
    b = text.encode("utf-8")
    k = b.find(sub.encode("utf-8"))
    return None if k < 0 else (k, k + len(sub.encode("utf-8")))


def run(tact, posts):
    data = "".join(json.dumps({"id": p["id"], "text": p["text"]}) + "\n" for p in posts)
    out = subprocess.run([tact, "check", "--format", "jsonl"], input=data.encode(),
                         capture_output=True).stdout.decode()
    return {r["id"]: r for r in map(json.loads, out.splitlines()) if "id" in r}


def main():
    tact, shared = sys.argv[1], sys.argv[2]
    show = "--show" in sys.argv
    suite = os.path.join(shared, "eval", "scenarios-dev.jsonl")
    if "--suite" in sys.argv:
        suite = sys.argv[sys.argv.index("--suite") + 1]
    if not os.path.exists(suite):
        print(f"scenario suite not found at {suite}: skipped")
        return 0
    if show and os.path.basename(suite) in HELD_FILES:
        print(f"{os.path.basename(suite)} is held out: totals only, no --show", file=sys.stderr)
        return 2
    posts = [json.loads(l) for l in open(suite, encoding="utf-8") if l.strip()]
    if "--half" in sys.argv:
        h = sys.argv[sys.argv.index("--half") + 1]
        if h not in "abcdefghijklmnopqrst" or len(h) != 1:
            print("--half takes a letter from a to t", file=sys.stderr)
            return 2
        if show and h in ("b", "d", "f", "h", "j", "l", "n", "p", "r", "s", "t"):
            print(f"half {h} is blind: totals only, no --show", file=sys.stderr)
            return 2
        want = 1 if h in ("a", "c", "e", "g", "i", "k", "m", "o", "q", "s") else 0
        posts = [p for p in posts if int("".join(c for c in p["id"] if c.isdigit()) or 0) % 2 == want]
    res = run(tact, posts)
    per_type = collections.defaultdict(lambda: [0, 0, 0])  # found, type exact, total
    mnf = [0, 0]
    verdicts = collections.Counter()
    misses = []
    for p in posts:
        r = res.get(p["id"], {"verdict": "?", "findings": []})
        finds = r["findings"]
        verdicts[(p["verdict"], r["verdict"])] += 1
        for m in p["must_find"]:
            sp = span(p["text"], m["text"])
            pt = per_type[m["type"]]
            pt[2] += 1
            if sp is None:
                continue
            a, b = sp
            hits = [f for f in finds if fcat(f) == cat_of(m["type"]) and f["start"] < b and a < f["end"]]
            if hits:
                pt[0] += 1
                if any(f["type"] == m["type"] for f in hits):
                    pt[1] += 1
                else:
                    misses.append((p["id"], "type", m["type"], m["text"], [f["type"] for f in hits]))
            else:
                misses.append((p["id"], "miss", m["type"], m["text"], None))
        for s in p["must_not_flag"]:
            sp = span(p["text"], s)
            mnf[1] += 1
            if sp is None:
                mnf[0] += 1
                continue
            a, b = sp
            bad = [f for f in finds if fcat(f) == "identifier" and f["start"] < b and a < f["end"]]
            if bad:
                misses.append((p["id"], "flagged", bad[0]["type"], s, None))
            else:
                mnf[0] += 1
        if r["verdict"] != p["verdict"]:
            misses.append((p["id"], "verdict", p["verdict"], r["verdict"], None))

    def pct(a, b):
        return f"{a / b:.3f}" if b else "  -  "

    half = f", half {sys.argv[sys.argv.index('--half') + 1]}" if "--half" in sys.argv else ""
    print(f"scenario suite: {suite} ({len(posts)} posts{half})")
    print(f"{'type':<22}{'items':>6}{'recall':>8}{'type-exact':>12}")
    for cat in ("identifier", "conduct"):
        tot = [0, 0, 0]
        for t in sorted(per_type):
            if cat_of(t) != cat:
                continue
            f, e, n = per_type[t]
            tot = [tot[0] + f, tot[1] + e, tot[2] + n]
            print(f"  {t:<20}{n:>6}{pct(f, n):>8}{pct(e, n):>12}")
        print(f"{'all ' + cat:<22}{tot[2]:>6}{pct(tot[0], tot[2]):>8}{pct(tot[1], tot[2]):>12}")
    print(f"must_not_flag respected: {mnf[0]}/{mnf[1]} = {pct(mnf[0], mnf[1])}")
    n = len(posts)
    agree = sum(v for (g, r), v in verdicts.items() if g == r)
    blocks = sum(v for (g, r), v in verdicts.items() if g == "block")
    oks = sum(v for (g, r), v in verdicts.items() if g == "ok")
    print(f"verdict agreement: {agree}/{n} = {pct(agree, n)}")
    print(f"block recall: {verdicts[('block', 'block')]}/{blocks} = {pct(verdicts[('block', 'block')], blocks)}")
    print(f"unsafe passes (block judged ok): {verdicts[('block', 'ok')]}/{blocks} = {pct(verdicts[('block', 'ok')], blocks)}")
    print(f"false alarms (ok judged block): {verdicts[('ok', 'block')]}/{oks} = {pct(verdicts[('ok', 'block')], oks)}")
    print("confusion (gold -> tact):", ", ".join(f"{g}->{r}: {v}" for (g, r), v in sorted(verdicts.items())))
    if show:
        for m in misses:
            print("  ", *m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
