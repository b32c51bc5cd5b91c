#!/usr/bin/env python3
"""dump.py TACT OUT.json : run tact on every readable post (the dev suite, the readable odd
halves of the team suites, the practice suites not held in 10-scenarios.py HELD_FILES); store
gold, prediction and findings for cmp.py, pred.py, sig.py and show.py. SHARED defaults to
../../../shared from here (eval/analysis/README.md)."""
import json, subprocess, sys, os, glob
HERE = os.path.dirname(os.path.abspath(__file__))
M = os.path.join(HERE, '..', 'team') + '/'
SHARED = os.environ.get('TACT_SHARED', os.path.join(HERE, '..', '..', '..', 'shared'))
HELD = {'practice-23'}  # keep in step with HELD_FILES in eval/10-scenarios.py
SUITES = [(os.path.join(SHARED, 'eval', 'scenarios-dev.jsonl'), None)]
for f, h in [('scenarios-team', 'a'), ('scenarios-team2', 'c'), ('scenarios-team3', 'e'),
             ('scenarios-team4', 'g'), ('scenarios-team5', 'i'), ('scenarios-team6', 'k'),
             ('scenarios-team7', 'm'), ('scenarios-team8', 'o'), ('scenarios-team9', 'q')]:
    SUITES.append((M + f + '.jsonl', 1))
for path in sorted(glob.glob(M + 'practice-*.jsonl')):
    if os.path.basename(path)[:-6] not in HELD:
        SUITES.append((path, None))
posts = []
for path, odd in SUITES:
    for l in open(path):
        d = json.loads(l)
        if odd is not None:
            n = int(''.join(c for c in d['id'] if c.isdigit()))
            if n % 2 != odd:
                continue
        d['suite'] = os.path.basename(path).replace('.jsonl', '')
        posts.append(d)
data = ''.join(json.dumps({'id': str(k), 'text': p['text']}) + '\n' for k, p in enumerate(posts))
out = subprocess.run([sys.argv[1], 'check', '--format', 'jsonl'], input=data.encode(),
                     capture_output=True).stdout.decode()
res = {r['id']: r for r in map(json.loads, out.splitlines()) if 'id' in r}
rows = []
for k, p in enumerate(posts):
    r = res[str(k)]
    rows.append({'id': p['id'], 'suite': p['suite'], 'text': p['text'], 'gold': p['verdict'],
                 'pred': r['verdict'], 'reason': r.get('reason', ''),
                 'must_find': p.get('must_find', []), 'why': p.get('why', ''),
                 'f': [(x['type'], x['rule'], x['text'], x.get('drives_verdict', False))
                       for x in r['findings']],
                 'own': sorted({x['type'] for x in r['findings'] if x.get('own_details')})})
json.dump(rows, open(sys.argv[2], 'w'))
ok = sum(r['gold'] == r['pred'] for r in rows)
print(f'{ok}/{len(rows)}')
by = {}
for r in rows:
    s = by.setdefault(r['suite'], [0, 0]); s[1] += 1; s[0] += r['gold'] == r['pred']
print(' '.join(f'{k}:{v[0]}/{v[1]}' for k, v in by.items()))
