#!/usr/bin/env python3
"""Properties of `tact redact` over a set of realistic posts.

For every post and every mode:
  1. replay:  applying the replacement list to the input gives exactly the
              output text (every change is accounted for);
  2. no leak: no identifier tact finds in the original survives in the
              output (whole-word, case-insensitive);
  3. clean:   re-screening the output finds no identifier at all (mask,
              redact, generalise); for pseudonymise, every identifier found
              in the output lies inside a surrogate tact inserted (the
              surrogates are meant to look real);
  4. UTF-8:   the output is valid UTF-8 (emoji and accents around spans).
Findings flagged public_figure are not rewritten and are ignored here.

usage: property.py TACT POSTS.jsonl [--show]
Also imported by eval/50-redact.py (measure()).
"""
import json
import re
import subprocess
import sys

MODES = ["mask", "redact", "pseudonymise", "generalise"]


def is_ident(f):
    return f["category"] in ("identifier", "register") and not f.get("public_figure")


def screen(tact, texts):
    data = "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts))
    p = subprocess.run([tact, "check", "--format", "jsonl"], input=data.encode("utf-8"),
                       capture_output=True, timeout=600)
    out = {}
    for line in p.stdout.decode("utf-8").splitlines():
        r = json.loads(line)
        if "id" in r:
            out[int(r["id"])] = r
    return [out.get(i, {"findings": [], "error": "missing"}) for i in range(len(texts))]


def redact(tact, text, mode):
    p = subprocess.run([tact, "redact", "--mode", mode, "--format", "json"],
                       input=text.encode("utf-8"), capture_output=True, timeout=120)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"tact redact --mode {mode} exited {p.returncode}")
    raw = p.stdout
    raw.decode("utf-8", "strict")  # property 4
    return json.loads(raw)


def replay(text, reps):
    b = text.encode("utf-8")
    out, pos = [], 0
    for r in reps:
        out.append(b[pos:r["start"]])
        out.append(r["replacement"].encode("utf-8"))
        pos = r["end"]
    out.append(b[pos:])
    return b"".join(out).decode("utf-8")


def surrogate_spans(text, reps):
    """Byte spans of the inserted replacements in the output."""
    spans, delta = [], 0
    for r in reps:
        n = len(r["replacement"].encode("utf-8"))
        s = r["start"] + delta
        spans.append((s, s + n))
        delta += n - (r["end"] - r["start"])
    return spans


def survives(orig, out):
    o = orig.strip()
    if not o:
        return False
    pat = r"(?<![\w])" + re.escape(o) + r"(?![\w])"
    return re.search(pat, out, re.IGNORECASE) is not None


def measure(tact, texts, modes=MODES):
    """Per mode: leaks, dirty re-screens, replay errors, length ratio, details."""
    before = screen(tact, texts)
    res = {}
    for mode in modes:
        outs, leaks, dirty, replay_err, details = [], 0, 0, 0, []
        reds = [redact(tact, t, mode) for t in texts]
        outs = [r["text"] for r in reds]
        after = screen(tact, outs)
        for i, (t, r, b, a) in enumerate(zip(texts, reds, before, after)):
            if replay(t, r["replacements"]) != r["text"]:
                replay_err += 1
                details.append((i, "replay", "replacements do not rebuild the output"))
            for f in b["findings"]:
                if is_ident(f) and survives(f["text"], r["text"]):
                    leaks += 1
                    details.append((i, "leak", f"{f['type']} {f['text']!r}"))
            spans = surrogate_spans(t, r["replacements"]) if mode == "pseudonymise" else []
            bad = [f for f in a["findings"] if is_ident(f) and
                   not any(f["start"] < e and s < f["end"] for s, e in spans)]
            if bad:
                dirty += 1
                details.append((i, "dirty", ", ".join(f"{f['type']} {f['text']!r}" for f in bad)))
        lin = sum(len(t.encode()) for t in texts) or 1
        lout = sum(len(o.encode()) for o in outs)
        res[mode] = {"leaks": leaks, "dirty": dirty, "replay": replay_err, "ratio": lout / lin,
                     "details": details, "outs": outs}
    return res


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: property.py TACT POSTS.jsonl [--show]")
    tact, path = sys.argv[1], sys.argv[2]
    show = "--show" in sys.argv
    texts = [json.loads(l)["text"] for l in open(path, encoding="utf-8") if l.strip()]
    res = measure(tact, texts)
    fails = 0
    for mode, r in res.items():
        print(f"{mode:13s} posts {len(texts)}  leaks {r['leaks']}  dirty {r['dirty']}  "
              f"replay errors {r['replay']}  length ratio {r['ratio']:.2f}")
        for i, kind, what in r["details"]:
            print(f"   FAIL post {i + 1}: {kind}: {what}")
            fails += 1
        if show:
            for i, o in enumerate(r["outs"]):
                print(f"   [{i + 1}] {o}")
    print("ok" if not fails else f"{fails} failures")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
