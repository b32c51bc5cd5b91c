#!/usr/bin/env node
// peers.js - time the npm tools tact is compared with over one JSON lines file.
//
// usage: node bench/peers.js FILE.jsonl [MAX_POSTS] [SPANS_OUT]
//
// Prints one JSON object per tool on its own line:
//   {"tool":..,"posts":N,"bytes":B,"seconds":S,"posts_per_s":..,"mb_per_s":..,"names":K}
// "names" is the number of person names the tool reports, where it has the
// notion (compromise .people(), redact-pii PERSON_NAME replacements); null
// otherwise. Module loading is timed separately ("load_ms"), the way tact's
// start-up is measured apart from its throughput.
// SPANS_OUT: after the timed runs, an untimed pass writes the character spans
// of compromise's .people() for each post ({"persons":[[start,end],..]} a
// line, in input order), so that the benchmark can count correct names.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const req = (m) => require(require.resolve(m, { paths: [root] }));

const file = process.argv[2];
const max = parseInt(process.argv[3] || '20000', 10);
const spansOut = process.argv[4];
if (!file) {
  console.error('usage: peers.js FILE.jsonl [MAX_POSTS]');
  process.exit(64);
}
const texts = [];
for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
  if (!line) continue;
  try {
    const o = JSON.parse(line);
    if (typeof o.text === 'string') texts.push(o.text);
  } catch (e) { /* skip malformed lines, as the benchmark input has none */ }
  if (texts.length >= max) break;
}
const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);

function time(tool, load, fn) {
  let t0 = process.hrtime.bigint();
  let run;
  try {
    run = load();
  } catch (e) {
    console.log(JSON.stringify({ tool, error: 'not installed' }));
    return;
  }
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  t0 = process.hrtime.bigint();
  let names = 0;
  let counted = false;
  for (const t of texts) {
    const k = run(t);
    if (typeof k === 'number') {
      names += k;
      counted = true;
    }
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(JSON.stringify({
    tool, posts: texts.length, bytes, seconds: +s.toFixed(3), load_ms: +loadMs.toFixed(1),
    posts_per_s: Math.round(texts.length / s), mb_per_s: +(bytes / 1e6 / s).toFixed(2),
    names: counted ? names : null,
  }));
}

time('compromise', () => {
  const nlp = req('compromise');
  return (t) => nlp(t).people().length;
});

time('redact-pii', () => {
  const { SyncRedactor } = req('redact-pii');
  const r = new SyncRedactor();
  return (t) => (r.redact(t).match(/PERSON_NAME/g) || []).length;
});

time('obscenity', () => {
  const o = req('obscenity');
  const m = new o.RegExpMatcher({ ...o.englishDataset.build(), ...o.englishRecommendedTransformers });
  return (t) => { m.getAllMatches(t); };
});

time('wink-nlp', () => {
  const winkNLP = req('wink-nlp');
  const model = req('wink-eng-lite-web-model');
  const nlp = winkNLP(model);
  return (t) => { nlp.readDoc(t).entities().out(); };
});

if (spansOut) {
  const nlp = req('compromise');
  const out = texts.map((t) => JSON.stringify({
    persons: nlp(t).people().json({ offset: true }).map((o) => [o.offset.start, o.offset.start + o.offset.length]),
  }));
  fs.writeFileSync(spansOut, out.join('\n') + '\n');
}
