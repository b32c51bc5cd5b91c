#!/usr/bin/env python3
"""sig.py DUMP.json [rules]: group posts by the set of finding types (or rules); print groups
where tact's verdict and gold disagree most."""
import json, sys, collections
rows = json.load(open(sys.argv[1]))
useru = 'rules' in sys.argv
g = collections.defaultdict(collections.Counter)
for r in rows:
    key = tuple(sorted({(f[1] if useru else f[0]) for f in r['f']}))
    g[key][(r['gold'], r['pred'])] += 1
out = []
for k, c in g.items():
    n = sum(c.values()); bad = sum(v for (a, b), v in c.items() if a != b)
    out.append((bad, n, k, c))
out.sort(reverse=True)
for bad, n, k, c in out[:40]:
    gold = collections.Counter(); pred = collections.Counter()
    for (a, b), v in c.items(): gold[a] += v; pred[b] += v
    print(f'{bad:3d}/{n:3d} {",".join(k) or "-"}  gold {dict(gold)} pred {dict(pred)}')
