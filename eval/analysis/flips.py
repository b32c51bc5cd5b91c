#!/usr/bin/env python3
"""flips.py TACT NAME [N]: verdict changes on /tmp/NAME.jsonl (JSON lines, e.g. 20,000 Davidson
tweets or bench/gen-posts.py output) against /tmp/NAME.base.out, the old build's
`tact check --format jsonl` output on it; prints up to N examples."""
import json, subprocess, sys, collections
name = sys.argv[2]
src = {json.loads(l)['id']: json.loads(l)['text'] for l in open(f'/tmp/{name}.jsonl')}
new = subprocess.run([sys.argv[1], 'check', '--format', 'jsonl'], stdin=open(f'/tmp/{name}.jsonl'),
                     capture_output=True).stdout.decode().splitlines()
old = open(f'/tmp/{name}.base.out').read().splitlines()
c = collections.Counter(); ex = []
for a, b in zip(old, new):
    a, b = json.loads(a), json.loads(b)
    if a['verdict'] != b['verdict']:
        c[(a['verdict'], b['verdict'])] += 1
        ex.append((a['verdict'], b['verdict'], src[a['id']][:160]))
print(name, dict(c))
for e in ex[:int(sys.argv[3]) if len(sys.argv) > 3 else 8]: print('  ', e)
