#!/usr/bin/env python3
"""Generate the man pages.

tact(1) is assembled from the command's own --help texts (one source: the
help a user sees is the man page's SYNOPSIS and OPTIONS) plus the prose in
docs/tact.1.md and docs/verdict-rules.md. libtact(3) is generated from the
doc comments in include/tact.h.

usage: mkman.py TACT SRCDIR OUTDIR
"""
import datetime
import os
import re
import subprocess
import sys


def esc(line):
    line = line.replace("\\", "\\e")
    if line.startswith(".") or line.startswith("'"):
        line = "\\&" + line
    return line


def md_to_roff(md):
    """A small Markdown subset: #/## headings, paragraphs, `code`, **bold**,
    - lists, | tables | (as preformatted), ``` blocks."""
    out, in_code = [], False
    for ln in md.splitlines():
        if ln.startswith("```"):
            out.append(".EX" if not in_code else ".EE")
            in_code = not in_code
            continue
        if in_code:
            out.append(esc(ln))
            continue
        if ln.startswith("## "):
            out.append(".SS " + ln[3:].strip())
            continue
        if ln.startswith("# "):
            out.append(".SH " + ln[2:].strip().upper())
            continue
        if not ln.strip():
            out.append(".PP")
            continue
        if ln.startswith("|"):
            if re.match(r"^\|[-| :]+\|$", ln.strip()):
                continue
            cells = [c.strip() for c in ln.strip().strip("|").split("|")]
            out.append(".nf")
            out.append(esc("  " + "  |  ".join(cells)).replace("`", ""))
            out.append(".fi")
            continue
        t = esc(ln)
        t = re.sub(r"\*\*(.+?)\*\*", r"\\fB\1\\fR", t)
        t = re.sub(r"`(.+?)`", r"\\fB\1\\fR", t)
        if t.lstrip().startswith("- "):
            out.append(".IP \\(bu 2")
            t = t.lstrip()[2:]
        out.append(t)
    return "\n".join(out)


def help_of(tact, args):
    p = subprocess.run([tact] + args, capture_output=True, text=True)
    return p.stdout or p.stderr


def tact1(tact, src):
    date = datetime.date.today().isoformat()
    ver = help_of(tact, ["--version"]).strip().split()[-1]
    parts = [f'.TH TACT 1 "{date}" "tact {ver}" "User Commands"',
             ".SH NAME", "tact \\- think before you post: screen social media posts for "
             "confidentiality and conduct risks"]
    parts.append(".SH SYNOPSIS\n.nf")
    parts += [esc(l) for l in help_of(tact, ["--help"]).splitlines()]
    parts.append(".fi")
    for cmd in (["check"], ["redact"], ["serve"], ["policy"]):
        h = help_of(tact, cmd + ["--help"])
        if not h.startswith("usage:"):
            continue
        parts.append(f".SH COMMAND: {' '.join(cmd).upper()}\n.nf")
        parts += [esc(l) for l in h.splitlines()]
        parts.append(".fi")
    for name in ("tact.1.md", "verdict-rules.md"):
        path = os.path.join(src, "docs", name)
        if os.path.exists(path):
            parts.append(md_to_roff(open(path, encoding="utf-8").read()))
    return "\n".join(parts) + "\n"


def libtact3(src):
    hdr = open(os.path.join(src, "include", "tact.h"), encoding="utf-8").read()
    date = datetime.date.today().isoformat()
    out = [f'.TH LIBTACT 3 "{date}" "libtact" "Library Functions"', ".SH NAME",
           "libtact \\- screen text for confidentiality and conduct risks", ".SH SYNOPSIS",
           ".nf", "#include <tact.h>", "cc ... $(pkg-config --cflags --libs libtact)", ".fi"]
    top = re.match(r"/\*(.*?)\*/", hdr, re.S).group(1)
    out.append(".SH DESCRIPTION\n.nf")
    out += [esc(re.sub(r"^ ?\* ?", "", l)) for l in top.splitlines()[1:]]
    out.append(".fi\n.SH FUNCTIONS AND TYPES")
    for m in re.finditer(r"/\*\*(?!<)(.*?)\*/\s*\n((?:TACT_API[^;]*;\s*)+|typedef[^;]*;|#define[^\n]*)",
                         hdr, re.S):
        doc = [re.sub(r"^\s*\* ?", "", l) for l in m.group(1).strip().splitlines()]
        decl = m.group(2).strip()
        out.append(".PP\n.nf\n\\fB" + esc(decl.replace("TACT_API ", "")) + "\\fR\n.fi")
        out.append(".RS\n.nf")
        out += [esc(l) for l in doc]
        out.append(".fi\n.RE")
    return "\n".join(out) + "\n"


def main():
    tact, src, outdir = sys.argv[1:4]
    os.makedirs(outdir, exist_ok=True)
    open(os.path.join(outdir, "tact.1"), "w").write(tact1(tact, src))
    open(os.path.join(outdir, "libtact.3"), "w").write(libtact3(src))


if __name__ == "__main__":
    main()
