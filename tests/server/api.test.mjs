// api.test.mjs - the JSON API of `tact serve` against a real server on a
// free loopback port: contract, every error code, limits, the token, Host
// and Origin rules, security headers, and a log free of post text.
// Run: TACT=build/tact node --test tests/server/api.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopServer, run, raw, postJSON } from './lib.mjs';

const DRAFT = 'Zebedee Quixote-Smythe rang 07700 900777 and emailed zq.smythe@example.org about the visit.';
let srv;

before(async () => { srv = await startServer(['--max-body', '4096']); });
after(async () => { if (srv) await stopServer(srv); });

function securityHeaders(h, api) {
  const get = (n) => (typeof h.get === 'function' ? h.get(n) : h[n.toLowerCase()]);
  const csp = get('content-security-policy') || '';
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(get('x-content-type-options'), 'nosniff');
  assert.equal(get('x-frame-options'), 'DENY');
  assert.equal(get('referrer-policy'), 'no-referrer');
  if (api) assert.equal(get('cache-control'), 'no-store');
}

test('health and version', async () => {
  let r = await fetch(srv.url + 'v1/health');
  assert.equal(r.status, 200);
  securityHeaders(r.headers, true);
  assert.deepEqual(await r.json(), { status: 'ok' });
  r = await fetch(srv.url + 'v1/version');
  assert.equal(r.status, 200);
  const v = await r.json();
  assert.match(v.version, /^\d+\.\d+\.\d+$/);
});

test('check: result object contract, spans are UTF-8 byte offsets', async () => {
  const text = 'Café notes — ' + DRAFT;
  const r = await postJSON(srv, '/v1/check', { text, id: 'p1' });
  assert.equal(r.status, 200);
  securityHeaders(r.headers, true);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  const res = r.json;
  assert.equal(res.id, 'p1');
  assert.ok(['ok', 'review', 'block'].includes(res.verdict));
  assert.ok(Array.isArray(res.findings));
  const bytes = Buffer.from(text, 'utf8');
  for (const f of res.findings) {
    assert.ok(Number.isInteger(f.start) && Number.isInteger(f.end) && f.start < f.end && f.end <= bytes.length);
    assert.equal(bytes.subarray(f.start, f.end).toString('utf8'), f.text);
    assert.ok(['identifier', 'conduct', 'register'].includes(f.category));
    assert.ok(['low', 'medium', 'high'].includes(f.severity));
    assert.equal(typeof f.type, 'string');
    assert.equal(typeof f.message, 'string');
    assert.ok(Array.isArray(f.guidance));
  }
  // the email and the phone are found by the structured detectors
  const types = res.findings.map((f) => f.type);
  assert.ok(types.includes('email'), 'email found: ' + JSON.stringify(types));
  assert.notEqual(res.verdict, 'ok');
});

test('check: empty text is fine and ok', async () => {
  const r = await postJSON(srv, '/v1/check', { text: '' });
  assert.equal(r.status, 200);
  assert.equal(r.json.verdict, 'ok');
  assert.deepEqual(r.json.findings, []);
});

test('check: a policy string is compiled, cached, and a bad one is refused', async () => {
  const policy = '[employer]\nZanzibar Borough Council\n';
  for (let i = 0; i < 3; i++) {
    const r = await postJSON(srv, '/v1/check', { text: 'Long day at Zanzibar Borough Council.', policy });
    assert.equal(r.status, 200, r.text);
    assert.ok(Array.isArray(r.json.findings));
  }
  const bad = await postJSON(srv, '/v1/check', { text: 'x', policy: '[severity]\nnot_a_type = loud\n' });
  assert.ok(bad.status === 400 || bad.status === 200, bad.text);
  if (bad.status === 400) assert.match(bad.json.error, /policy/);
  const nonstr = await postJSON(srv, '/v1/check', { text: 'x', policy: { employer: ['A'] } });
  assert.equal(nonstr.status, 400);
});

