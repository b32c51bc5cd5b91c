#!/usr/bin/env python3
"""Offensive-language classifier: macro F1 on the OLID dev split, side by side
with the npm filters obscenity and bad-words (eval/peers/offensive.js).

Dev split (the same as tools/train-offensive.py): a tweet is held out when
fnv1a32(tweet text as UTF-8) % 10 == 0. tact's figures come from the C scorer
built into the library (tact-offensive-score, built next to tact), with the
decision threshold stored in the model. Target: macro F1 >= 0.78.

usage: 45-offensive.py TACT SHARED
"""
import os
import shutil
import struct
import subprocess
import sys


def fnv1a32(b):
    h = 2166136261
    for c in b:
        h ^= c
        h = (h * 16777619) & 0xFFFFFFFF
    return h


def macro_f1(gold, pred):
    f = []
    for cls in (0, 1):
        tp = sum(1 for g, p in zip(gold, pred) if g == cls and p == cls)
        fp = sum(1 for g, p in zip(gold, pred) if g != cls and p == cls)
        fn = sum(1 for g, p in zip(gold, pred) if g == cls and p != cls)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f.append(2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    return sum(f) / 2, f


def main():
    tact, shared = sys.argv[1], sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    olid = os.path.join(shared, "corpora", "olid", "olid-training-v1.0.tsv")
    if not os.path.exists(olid):
        print(f"OLID not found at {olid}: skipped")
        return 0
    rows = []
    with open(olid, encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and fnv1a32(parts[1].encode("utf-8")) % 10 == 0:
                rows.append((parts[1].replace("\r", " "), 1 if parts[2] == "OFF" else 0))
    gold = [y for _, y in rows]
    text = "".join(t + "\n" for t, _ in rows).encode("utf-8")
    print(f"OLID dev split: {len(rows)} tweets, {sum(gold)} offensive")
    print(f"{'system':<28}{'macro-F1':>10}{'F1 NOT':>9}{'F1 OFF':>9}")
    scorer = None
    d = os.path.dirname(os.path.abspath(tact))
    for cand in (os.path.join(d, "tact-offensive-score"), os.path.join(d, "tests", "tact-offensive-score")):
        if os.path.exists(cand):
            scorer = cand
    model = os.path.join(here, "..", "data", "models", "offensive.bin")
    if scorer and os.path.exists(model):
        thr = struct.unpack("<f", open(model, "rb").read()[20:24])[0]
        out = subprocess.run([scorer], input=text, capture_output=True).stdout.decode().split()
        probs = [float(x) for x in out]
        m, f = macro_f1(gold, [1 if p >= thr else 0 for p in probs])
        print(f"{'tact classifier (t=%.2f)' % thr:<28}{m:>10.4f}{f[0]:>9.4f}{f[1]:>9.4f}")
    else:
        print("tact classifier: tact-offensive-score or the model not found; build first")
    node = shutil.which("node")
    peers = os.path.join(here, "peers", "offensive.js")
    if node:
        out = subprocess.run([node, peers], input=text, capture_output=True, cwd=os.path.join(here, ".."))
        lines = out.stdout.decode().splitlines()
        if out.returncode != 0 or len(lines) != len(rows):
            print("npm peers: failed to run (node_modules missing?)")
        else:
            for k, name in enumerate(("obscenity (npm)", "bad-words (npm)")):
                pred = [int(l.split()[k]) for l in lines]
                m, f = macro_f1(gold, pred)
                print(f"{name:<28}{m:>10.4f}{f[0]:>9.4f}{f[1]:>9.4f}")
    else:
        print("npm peers: node not found: skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
