#!/usr/bin/env python3
"""People and places (tracker issue 4): tact against compromise.

1. Token-level precision and recall of person and of location tokens on the
   BTC and WNUT-17 dev splits (../shared/corpora). Each post is put back
   together as text (as tools/train-tagger.c does), screened whole, and a
   corpus token counts as predicted when a finding of that type overlaps it.
2. Person must_find recall and must_not_flag on the scenario dev suite.
Side by side: compromise people() / places() (eval/peers/names.js).

usage: 20-names.py TACT SHARED
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GLUE = {".", ",", "!", "?", ":", ";", "'s", "'S", "n't", "'m", "'re", "'ve", "'ll", "'d", ")", "..."}


def tag_of(t):
    t = t.strip()
    if t.endswith("-PER") or t.endswith("-person"):
        return "person"
    if t.endswith("-LOC") or t.endswith("-location"):
        return "location"
    return None


def read_conll(path):
    posts, words, tags = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n").rstrip("\r")
        if "\t" not in line or line.startswith("\t") or not line:
            if words:
                posts.append((words, tags))
            words, tags = [], []
            continue
        w, t = line.split("\t", 1)
        words.append(w)
        tags.append(tag_of(t))
    if words:
        posts.append((words, tags))
    out = []
    for k, (words, tags) in enumerate(posts):
        text, spans = "", []
        for i, w in enumerate(words):
            if i and w not in GLUE and words[i - 1] not in ("@", "#"):
                text += " "
            spans.append((len(text), len(text) + len(w)))
            text += w
        out.append({"id": str(k), "text": text, "spans": spans, "tags": tags, "words": words})
    return out


def run_tact(tact, posts):
    data = "".join(json.dumps({"id": p["id"], "text": p["text"]}) + "\n" for p in posts)
    out = subprocess.run([tact, "check", "--format", "jsonl"], input=data.encode(),
                         capture_output=True).stdout.decode()
    res = {}
    for line in out.splitlines():
        r = json.loads(line)
        if "id" not in r:
            continue
        text = next_text[r["id"]]
        b = text.encode("utf-8")
        f = {"person": [], "location": []}
        for x in r["findings"]:
            t = x["type"]
            if t in ("protected_person", "handle"):
                t = "person"
            if t in f:
                # byte offsets to character offsets
                f[t].append((len(b[:x["start"]].decode("utf-8", "replace")),
                             len(b[:x["end"]].decode("utf-8", "replace"))))
        res[r["id"]] = f
    return res


def utf16_to_cp(text, off):
    n = 0
    for i, ch in enumerate(text):
        if n >= off:
            return i
        n += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def run_peer(posts):
    if not os.path.isdir(os.path.join(HERE, "..", "node_modules", "compromise")):
        return None
    data = "".join(json.dumps({"id": p["id"], "text": p["text"]}) + "\n" for p in posts)
    try:
        out = subprocess.run(["node", os.path.join(HERE, "peers", "names.js")], input=data.encode(),
                             capture_output=True, cwd=os.path.join(HERE, "..")).stdout.decode()
    except OSError:
        return None
    res = {}
    for line in out.splitlines():
        r = json.loads(line)
        text = next_text[r["id"]]
        res[r["id"]] = {t: [(utf16_to_cp(text, a), utf16_to_cp(text, b)) for a, b in r[t]]
                        for t in ("person", "location")}
    return res


next_text = {}


def token_scores(posts, res, typ, handles=True):
    tp = pred = gold = 0
    for p in posts:
        found = res.get(p["id"], {}).get(typ, [])
        for (a, b), t, w in zip(p["spans"], p["tags"], p["words"]):
            if not handles and w.startswith("@"):
                continue
            hit = any(s < b and a < e for s, e in found)
            g = t == typ
            gold += g
            pred += hit
            tp += hit and g
    P = tp / pred if pred else 0.0
    R = tp / gold if gold else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return P, R, F, gold


def scenarios(posts, res):
    found = total = mnf_ok = mnf_total = 0
    for p in posts:
        text = p["text"]
        f = res.get(p["id"], {})
        spans = f.get("person", []) + f.get("location", []) + f.get("other", [])
        for m in p["must_find"]:
            if m["type"] != "person":
                continue
            k = text.find(m["text"])
            total += 1
            if k >= 0 and any(s < k + len(m["text"]) and k < e for s, e in spans):
                found += 1
        for s in p["must_not_flag"]:
            k = text.find(s)
            if k < 0:
                continue
            mnf_total += 1
            if not any(a < k + len(s) and k < b for a, b in spans):
                mnf_ok += 1
    return found, total, mnf_ok, mnf_total


def main():
    tact, shared = sys.argv[1], sys.argv[2]
    corpora = os.path.join(shared, "corpora")
    sets = [("btc dev", os.path.join(corpora, "btc", "btc.dev")),
            ("wnut17 dev", os.path.join(corpora, "wnut17", "emerging.dev.conll"))]
    have = [s for s in sets if os.path.exists(s[1])]
    if not have:
        print(f"corpora not found under {corpora}: skipped")
    for name, path in have:
        posts = read_conll(path)
        for p in posts:
            next_text[p["id"]] = p["text"]
        mine = run_tact(tact, posts)
        peer = run_peer(posts)
        print(f"{name}: {len(posts)} posts (token-level)")
        # BTC tags @handles as people; tact reports them as handles (counted
        # as person here); the second person line leaves @handle tokens out
        for typ, hd, label in (("person", True, "person"), ("person", False, "person-no@"),
                               ("location", True, "location")):
            P, R, F, g = token_scores(posts, mine, typ, hd)
            print(f"  {label:11} tact        P {P:.3f}  R {R:.3f}  F1 {F:.3f}  (gold tokens {g})")
            if peer is not None:
                P, R, F, g = token_scores(posts, peer, typ, hd)
                print(f"  {label:11} compromise  P {P:.3f}  R {R:.3f}  F1 {F:.3f}")
    suite = os.path.join(shared, "eval", "scenarios-dev.jsonl")
    if not os.path.exists(suite):
        print(f"scenario suite not found at {suite}: skipped")
        return 0
    posts = [json.loads(l) for l in open(suite, encoding="utf-8") if l.strip()]
    next_text.clear()
    for p in posts:
        next_text[p["id"]] = p["text"]
    # for must_not_flag, every identifier finding counts, not only people and places
    data = "".join(json.dumps({"id": p["id"], "text": p["text"]}) + "\n" for p in posts)
    out = subprocess.run([tact, "check", "--format", "jsonl"], input=data.encode(),
                         capture_output=True).stdout.decode()
    mine = {}
    for line in out.splitlines():
        r = json.loads(line)
        if "id" not in r:
            continue
        b = next_text[r["id"]].encode("utf-8")
        f = {"person": [], "location": [], "other": []}
        for x in r["findings"]:
            if x["category"] == "conduct":
                continue
            t = x["type"] if x["type"] in ("person", "location") else "other"
            if x["type"] == "protected_person":
                t = "person"
            f[t].append((len(b[:x["start"]].decode("utf-8", "replace")),
                         len(b[:x["end"]].decode("utf-8", "replace"))))
        mine[r["id"]] = f
    peer = run_peer(posts)
    print(f"scenario dev suite: {len(posts)} posts")
    fd, tot, ok, mt = scenarios(posts, mine)
    print(f"  tact        person must_find recall {fd}/{tot} = {fd / max(tot, 1):.3f}   "
          f"must_not_flag respected {ok}/{mt} = {ok / max(mt, 1):.3f} (all identifier findings)")
    if peer is not None:
        fd, tot, ok, mt = scenarios(posts, peer)
        print(f"  compromise  person must_find recall {fd}/{tot} = {fd / max(tot, 1):.3f}   "
              f"must_not_flag respected {ok}/{mt} = {ok / max(mt, 1):.3f} (its people and places)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