test('400: malformed JSON and wrong fields, always with a JSON error', async () => {
  const cases = [
    '{"text": "unterminated',
    '[1,2,3]',
    '"just a string"',
    '{}',
    '{"text": 42}',
    '{"text": null}',
    '{"text": "a", "colour": "red"}',
    '{"text": "a", "text": "b"}',
    '',
    // a \u0000 escape would end the string inside cJSON and hide the rest
    '{"text": "hello\\u0000 call 07700 900123"}',
  ];
  for (const body of cases) {
    const r = await postJSON(srv, '/v1/check', body);
    assert.equal(r.status, 400, body);
    assert.equal(typeof r.json.error, 'string', body);
    securityHeaders(r.headers, true);
  }
  const m = await postJSON(srv, '/v1/redact', { text: 'a', mode: 'shred' });
  assert.equal(m.status, 400);
  assert.match(m.json.error, /mode/);
});

test('400: text that is not UTF-8', async () => {
  const body = Buffer.concat([Buffer.from('{"text":"bad '), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
  const r = await raw(srv, { method: 'POST', path: '/v1/check', headers: { 'Content-Type': 'application/json' }, body });
  assert.equal(r.status, 400);
  assert.match(JSON.parse(r.body).error, /UTF-8/);
});

test('404 unknown path, 405 wrong method with Allow', async () => {
  let r = await fetch(srv.url + 'v2/check');
  assert.equal(r.status, 404);
  securityHeaders(r.headers, true);
  assert.equal(typeof (await r.json()).error, 'string');
  r = await fetch(srv.url + 'v1/check');
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'POST');
  r = await fetch(srv.url + 'v1/check', { method: 'PUT', body: '{}' });
  assert.equal(r.status, 405);
  r = await fetch(srv.url + 'v1/health', { method: 'POST', body: '{}' });
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'GET, HEAD');
  r = await fetch(srv.url + 'v1/check', { method: 'OPTIONS' });
  assert.equal(r.status, 405);
});

test('413: body over --max-body, announced or chunked', async () => {
  const big = JSON.stringify({ text: 'a'.repeat(5000) });
  const r = await postJSON(srv, '/v1/check', big);
  assert.equal(r.status, 413);
  assert.equal(typeof r.json.error, 'string');
  const chunks = [];
  for (let i = 0; i < 10; i++) chunks.push('{"text":"' + 'b'.repeat(600));
  const c = await raw(srv, { method: 'POST', path: '/v1/check', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, body: chunks });
  assert.equal(c.status, 413);
  // just under the limit is fine
  const ok = await postJSON(srv, '/v1/check', JSON.stringify({ text: 'c'.repeat(4000) }));
  assert.equal(ok.status, 200);
});

test('415: body not declared as JSON', async () => {
  const r = await fetch(srv.url + 'v1/check', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"text":"a"}' });
  assert.equal(r.status, 415);
});

test('403: requests from another origin', async () => {
  let r = await postJSON(srv, '/v1/check', { text: 'a' }, { Origin: 'http://evil.example' });
  assert.equal(r.status, 403);
  assert.match(r.json.error, /other web pages/);
  r = await postJSON(srv, '/v1/check', { text: 'a' }, { Origin: 'null' });
  assert.equal(r.status, 403);
  r = await postJSON(srv, '/v1/check', { text: 'a' }, { Origin: `http://127.0.0.1:${srv.port + 1}` });
  assert.equal(r.status, 403);
  r = await postJSON(srv, '/v1/check', { text: 'a' }, { Origin: `http://127.0.0.1:${srv.port}` });
  assert.equal(r.status, 200);
});

test('403: Host header not naming this server (DNS rebinding)', async () => {
  let r = await raw(srv, { path: '/v1/health', headers: { Host: `attacker.example:${srv.port}` } });
  assert.equal(r.status, 403);
  r = await raw(srv, { path: '/v1/health', headers: { Host: `localhost:${srv.port}` } });
  assert.equal(r.status, 200);
  r = await raw(srv, { path: '/', headers: { Host: `127.0.0.1:${srv.port}` } });
  assert.equal(r.status, 200);
});

