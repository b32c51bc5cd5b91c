#!/usr/bin/env python3
"""Train tact's offensive-language classifier and write data/models/offensive.bin.

Logistic regression on hashed features (word unigrams, word bigrams and
character 3-5-grams of each word), trained with AdaGrad. The C scorer in
src/lib/classifier.c computes exactly the same features; keep the two in step
(tests/unit/test_classifier.c checks scores computed here).

Corpora (read only from ../shared/corpora, never copied):
  davidson/labeled_data.csv   class 0 hate / 1 offensive -> offensive, 2 -> not
  olid/olid-training-v1.0.tsv subtask_a OFF -> offensive, NOT -> not
Split: a tweet is held out for dev when fnv1a32(tweet text as UTF-8) % 10 == 0
(after HTML-unescaping Davidson's text); everything else trains.

usage: train-offensive.py SHARED_DIR OUT.bin [--report]
       train-offensive.py --score OUT.bin < lines     (one probability a line)
"""
import array
import csv
import html
import math
import os
import random
import struct
import sys

NBITS = 18
MAGIC = b"TOFF"
VERSION = 1


def fnv1a32(b):
    h = 2166136261
    for c in b:
        h ^= c
        h = (h * 16777619) & 0xFFFFFFFF
    return h


def isword(c):
    return (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122) or c >= 0x80


def lower(b):
    return bytes(c + 32 if 65 <= c <= 90 else c for c in b)


def squeeze(b):
    out = bytearray()
    for c in b:
        if len(out) >= 2 and out[-1] == c and out[-2] == c:
            continue
        out.append(c)
    return bytes(out)


def tokens(text):
    b = text.encode("utf-8", "replace") if isinstance(text, str) else text
    n = len(b)
    i = 0
    out = []
    while i < n:
        c = b[i]
        low = lower(b[i:i + 8])
        if low.startswith(b"http://") or low.startswith(b"https://") or low.startswith(b"www."):
            j = i
            while j < n and b[j] > 0x20:
                j += 1
            out.append(b"url")
            i = j
            continue
        if c == 0x40 and i + 1 < n and isword(b[i + 1]):
            j = i + 1
            while j < n and (isword(b[j]) or b[j] == 0x5F):
                j += 1
            out.append(b"@user")
            i = j
            continue
        if isword(c) or (c == 0x23 and i + 1 < n and isword(b[i + 1])):
            j = i + 1
            while j < n:
                if isword(b[j]):
                    j += 1
                elif b[j] == 0x27 and j + 1 < n and isword(b[j + 1]) and isword(b[j - 1]):
                    j += 1
                else:
                    break
            out.append(squeeze(lower(b[i:j]))[:64])
            i = j
            continue
        i += 1
    return out[:512]


def features(text):
    """Hashed feature indexes (with repeats) of one text."""
    mask = (1 << NBITS) - 1
    idx = []
    prev = None
    for t in tokens(text):
        idx.append(fnv1a32(b"w" + t) & mask)
        if prev is not None:
            idx.append(fnv1a32(b"b" + prev + b" " + t) & mask)
        prev = t
        if t in (b"url", b"@user"):
            continue
        s = b"<" + t + b">"
        for k in (3, 4, 5):
            for p in range(0, len(s) - k + 1):
                idx.append(fnv1a32(b"c" + s[p:p + k]) & mask)
    return idx


def sparse(text):
    idx = features(text)
    if not idx:
        return array.array("I"), array.array("f")
    counts = {}
    for i in idx:
        counts[i] = counts.get(i, 0) + 1
    norm = 1.0 / math.sqrt(len(idx))
    keys = sorted(counts)
    return array.array("I", keys), array.array("f", [counts[k] * norm for k in keys])


