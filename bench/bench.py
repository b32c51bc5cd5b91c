#!/usr/bin/env python3
"""tact speed and memory figures (make bench; see bench/run.sh).

usage: bench.py TACT [--quick]

Corpora are generated into BUILD/bench-data (BUILD = the directory of TACT),
never into the repository:
  tweets  the Davidson tweets (../shared/corpora/davidson) as JSON lines,
          repeated to about 200k posts
  tab     the TAB court documents (../shared/corpora/tab), repeated 10 times
  gen     100k synthetic social-care posts from bench/gen-posts.py
When ../shared is absent (or TACT_SHARED points nowhere) the first two are
skipped with a message. Nothing here is asserted: it prints figures.
"""
import csv
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

TARGETS = {"mb_s_core": 50.0, "p99_us": 1000.0, "startup_ms": 50.0, "rss_mb": 150.0, "x_compromise": 50.0}


def shared_dir():
    d = os.environ.get("TACT_SHARED") or os.path.join(ROOT, "..", "shared")
    return os.path.abspath(d)


def fresh(path, *deps):
    if not os.path.exists(path):
        return False
    t = os.path.getmtime(path)
    return all(not os.path.exists(d) or os.path.getmtime(d) <= t for d in deps)


def make_tweets(shared, out, want=200000):
    src = os.path.join(shared, "corpora", "davidson", "labeled_data.csv")
    if not os.path.exists(src):
        return None
    if fresh(out, src, __file__):
        return out
    with open(src, newline="", encoding="utf-8", errors="replace") as f:
        tweets = [row["tweet"] for row in csv.DictReader(f)]
    with open(out + ".tmp", "w", encoding="utf-8") as o:
        n = 0
        rep = 0
        while n < want:
            for i, t in enumerate(tweets):
                o.write(json.dumps({"id": "t%d-%d" % (rep, i), "text": t}, ensure_ascii=False) + "\n")
                n += 1
                if n >= want:
                    break
            rep += 1
    os.replace(out + ".tmp", out)
    return out