test('redact: the contract, or a JSON 500 while safe versions are not built', async () => {
  for (const mode of ['mask', 'redact', 'pseudonymise', 'generalise']) {
    const r = await postJSON(srv, '/v1/redact', { text: DRAFT, mode });
    assert.ok(r.status === 200 || r.status === 500, r.text);
    securityHeaders(r.headers, true);
    if (r.status === 500) {
      assert.equal(typeof r.json.error, 'string');
      continue;
    }
    assert.equal(typeof r.json.text, 'string');
    assert.ok(Array.isArray(r.json.replacements));
    assert.ok(Array.isArray(r.json.remaining));
    assert.ok(!r.json.text.includes('zq.smythe@example.org'), mode);
    assert.ok(!r.json.remaining.some((f) => f.category !== 'conduct'), mode + ': ' + r.text);
    assert.equal(r.json.mode, mode);
    // the replacements rebuild the safe text from the draft, and carry no original
    const input = Buffer.from(DRAFT, 'utf8');
    const parts = [];
    let pos = 0;
    for (const rep of r.json.replacements) {
      assert.deepEqual(Object.keys(rep), ['start', 'end', 'type', 'replacement'], mode);
      assert.ok(Number.isInteger(rep.start) && rep.start >= pos && rep.end >= rep.start && rep.end <= input.length);
      parts.push(input.subarray(pos, rep.start), Buffer.from(rep.replacement, 'utf8'));
      pos = rep.end;
    }
    parts.push(input.subarray(pos));
    assert.equal(Buffer.concat(parts).toString('utf8'), r.json.text, mode);
    assert.ok(!r.text.includes('Quixote') && !r.text.includes('900777'), mode + ': ' + r.text);
  }
});

test('redact: remaining are the conduct findings, in the result object form, with offsets into the safe text', async () => {
  const text = 'Café — zq.smythe@example.org: she is a useless cow';
  const r = await postJSON(srv, '/v1/redact', { text });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.json), ['mode', 'text', 'replacements', 'remaining']);
  assert.equal(r.json.mode, 'mask');
  assert.ok(r.json.remaining.length > 0, r.text);
  const safe = Buffer.from(r.json.text, 'utf8');
  for (const f of r.json.remaining) {
    assert.equal(f.category, 'conduct');
    assert.ok(f.start < f.end && f.end <= safe.length, JSON.stringify(f));
    assert.equal(safe.subarray(f.start, f.end).toString('utf8'), f.text);
    for (const k of ['type', 'severity', 'rule', 'message', 'suggestion']) assert.equal(typeof f[k], 'string', k);
    assert.ok(Array.isArray(f.guidance));
  }
  // the same conduct findings as /v1/check gives for the draft, moved
  const check = (await postJSON(srv, '/v1/check', { text })).json;
  const conduct = check.findings.filter((f) => f.category === 'conduct');
  assert.deepEqual(r.json.remaining.map((f) => [f.type, f.rule, f.text]), conduct.map((f) => [f.type, f.rule, f.text]));
  // empty text
  const e = await postJSON(srv, '/v1/redact', { text: '', mode: 'generalise' });
  assert.equal(e.status, 200);
  assert.deepEqual(e.json, { mode: 'generalise', text: '', replacements: [], remaining: [] });
});

