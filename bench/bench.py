"""The benchmark harness behind bench/run. See BENCHMARKS.md for results.

Every measurement runs against a fresh `auralog serve --count` on loopback
(it parses each body but does not print entries) and checks, from the counts
the receiver prints at exit, that every entry arrived. Medians of repeated
runs; ratios are taken within the same run of this script.
"""

import atexit
import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# AURALOG_BENCH_BIN measures another build (an earlier commit) the same way.
BIN = os.environ.get("AURALOG_BENCH_BIN") or os.path.join(ROOT, "target", "release", "auralog")
OUT = os.path.join(ROOT, "bench", "out")
PY = os.path.join(ROOT, "bench", ".venv", "bin", "python")
QUICK = "--quick" in sys.argv
results = {}


# A state directory of this run's own: a spool left by an earlier run that
# failed would be replayed by every shipping run here, and slow it down.
STATE = tempfile.mkdtemp(prefix="auralog-bench-state-")
atexit.register(shutil.rmtree, STATE, True)


def env(endpoint, **extra):
    # An empty config file: a named file that does not exist is a
    # configuration problem (a warning on every call).
    cfg = os.path.join(OUT, "empty-config.toml")
    if not os.path.exists(cfg):
        os.makedirs(OUT, exist_ok=True)
        open(cfg, "w").close()
    e = {k: v for k, v in os.environ.items() if not k.startswith("AURALOG_")}
    e.update(
        AURALOG_ENDPOINT=endpoint,
        AURALOG_API_KEY="aura_bench_key_0000",
        AURALOG_CONFIG=cfg,
        XDG_STATE_HOME=STATE,
    )
    e.update(extra)
    return e


class Serve:
    """A fresh `auralog serve --count` on a free port (or on `listen`)."""

    def __init__(self, threads=None, listen="127.0.0.1:0"):
        self.err = tempfile.TemporaryFile(mode="w+")
        extra = ["--threads", str(threads)] if threads else []
        self.p = subprocess.Popen(
            [BIN, "serve", "--count", "--listen", listen] + extra,
            stdout=subprocess.DEVNULL,
            stderr=self.err,
        )
        for _ in range(100):
            self.err.seek(0)
            m = re.search(r"http://[0-9.:]+", self.err.read())
            if m:
                self.url = m.group(0)
                return
            time.sleep(0.05)
        self.err.seek(0)
        raise RuntimeError("serve did not start: " + self.err.read()[-500:])

    def stop(self):
        self.p.terminate()
        self.p.wait(timeout=30)
        self.err.seek(0)
        text = self.err.read()
        m = re.search(r"(\d+) (?:entry|entries) in (\d+) requests?, (\d+) body bytes", text)
        if not m:
            raise RuntimeError("no counts from serve: " + text)
        return {"entries": int(m.group(1)), "requests": int(m.group(2)), "bytes": int(m.group(3))}


def timed(cmd, stdin_path=None, environ=None, stdout=subprocess.DEVNULL):
    """Wall time and peak RSS (KiB) of one command, via GNU time."""
    rss_file = os.path.join(OUT, "rss.txt")
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    t = time.perf_counter()
    r = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd,
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=environ,
    )
    wall = time.perf_counter() - t
    if stdin_path:
        stdin.close()
    if r.returncode != 0:
        raise RuntimeError(f"{cmd} exited {r.returncode}: {r.stderr.decode()[-2000:]}")
    with open(rss_file) as f:
        rss = int(f.read().split()[-1])
    return wall, rss


def med(xs):
    return statistics.median(xs)