def make_tab(shared, out, reps=10):
    src = os.path.join(shared, "corpora", "tab", "tab_train_dev.jsonl")
    if not os.path.exists(src):
        return None
    if fresh(out, src, __file__):
        return out
    docs = []
    with open(src, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs.append(d.get("text", ""))
    with open(out + ".tmp", "w", encoding="utf-8") as o:
        for r in range(reps):
            for i, t in enumerate(docs):
                o.write(json.dumps({"id": "d%d-%d" % (r, i), "text": t}, ensure_ascii=False) + "\n")
    os.replace(out + ".tmp", out)
    return out


def make_gen(out, n=100000):
    """The generated posts, and beside them (out + ".gold") the spans of the
    people each one names."""
    script = os.path.join(HERE, "gen-posts.py")
    if fresh(out, script) and fresh(out + ".gold", script):
        return out
    with open(out + ".tmp", "w", encoding="utf-8") as o:
        subprocess.run([sys.executable, script, str(n), "1", "--gold", out + ".gold.tmp"], stdout=o, check=True)
    os.replace(out + ".gold.tmp", out + ".gold")
    os.replace(out + ".tmp", out)
    return out


def gold_found(gold_path, spans, n):
    """How many of the first n posts' gold person spans overlap a span found
    (spans: one list of [start, end] character spans per post)."""
    found = total = 0
    with open(gold_path, encoding="utf-8") as f:
        for k, line in enumerate(f):
            if k >= n:
                break
            got = spans[k] if k < len(spans) else []
            for a, b in json.loads(line)["persons"]:
                total += 1
                found += any(s < b and a < e for s, e in got)
    return found, total


def tact_person_spans(sample, out):
    """Character spans of tact's person findings, per post of the sample."""
    texts = [json.loads(l)["text"] for l in open(sample, encoding="utf-8")]
    by_id = {}
    for line in open(out, encoding="utf-8"):
        r = json.loads(line)
        by_id[r.get("id")] = r
    spans = []
    for k, line in enumerate(open(sample, encoding="utf-8")):
        r = by_id.get(json.loads(line)["id"], {"findings": []})
        b = texts[k].encode("utf-8")
        spans.append([[len(b[:f["start"]].decode("utf-8", "replace")), len(b[:f["end"]].decode("utf-8", "replace"))]
                      for f in r.get("findings", []) if f.get("type") == "person"])
    return spans


def head(src, out, n):
    if fresh(out, src):
        return out
    with open(src, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
        for k, line in enumerate(f):
            if k >= n:
                break
            o.write(line)
    return out


def run(cmd, stdin_path=None, stdin_bytes=None, stdout_path=None):
    """Run cmd; return (seconds, peak RSS MB, cpu seconds, exit status)."""
    fin = open(stdin_path, "rb") if stdin_path else (subprocess.PIPE if stdin_bytes is not None else subprocess.DEVNULL)
    fout = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=fin, stdout=fout, stderr=subprocess.DEVNULL)
    if stdin_bytes is not None:
        p.stdin.write(stdin_bytes)
        p.stdin.close()
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if stdin_path:
        fin.close()
    if stdout_path:
        fout.close()
    return dt, ru.ru_maxrss / 1024.0, ru.ru_utime + ru.ru_stime, p.returncode


def count_lines(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def count_type(path, typ):
    needle = ('"type":"%s"' % typ).encode()
    with open(path, "rb") as f:
        return sum(line.count(needle) for line in f)


def table(title, header, rows):
    print()
    print(title)
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    fmt = "  ".join("%%-%ds" % w if i == 0 else "%%%ds" % w for i, w in enumerate(widths))
    print("  " + fmt % tuple(header))
    for r in rows:
        print("  " + fmt % tuple(r))


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: bench.py TACT [--quick]")
    tact = os.path.abspath(sys.argv[1])
    quick = "--quick" in sys.argv
    build = os.path.dirname(tact)
    data = os.path.join(build, "bench-data")
    os.makedirs(data, exist_ok=True)
    shared = shared_dir()
    cores = os.cpu_count() or 1
    print("tact bench: %s (%d cores, load average %.1f)%s" % (tact, cores, os.getloadavg()[0], " [quick]" if quick else ""))
    ver = subprocess.run([tact, "--version"], capture_output=True, text=True).stdout.strip()
    print("version: %s" % ver)

    corpora = []
    if os.path.isdir(shared):
        t = make_tweets(shared, os.path.join(data, "tweets-%d.jsonl" % (20000 if quick else 200000)), 20000 if quick else 200000)
        corpora.append(("tweets", t)) if t else print("skip tweets: no davidson corpus in %s" % shared)
        t = make_tab(shared, os.path.join(data, "tab-x%d.jsonl" % (2 if quick else 10)), 2 if quick else 10)
        corpora.append(("tab", t)) if t else print("skip tab: no TAB corpus in %s" % shared)
    else:
        print("skip tweets and tab: %s is absent (set TACT_SHARED to point at it)" % shared)
    corpora.append(("gen", make_gen(os.path.join(data, "gen-%d.jsonl" % (10000 if quick else 100000)), 10000 if quick else 100000)))

    # ---- throughput ----------------------------------------------------
    rows = []
    figures = {}
    out = os.path.join(data, "out.jsonl")
    for name, path in corpora:
        size = os.path.getsize(path)
        posts = count_lines(path)
        wc_s, _, _, _ = run(["wc", "-w"], stdin_path=path)
        for jobs in ("1", "0"):
            best = None
            for _ in range(1 if quick else 3):
                r = run([tact, "check", "--format", "jsonl", "--jobs", jobs], stdin_path=path, stdout_path=out)
                if best is None or r[0] < best[0]:
                    best = r
            dt, rss, cpu, rc = best
            persons = count_type(out, "person")
            nout = count_lines(out)
            figures[(name, jobs)] = {"mb_s": size / 1e6 / dt, "posts_s": posts / dt, "rss": rss, "rc": rc,
                                     "persons": persons, "mb_cpu_s": size / 1e6 / cpu if cpu else 0.0}
            rows.append([name, "1" if jobs == "1" else "all(%d)" % cores, posts, "%.1f" % (size / 1e6),
                         "%.3f" % dt, "%.0f" % (posts / dt), "%.1f" % (size / 1e6 / dt),
                         "%.1f" % (size / 1e6 / cpu if cpu else 0.0), "%.1f" % rss,
                         "%.0f%%" % (100 * cpu / dt), persons, rc if nout == posts else "%d (%d lines!)" % (rc, nout)])
        rows.append([name, "wc -w", posts, "%.1f" % (size / 1e6), "%.3f" % wc_s, "%.0f" % (posts / wc_s),
                     "%.1f" % (size / 1e6 / wc_s), "", "", "", "", ""])
    table("throughput: tact check --format jsonl < FILE > out (best of %d)" % (1 if quick else 3),
          ["corpus", "jobs", "posts", "MB", "s", "posts/s", "MB/s", "MB/cpu-s", "RSS MB", "CPU", "persons", "exit"],
          rows)
    print("  MB/cpu-s: input MB per second of CPU time (user+sys), steadier than wall time on a busy machine")

    # ---- latency -------------------------------------------------------
    lat_bin = os.path.join(build, "bench", "tact-latency")
    lat = {}
    if os.path.exists(lat_bin):
        # 280-character posts from the corpora: whole posts joined to length
        texts = []
        for name, path in corpora:
            if name == "tab":
                continue
            with open(path, encoding="utf-8") as f:
                cur = ""
                for k, line in enumerate(f):
                    if k >= 20000:
                        break
                    t = json.loads(line)["text"].replace("\n", " ").replace("\r", " ")
                    cur = (cur + " " + t).strip()
                    if len(cur) >= 280:
                        texts.append(cur[:280])
                        cur = ""
        posts280 = os.path.join(data, "posts280.txt")
        with open(posts280, "w", encoding="utf-8") as o:
            o.write("\n".join(texts) + "\n")
        p = subprocess.run([lat_bin, posts280, "20000" if quick else "100000"], capture_output=True, text=True)
        for line in p.stdout.splitlines():
            k, _, v = line.partition(" ")
            try:
                lat[k] = float(v)
            except ValueError:
                pass
        table("latency: one 280-character post in-process, warm (tact-latency, %d posts, %d rounds)" %
              (lat.get("posts", 0), lat.get("rounds", 0)),
              ["measure", "p50 us", "p90 us", "p99 us", "p99.9 us", "max us"],
              [[m] + ["%.1f" % lat.get("%s_%s_us" % (m, q), float("nan")) for q in ("p50", "p90", "p99", "p999", "max")]
               for m in ("scan", "scan_json")])
        print("  ruleset compile: %.1f ms; findings per post: %.2f" % (lat.get("compile_ms", 0), lat.get("findings_per_post", 0)))
    else:
        print("\nskip latency: %s not built (bench/CMakeLists.txt)" % lat_bin)

    # ---- start-up --------------------------------------------------------
    times = []
    rss_s = []
    for _ in range(10 if quick else 40):
        dt, rss, _, rc = run([tact, "check"], stdin_bytes=b"hi\n")
        times.append(dt * 1000)
        rss_s.append(rss)
    vt = [run([tact, "--version"])[0] * 1000 for _ in range(10)]
    startup = statistics.median(times)
    table("start-up: echo hi | tact check (%d runs)" % len(times), ["measure", "median ms", "min ms", "RSS MB"],
          [["check", "%.1f" % startup, "%.1f" % min(times), "%.1f" % max(rss_s)],
           ["--version", "%.1f" % statistics.median(vt), "%.1f" % min(vt), ""]])

    # ---- peers ---------------------------------------------------------
    peer_rows = []
    ratios = []
    gold_rows = []
    gold_by = {}
    if subprocess.run(["node", "--version"], capture_output=True).returncode == 0:
        for name, path in corpora:
            if name == "tab":
                continue
            n = 2000 if quick else 10000
            sample = head(path, os.path.join(data, "%s-sample-%d.jsonl" % (name, n)), n)
            size = os.path.getsize(sample)
            dt, rss, _, rc = run([tact, "check", "--format", "jsonl", "--jobs", "1"], stdin_path=sample, stdout_path=out)
            tact_persons = count_type(out, "person")
            full = figures.get((name, "1"), {}).get("posts_s", n / dt)
            peer_rows.append([name, "tact (1 core)", n, "%.0f" % full, "%.0f" % (n / dt), tact_persons, ""])
            gold = path + ".gold" if os.path.exists(path + ".gold") else None
            spans_out = os.path.join(data, "%s-compromise-spans.jsonl" % name)
            p = subprocess.run(["node", os.path.join(HERE, "peers.js"), sample, str(n)] + ([spans_out] if gold else []),
                               capture_output=True, text=True)
            if gold and p.returncode == 0 and os.path.exists(spans_out):
                t_found, total = gold_found(gold, tact_person_spans(sample, out), n)
                c_found, _ = gold_found(gold, [json.loads(l)["persons"] for l in open(spans_out)], n)
                gold_rows.append([name, total, t_found, "%.3f" % (t_found / total if total else 0),
                                  c_found, "%.3f" % (c_found / total if total else 0)])
                gold_by[name] = (t_found, c_found)
            if p.returncode != 0:
                print("peers.js failed on %s: %s" % (name, p.stderr.strip().splitlines()[-1:]))
            for line in p.stdout.splitlines():
                o = json.loads(line)
                if "error" in o:
                    peer_rows.append([name, o["tool"], "", "", o["error"], "", ""])
                    continue
                x = full / o["posts_per_s"] if o["posts_per_s"] else float("inf")
                if o["tool"] == "compromise":
                    ratios.append((name, x, tact_persons, o["names"]))
                peer_rows.append([name, o["tool"], o["posts"], "", o["posts_per_s"],
                                  "" if o["names"] is None else o["names"], "%.0fx" % x])
            wc = run(["wc", "-w"], stdin_path=sample)[0]
            peer_rows.append([name, "wc -w", n, "", "%.0f" % (n / wc), "", ""])
        table("peers: same sample, one process each (tact full-corpus posts/s for the ratio)",
              ["corpus", "tool", "posts", "posts/s full", "posts/s sample", "names", "tact is"], peer_rows)
        if gold_rows:
            table("names the generator put in (gold person spans of the sample; a name counts when a person finding overlaps it)",
                  ["corpus", "gold names", "tact found", "tact recall", "compromise found", "compromise recall"], gold_rows)
    else:
        print("\nskip peers: node is not installed")

    # ---- HTTP --------------------------------------------------------------
    http = os.path.join(HERE, "http.sh")
    if os.path.exists(http):
        print("\nHTTP (bench/http.sh):")
        sys.stdout.flush()
        subprocess.run(["sh", http, tact])
    else:
        print("\nskip HTTP: bench/http.sh not present")

    # ---- against the targets ---------------------------------------------------
    print("\ntargets:")
    tw = figures.get(("tweets", "1")) or figures.get(("gen", "1"))
    label = "tweets" if ("tweets", "1") in figures else "gen"
    rss_max = max([f["rss"] for f in figures.values()] + rss_s)

    def line(what, ok, detail):
        print("  %-4s %-44s %s" % ("ok" if ok else "MISS", what, detail))

    line("MB/s per core, full pipeline (%s)" % label, max(tw["mb_s"], tw["mb_cpu_s"]) >= TARGETS["mb_s_core"],
         "%.1f MB/s wall, %.1f MB per CPU-second (target >= %.0f)" % (tw["mb_s"], tw["mb_cpu_s"], TARGETS["mb_s_core"]))
    if lat:
        line("p99 latency, one 280-char post", lat["scan_json_p99_us"] < TARGETS["p99_us"],
             "%.1f us (target < %.0f)" % (lat["scan_json_p99_us"], TARGETS["p99_us"]))
    line("start-up to first result", startup < TARGETS["startup_ms"],
         "%.1f ms (target < %.0f)" % (startup, TARGETS["startup_ms"]))
    line("peak RSS", rss_max < TARGETS["rss_mb"], "%.1f MB (target < %.0f)" % (rss_max, TARGETS["rss_mb"]))
    for name, x, tp, cp in ratios:
        if name in gold_by:
            # with gold spans, "more names" means more of the real ones
            tg, cg = gold_by[name]
            line("posts/s vs compromise, more names (%s)" % name, x >= TARGETS["x_compromise"] and tg >= cg,
                 "%.0fx, correct names %d vs %d; reported %d vs %s (target >= %.0fx, more names)"
                 % (x, tg, cg, tp, cp, TARGETS["x_compromise"]))
            continue
        line("posts/s vs compromise, more names (%s)" % name, x >= TARGETS["x_compromise"] and tp >= (cp or 0),
             "%.0fx, names %d vs %s (target >= %.0fx, more names)" % (x, tp, cp, TARGETS["x_compromise"]))


if __name__ == "__main__":
    main()
