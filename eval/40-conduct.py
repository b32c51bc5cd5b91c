#!/usr/bin/env python3
"""Conduct and verdict detail on the scenario suite (../shared/eval/scenarios-dev.jsonl).

Prints, next to eval/10-scenarios.py's totals: the verdict confusion, block
recall, unsafe passes (block judged ok), false alarms (ok judged block),
must_find recall per conduct type (category match and exact type), and
conduct findings raised on ok posts, by type. Targets: block recall >= 0.95,
unsafe passes 0, false alarms <= 0.05, verdict agreement >= 0.85.

usage: 40-conduct.py TACT SHARED [--show]
"""
import collections
import json
import os
import subprocess
import sys

CONDUCT = ["case_discussion", "abuse", "derogatory", "discrimination", "colleague_criticism",
           "venting", "boundary"]


def span(text, sub):
    b = text.encode("utf-8")
    k = b.find(sub.encode("utf-8"))
    return None if k < 0 else (k, k + len(sub.encode("utf-8")))


def main():
    tact, shared = sys.argv[1], sys.argv[2]
    show = "--show" in sys.argv
    suite = os.path.join(shared, "eval", "scenarios-dev.jsonl")
    if not os.path.exists(suite):
        print(f"scenario suite not found at {suite}: skipped")
        return 0
    posts = [json.loads(l) for l in open(suite, encoding="utf-8") if l.strip()]
    data = "".join(json.dumps({"id": p["id"], "text": p["text"]}) + "\n" for p in posts)
    out = subprocess.run([tact, "check", "--format", "jsonl"], input=data.encode(),
                         capture_output=True, timeout=600).stdout.decode()
    res = {r["id"]: r for r in map(json.loads, out.splitlines()) if "id" in r}
    per = {t: [0, 0, 0] for t in CONDUCT}  # category hit, exact type, total
    on_ok = collections.Counter()
    conf = collections.Counter()
    notes = []
    for p in posts:
        r = res.get(p["id"], {"verdict": "?", "findings": []})
        conf[(p["verdict"], r["verdict"])] += 1
        cfinds = [f for f in r["findings"] if f["category"] == "conduct"]
        for m in p["must_find"]:
            if m["type"] not in per:
                continue
            sp = span(p["text"], m["text"])
            per[m["type"]][2] += 1
            if not sp:
                continue
            hits = [f for f in cfinds if f["start"] < sp[1] and sp[0] < f["end"]]
            if hits:
                per[m["type"]][0] += 1
                if any(f["type"] == m["type"] for f in hits):
                    per[m["type"]][1] += 1
            else:
                notes.append(f"{p['id']} missed {m['type']}")
        if p["verdict"] == "ok":
            for f in cfinds:
                on_ok[f["type"]] += 1
                notes.append(f"{p['id']} (ok post) raised {f['type']} via {f['rule']}")
        if r["verdict"] != p["verdict"]:
            notes.append(f"{p['id']} verdict {p['verdict']} -> {r['verdict']}: {r.get('reason', '')}")

    def pct(a, b):
        return f"{a / b:.3f}" if b else "  -  "

    n = len(posts)
    blocks = sum(v for (g, _), v in conf.items() if g == "block")
    oks = sum(v for (g, _), v in conf.items() if g == "ok")
    agree = sum(v for (g, t), v in conf.items() if g == t)
    print(f"scenario suite: {suite} ({n} posts)")
    print(f"verdict agreement: {agree}/{n} = {pct(agree, n)}   (target >= 0.85)")
    print(f"block recall: {conf[('block', 'block')]}/{blocks} = {pct(conf[('block', 'block')], blocks)}"
          "   (target >= 0.95)")
    print(f"unsafe passes (block judged ok): {conf[('block', 'ok')]}   (target 0)")
    print(f"false alarms (ok judged block): {conf[('ok', 'block')]}/{oks} = "
          f"{pct(conf[('ok', 'block')], oks)}   (target <= 0.05)")
    print("confusion (gold -> tact):", ", ".join(f"{g}->{t}: {v}" for (g, t), v in sorted(conf.items())))
    print(f"{'conduct type':<22}{'items':>6}{'recall':>8}{'type-exact':>12}{'on ok posts':>13}")
    for t in CONDUCT:
        f, e, k = per[t]
        print(f"  {t:<20}{k:>6}{pct(f, k):>8}{pct(e, k):>12}{on_ok[t]:>13}")
    if show:
        for s in notes:
            print("  ", s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
