#!/usr/bin/env python3
"""not_linked.py TACT READELF - fails if the tact executable names
libmicrohttpd (or any TLS library) among the libraries it is linked with.

http.c loads libmicrohttpd with dlopen when `tact serve` starts: linked, it
and its TLS stack would be loaded and relocated by every run of tact, about
a quarter of `tact check`'s start-up (speed27)."""
import subprocess
import sys

tact, readelf = sys.argv[1], sys.argv[2]
out = subprocess.run([readelf, "-d", tact], check=True, capture_output=True, text=True).stdout
needed = [line.split("[", 1)[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line]
bad = [n for n in needed if "microhttpd" in n or "gnutls" in n]
if not needed:
    print("not_linked: no NEEDED entries read from", tact)
    sys.exit(1)
if bad:
    print("not_linked: tact is linked with", ", ".join(bad))
    sys.exit(1)
print("not_linked: ok:", ", ".join(needed))
