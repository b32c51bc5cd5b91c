#!/usr/bin/env python3
"""practitioner-conll.py - the team's practitioner-style training posts
(tests/names/train/practitioner.jsonl) as training input for the tagger
(tools/train-tagger.c), on stdout.

usage: practitioner-conll.py [--part all|train|dev] [--by template|id] practitioner.jsonl > out.spans

Input: one JSON object a line, {"id", "text", "spans": [{"type":
"person"|"location", "text": ...}]}; every occurrence of a span's text in
the post is meant.

Output: not CoNLL tokens but the post's own text with character spans, so
that the trainer tokenizes exactly the text the library sees at run time
(no re-joining of corpus tokens). The first line is "#TACTSPANS"; then one
line per post:

    SPANS TAB TEXT

SPANS is "-" or comma-separated "start:end:P" / "start:end:L" (UTF-8 byte
offsets into the text, end exclusive); TEXT has backslash, tab, newline and
carriage return written as \\\\, \\t, \\n, \\r (offsets are into the
unescaped text). The trainer gives each library token starting at a span's
start B-PER/B-LOC, each later token starting inside it I-PER/I-LOC, all
others O.

Occurrences: a span text matches where it is not glued to letters or digits
on either side ("Sam" is not found in "Samuel"); a span text with no such
occurrence (a name inside a hashtag, "#justiceforkayleigh") is matched as a
plain substring instead. Overlapping matches: the longer (then the earlier)
wins.

--part: "dev" is a fixed ~20% of the posts, "train" the rest, "all" every
post (default). The file was generated from ~480 hand-written templates
(tests/names/train/README.md), so posts of one template share their wording
and must fall on the same side: posts are grouped as the connected
components of "share a word 5-gram" (lower case, span texts replaced by
their type), which recovers ~460 groups of 2-3 posts, and a group is dev
when the md5 of its smallest id (first 32 bits) is 0 mod 5. --by id splits
post by post instead (md5 of the id), which leaks templates into dev.
Deterministic.
"""
import hashlib
import json
import re
import sys

TYPES = {"person": "P", "location": "L"}


def hash5(pid):
    return int(hashlib.md5(pid.encode("utf-8")).hexdigest()[:8], 16) % 5 == 0


def masked_words(d):
    t = d.get("text", "")
    for sp in sorted(d.get("spans", []), key=lambda x: -len(x.get("text", ""))):
        if sp.get("text"):
            t = t.replace(sp["text"], " <%s> " % sp.get("type", "?")[:1])
    return re.findall(r"[a-z']+|<[a-z?]>", t.lower())


def dev_ids(posts, by):
    """The ids of the dev part."""
    ids = [str(d.get("id", "")) for d in posts]
    if by == "id":
        return {i for i in ids if hash5(i)}
    parent = list(range(len(posts)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first = {}
    for k, d in enumerate(posts):
        w = masked_words(d)
        for g in sorted(set(tuple(w[j:j + 5]) for j in range(len(w) - 4))):
            if g in first:
                a, b = find(first[g]), find(k)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                first[g] = k
    low = {}
    for k in range(len(posts)):
        r = find(k)
        low[r] = min(low.get(r, ids[k]), ids[k])
    return {ids[k] for k in range(len(posts)) if hash5(low[find(k)])}


def esc(s):
    return (s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


def occurrences(text, span):
    """Character offsets of span in text, word-bounded first, else substring."""
    pat = re.compile(r"(?<![^\W_])" + re.escape(span) + r"(?![^\W_])")
    hits = [(m.start(), m.end()) for m in pat.finditer(text)]
    if not hits:
        hits = [(m.start(), m.end()) for m in re.finditer(re.escape(span), text)]
    return hits


def spans_of(d):
    text = d.get("text", "")
    cands = []
    for s in d.get("spans", []):
        t = TYPES.get(s.get("type"))
        st = s.get("text", "")
        if not t or not st.strip():
            continue
        for a, b in occurrences(text, st):
            cands.append((a, b, t))
    # longer first, then earlier; drop anything overlapping a kept span
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    kept = []
    for a, b, t in cands:
        if all(b <= ka or a >= kb for ka, kb, _ in kept):
            kept.append((a, b, t))
    kept.sort()
    # character offsets -> UTF-8 byte offsets
    out = []
    for a, b, t in kept:
        ba = len(text[:a].encode("utf-8"))
        bb = ba + len(text[a:b].encode("utf-8"))
        out.append("%d:%d:%s" % (ba, bb, t))
    return text, out


def main(argv):
    part, by = "all", "template"
    args = argv[1:]
    while len(args) >= 2 and args[0] in ("--part", "--by"):
        if args[0] == "--part":
            part = args[1]
        else:
            by = args[1]
        args = args[2:]
    if len(args) != 1 or part not in ("all", "train", "dev") or by not in ("id", "template"):
        sys.stderr.write("usage: practitioner-conll.py [--part all|train|dev] [--by template|id] "
                         "practitioner.jsonl\n")
        return 64
    with open(args[0], encoding="utf-8") as f:
        posts = [json.loads(line) for line in f if line.strip()]
    dev = dev_ids(posts, by) if part != "all" else set()
    out = sys.stdout
    out.write("#TACTSPANS\n")
    for d in posts:
        pid = str(d.get("id", ""))
        if part != "all" and (pid in dev) != (part == "dev"):
            continue
        text, spans = spans_of(d)
        if not text.strip():
            continue
        out.write((",".join(spans) or "-") + "\t" + esc(text) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
