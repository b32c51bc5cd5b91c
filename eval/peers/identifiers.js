#!/usr/bin/env node
// identifiers.js - the npm packages redact-pii and compromise on posts given
// as JSON lines {"id","text"} on stdin; prints one line per post:
//   {"id":..,"redact-pii":[[start,end,type],...],"compromise":[[...]]}
// with byte offsets into the UTF-8 text and types mapped onto tact's.
// Used by eval/30-identifiers.py for a side-by-side comparison.
'use strict';
const readline = require('readline');
const { SyncRedactor } = require('redact-pii');
const nlp = require('compromise');

const redactor = new SyncRedactor();
const PII_TYPES = {
  PERSON_NAME: 'person', PHONE_NUMBER: 'phone', EMAIL_ADDRESS: 'email',
  STREET_ADDRESS: 'address', ZIPCODE: 'postcode', URL: 'url', DIGITS: 'digits',
  CREDIT_CARD_NUMBER: 'digits', US_SOCIAL_SECURITY_NUMBER: 'ni_number',
  IP_ADDRESS: 'digits', USERNAME: 'handle', PASSWORD: 'secret', CREDENTIALS: 'secret',
};
const placeholder = new RegExp(Object.keys(PII_TYPES).sort((a, b) => b.length - a.length).join('|'), 'g');

const bytes = (text, ch) => Buffer.byteLength(text.slice(0, ch), 'utf8');

// redact-pii only returns the redacted text: align it with the original.
// The literal pieces between placeholders occur in order in the original;
// the gaps between them are the redacted spans.
function redactPii(text) {
  const red = redactor.redact(text);
  const out = [];
  let pos = 0, last = 0, m, pending = null;
  placeholder.lastIndex = 0;
  while ((m = placeholder.exec(red)) !== null) {
    const lit = red.slice(last, m.index);
    const k = text.indexOf(lit, pos);
    if (k < 0) return out;
    if (pending) out.push([bytes(text, pending.start), bytes(text, k), pending.type]);
    pos = k + lit.length;
    pending = { start: pos, type: PII_TYPES[m[0]] };
    last = m.index + m[0].length;
  }
  if (pending) {
    const tail = red.slice(last);
    let end = tail.length ? text.indexOf(tail, pending.start + 1) : text.length;
    if (end < 0) end = text.length;
    out.push([bytes(text, pending.start), bytes(text, end), pending.type]);
  }
  return out.filter(([a, b]) => b > a);
}

function compromise(text) {
  const doc = nlp(text);
  const out = [];
  const add = (view, type) => {
    for (const j of view.json({ offset: true })) {
      if (!j.offset) continue;
      const s = j.offset.start, e = s + j.offset.length;
      out.push([bytes(text, s), bytes(text, e), type]);
    }
  };
  add(doc.people(), 'person');
  add(doc.places(), 'location');
  add(doc.organizations(), 'organisation');
  add(doc.phoneNumbers(), 'phone');
  add(doc.emails(), 'email');
  add(doc.urls(), 'url');
  add(doc.atMentions(), 'handle');
  return out;
}

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (!line.trim()) return;
  const p = JSON.parse(line);
  let a = [], b = [];
  try { a = redactPii(p.text); } catch (e) { a = []; }
  try { b = compromise(p.text); } catch (e) { b = []; }
  process.stdout.write(JSON.stringify({ id: p.id, 'redact-pii': a, compromise: b }) + '\n');
});