test('page and assets: no inline script or style, right types', async () => {
  const r = await fetch(srv.url);
  assert.equal(r.status, 200);
  securityHeaders(r.headers, false);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  const html = await r.text();
  assert.match(html, /<script src="\/app.js"/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
  assert.doesNotMatch(html, /\sstyle=|\son[a-z]+=/i);
  assert.doesNotMatch(html, /https?:\/\/(?!127\.0\.0\.1)/); // nothing from elsewhere
  for (const [path, type] of [['app.js', /javascript/], ['style.css', /text\/css/], ['favicon.svg', /svg/]]) {
    const a = await fetch(srv.url + path);
    assert.equal(a.status, 200, path);
    assert.match(a.headers.get('content-type'), type);
  }
  const head = await fetch(srv.url + 'app.js', { method: 'HEAD' });
  assert.equal(head.status, 200);
});

test('concurrent checks give the same answers as one at a time', async () => {
  const texts = Array.from({ length: 40 }, (_, i) => `Visit ${i}: call 07700 900${String(100 + i)} or mail p${i}@example.org`);
  const one = [];
  for (const t of texts.slice(0, 5)) one.push((await postJSON(srv, '/v1/check', { text: t })).text);
  const all = await Promise.all(texts.map((t) => postJSON(srv, '/v1/check', { text: t })));
  all.forEach((r) => assert.equal(r.status, 200));
  for (let i = 0; i < 5; i++) assert.equal(all[i].text, one[i]);
});

test('the log has one line per request and no post text', async () => {
  await postJSON(srv, '/v1/check', { text: DRAFT });
  await postJSON(srv, '/v1/check', '{"text": "Zebedee broken json');
  await fetch(srv.url + 'Zebedee/07700900777');
  await new Promise((r) => setTimeout(r, 100));
  const log = srv.stderr;
  assert.ok(log.length > 0);
  for (const word of ['Zebedee', 'Quixote', '07700', 'smythe', 'example.org', 'Café', 'Zanzibar', 'bbbbbbbbbb']) {
    assert.ok(!log.includes(word), 'the log holds "' + word + '"');
  }
  for (const line of log.trim().split('\n')) {
    assert.match(line, /^\S+Z [A-Z]+ (\/\S*|-) \d{3} \d+B \d+\.\dms$/, line);
  }
});

test('token: non-loopback refused without one; bearer required with one', async () => {
  const refused = await run(['serve', '--listen', '0.0.0.0:0']);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /loopback/);
  assert.match(refused.stderr, /--token/);
  const short = await run(['serve', '--listen', '127.0.0.1:0', '--token', 'short']);
  assert.equal(short.code, 64);
  const token = 'test-token-5f0c9a1e7b3d2c48';
  const ts = await startServer(['--token', token, '--quiet']);
  try {
    let r = await postJSON(ts, '/v1/check', { text: 'a' });
    assert.equal(r.status, 401);
    assert.match(r.headers.get('www-authenticate') || '', /Bearer/);
    r = await postJSON(ts, '/v1/check', { text: 'a' }, { Authorization: 'Bearer ' + token.slice(0, -1) + 'x' });
    assert.equal(r.status, 401);
    r = await postJSON(ts, '/v1/check', { text: 'a' }, { Authorization: 'Bearer ' + token + 'x' });
    assert.equal(r.status, 401);
    r = await postJSON(ts, '/v1/check', { text: 'a' }, { Authorization: 'Bearer ' + token });
    assert.equal(r.status, 200);
    r = await fetch(ts.url + 'v1/version');
    assert.equal(r.status, 401);
    r = await fetch(ts.url + 'v1/health');
    assert.equal(r.status, 200);
    assert.equal(ts.stderr, '', '--quiet logs nothing');
  } finally {
    await stopServer(ts);
  }
  // the token can come from the environment too
  const es = await startServer(['--quiet'], { TACT_TOKEN: token });
  try {
    assert.equal((await postJSON(es, '/v1/check', { text: 'a' })).status, 401);
    assert.equal((await postJSON(es, '/v1/check', { text: 'a' }, { Authorization: 'Bearer ' + token })).status, 200);
  } finally {
    await stopServer(es);
  }
});

test('usage errors', async () => {
  for (const args of [['--listen', 'nonsense:port'], ['--max-body', '-1'], ['--bogus'], ['--listen', '[::1']]) {
    const r = await run(['serve', ...args]);
    assert.equal(r.code, 64, args.join(' ') + ': ' + r.stderr);
  }
  const h = await run(['serve', '--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /--listen/);
});