def load(shared):
    rows = []  # (corpus, text, label)
    dav = os.path.join(shared, "corpora", "davidson", "labeled_data.csv")
    with open(dav, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            rows.append(("davidson", html.unescape(r["tweet"]), 0 if r["class"] == "2" else 1))
    olid = os.path.join(shared, "corpora", "olid", "olid-training-v1.0.tsv")
    with open(olid, encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                rows.append(("olid", parts[1], 1 if parts[2] == "OFF" else 0))
    return rows


def is_dev(text):
    return fnv1a32(text.encode("utf-8")) % 10 == 0


def train(examples, epochs=6, lr=0.2, l2=1e-6, seed=1):
    w = array.array("f", bytes(4 * (1 << NBITS)))
    g2 = array.array("f", [1e-8]) * (1 << NBITS)
    bias, gb = 0.0, 1e-8
    rnd = random.Random(seed)
    order = list(range(len(examples)))
    for _ in range(epochs):
        rnd.shuffle(order)
        for k in order:
            keys, vals, y, cw = examples[k]
            z = bias
            for i, v in zip(keys, vals):
                z += w[i] * v
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = (p - y) * cw
            gb += g * g
            bias -= lr * g / math.sqrt(gb)
            for i, v in zip(keys, vals):
                gi = g * v + l2 * w[i]
                g2[i] += gi * gi
                w[i] -= lr * gi / math.sqrt(g2[i])
    return w, bias


def quantise(w):
    m = max(abs(x) for x in w) or 1.0
    scale = m / 127.0
    q = array.array("b", [max(-127, min(127, int(round(x / scale)))) for x in w])
    return q, scale


class Model:
    def __init__(self, q, scale, bias, threshold):
        self.q, self.scale, self.bias, self.threshold = q, scale, bias, threshold

    def score(self, text):
        idx = features(text)
        if not idx:
            z = self.bias
        else:
            s = 0
            for i in idx:
                s += self.q[i]
            z = self.bias + self.scale * s / math.sqrt(len(idx))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def write(self, path):
        with open(path, "wb") as f:
            f.write(MAGIC + struct.pack("<IIfff", VERSION, NBITS, self.bias, self.scale,
                                        self.threshold))
            f.write(self.q.tobytes())

    @staticmethod
    def read(path):
        b = open(path, "rb").read()
        if b[:4] != MAGIC:
            raise SystemExit("not a tact offensive model")
        version, nbits, bias, scale, thr = struct.unpack("<IIfff", b[4:24])
        q = array.array("b")
        q.frombytes(b[24:24 + (1 << nbits)])
        return Model(q, scale, bias, thr)


def macro_f1(gold, pred):
    f = []
    for cls in (0, 1):
        tp = sum(1 for g, p in zip(gold, pred) if g == cls and p == cls)
        fp = sum(1 for g, p in zip(gold, pred) if g != cls and p == cls)
        fn = sum(1 for g, p in zip(gold, pred) if g == cls and p != cls)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f.append(2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    return sum(f) / 2


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "--score":
        m = Model.read(sys.argv[2])
        for line in sys.stdin:
            print(f"{m.score(line.rstrip(chr(10))):.6f}")
        return 0
    if len(sys.argv) < 3:
        print(__doc__)
        return 64
    shared, out = sys.argv[1], sys.argv[2]
    if not os.path.exists(os.path.join(shared, "corpora", "olid")):
        print(f"corpora not found under {shared}: nothing trained")
        return 0
    rows = load(shared)
    tr = [r for r in rows if not is_dev(r[1])]
    dv = [r for r in rows if is_dev(r[1])]
    # OLID is the target domain (varied topics, "offensive" in the broad
    # sense); Davidson adds slurs and insults but is 83% offensive, so it is
    # down-weighted to keep its base rate from dominating.
    weight = {"olid": 1.0, "davidson": 0.35}
    ex = []
    for corpus, text, y in tr:
        k, v = sparse(text)
        ex.append((k, v, y, weight[corpus]))
    w, bias = train(ex)
    q, scale = quantise(w)
    m = Model(q, scale, bias, 0.5)
    # decision threshold: the best macro F1 on the OLID *training* part
    # (scored once), so the dev split stays untouched
    olid_tr = [r for r in tr if r[0] == "olid"]
    ptr = [m.score(t) for _, t, _ in olid_tr]
    best = max((macro_f1([y for _, _, y in olid_tr], [1 if p >= th else 0 for p in ptr]), th)
               for th in [x / 100 for x in range(20, 81, 2)])
    m.threshold = best[1]
    m.write(out)
    for corpus in ("olid", "davidson"):
        d = [r for r in dv if r[0] == corpus]
        gold = [y for _, _, y in d]
        pred = [1 if m.score(t) >= m.threshold else 0 for _, t, _ in d]
        print(f"{corpus} dev: n={len(d)} macro-F1={macro_f1(gold, pred):.4f}")
    print(f"train n={len(tr)} dev n={len(dv)} threshold={m.threshold:.2f} bias={bias:.4f} "
          f"scale={scale:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