def table(title, header, rows):
    print(f"\n### {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in rows:
        print("| " + " | ".join(str(c) for c in r) + " |")
    sys.stdout.flush()


# ---------------------------------------------------------------- inputs


def gen_lines(path, n):
    """n lines of exactly 100 bytes plus newline, mixed levels."""
    if os.path.exists(path) and os.path.getsize(path) == n * 101:
        return
    rnd = random.Random(42)
    words = "alpha beta gamma delta request served cache miss user login ok".split()
    levels = ["INFO", "INFO", "INFO", "WARN", "DEBUG"]
    with open(path, "w") as f:
        for i in range(n):
            head = f"2026-11-22T10:00:{i % 60:02d}Z {rng_choice(rnd, levels)} worker-{i % 16} "
            body = " ".join(rng_choice(rnd, words) for _ in range(20))
            line = (head + body)[:100].ljust(100, ".")
            f.write(line + "\n")


def rng_choice(rnd, xs):
    return xs[rnd.randrange(len(xs))]


def gen_format(fmt, path, target_bytes):
    if os.path.exists(path) and os.path.getsize(path) >= target_bytes:
        return
    rnd = random.Random(7)
    levels = ["info", "info", "warn", "debug", "error"]
    with open(path, "w") as f:
        if fmt == "csv":
            f.write("timestamp,level,message,host,status,duration_ms\n")
        size, i = 0, 0
        while size < target_bytes:
            lvl = rng_choice(rnd, levels)
            ts = f"2026-11-22T10:{(i // 60) % 60:02d}:{i % 60:02d}.{i % 1000:03d}Z"
            msg = f"request {i} served from cache shard {i % 97} for user {rnd.randrange(10**6)}"
            if fmt == "jsonl":
                line = json.dumps({"timestamp": ts, "level": lvl, "message": msg, "host": f"web{i % 8}", "status": 200, "duration_ms": i % 500}) + "\n"
            elif fmt == "csv":
                line = f'{ts},{lvl},"{msg}, ok",web{i % 8},200,{i % 500}\n'
            elif fmt == "syslog":
                sev = {"debug": 7, "info": 6, "warn": 4, "error": 3}[lvl]
                line = f"<{8 + sev}>1 {ts} web{i % 8} app {1000 + i % 50} ID{i % 7} [meta status=\"200\"] {msg}\n"
            else:
                line = f"{ts} {lvl.upper()} {msg}\n"
            f.write(line)
            size += len(line)
            i += 1


# ---------------------------------------------------------------- benches


def bench_log_vs_curl():
    runs = 15 if QUICK else 41
    s = Serve()
    e = env(s.url)
    entry = subprocess.run([BIN, "log", "--dry-run", "hello from the benchmark"], env=e, capture_output=True, check=True).stdout.decode().strip()
    body = json.dumps({"projectApiKey": "aura_bench_key_0000", "logs": [json.loads(entry)]})
    a, c = [], []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([BIN, "log", "hello from the benchmark"], env=e, check=True)
        a.append(time.perf_counter() - t)
        t = time.perf_counter()
        subprocess.run(["curl", "-sS", "-o", "/dev/null", "-H", "Content-Type: application/json", "--data-binary", body, s.url + "/v1/logs"], check=True)
        c.append(time.perf_counter() - t)
    got = s.stop()
    assert got["entries"] == 2 * runs, got
    results["log_vs_curl"] = {"runs": runs, "auralog_ms": med(a) * 1e3, "curl_ms": med(c) * 1e3}
    table(
        f"`auralog log` vs `curl`, one entry to loopback, {runs} alternating runs",
        ["tool", "median wall ms", "ratio to curl"],
        [
            ["auralog log", f"{med(a) * 1e3:.2f}", f"{med(a) / med(c):.2f}"],
            ["curl (same JSON)", f"{med(c) * 1e3:.2f}", "1.00"],
        ],
    )


SDK_SCRIPT = r"""
import sys, auralogs
auralogs.init(api_key="aura_bench_key_0000", endpoint=sys.argv[1], allow_insecure_endpoint=True,
              flush_interval=3600, capture_errors=False)
from auralogs import _state
log = auralogs.auralogs
n = 0
for line in sys.stdin:
    log.info(line.rstrip("\n"))
    n += 1
    # The SDK keeps at most 1000 queued entries and drops the oldest: flush
    # before that happens so that every line is shipped, as auralog does.
    if n % 1000 == 0:
        _state.transport.flush()
auralogs.shutdown()
"""


def bench_tail_stdin():
    n = 300_000 if QUICK else 2_000_000
    n_py = 100_000 if QUICK else 300_000
    n_curl = 200
    path = os.path.join(OUT, f"lines-{n}.txt")
    gen_lines(path, n)
    py_path = os.path.join(OUT, f"lines-{n_py}.txt")
    gen_lines(py_path, n_py)
    curl_path = os.path.join(OUT, f"lines-{n_curl}.txt")
    gen_lines(curl_path, n_curl)
    sdk = os.path.join(OUT, "sdk_tail.py")
    with open(sdk, "w") as f:
        f.write(SDK_SCRIPT)
    rows, data = [], {}
    reps = 1 if QUICK else 3
    walls, rsss = [], []
    for _ in range(reps):
        s = Serve()
        w, rss = timed([BIN, "tail-stdin", "--no-echo"], path, env(s.url))
        got = s.stop()
        assert got["entries"] == n, f"auralog shipped {got['entries']} of {n}"
        walls.append(w)
        rsss.append(rss)
    a_rate = n / med(walls)
    data["auralog"] = {"lines": n, "lines_per_s": a_rate, "rss_kib": max(rsss)}
    s = Serve()
    w, py_rss = timed([PY, sdk, s.url], py_path, env(s.url))
    got = s.stop()
    assert got["entries"] == n_py, f"python SDK shipped {got['entries']} of {n_py}"
    p_rate = n_py / w
    data["python_sdk"] = {"lines": n_py, "lines_per_s": p_rate, "rss_kib": py_rss}
    s = Serve()
    script = (
        'while IFS= read -r line; do '
        'printf \'{"projectApiKey":"k","logs":[{"level":"info","message":"%s"}]}\' "${line//\\"/}" | '
        'curl -sS -o /dev/null -H "Content-Type: application/json" --data-binary @- "$EP/v1/logs"; done'
    )
    w, curl_rss = timed(["bash", "-c", script], curl_path, dict(env(s.url), EP=s.url))
    got = s.stop()
    assert got["entries"] == n_curl, got
    c_rate = n_curl / w
    data["curl_loop"] = {"lines": n_curl, "lines_per_s": c_rate, "rss_kib": curl_rss}
    results["tail_stdin"] = data
    table(
        "`tail-stdin`, 100-byte lines to loopback",
        ["shipper", "lines", "lines/s (median)", "peak RSS MiB", "auralog is ×"],
        [
            ["auralog tail-stdin --no-echo", n, f"{a_rate:,.0f}", f"{max(rsss) / 1024:.1f}", "1"],
            ["official Python SDK (auralogs 1.0.0)", n_py, f"{p_rate:,.0f}", f"{py_rss / 1024:.1f}", f"{a_rate / p_rate:.1f}"],
            ["`while read; curl` loop", n_curl, f"{c_rate:,.0f}", f"{curl_rss / 1024:.1f} (bash)", f"{a_rate / c_rate:,.0f}"],
        ],
    )


def bench_ingest():
    size = (40 if QUICK else 200) * 1024 * 1024
    reps = 1 if QUICK else 9
    rows, data = [], {}
    for fmt in ["jsonl", "csv", "syslog", "text"]:
        ext = {"jsonl": "jsonl", "csv": "csv", "syslog": "log", "text": "txt"}[fmt]
        path = os.path.join(OUT, f"input-{size >> 20}M.{ext}")
        gen_format(fmt, path, size)
        mb = os.path.getsize(path) / 1e6
        # The entries a run must deliver: what the dry run prints, one a line.
        dry = subprocess.Popen([BIN, "ingest", "--format", fmt, "--dry-run", path],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env("http://127.0.0.1:9"))
        want = sum(chunk.count(b"\n") for chunk in iter(lambda: dry.stdout.read(1 << 20), b""))
        assert dry.wait() == 0, fmt
        cat_w, dry_w, ship_w, rss_max = [], [], [], 0
        for _ in range(reps):
            w, _ = timed(["cat", path])
            cat_w.append(w)
            w, rss = timed([BIN, "ingest", "--format", fmt, "--dry-run", path], None, env("http://127.0.0.1:9"))
            dry_w.append(w)
            s = Serve()
            w, rss2 = timed([BIN, "ingest", "--format", fmt, path], None, env(s.url))
            got = s.stop()
            # A run that lost any entry is invalid.
            assert got["entries"] == want, (fmt, got, want)
            ship_w.append(w)
            rss_max = max(rss_max, rss, rss2)
            print(f"  {fmt}: dry {dry_w[-1]:.3f} s, shipping {w:.3f} s", file=sys.stderr)
        data[fmt] = {"mb": mb, "cat_mb_s": mb / med(cat_w), "dry_mb_s": mb / med(dry_w), "ship_mb_s": mb / med(ship_w), "entries": got["entries"], "rss_kib": rss_max}
        # Each shipping run against the dry run just before it: the machine's
        # speed drifts by a fifth within minutes, and a pair shares its moment.
        paired = med([s / d for s, d in zip(ship_w, dry_w)])
        data[fmt]["paired_ratio"] = paired
        rows.append([
            fmt, f"{mb:.0f}", f"{mb / med(cat_w):,.0f}", f"{mb / med(dry_w):,.0f}", f"{mb / med(ship_w):,.0f}",
            f"{(med(ship_w) / med(dry_w) - 1) * 100:+.0f}%", f"{(paired - 1) * 100:+.0f}%", f"{rss_max / 1024:.1f}",
        ])
    results["ingest"] = data
    table(
        f"`ingest` per format (MB/s, median of {reps})",
        ["format", "MB", "cat", "--dry-run", "shipping", "shipping vs dry-run", "per pair (median)", "peak RSS MiB"],
        rows,
    )


def bench_big_file_rss():
    size = (200 if QUICK else 1024) * 1024 * 1024
    path = os.path.join(OUT, f"big-{size >> 20}M.jsonl")
    gen_format("jsonl", path, size)
    s = Serve()
    w, rss = timed([BIN, "ingest", "--format", "jsonl", path], None, env(s.url))
    got = s.stop()
    mb = os.path.getsize(path) / 1e6
    results["big_file"] = {"mb": mb, "wall_s": w, "rss_kib": rss, "entries": got["entries"]}
    table("Memory on a large file", ["input", "entries delivered", "wall s", "MB/s", "peak RSS MiB"],
          [[f"jsonl, {mb:,.0f} MB", f"{got['entries']:,}", f"{w:.1f}", f"{mb / w:,.0f}", f"{rss / 1024:.1f}"]])


def bench_compress():
    n = 200_000
    path = os.path.join(OUT, f"lines-{n}.txt")
    gen_lines(path, n)
    rows = []
    data = {}
    for flag in [[], ["--compress"]]:
        s = Serve()
        w, _ = timed([BIN] + flag + ["tail-stdin", "--no-echo"], path, env(s.url))
        got = s.stop()
        assert got["entries"] == n, got
        data["gzip" if flag else "plain"] = got["bytes"]
        rows.append(["--compress" if flag else "plain", f"{got['bytes']:,}", f"{got['bytes'] / n:.0f}", f"{n / w:,.0f}"])
    results["compress"] = data
    table(f"Bytes on the wire, {n:,} lines via tail-stdin", ["mode", "body bytes", "bytes/entry", "lines/s"], rows)


def main():
    os.makedirs(OUT, exist_ok=True)
    if "--latency" in sys.argv:
        import latency

        latency.main(sys.modules[__name__])
        return
    print(f"machine: {os.uname().sysname} {os.uname().machine}, {os.cpu_count()} cores; {subprocess.run([BIN, '--version'], capture_output=True).stdout.decode().strip()} ({BIN})")
    which = [a for a in sys.argv[1:] if not a.startswith("--")] or ["log", "tail", "ingest", "big", "compress"]
    if "log" in which:
        bench_log_vs_curl()
    if "tail" in which:
        bench_tail_stdin()
    if "ingest" in which:
        bench_ingest()
    if "big" in which:
        bench_big_file_rss()
    if "compress" in which:
        bench_compress()
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
