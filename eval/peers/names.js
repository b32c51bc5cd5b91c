// names.js - the compromise peer for eval/20-names.py: reads JSON lines
// {"id":..,"text":..} on stdin, writes {"id":..,"person":[[start,end]..],
// "location":[[start,end]..]} per line, offsets in UTF-16 code units.
'use strict';
const nlp = require('compromise');
const readline = require('readline');

function spans(doc) {
  const out = [];
  for (const m of doc.json({ offset: true })) {
    if (m.offset) out.push([m.offset.start, m.offset.start + m.offset.length]);
  }
  return out;
}

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (!line.trim()) return;
  const p = JSON.parse(line);
  const doc = nlp(p.text);
  process.stdout.write(JSON.stringify({ id: p.id, person: spans(doc.people()),
                                        location: spans(doc.places()) }) + '\n');
});
