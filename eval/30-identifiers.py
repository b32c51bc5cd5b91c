#!/usr/bin/env python3
"""Identifier detectors on the scenario suite, side by side with two npm
packages (redact-pii and compromise, run by eval/peers/identifiers.js).

For each identifier type of the dev suite: must_find recall (a finding of
category identifier overlaps the item), type-exact rate (one of those has
the same type), and must_not_flag respected (no identifier finding overlaps).
Peers' detections are mapped onto tact's types by identifiers.js.

"mine" excludes person (the names engineer's); locations that are plain town
or district names are also the names engineer's, so location is shown but
reported separately.

usage: 30-identifiers.py TACT SHARED [--show] [--no-peers]
"""
import collections
import json
import os
import shutil
import subprocess
import sys

CONDUCT = {"case_discussion", "abuse", "derogatory", "discrimination", "colleague_criticism",
           "venting", "boundary"}
HERE = os.path.dirname(os.path.abspath(__file__))


def span(text, sub):
    b = text.encode("utf-8")
    k = b.find(sub.encode("utf-8"))
    return None if k < 0 else (k, k + len(sub.encode("utf-8")))


def run_tact(tact, posts):
    data = "".join(json.dumps({"id": p["id"], "text": p["text"]}) + "\n" for p in posts)
    out = subprocess.run([tact, "check", "--format", "jsonl"], input=data.encode(),
                         capture_output=True).stdout.decode()
    res = {}
    for line in out.splitlines():
        r = json.loads(line)
        if "id" in r:
            res[r["id"]] = [(f["start"], f["end"], f["type"]) for f in r.get("findings", [])
                            if f.get("category") != "conduct"]
    return res


def run_peer(posts):
    node = shutil.which("node")
    script = os.path.join(HERE, "peers", "identifiers.js")
    if not node or not os.path.exists(os.path.join(HERE, "..", "node_modules", "compromise")):
        return None
    data = "".join(json.dumps({"id": p["id"], "text": p["text"]}) + "\n" for p in posts)
    out = subprocess.run([node, script], input=data.encode(), capture_output=True,
                         cwd=os.path.join(HERE, "..")).stdout.decode()
    res = {"redact-pii": {}, "compromise": {}}
    for line in out.splitlines():
        r = json.loads(line)
        for tool in res:
            res[tool][r["id"]] = [(a, b, t) for a, b, t in r.get(tool, [])]
    return res


def score(posts, res):
    per = collections.defaultdict(lambda: [0, 0, 0])
    mnf = [0, 0]
    misses = []
    for p in posts:
        finds = res.get(p["id"], [])
        for m in p["must_find"]:
            if m["type"] in CONDUCT:
                continue
            sp = span(p["text"], m["text"])
            pt = per[m["type"]]
            pt[2] += 1
            if sp is None:
                continue
            a, b = sp
            hits = [f for f in finds if f[0] < b and a < f[1]]
            if hits:
                pt[0] += 1
                if any(f[2] == m["type"] for f in hits):
                    pt[1] += 1
                else:
                    misses.append((p["id"], "type", m["type"], m["text"], [f[2] for f in hits]))
            else:
                misses.append((p["id"], "miss", m["type"], m["text"]))
        for s in p["must_not_flag"]:
            sp = span(p["text"], s)
            mnf[1] += 1
            bad = [f for f in finds if sp and f[0] < sp[1] and sp[0] < f[1]]
            if bad:
                misses.append((p["id"], "flagged", bad[0][2], s))
            else:
                mnf[0] += 1
    return per, mnf, misses


def pct(a, b):
    return f"{a / b:.3f}" if b else "  -  "


def main():
    tact, shared = sys.argv[1], sys.argv[2]
    suite = os.path.join(shared, "eval", "scenarios-dev.jsonl")
    if not os.path.exists(suite):
        print(f"scenario suite not found at {suite}: skipped")
        return 0
    posts = [json.loads(l) for l in open(suite, encoding="utf-8") if l.strip()]
    systems = {"tact": run_tact(tact, posts)}
    if "--no-peers" not in sys.argv:
        peers = run_peer(posts)
        if peers is None:
            print("node or node_modules missing: peers skipped")
        else:
            systems.update(peers)
    scored = {name: score(posts, r) for name, r in systems.items()}
    types = sorted({t for s in scored.values() for t in s[0]})
    names = list(systems)
    print(f"identifier items of {suite} ({len(posts)} posts); cells are recall/type-exact")
    print(f"{'type':<22}{'items':>6}" + "".join(f"{n:>22}" for n in names))
    groups = {"all identifiers": set(types), "mine (all but person)": set(types) - {"person"},
              "mine, without location": set(types) - {"person", "location"}}
    for t in types:
        n = scored[names[0]][0][t][2]
        cells = "".join(f"{pct(scored[x][0][t][0], n) + ' / ' + pct(scored[x][0][t][1], n):>22}"
                        for x in names)
        print(f"  {t:<20}{n:>6}{cells}")
    for g, ts in groups.items():
        cells = ""
        for x in names:
            f = sum(scored[x][0][t][0] for t in ts)
            e = sum(scored[x][0][t][1] for t in ts)
            n = sum(scored[x][0][t][2] for t in ts)
            cells += f"{pct(f, n) + ' / ' + pct(e, n):>22}"
        n = sum(scored[names[0]][0][t][2] for t in ts)
        print(f"{g:<22}{n:>6}{cells}")
    cells = "".join(f"{str(scored[x][1][0]) + '/' + str(scored[x][1][1]) + ' = ' + pct(*scored[x][1]):>22}"
                    for x in names)
    print(f"{'must_not_flag resp.':<28}{cells}")
    print("targets (tact, mine): recall >= 0.98, type exact >= 0.95, must_not_flag >= 0.97")
    if "--show" in sys.argv:
        for m in scored["tact"][2]:
            print("  ", *m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
