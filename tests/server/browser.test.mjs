// browser.test.mjs - the page of `tact serve` in Debian's chromium
// (playwright-core): highlights, verdict banner, cards, the safe version,
// keyboard-only use, no CSP violations, and screenshots for people to look at
// (TACT_SCREENSHOTS, default build/screenshots).
//
// Detectors are still growing, so the assertions follow what the API itself
// returns for the draft: whatever it finds must be highlighted and carded,
// and the banner must say what its verdict says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, stopServer, postJSON } from './lib.mjs';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = process.env.TACT_SCREENSHOTS || 'build/screenshots';
const DRAFT = 'Visited Mrs Doreen Pike at 27 Withywood Road today, she is struggling again. ' +
  'Call her on 07700 900123 or doreen.pike@example.com if you can help.';
const BANNER = { ok: /Looks fine/, review: /Think again/, block: /Do not post/ };

let chromium = null;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  chromium = null;
}
const skip = !chromium || !fs.existsSync(CHROMIUM) ? 'playwright-core or /usr/bin/chromium missing' : false;

let srv;
let browser;

before(async () => {
  if (skip) return;
  srv = await startServer(['--quiet']);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-gpu'],
  });
  fs.mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  if (browser) await browser.close();
  if (srv) await stopServer(srv);
});

async function openPage(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  // A 500 from /v1/redact is expected until safe versions are built; the
  // page shows it. Anything else on the console (a CSP violation) is a bug.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 500/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith(srv.url)) problems.push('request elsewhere: ' + r.url());
  });
  await page.goto(srv.url);
  return { page, context, problems };
}

// Wait until the page shows the result for the current draft.
async function settled(page) {
  await page.waitForFunction(() => {
    const d = document.getElementById('draft').value;
    return document.body.dataset.verdict && d.trim().length > 0;
  }, null, { timeout: 5000 });
  await page.waitForTimeout(350); // debounce + the request
}

test('typing a draft highlights what the API finds and the banner follows the verdict', { skip }, async () => {
  const expected = (await postJSON(srv, '/v1/check', { text: DRAFT })).json;
  const { page, context, problems } = await openPage();
  await page.fill('#draft', DRAFT);
  await settled(page);
  const marks = await page.$$eval('#backdrop mark', (ms) => ms.map((m) => m.textContent));
  const ids = expected.findings;
  assert.ok(ids.length > 0, 'the API finds something in the draft');
  for (const f of ids) {
    if (f.category === 'conduct') continue;
    assert.ok(marks.includes(f.text), `"${f.text}" (${f.type}) is highlighted; marks: ${JSON.stringify(marks)}`);
  }
  assert.ok(marks.some((t) => t.includes('doreen.pike@example.com')), 'the email is highlighted');
  const cards = await page.$$eval('#findings > li', (ls) => ls.length);
  assert.equal(cards, ids.length);
  const banner = await page.textContent('#verdict');
  assert.match(banner, BANNER[expected.verdict]);
  if (ids.some((f) => f.type === 'person') && ids.some((f) => f.type === 'address'))
    assert.match(banner, /Do not post/);
  assert.equal(await page.getAttribute('#verdict', 'aria-live'), 'polite');
  // cards name the guidance with titles
  const cardText = await page.textContent('#findings');
  assert.match(cardText, /HCPC-2 Respect the confidentiality of service users/);

  // a card takes you to its span in the draft
  await page.click('#findings > li:first-child');
  const sel = await page.evaluate(() => {
    const d = document.getElementById('draft');
    return d.value.slice(d.selectionStart, d.selectionEnd);
  });
  assert.equal(sel, ids[0].text);

  await page.screenshot({ path: path.join(SHOTS, 'page-desktop.png'), fullPage: true });

  // the safe version
  await page.click('#make-safe');
  await page.waitForFunction(() => !/Working/.test(document.getElementById('safe-status').textContent), null, { timeout: 5000 });
  const red = await postJSON(srv, '/v1/redact', { text: DRAFT, mode: 'mask' });
  const safe = await page.inputValue('#safe-text');
  if (red.status === 200) {
    for (const f of ids) if (f.category !== 'conduct') assert.ok(!safe.includes(f.text), `"${f.text}" is gone`);
    assert.ok(!safe.includes('doreen.pike@example.com'));
    const again = (await postJSON(srv, '/v1/check', { text: safe })).json;
    assert.ok(!again.findings.some((f) => f.category !== 'conduct'), 'the safe version screens clean: ' + JSON.stringify(again.findings));
  } else {
    assert.match(await page.textContent('#safe-status'), /Could not make a safe version/);
  }
  await page.screenshot({ path: path.join(SHOTS, 'page-safe-version.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test("an ok draft with the author's own details says so in the banner", { skip }, async () => {
  const text = 'Our Harri is 4 today, party at the soft play';
  const expected = (await postJSON(srv, '/v1/check', { text })).json;
  const { page, context, problems } = await openPage();
  await page.fill('#draft', text);
  await settled(page);
  const banner = await page.textContent('#verdict');
  assert.match(banner, BANNER[expected.verdict]);
  if (expected.verdict === 'ok' && !/^Nothing found/.test(expected.reason))
    assert.ok(banner.includes(expected.reason), 'the library\'s reason is shown: ' + banner);
  if (expected.verdict === 'ok' && /^Nothing found/.test(expected.reason))
    assert.match(banner, /Nothing found/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard only: Tab to the draft, type, Tab to the button, Enter', { skip }, async () => {
  const { page, context, problems } = await openPage();
  const focusedId = () => page.evaluate(() => document.activeElement && document.activeElement.id);
  for (let i = 0; i < 5 && (await focusedId()) !== 'draft'; i++) await page.keyboard.press('Tab');
  assert.equal(await focusedId(), 'draft');
  await page.keyboard.type('Ring 07700 900456 or write to kim.lowe@example.net', { delay: 5 });
  await settled(page);
  assert.match(await page.textContent('#verdict'), /Think again|Do not post/);
  for (let i = 0; i < 6 && (await focusedId()) !== 'make-safe'; i++) await page.keyboard.press('Tab');
  assert.equal(await focusedId(), 'make-safe');
  // focus is visible
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => {
    const s = document.getElementById('safe-status').textContent;
    return s && !/Working/.test(s);
  }, null, { timeout: 5000 });
  assert.equal(await page.isVisible('#safe-out'), true);
  // cards are reachable and work with Enter
  for (let i = 0; i < 8 && !(await page.evaluate(() => document.activeElement.classList.contains('card'))); i++)
    await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('card')));
  await page.keyboard.press('Enter');
  assert.equal(await focusedId(), 'draft');
  assert.deepEqual(problems, []);
  await context.close();
});

test('phone width: one column, nothing wider than the screen', { skip }, async () => {
  const { page, context, problems } = await openPage({ width: 390, height: 844 });
  await page.fill('#draft', DRAFT);
  await settled(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, 'no horizontal scrolling: ' + overflow);
  await page.screenshot({ path: path.join(SHOTS, 'page-phone.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
