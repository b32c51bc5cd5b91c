#!/usr/bin/env python3
"""People and places (tracker issue 4): tact against compromise.

1. Token-level precision and recall of person and of location tokens on the
   BTC and WNUT-17 dev splits (../shared/corpora). Each post is put back
   together as text (as tools/train-tagger.c does), screened whole, and a
   corpus token counts as predicted when a finding of that type overlaps it.
   Location recall is printed twice: all gold location tokens, and without
   a big place named alone ("in Leeds": a one-token gold span that is in
   data/names_bigplaces.txt), which tact deliberately does not report.
   Where person recall is lost: each gold person token (no @handles) is
   put in one class by what the names stage did (build tool
   tests/tact-names-debug next to TACT; skipped when it is absent):
   final (reported), tagger-dropped (the tagger alone tagged it PER but no
   person.tagger candidate was made: tagger_span_ok or a public/brand
   block), resolved-away (a person candidate existed but the final
   findings do not cover it as a person: overlap resolution, policy),
   missed (neither the tagger nor a cue rule proposed it).
2. TAB (../shared/corpora/tab, ECHR judgments, MIT): the dev split only.
   Token-level recall of PERSON, LOC and DATETIME mentions by the whole
   pipeline (all mentions, and the masked ones: DIRECT or QUASI), and
   person precision. Person: a person finding; place: location, address
   or postcode; date: date_of_birth or age (tact has no general date type).
3. Person must_find recall and must_not_flag on the scenario dev suite.
Side by side: compromise people() / places() (eval/peers/names.js).

usage: 20-names.py TACT SHARED
"""
import json
import os
import re
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
        # an @handle is one corpus token ("@name") or two ("@", "name")
        handle = [w.startswith("@") or (i > 0 and words[i - 1] == "@") for i, w in enumerate(words)]
        out.append({"id": str(k), "text": text, "spans": spans, "tags": tags, "words": words,
                    "handle": handle})
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
        f = {"person": [], "location": [], "rules": []}
        for x in r["findings"]:
            t = x["type"]
            if t in ("protected_person", "handle"):
                t = "person"
            if t in f:
                # byte offsets to character offsets
                span = (len(b[:x["start"]].decode("utf-8", "replace")),
                        len(b[:x["end"]].decode("utf-8", "replace")))
                f[t].append(span)
                if t == "person":
                    f["rules"].append((span, x.get("rule", "?")))
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


def big_places():
    out = set()
    try:
        for line in open(os.path.join(HERE, "..", "data", "names_bigplaces.txt"), encoding="utf-8"):
            line = line.strip()
            if line and not line.startswith("#"):
                out.add(line)
    except OSError:
        pass
    return out


def big_alone(p, big):
    """Indices of gold location tokens that are a big place named alone."""
    out = set()
    tags = p["tags"]
    for i, t in enumerate(tags):
        if t != "location":
            continue
        alone = (i == 0 or tags[i - 1] != "location") and (i + 1 == len(tags) or tags[i + 1] != "location")
        if alone and p["words"][i].lower().lstrip("#") in big:
            out.add(i)
    return out


def token_scores(posts, res, typ, handles=True, skip_big=None):
    tp = pred = gold = 0
    for p in posts:
        found = res.get(p["id"], {}).get(typ, [])
        skip = big_alone(p, skip_big) if skip_big else set()
        for i, ((a, b), t, w) in enumerate(zip(p["spans"], p["tags"], p["words"])):
            if not handles and p["handle"][i]:
                continue
            if i in skip:
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


def run_debug(tact, posts):
    """Tagger-alone PER tokens and names-stage candidates, per post, in
    character offsets; None when the debug tool was not built."""
    tool = os.path.join(os.path.dirname(os.path.abspath(tact)), "tests", "tact-names-debug")
    if not os.access(tool, os.X_OK):
        return None
    data = "".join(p["text"].replace("\n", " ") + "\n" for p in posts)
    out = subprocess.run([tool], input=data.encode(), capture_output=True).stdout.decode().splitlines()
    res = {}
    for k, p in enumerate(posts):
        b = p["text"].encode("utf-8")

        def ch(o):
            return len(b[:int(o)].decode("utf-8", "replace"))
        tl = out[2 * k].split()[1:] if 2 * k < len(out) else []
        cl = out[2 * k + 1].split()[1:] if 2 * k + 1 < len(out) else []
        tagger = [(ch(x.split(":")[0]), ch(x.split(":")[1])) for x in tl if x.split(":")[2] == "P"]
        cand = [((ch(x.split(":")[0]), ch(x.split(":")[1])), x.split(":")[3]) for x in cl
                if x.split(":")[2] == "P"]
        res[p["id"]] = (tagger, cand)
    return res


