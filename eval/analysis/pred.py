#!/usr/bin/env python3
"""pred.py DUMP.json 'EXPR' [-v]: posts where EXPR holds; EXPR sees T (text), F (types set),
R (rules set), G (gold), P (pred), S (suite), X (findings list: type, rule, text, drives),
O (types with a finding marked own_details)."""
import json, sys, collections
rows = json.load(open(sys.argv[1]))
c = collections.Counter()
for r in rows:
    env = dict(T=r['text'], F={f[0] for f in r['f']}, R={f[1] for f in r['f']}, G=r['gold'],
               P=r['pred'], S=r['suite'], X=r['f'], O=set(r.get('own', [])), re=__import__('re'))
    if eval(sys.argv[2], env):
        c[(r['gold'], r['pred'])] += 1
        if '-v' in sys.argv and (('-m' not in sys.argv) or r['gold'] != r['pred']):
            print(f"{r['suite']}:{r['id']} gold {r['gold']} pred {r['pred']}: {r['text'][:240]}")
            print('     ', [(f[0], f[1], f[2][:25]) for f in r['f']])
print(sorted(c.items()))
g = collections.Counter(); 
for (a, b), n in c.items(): g[a] += n
print('gold:', dict(g), ' agree:', sum(n for (a, b), n in c.items() if a == b))
