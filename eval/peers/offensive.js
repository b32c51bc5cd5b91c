// eval/peers/offensive.js - the npm profanity filters obscenity and bad-words
// on the same lines as tact's classifier (eval/45-offensive.py): reads one
// text a line on standard input, prints "OBSCENITY BADWORDS" (1 offensive,
// 0 not) a line, in order.
'use strict';
const { RegExpMatcher, englishDataset, englishRecommendedTransformers } = require('obscenity');
const bw = require('bad-words');
const Filter = bw.Filter || bw;

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
const filter = new Filter();

let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => { buf += d; });
process.stdin.on('end', () => {
  const lines = buf.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const out = [];
  for (const line of lines) {
    let a = 0, b = 0;
    try { a = matcher.hasMatch(line) ? 1 : 0; } catch (e) { a = 0; }
    try { b = filter.isProfane(line) ? 1 : 0; } catch (e) { b = 0; }
    out.push(`${a} ${b}`);
  }
  process.stdout.write(out.join('\n') + '\n');
});
