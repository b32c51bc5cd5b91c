#!/usr/bin/env python3
"""show.py DUMP.json SUITE [GOLD PRED]: print misses of a suite."""
import json, sys
rows = json.load(open(sys.argv[1]))
for r in rows:
    if r['suite'] != sys.argv[2] or r['gold'] == r['pred']:
        continue
    if len(sys.argv) > 3 and (r['gold'][0].upper() + r['pred'][0].upper()) not in sys.argv[3:]:
        continue
    print(f"== {r['id']} gold {r['gold']} pred {r['pred']} :: {r['reason'][:80]}")
    print('  ', r['text'])
    print('   must:', [(m['type'], m['text']) for m in r['must_find']])
    print('   got :', [(t, ru, tx[:30]) for t, ru, tx, d in r['f']])
    print('   why :', r['why'][:200])