def recall_loss(posts, mine, dbg):
    """Classify gold person tokens (no @handles) by where they were lost,
    and count false-positive person tokens by the rule that reported them."""
    cls = {"final": 0, "final-by-rules-only": 0, "tagger-dropped": 0, "resolved-away": 0,
           "missed": 0}
    fp_rules = {}
    for p in posts:
        final = mine.get(p["id"], {}).get("person", [])
        rules = mine.get(p["id"], {}).get("rules", [])
        tagger, cand = dbg.get(p["id"], ([], []))
        for (a, b), t, h in zip(p["spans"], p["tags"], p["handle"]):
            if h:
                continue
            ov = lambda spans: any(s < b and a < e for s, e in spans)
            hit = ov(final)
            if t != "person":
                if hit:
                    for (s, e), r in rules:
                        if s < b and a < e:
                            fp_rules[r] = fp_rules.get(r, 0) + 1
                            break
                continue
            tg = ov(tagger)
            tcand = ov([s for s, r in cand if r == "person.tagger"])
            anycand = ov([s for s, r in cand])
            if hit:
                cls["final" if tg else "final-by-rules-only"] += 1
            elif tg and not tcand and not anycand:
                cls["tagger-dropped"] += 1
            elif anycand:
                cls["resolved-away"] += 1
            else:
                cls["missed"] += 1
    return cls, fp_rules


def tab_eval(tact, corpora):
    path = os.path.join(corpora, "tab", "tab_train_dev.jsonl")
    if not os.path.exists(path):
        print(f"TAB not found at {path}: skipped")
        return
    docs = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        meta = d.get("metadata", {}).get("provenance", {})
        if meta.get("dataset_type", d.get("dataset_type")) != "dev":
            continue
        ents = d.get("entities")
        if ents is None:  # the README's layout: annotations per annotator
            ents = [m for a in d.get("annotations", {}).values() for m in a["entity_mentions"]]
        docs.append((str(len(docs)), d["text"], ents))
    data = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t, _ in docs)
    out = subprocess.run([tact, "check", "--format", "jsonl"], input=data.encode(),
                         capture_output=True).stdout.decode()
    groups = {"person": ("person", "protected_person"), "place": ("location", "address", "postcode"),
              "date": ("date_of_birth", "age")}
    found = {}
    for line in out.splitlines():
        r = json.loads(line)
        if "id" not in r:
            continue
        text = next(t for i, t, _ in docs if i == r["id"])
        b = text.encode("utf-8")
        f = {g: [] for g in groups}
        f["any"] = []
        for x in r["findings"]:
            if x["category"] != "identifier":
                continue
            span = (len(b[:x["start"]].decode("utf-8", "replace")),
                    len(b[:x["end"]].decode("utf-8", "replace")))
            f["any"].append(span)
            for g, types in groups.items():
                if x["type"] in types:
                    f[g].append(span)
        found[r["id"]] = f
    gold_of = {"PERSON": "person", "LOC": "place", "DATETIME": "date"}
    stats = {(g, m): [0, 0, 0] for g in groups for m in ("all", "masked")}  # tp, gold, tp_any
    ptp = ppred = 0
    for i, text, ents in docs:
        toks = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
        gold = {}
        masked = set()
        for e in ents:
            g = gold_of.get(e["entity_type"])
            if not g:
                continue
            for k, (a, bb) in enumerate(toks):
                if a < e["end_offset"] and e["start_offset"] < bb:
                    gold.setdefault(k, set()).add(g)
                    if e.get("identifier_type") in ("DIRECT", "QUASI"):
                        masked.add((k, g))
        f = found.get(i, {g: [] for g in list(groups) + ["any"]})
        for k, (a, bb) in enumerate(toks):
            ov = lambda spans: any(s < bb and a < e for s, e in spans)
            for g in gold.get(k, ()):
                hit, anyhit = ov(f[g]), ov(f["any"])
                for m in ("all", "masked"):
                    if m == "masked" and (k, g) not in masked:
                        continue
                    st = stats[(g, m)]
                    st[0] += hit
                    st[1] += 1
                    st[2] += anyhit
            if ov(f["person"]):
                ppred += 1
                ptp += "person" in gold.get(k, ())
    print(f"TAB dev: {len(docs)} judgments (token-level; place = location/address/postcode, "
          f"date = date_of_birth/age; 'any' = any identifier finding)")
    for g in groups:
        for m in ("all", "masked"):
            tp, n, tpa = stats[(g, m)]
            print(f"  {g:6} {m:6} tact  R {tp / max(n, 1):.3f}  (any type R {tpa / max(n, 1):.3f}, "
                  f"gold tokens {n})")
    print(f"  person precision      P {ptp / max(ppred, 1):.3f}  (person tokens reported {ppred})")


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
        big = big_places()
        for typ, hd, label, sb in (("person", True, "person", None),
                                   ("person", False, "person-no@", None),
                                   ("location", True, "location", None),
                                   ("location", True, "loc-no-big", big)):
            P, R, F, g = token_scores(posts, mine, typ, hd, sb)
            print(f"  {label:11} tact        P {P:.3f}  R {R:.3f}  F1 {F:.3f}  (gold tokens {g})")
            if peer is not None:
                P, R, F, g = token_scores(posts, peer, typ, hd, sb)
                print(f"  {label:11} compromise  P {P:.3f}  R {R:.3f}  F1 {F:.3f}")
        dbg = run_debug(tact, posts)
        if dbg is not None:
            cls, fp = recall_loss(posts, mine, dbg)
            n = sum(cls.values())
            print("  person recall, where lost (gold person tokens, no @): " +
                  ", ".join(f"{k} {v} ({v / max(n, 1):.3f})" for k, v in cls.items()))
            print("  person false-positive tokens by rule: " +
                  ", ".join(f"{k} {v}" for k, v in sorted(fp.items(), key=lambda x: -x[1])))
        else:
            print("  (tests/tact-names-debug not built: recall-loss breakdown skipped)")
    if os.path.isdir(corpora):
        tab_eval(tact, corpora)
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
