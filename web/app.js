// app.js - the tact page: screen the draft as the person types, highlight
// what was found, explain it, and make a safe version. No framework, no
// inline script (the server's Content-Security-Policy forbids it), and no
// request leaves this machine: the API is the same server that sent the page.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const draft = $('draft');
  const backdrop = $('backdrop');
  const list = $('findings');
  const enc = new TextEncoder();
  const dec = new TextDecoder();

  const TYPES = {
    person: 'A person\u2019s name', address: 'A street address', postcode: 'A postcode',
    location: 'A place', phone: 'A phone number', email: 'An email address',
    date_of_birth: 'A date of birth', age: 'An age', nhs_number: 'An NHS number',
    ni_number: 'A National Insurance number', case_reference: 'A case or reference number',
    school: 'A school', organisation: 'An organisation', handle: 'A social media handle',
    url: 'A web link', geo_coordinates: 'Map coordinates',
    vehicle_registration: 'A vehicle registration', case_discussion: 'Talking about a case',
    abuse: 'Abusive language', derogatory: 'Derogatory language',
    discrimination: 'Discriminatory language', colleague_criticism: 'Criticising colleagues',
    venting: 'Venting about work', boundary: 'Crossing a professional boundary',
    protected_person: 'Someone on your protected list'
  };
  const GUIDANCE = {
    'HCPC-1': 'Act in the best interests of service users',
    'HCPC-2': 'Respect the confidentiality of service users',
    'HCPC-3': 'Keep high standards of personal conduct',
    'HCPC-13': 'Behave with honesty and integrity and make sure that your behaviour does not damage public confidence in your profession',
    'HCPC-SM': 'HCPC guidance on social media'
  };
  const VERDICTS = {
    ok: ['Looks fine to post', 'Nothing found that guidance objects to. Still read it once more as a stranger would.'],
    review: ['Think again before posting', 'Something here could identify someone or reflect badly on your practice.'],
    block: ['Do not post this as written', 'It could identify a service user or breaks professional guidance. Make a safe version or rewrite it.']
  };
  const SEVERITY = { high: 'High', medium: 'Medium', low: 'Low' };

  // A bearer token can be handed to the page as #token=... (when the server
  // was started with --token); it is kept for this tab only.
  let token = sessionStorage.getItem('tact-token') || '';
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (m) {
    token = decodeURIComponent(m[1]);
    sessionStorage.setItem('tact-token', token);
    history.replaceState(null, '', location.pathname);
  }

  async function api(path, body) {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    const r = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body), cache: 'no-store' });
    let data = null;
    try { data = await r.json(); } catch (e) { data = null; }
    if (!r.ok) throw new Error((data && data.error) || ('the server answered ' + r.status));
    return data;
  }

  // Spans from the API are UTF-8 byte offsets; the textarea counts UTF-16
  // code units. Map each byte boundary to a string index once per result.
  function byteToIndex(text) {
    const bytes = enc.encode(text);
    const map = new Int32Array(bytes.length + 1).fill(-1);
    let b = 0;
    let i = 0;
    for (const ch of text) {
      map[b] = i;
      b += enc.encode(ch).length;
      i += ch.length;
    }
    map[b] = i;
    return (off) => {
      if (off <= 0) return 0;
      if (off >= bytes.length) return text.length;
      while (off > 0 && map[off] < 0) off--; // never split a character
      return map[off];
    };
  }

  let current = { text: '', findings: [] };

  function makeMark(f, n, text, s, e, inner) {
    const mark = document.createElement('mark');
    mark.className = 'sev-' + f.severity + ' cat-' + f.category;
    mark.dataset.n = String(n);
    // a finding inside this one (a name inside a sentence of case
    // discussion) gets its own mark within it
    let pos = s;
    for (const [g, m, gs, ge] of inner) {
      if (gs < pos) continue;
      mark.appendChild(document.createTextNode(text.slice(pos, gs)));
      mark.appendChild(makeMark(g, m, text, gs, ge, []));
      pos = ge;
    }
    mark.appendChild(document.createTextNode(text.slice(pos, e)));
    return mark;
  }

  function renderBackdrop(text, findings) {
    backdrop.textContent = '';
    const at = byteToIndex(text);
    const spans = [];
    findings.forEach((f, n) => {
      const s = at(f.start);
      const e = at(f.end);
      if (e > s) spans.push([f, n, s, e]);
    });
    let pos = 0;
    let outer = null;
    const flush = () => {
      if (!outer) return;
      backdrop.appendChild(makeMark(outer[0], outer[1], text, outer[2], outer[3], outer[4]));
      pos = outer[3];
      outer = null;
    };
    for (const sp of spans) {
      const [, , s, e] = sp;
      if (outer && s >= outer[2] && e <= outer[3] && outer[4].length < 64) {
        outer[4].push(sp); // nested: shown inside the outer mark
        continue;
      }
      if (outer && s < outer[3]) continue; // partly overlapping: the first one wins
      flush();
      if (s < pos) continue;
      backdrop.appendChild(document.createTextNode(text.slice(pos, s)));
      outer = [sp[0], sp[1], s, e, []];
    }
    flush();
    // A trailing newline needs a character after it to take up a line.
    backdrop.appendChild(document.createTextNode(text.slice(pos) + '\u200b'));
    syncScroll();
  }

  function syncScroll() {
    backdrop.scrollTop = draft.scrollTop;
    backdrop.scrollLeft = draft.scrollLeft;
  }

  function setVerdict(kind, title, reason) {
    const v = $('verdict');
    v.className = 'verdict verdict-' + kind;
    $('verdict-title').textContent = title;
    $('verdict-reason').textContent = reason;
  }

  function suggestionText(f) {
    const s = f.suggestion || '';
    if (/^\[.*\]$/.test(s)) return 'Leave it out, or use a placeholder such as ' + s + '. \u201cMake a safe version\u201d does this for you.';
    return s || 'Leave it out or rewrite it.';
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function focusFinding(f) {
    const at = byteToIndex(current.text);
    draft.focus();
    draft.setSelectionRange(at(f.start), at(f.end));
  }

  function renderCards(findings) {
    list.textContent = '';
    $('findings-count').textContent = String(findings.length);
    $('findings-empty').hidden = findings.length > 0;
    findings.forEach((f) => {
      const li = el('li', 'card sev-' + f.severity + ' cat-' + f.category);
      li.tabIndex = 0;
      li.setAttribute('role', 'button');
      const head = el('div', 'card-head');
      head.appendChild(el('span', 'card-type', TYPES[f.type] || f.type));
      head.appendChild(el('span', 'sev sev-' + f.severity, (SEVERITY[f.severity] || f.severity) + ' risk'));
      li.appendChild(head);
      li.appendChild(el('q', 'card-text', f.text));
      const dl = el('dl', 'card-body');
      dl.appendChild(el('dt', '', 'Why it matters'));
      dl.appendChild(el('dd', '', f.message || ''));
      if (f.guidance && f.guidance.length) {
        dl.appendChild(el('dt', '', 'Guidance'));
        const dd = el('dd', 'guidance');
        const ul = el('ul');
        f.guidance.forEach((g) => {
          const item = el('li');
          item.appendChild(el('span', 'gid', g));
          item.appendChild(document.createTextNode(' ' + (GUIDANCE[g] || '')));
          ul.appendChild(item);
        });
        dd.appendChild(ul);
        dl.appendChild(dd);
      }
      dl.appendChild(el('dt', '', 'What to do'));
      dl.appendChild(el('dd', '', suggestionText(f)));
      li.appendChild(dl);
      li.setAttribute('aria-label', (TYPES[f.type] || f.type) + ': ' + f.text + '. ' + (f.message || '') + ' Select to find it in the draft.');
      li.addEventListener('click', () => focusFinding(f));
      li.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); focusFinding(f); }
      });
      list.appendChild(li);
    });
  }

  let seq = 0;
  async function check() {
    const text = draft.value;
    const mine = ++seq;
    $('count').textContent = text.length + (text.length === 1 ? ' character' : ' characters');
    if (!text.trim()) {
      current = { text, findings: [] };
      renderBackdrop(text, []);
      renderCards([]);
      setVerdict('empty', 'Nothing checked yet', 'Start typing and tact will tell you whether the post is safe.');
      document.body.dataset.verdict = '';
      return;
    }
    try {
      const res = await api('/v1/check', { text });
      if (mine !== seq) return; // a newer keystroke is on its way
      current = { text, findings: res.findings || [] };
      renderBackdrop(text, current.findings);
      renderCards(current.findings);
      const v = VERDICTS[res.verdict] || VERDICTS.review;
      // The library's reason is shown when it adds to the title.
      const reason = (res.reason || '').trim();
      const same = !reason || v[0].toLowerCase().startsWith(reason.replace(/\.$/, '').toLowerCase());
      // An ok post's reason is shown only when it says more than "nothing
      // found" (the author's own details, an advert's or a colleague's).
      const plain = res.verdict === 'ok' && /^Nothing found/.test(reason);
      setVerdict(res.verdict, v[0], same || plain ? v[1] :
        res.verdict === 'ok' ? reason + ' Still read it once more as a stranger would.' : reason + ' ' + v[1]);
      document.body.dataset.verdict = res.verdict;
    } catch (e) {
      if (mine !== seq) return;
      setVerdict('error', 'Could not check the draft', e.message);
    }
  }

  let timer = 0;
  draft.addEventListener('input', () => {
    renderBackdrop(draft.value, []); // keep the backdrop aligned while typing
    clearTimeout(timer);
    timer = setTimeout(check, 150);
  });
  draft.addEventListener('scroll', syncScroll);
  new ResizeObserver(syncScroll).observe(draft);

  async function makeSafe() {
    const mode = document.querySelector('input[name="mode"]:checked').value;
    const out = $('safe-out');
    const status = $('safe-status');
    out.hidden = false;
    out.classList.remove('failed');
    status.textContent = 'Working\u2026';
    try {
      const res = await api('/v1/redact', { text: draft.value, mode });
      $('safe-text').value = res.text;
      // "remaining" lists the conduct findings tact leaves for the author
      // (identifiers are all rewritten), with offsets into the safe text.
      const conduct = (res.remaining || []).length;
      const n = (res.replacements || []).length;
      let msg = n + (n === 1 ? ' detail changed. ' : ' details changed. ');
      if (conduct) msg += conduct === 1 ? '1 passage about conduct was not changed: it needs your judgement.' : conduct + ' passages about conduct were not changed: they need your judgement.';
      else msg += 'Read it once more before posting.';
      status.textContent = msg;
    } catch (e) {
      $('safe-text').value = '';
      out.classList.add('failed');
      status.textContent = 'Could not make a safe version: ' + e.message;
    }
  }
  $('make-safe').addEventListener('click', makeSafe);

  $('copy').addEventListener('click', async () => {
    const t = $('safe-text');
    try {
      await navigator.clipboard.writeText(t.value);
    } catch (e) {
      t.select();
      document.execCommand('copy');
    }
    $('safe-status').textContent = 'Copied.';
  });

  if (draft.value) check();
  renderBackdrop(draft.value, []);
})();
