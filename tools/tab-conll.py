#!/usr/bin/env python3
"""tab-conll.py - the TAB training documents as CoNLL for the tagger
(tools/train-tagger.c --aux), on stdout: one sentence per post, token TAB tag,
PERSON -> B-PER/I-PER, LOC -> B-LOC/I-LOC, everything else O.

usage: tab-conll.py tab_train_dev.jsonl > tab.conll

Only documents with dataset_type == train (TAB, MIT licence); the dev
documents are what eval/20-names.py reports on. Deterministic.
"""
import json
import re
import sys

TOKEN = re.compile(r"\w+(?:['\u2019-]\w+)*|\S", re.UNICODE)
TYPES = {"PERSON": "PER", "LOC": "LOC"}


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: tab-conll.py tab_train_dev.jsonl\n")
        return 64
    out = sys.stdout
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("metadata", {}).get("provenance", {}).get("dataset_type") != "train":
                continue
            text = d.get("text", "")
            label = [None] * len(text)
            for e in d.get("entities", []):
                t = TYPES.get(e.get("entity_type"))
                if not t:
                    continue
                a, b = int(e["start_offset"]), int(e["end_offset"])
                for k in range(max(a, 0), min(b, len(text))):
                    label[k] = (t, a)
            for para in re.finditer(r"[^\n]+", text):
                n = 0
                prev = None
                last = ""
                for m in TOKEN.finditer(para.group(0)):
                    s = para.start() + m.start()
                    w = m.group(0)
                    lab = label[s]
                    if lab is None:
                        tag = "O"
                    elif prev is not None and prev == lab:
                        tag = "I-" + lab[0]
                    else:
                        tag = "B-" + lab[0]
                    prev = lab
                    out.write(w + "\t" + tag + "\n")
                    n += 1
                    # a sentence ends at . ! ? (posts of tweet length), not
                    # after an initial or a title ("Mr A. Smith", "Dr.")
                    abbrev = len(last) == 1 or last in ("Mr", "Mrs", "Ms", "Dr", "No", "nos", "no", "Art", "p", "pp", "cf", "v")
                    last = w
                    if w in (".", "!", "?") and n >= 4 and not (w == "." and abbrev):
                        out.write("\n")
                        n = 0
                        prev = None
                if n:
                    out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
