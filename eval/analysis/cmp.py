#!/usr/bin/env python3
"""cmp.py OLD.json NEW.json [-q]: list posts whose verdict changed."""
import json, sys
a = {(r['suite'], r['id']): r for r in json.load(open(sys.argv[1]))}
b = {(r['suite'], r['id']): r for r in json.load(open(sys.argv[2]))}
gain = loss = 0
for k in a:
    x, y = a[k], b[k]
    if x['pred'] != y['pred']:
        good = (y['pred'] == y['gold']) - (x['pred'] == x['gold'])
        gain += good > 0; loss += good < 0
        mark = '+' if good > 0 else '-' if good < 0 else '='
        print(mark, k, 'gold', x['gold'], x['pred'], '->', y['pred'])
        if '-q' not in sys.argv:
            print('   ', y['text'][:300])
print(f'+{gain} -{loss}')
