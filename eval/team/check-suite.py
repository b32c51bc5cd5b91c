#!/usr/bin/env python3
"""Check a tact scenario suite (JSON lines) for format errors.

Usage: check-suite.py FILE

Checks: valid JSON object per line, required fields, unique ids, allowed
verdicts and finding types (DESIGN.md), must_find / must_not_flag strings
occur verbatim in the text, NHS numbers in must_find pass the modulus-11
check, 10-digit numbers in must_not_flag fail it, NI numbers have a valid
prefix and suffix.  Prints counts per verdict and per type.  Exit 0 when
clean, 1 when there are problems, 2 on usage error.  Standard library only.
"""
import collections
import json
import re
import sys

VERDICTS = {"ok", "review", "block"}
IDENT_TYPES = {
    "person", "address", "postcode", "location", "phone", "email",
    "date_of_birth", "age", "nhs_number", "ni_number", "case_reference",
    "school", "organisation", "handle", "url", "geo_coordinates",
    "vehicle_registration",
}
CONDUCT_TYPES = {
    "case_discussion", "abuse", "derogatory", "discrimination",
    "colleague_criticism", "venting", "boundary",
}
REGISTER_TYPES = {"protected_person"}
TYPES = IDENT_TYPES | CONDUCT_TYPES | REGISTER_TYPES
FIELDS = {"id", "text", "verdict", "must_find", "must_not_flag", "why"}

NI_BAD_FIRST = set("DFIQUV")
NI_BAD_SECOND = set("DFIQUVO")
NI_BAD_PREFIX = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}


def nhs_ok(digits):
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(digits[i]) * (10 - i) for i in range(9))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(digits[9])


def ni_ok(text):
    s = re.sub(r"\s", "", text).upper()
    m = re.fullmatch(r"([A-Z])([A-Z])(\d{6})([A-D]?)", s)
    if not m:
        return False
    a, b = m.group(1), m.group(2)
    if a in NI_BAD_FIRST or b in NI_BAD_SECOND or a + b in NI_BAD_PREFIX:
        return False
    return True


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    path = argv[1]
    problems = []
    ids = set()
    verdicts = collections.Counter()
    types = collections.Counter()
    posts_with_type = collections.Counter()
    n = 0
    try:
        fh = open(path, encoding="utf-8")
    except OSError as e:
        print(f"{path}: {e}", file=sys.stderr)
        return 2
    with fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                problems.append(f"line {lineno}: empty line")
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"line {lineno}: invalid JSON: {e}")
                continue
            if not isinstance(d, dict):
                problems.append(f"line {lineno}: not a JSON object")
                continue
            n += 1
            pid = d.get("id", f"<line {lineno}>")
            where = f"line {lineno} ({pid})"
            missing = FIELDS - d.keys()
            extra = d.keys() - FIELDS
            if missing:
                problems.append(f"{where}: missing fields {sorted(missing)}")
            if extra:
                problems.append(f"{where}: unknown fields {sorted(extra)}")
            if not isinstance(pid, str) or not pid:
                problems.append(f"{where}: id must be a non-empty string")
            elif pid in ids:
                problems.append(f"{where}: duplicate id")
            ids.add(pid)
            text = d.get("text")
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{where}: text must be a non-empty string")
                text = ""
            v = d.get("verdict")
            if v not in VERDICTS:
                problems.append(f"{where}: bad verdict {v!r}")
            else:
                verdicts[v] += 1
            why = d.get("why")
            if not isinstance(why, str) or not why.strip():
                problems.append(f"{where}: why must be a non-empty string")
            mf = d.get("must_find", [])
            if not isinstance(mf, list):
                problems.append(f"{where}: must_find must be a list")
                mf = []
            seen_types = set()
            for item in mf:
                if not isinstance(item, dict) or set(item) != {"type", "text"}:
                    problems.append(f"{where}: must_find item must be {{type, text}}: {item!r}")
                    continue
                t, s = item["type"], item["text"]
                if t not in TYPES:
                    problems.append(f"{where}: unknown type {t!r}")
                else:
                    types[t] += 1
                    seen_types.add(t)
                if not isinstance(s, str) or not s:
                    problems.append(f"{where}: must_find text must be a non-empty string")
                    continue
                if s not in text:
                    problems.append(f"{where}: must_find text not verbatim in post: {s!r}")
                if t == "nhs_number":
                    digits = re.sub(r"\D", "", s)
                    if not nhs_ok(digits):
                        problems.append(f"{where}: NHS number fails modulus 11: {s!r}")
                if t == "ni_number" and not ni_ok(s):
                    problems.append(f"{where}: invalid NI number: {s!r}")
            for t in seen_types:
                posts_with_type[t] += 1
            mnf = d.get("must_not_flag", [])
            if not isinstance(mnf, list):
                problems.append(f"{where}: must_not_flag must be a list")
                mnf = []
            for s in mnf:
                if not isinstance(s, str) or not s:
                    problems.append(f"{where}: must_not_flag item must be a non-empty string")
                    continue
                if s not in text:
                    problems.append(f"{where}: must_not_flag text not verbatim in post: {s!r}")
                digits = re.sub(r"[\s-]", "", s)
                if re.fullmatch(r"\d{10}", digits) and nhs_ok(digits):
                    problems.append(f"{where}: must_not_flag number passes NHS modulus 11: {s!r}")
            if v == "ok" and mf:
                # allowed (low-severity findings), but worth a note
                pass
            if v == "block" and not mf:
                problems.append(f"{where}: block post with empty must_find")

    print(f"{path}: {n} posts, {len(ids)} unique ids")
    print("verdicts: " + ", ".join(f"{k} {verdicts[k]}" for k in ("block", "review", "ok")))
    print("must_find items per type (posts):")
    for t in sorted(types, key=lambda k: (-types[k], k)):
        cat = "conduct" if t in CONDUCT_TYPES else "identifier"
        print(f"  {t:22s} {types[t]:4d} ({posts_with_type[t]})  {cat}")
    unused = sorted(TYPES - set(types))
    if unused:
        print("types not covered: " + ", ".join(unused))
    if problems:
        print(f"{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("OK: no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
