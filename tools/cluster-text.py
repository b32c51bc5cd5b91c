#!/usr/bin/env python3
"""cluster-text.py - the unlabelled text for the word clusters
(tools/train-clusters.c), one post or paragraph per line, on stdout.

usage: cluster-text.py CORPORA_DIR > text.txt

Only TRAINING splits, never the text we report on (btc.dev,
wnut17 emerging.dev.conll, TAB dev/test documents):
  btc/btc.train                  (CC-BY-4.0)   token column, posts rebuilt
  wnut17/wnut17train.conll       (CC-BY-4.0)   token column, posts rebuilt
  davidson/labeled_data.csv      (MIT)         tweet column
  olid/olid-training-v1.0.tsv    (research)    tweet column
  tab/tab_train_dev.jsonl        (MIT)         text of dataset_type == train
Deterministic: files in this order, lines in file order.
"""
import csv
import json
import os
import sys

GLUE = {".", ",", "!", "?", ":", ";", "'s", "'S", "n't", "'m", "'re", "'ve", "'ll", "'d", ")", "..."}


def one_line(s):
    return " ".join(s.split())


def conll(path, out):
    words = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if "\t" not in line or line.startswith("\t"):
                if words:
                    out.write(post(words) + "\n")
                words = []
                continue
            words.append(line.split("\t", 1)[0])
    if words:
        out.write(post(words) + "\n")


def post(words):
    s = []
    for i, w in enumerate(words):
        if i and w not in GLUE:
            s.append(" ")
        s.append(w)
    return one_line("".join(s))


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: cluster-text.py CORPORA_DIR\n")
        return 64
    c = sys.argv[1]
    out = sys.stdout
    conll(os.path.join(c, "btc", "btc.train"), out)
    conll(os.path.join(c, "wnut17", "wnut17train.conll"), out)
    with open(os.path.join(c, "davidson", "labeled_data.csv"), encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.DictReader(f):
            t = one_line(row.get("tweet", ""))
            if t:
                out.write(t + "\n")
    with open(os.path.join(c, "olid", "olid-training-v1.0.tsv"), encoding="utf-8", errors="replace") as f:
        next(f, None)
        for line in f:
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) >= 2 and cols[1].strip():
                out.write(one_line(cols[1]) + "\n")
    with open(os.path.join(c, "tab", "tab_train_dev.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("metadata", {}).get("provenance", {}).get("dataset_type") != "train":
                continue
            for para in d.get("text", "").split("\n"):
                para = one_line(para)
                if para:
                    out.write(para + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
