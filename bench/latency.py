"""Latency mode of the harness:  bench/run --latency [--rtts 0,20,50,100] [--runs N] [--quick]
                                                      [--only ingest,tail,log,down,otlp]
                                                      [--otlp-rtts 0,50] [--otlp-protocol http/protobuf]

Everything is measured through a delay line (examples/delayline.rs: every
chunk is delivered RTT/2 ms late in each direction, and a new connection's
first bytes one RTT later still, for its handshake) in front of a fresh
`auralog serve --count --threads 16` per measurement, on 127.0.0.1:

- ingest of a jsonl file: auralog vs syslog-ng 3.x `http()` at `workers(8)`;
- tail-stdin of 100-byte lines: auralog vs the official Python SDK;
- one entry: `auralog log` vs `curl` posting the same JSON (median wall);
- endpoint down: 50 `auralog log` calls against a refused port and against a
  listener that accepts and never answers, then `auralog spool flush` to a
  receiver started on that port, which must receive all of them;
- peak RSS (GNU time) of every auralog run;
- `--only otlp` (not in the default set): tail-stdin and ingest with the OTLP
  output (`outputs = otlp`) and with the Auralogs output, alternating, at
  --otlp-rtts (0 and 50 ms): rates, and CPU (user+sys of the auralog process,
  its rusage) per entry; every entry is counted at the receiver.

The receiver's counts are checked after every run: a run that lost (or
duplicated) an entry is INVALID and printed as such, and left out of medians.
Runs alternate tool and round trip (for each repetition, for each RTT, each
tool once), medians over --runs repetitions, ratios within this run.
Results: markdown on stdout, JSON in bench/out/latency.json.
"""

import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

B = None  # the bench module (helpers: Serve, env, gen_format, gen_lines, ...)
DL = None
results = {}


def opt(name, default):
    if name in sys.argv:
        return sys.argv[sys.argv.index(name) + 1]
    return default


# ---------------------------------------------------------------- tools


class DelayLine:
    """examples/delayline in front of `upstream` (host:port), adding `rtt` ms."""

    def __init__(self, upstream, rtt):
        upstream = upstream.split("//")[-1].rstrip("/")
        self.p = subprocess.Popen([DL, upstream, str(rtt)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        line = self.p.stdout.readline().decode()
        m = re.search(r"listening on ([0-9.]+):(\d+)", line)
        if not m:
            raise RuntimeError("delayline did not start: " + line)
        self.port = int(m.group(2))
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.p.terminate()
        self.p.wait(timeout=10)


def run(cmd, stdin_path=None, environ=None, timeout=None):
    """(wall s, peak RSS KiB or None, exit code or None on timeout, stderr)."""
    rss_file = os.path.join(B.OUT, "rss-lat.txt")
    if os.path.exists(rss_file):
        os.unlink(rss_file)
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    err = tempfile.TemporaryFile()
    t = time.perf_counter()
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd, stdin=stdin,
                         stdout=subprocess.DEVNULL, stderr=err, env=environ, start_new_session=True)
    try:
        rc = p.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        rc = None
    wall = time.perf_counter() - t
    if stdin_path:
        stdin.close()
    rss = None
    try:
        with open(rss_file) as f:
            rss = int(f.read().split()[-1])
    except (OSError, ValueError, IndexError):
        pass
    err.seek(0)
    return wall, rss, rc, err.read().decode(errors="replace")


def fmt_rate(x, unit=""):
    return "INVALID" if x is None else f"{x:,.1f}{unit}" if x < 100 else f"{x:,.0f}{unit}"


def med_or_none(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def ratio(a, b):
    return "-" if a is None or b is None or b == 0 else f"{a / b:.2f}x"


# ---------------------------------------------------------------- the delay line's own check


def check_delayline(rtts):
    """A 1-byte ping-pong through the line at each RTT against an echo
    server (the added RTT must be within ~1 ms), 64 concurrent connections at
    the largest RTT, and bulk throughput at 0 ms against a discarding sink."""

    def serve_forever(handler):
        srv = socket.socket()
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind(("127.0.0.1", 0))
        srv.listen(256)

        def loop():
            while True:
                c, _ = srv.accept()
                c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                threading.Thread(target=handler, args=(c,), daemon=True).start()

        threading.Thread(target=loop, daemon=True).start()
        return srv.getsockname()[1]

    def echo(c):
        while True:
            d = c.recv(65536)
            if not d:
                c.close()
                return
            c.sendall(d)

    total = {}

    def discard(c):
        n = 0
        buf = bytearray(1 << 20)
        while True:
            k = c.recv_into(buf)
            if not k:
                break
            n += k
        total["n"] = n
        c.sendall(b"k")
        c.close()

    echo_port = serve_forever(echo)
    sink_port = serve_forever(discard)

    def pingpong(port, n=25):
        s = socket.create_connection(("127.0.0.1", port))
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        xs = []
        for i in range(n + 3):
            t = time.perf_counter()
            s.sendall(b"x")
            assert s.recv(1) == b"x"
            if i >= 3:
                xs.append(time.perf_counter() - t)
        s.close()
        return statistics.median(xs) * 1e3

    def bulk(port, mib):
        s = socket.create_connection(("127.0.0.1", port))
        chunk = b"\0" * (1 << 20)
        t = time.perf_counter()
        for _ in range(mib):
            s.sendall(chunk)
        s.shutdown(socket.SHUT_WR)
        assert s.recv(1) == b"k"
        w = time.perf_counter() - t
        s.close()
        assert total["n"] == mib << 20, total
        return (mib << 20) / w / 1e6

    base = pingpong(echo_port)
    rows, data = [], {"direct_rtt_ms": base}
    ok = True
    for rtt in rtts:
        dl = DelayLine(f"127.0.0.1:{echo_port}", rtt)
        m = pingpong(dl.port)
        dl.stop()
        added = m - base
        good = abs(added - rtt) <= 1.0
        ok &= good
        data[f"rtt_{rtt}"] = {"median_ms": m, "added_ms": added}
        rows.append([f"{rtt} ms", f"{m:.2f}", f"{added:.2f}", "ok" if good else "OFF BY > 1 ms"])
    # 64 concurrent connections, each 5 ping-pongs, at the largest RTT.
    big = max(rtts)
    dl = DelayLine(f"127.0.0.1:{echo_port}", big)
    conc = []
    lock = threading.Lock()

    def one():
        m = pingpong(dl.port, 5)
        with lock:
            conc.append(m)

    ths = [threading.Thread(target=one) for _ in range(64)]
    for t in ths:
        t.start()
    for t in ths:
        t.join(timeout=60)
    dl.stop()
    data["concurrent_64"] = {"rtt": big, "done": len(conc), "worst_median_ms": max(conc) if conc else None}
    direct = bulk(sink_port, 512)
    dl = DelayLine(f"127.0.0.1:{sink_port}", 0)
    through = bulk(dl.port, 512)
    dl.stop()
    data["bulk_mb_s"] = {"direct": direct, "through_0ms": through}
    results["delayline"] = data
    B.table("Delay line check (1-byte ping-pong, median of 25, on one kept-alive connection)",
            ["set RTT", "measured ms", "added ms", "within 1 ms"],
            rows + [[f"64 concurrent at {big} ms", f"worst {max(conc):.2f}" if conc else "-",
                     f"{len(conc)}/64 connections answered", ""],
                    ["bulk 512 MiB at 0 ms", f"{through:,.0f} MB/s through", f"{direct:,.0f} MB/s direct", ""]])
    if not ok or len(conc) != 64:
        print("\n**The delay line was off by more than 1 ms somewhere above** (on a loaded machine its "
              "threads wake late): read the columns of that RTT with that margin.")


# ---------------------------------------------------------------- ingest vs syslog-ng


SYSLOG_NG_CONF = """@version: 3.38
options {{ stats-freq(0); log-msg-size(65536); threaded(yes); }};
source s_in {{ file("{input}" flags(no-parse) follow-freq(1) log-iw-size(100000) log-fetch-limit(1000)); }};
destination d_http {{
    http(url("{url}/v1/logs") method("POST")
         headers("Content-Type: application/json")
         workers(8) batch-lines(1000) batch-bytes(1048576) batch-timeout(50)
         log-fifo-size(100000)
         body-prefix('{{"projectApiKey":"k","logs":[')
         delimiter(",")
         body-suffix("]}}")
         body("$MSG"));
}};
log {{ source(s_in); destination(d_http); flags(flow-control); }};
"""


def syslog_ng_written(ctl):
    r = subprocess.run(["syslog-ng-ctl", "stats", "-c", ctl], capture_output=True, text=True)
    n = None
    for line in r.stdout.splitlines():
        f = line.split(";")
        if len(f) >= 6 and f[0].startswith("dst.http") and f[4] == "written":
            n = (n or 0) + int(f[5])
    return n


# syslog-ng runs until it is stopped: a run whose written count did not move
# for this many seconds is given up (and INVALID). Its batch-timeout is 50 ms
# and its HTTP timeout syslog-ng's default, so 10 s without progress is a stall.
STALL = 10


def run_syslog_ng(path, n, url, timeout):
    """Wall time from start until syslog-ng's http() destination counts all
    n entries written (answered 2xx), and its peak RSS (VmHWM) in KiB."""
    d = tempfile.mkdtemp(dir=B.OUT, prefix="sng-")
    conf = os.path.join(d, "syslog-ng.conf")
    with open(conf, "w") as f:
        f.write(SYSLOG_NG_CONF.format(input=path, url=url))
    ctl = os.path.join(d, "ctl")
    log = open(os.path.join(d, "stderr"), "w")
    t = time.perf_counter()
    p = subprocess.Popen(["syslog-ng", "-F", "--no-caps", "-f", conf, "-R", os.path.join(d, "persist"),
                          "-p", os.path.join(d, "pid"), "-c", ctl], stdout=log, stderr=log, start_new_session=True)
    written, wall = None, None
    moved = time.perf_counter()
    while time.perf_counter() - t < timeout:
        if p.poll() is not None:
            break
        w = syslog_ng_written(ctl) if os.path.exists(ctl) else None
        if w is not None and w >= n:
            wall = time.perf_counter() - t
            written = w
            break
        if w != written:
            moved = time.perf_counter()
        elif time.perf_counter() - moved > STALL:
            # Nothing written for STALL s: the receiver stopped answering.
            break
        written = w
        time.sleep(0.02)
    rss = None
    try:
        with open(f"/proc/{p.pid}/status") as f:
            rss = int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1))
    except (OSError, AttributeError):
        pass
    p.terminate()
    try:
        p.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    log.close()
    if wall is None:
        with open(os.path.join(d, "stderr")) as f:
            print(f"  syslog-ng: {written} of {n} written, given up after {time.perf_counter() - t:.0f} s; stderr: {f.read()[-500:]}", file=sys.stderr)
    else:
        shutil.rmtree(d, ignore_errors=True)
    return wall, rss


def lat_ingest(rtts, runs, mb):
    path = os.path.join(B.OUT, f"input-{mb}M.jsonl")
    B.gen_format("jsonl", path, mb * 1024 * 1024)
    with open(path, "rb") as f:
        n = sum(1 for _ in f)
    size = os.path.getsize(path) / 1e6
    # Generous: today's build at 100 ms runs at ~1.7 MB/s.
    timeout = 30 + size / 0.5
    walls = {(t, r): [] for t in ("auralog", "syslog-ng") for r in rtts}
    rss = []
    invalid = []
    for rep in range(runs):
        for rtt in rtts:
            s = B.Serve(threads=16)
            dl = DelayLine(s.url, rtt)
            w, m, rc, err = run([B.BIN, "ingest", "--format", "jsonl", path], None, B.env(dl.url), timeout)
            dl.stop()
            got = s.stop()
            ok = rc == 0 and got["entries"] == n
            rss.append(m)
            walls[("auralog", rtt)].append(w if ok else None)
            if not ok:
                invalid.append(f"auralog ingest at {rtt} ms run {rep + 1}: rc {rc}, {got['entries']} of {n} entries")
            print(f"  ingest {rtt} ms run {rep + 1}: auralog {w:.2f} s ({got['requests']} requests, {got['entries']}/{n}){'' if ok else ' INVALID'}", file=sys.stderr)
            s = B.Serve(threads=16)
            dl = DelayLine(s.url, rtt)
            w, sm = run_syslog_ng(path, n, dl.url, timeout)
            dl.stop()
            got = s.stop()
            ok = w is not None and got["entries"] == n
            walls[("syslog-ng", rtt)].append(w if ok else None)
            if not ok:
                invalid.append(f"syslog-ng at {rtt} ms run {rep + 1}: {got['entries']} of {n} entries at the receiver ({got['requests']} requests)")
            print(f"  ingest {rtt} ms run {rep + 1}: syslog-ng {w if w is None else round(w, 2)} s ({got['requests']} requests, {got['entries']}/{n}, RSS {sm} KiB){'' if ok else ' INVALID'}", file=sys.stderr)
    rate = {k: (size / med_or_none(v) if med_or_none(v) else None) for k, v in walls.items()}
    results["ingest"] = {"mb": size, "entries": n, "runs": runs,
                         "mb_s": {f"{t}@{r}": rate[(t, r)] for t, r in rate},
                         "walls": {f"{t}@{r}": v for (t, r), v in walls.items()},
                         "auralog_peak_rss_kib": max([x for x in rss if x] or [0]), "invalid": invalid}
    hdr = [f"{size:.0f} MB jsonl `ingest`"] + [f"{r} ms" for r in rtts]
    a0 = rate[("auralog", rtts[0])]
    B.table(f"`ingest` through the delay line, MB/s (median of {runs})", hdr, [
        ["auralog"] + [fmt_rate(rate[("auralog", r)]) for r in rtts],
        ["syslog-ng `http()` workers(8)"] + [fmt_rate(rate[("syslog-ng", r)]) for r in rtts],
        ["auralog ÷ syslog-ng"] + [ratio(rate[("auralog", r)], rate[("syslog-ng", r)]) for r in rtts],
        [f"auralog vs its {rtts[0]} ms"] + [ratio(rate[("auralog", r)], a0) for r in rtts],
    ])
    print(f"\nauralog ingest peak RSS: {max([x for x in rss if x] or [0]) / 1024:.1f} MiB")
    for i in invalid:
        print(f"- INVALID: {i}")


# ---------------------------------------------------------------- tail-stdin vs the Python SDK


# The SDK at its fastest without losing a line: a queue that holds the whole
# input (its default of 1000 drops the oldest) and no flush until shutdown, so
# it pays the round trip once or twice per run (its background thread flushes
# every flush_interval). Stronger than bench.py's flush-every-1000 driver,
# which pays one round trip per 1000 lines.
SDK_FAST = r"""
import sys, auralogs
auralogs.init(api_key="aura_bench_key_0000", endpoint=sys.argv[1], allow_insecure_endpoint=True,
              max_queue_size=10_000_000, capture_errors=False)
log = auralogs.auralogs
for line in sys.stdin:
    log.info(line.rstrip("\n"))
auralogs.shutdown()
"""


def lat_tail(rtts, runs, n):
    path = os.path.join(B.OUT, f"lines-{n}.txt")
    B.gen_lines(path, n)
    sdk = os.path.join(B.OUT, "sdk_tail.py")
    with open(sdk, "w") as f:
        f.write(SDK_FAST)
    timeout = 30 + n / 2000
    walls = {(t, r): [] for t in ("auralog", "sdk") for r in rtts}
    rss, invalid = [], []
    for rep in range(runs):
        for rtt in rtts:
            for tool in ("auralog", "sdk"):
                s = B.Serve(threads=16)
                dl = DelayLine(s.url, rtt)
                cmd = [B.BIN, "tail-stdin", "--no-echo"] if tool == "auralog" else [B.PY, sdk, dl.url]
                w, m, rc, err = run(cmd, path, B.env(dl.url), timeout)
                dl.stop()
                got = s.stop()
                ok = rc == 0 and got["entries"] == n
                if tool == "auralog":
                    rss.append(m)
                walls[(tool, rtt)].append(w if ok else None)
                if not ok:
                    invalid.append(f"{tool} at {rtt} ms run {rep + 1}: rc {rc}, {got['entries']} of {n} entries")
                print(f"  tail {rtt} ms run {rep + 1}: {tool} {w:.2f} s ({got['requests']} requests){'' if ok else ' INVALID'}", file=sys.stderr)
    rate = {k: (n / med_or_none(v) if med_or_none(v) else None) for k, v in walls.items()}
    results["tail_stdin"] = {"lines": n, "runs": runs, "lines_per_s": {f"{t}@{r}": rate[(t, r)] for t, r in rate},
                             "walls": {f"{t}@{r}": v for (t, r), v in walls.items()},
                             "auralog_peak_rss_kib": max([x for x in rss if x] or [0]), "invalid": invalid}
    a0 = rate[("auralog", rtts[0])]
    B.table(f"`tail-stdin` of {n:,} 100-byte lines through the delay line, lines/s (median of {runs})",
            ["shipper"] + [f"{r} ms" for r in rtts], [
                ["auralog tail-stdin --no-echo"] + [fmt_rate(rate[("auralog", r)]) for r in rtts],
                ["official Python SDK (auralogs 1.0.0)"] + [fmt_rate(rate[("sdk", r)]) for r in rtts],
                ["auralog ÷ SDK"] + [ratio(rate[("auralog", r)], rate[("sdk", r)]) for r in rtts],
                [f"auralog vs its {rtts[0]} ms"] + [ratio(rate[("auralog", r)], a0) for r in rtts],
            ])
    print(f"\nauralog tail-stdin peak RSS: {max([x for x in rss if x] or [0]) / 1024:.1f} MiB")
    for i in invalid:
        print(f"- INVALID: {i}")


# ---------------------------------------------------------------- OTLP output vs Auralogs output


def run_cpu(cmd, stdin_path, environ, timeout):
    """(wall s, user+sys CPU s of the command, peak RSS KiB, exit code or None, stderr).
    CPU and RSS from the kernel's rusage of the process (os.wait4: microseconds,
    where GNU time prints hundredths)."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    err = tempfile.TemporaryFile()
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=err, env=environ,
                         start_new_session=True)
    killed = []
    timer = threading.Timer(timeout, lambda: (killed.append(1), os.killpg(p.pid, signal.SIGKILL)))
    timer.start()
    _, status, ru = os.wait4(p.pid, 0)
    timer.cancel()
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    rc = None if killed else p.returncode
    if stdin_path:
        stdin.close()
    err.seek(0)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, rc, err.read().decode(errors="replace")


def lat_otlp(rtts, runs, n_lines, mb, protocol):
    """tail-stdin and ingest with `outputs = otlp` (OTLP/HTTP, `protocol`) and
    with the Auralogs output, side by side through the delay line into the same
    receiver (`serve --count` decodes OTLP requests and counts their records).
    Wall time, and CPU (user+sys of the auralog process, rusage) per entry."""
    lines = os.path.join(B.OUT, f"lines-{n_lines}.txt")
    B.gen_lines(lines, n_lines)
    jsonl = os.path.join(B.OUT, f"input-{mb}M.jsonl")
    B.gen_format("jsonl", jsonl, mb * 1024 * 1024)
    with open(jsonl, "rb") as f:
        n_jsonl = sum(1 for _ in f)
    cases = {
        "tail-stdin": ([B.BIN, "tail-stdin", "--no-echo"], lines, n_lines),
        "ingest": ([B.BIN, "ingest", "--format", "jsonl", jsonl], None, n_jsonl),
    }
    outputs = ("auralogs", "otlp")
    walls = {(c, o, r): [] for c in cases for o in outputs for r in rtts}
    cpus = {(c, o, r): [] for c in cases for o in outputs for r in rtts}
    rss, invalid = {o: [] for o in outputs}, []
    for rep in range(runs):
        for rtt in rtts:
            for case, (cmd, stdin, n) in cases.items():
                # Alternating outputs, so both see the same machine.
                for out in outputs:
                    s = B.Serve(threads=16)
                    dl = DelayLine(s.url, rtt)
                    environ = B.env(dl.url, AURALOG_OUTPUTS=out, AURALOG_OTLP_ENDPOINT=dl.url,
                                    AURALOG_OTLP_PROTOCOL=protocol)
                    w, cpu, m, rc, err = run_cpu(cmd, stdin, environ, 60 + n / 2000)
                    dl.stop()
                    got = s.stop()
                    ok = rc == 0 and got["entries"] == n and cpu is not None
                    walls[(case, out, rtt)].append(w if ok else None)
                    cpus[(case, out, rtt)].append(cpu if ok else None)
                    rss[out].append(m)
                    if not ok:
                        invalid.append(f"{case} {out} at {rtt} ms run {rep + 1}: rc {rc}, "
                                       f"{got['entries']} of {n} entries at the receiver: {err[-300:]}")
                    print(f"  otlp: {case} {out} {rtt} ms run {rep + 1}: {w:.2f} s, CPU {cpu:.3f} s "
                          f"({got['requests']} requests, {got['entries']}/{n}, {got['bytes']} bytes)"
                          f"{'' if ok else ' INVALID'}", file=sys.stderr)
    med_w = {k: med_or_none(v) for k, v in walls.items()}
    med_c = {k: med_or_none(v) for k, v in cpus.items()}
    # CPU ratio per run (OTLP over the Auralogs run just before it), then the median.
    ratios = {}
    for c in cases:
        for r in rtts:
            pairs = zip(cpus[(c, "otlp", r)], cpus[(c, "auralogs", r)])
            ratios[(c, r)] = med_or_none([o / a for o, a in pairs if o and a])
    results["otlp"] = {
        "protocol": protocol, "runs": runs, "rtts": rtts,
        "entries": {c: n for c, (_, _, n) in cases.items()},
        "walls": {f"{c}/{o}@{r}": v for (c, o, r), v in walls.items()},
        "cpu_s": {f"{c}/{o}@{r}": v for (c, o, r), v in cpus.items()},
        "cpu_ratio_otlp_over_auralogs": {f"{c}@{r}": v for (c, r), v in ratios.items()},
        "peak_rss_kib": {o: max([x for x in v if x] or [0]) for o, v in rss.items()},
        "invalid": invalid,
    }
    size = os.path.getsize(jsonl) / 1e6
    unit = {"tail-stdin": ("lines/s", n_lines), "ingest": ("MB/s", size)}
    rows = []
    for c, (_, _, n) in cases.items():
        name, amount = unit[c]
        for o in outputs:
            label = f"`{c}` {'OTLP ' + protocol if o == 'otlp' else 'Auralogs JSON'}"
            rows.append([label]
                        + [fmt_rate(amount / med_w[(c, o, r)]) if med_w[(c, o, r)] else "INVALID" for r in rtts]
                        + [f"{med_c[(c, o, r)] / n * 1e9:,.0f}" if med_c[(c, o, r)] else "INVALID" for r in rtts])
        rows.append([f"`{c}` OTLP ÷ Auralogs"]
                    + [ratio(med_w[(c, "auralogs", r)], med_w[(c, "otlp", r)]) for r in rtts]
                    + [f"{ratios[(c, r)]:.2f}x" if ratios[(c, r)] else "-" for r in rtts])
    B.table(f"OTLP output vs Auralogs output through the delay line ({n_lines:,} 100-byte lines to "
            f"`tail-stdin`, lines/s; {size:.0f} MB jsonl to `ingest`, MB/s; median of {runs})",
            ["command, output"] + [f"{r} ms rate" for r in rtts] + [f"{r} ms CPU ns/entry" for r in rtts], rows)
    print(f"\nCPU: user+sys of the auralog process (rusage). peak RSS: Auralogs {results['otlp']['peak_rss_kib']['auralogs'] / 1024:.1f} MiB, "
          f"OTLP {results['otlp']['peak_rss_kib']['otlp'] / 1024:.1f} MiB. The ÷ row is the rate of OTLP "
          f"over Auralogs, and the median of each run's CPU ratio (OTLP over the Auralogs run just before it).")
    for i in invalid:
        print(f"- INVALID: {i}")


# ---------------------------------------------------------------- log vs curl


def lat_log(rtts, calls):
    rows, data, rss = [], {}, []
    for rtt in rtts:
        s = B.Serve(threads=16)
        dl = DelayLine(s.url, rtt)
        e = B.env(dl.url)
        entry = subprocess.run([B.BIN, "log", "--dry-run", "hello from the benchmark"], env=e, capture_output=True, check=True).stdout.decode().strip()
        body = json.dumps({"projectApiKey": "aura_bench_key_0000", "logs": [json.loads(entry)]})
        a, c = [], []
        bad = 0
        # Peak RSS from one extra call under GNU time; the timed calls run
        # bare, as curl does (GNU time's fork+exec would be counted otherwise).
        w, m, rc, _ = run([B.BIN, "log", "hello from the benchmark"], None, e, 60)
        rss.append(m)
        bad += rc != 0
        for _ in range(calls):
            t = time.perf_counter()
            r = subprocess.run([B.BIN, "log", "hello from the benchmark"], env=e)
            a.append(time.perf_counter() - t)
            bad += r.returncode != 0
            t = time.perf_counter()
            r = subprocess.run(["curl", "-sS", "-o", "/dev/null", "-H", "Content-Type: application/json",
                                "--data-binary", body, dl.url + "/v1/logs"])
            bad += r.returncode != 0
            c.append(time.perf_counter() - t)
        dl.stop()
        got = s.stop()
        ok = got["entries"] == 2 * calls + 1 and bad == 0
        data[rtt] = {"auralog_ms": statistics.median(a) * 1e3, "curl_ms": statistics.median(c) * 1e3, "valid": ok}
        rows.append([f"{rtt} ms", f"{statistics.median(a) * 1e3:.1f}", f"{statistics.median(c) * 1e3:.1f}",
                     ratio(statistics.median(a), statistics.median(c)) if ok else f"INVALID ({got['entries']} of {2 * calls + 1})"])
    results["log_vs_curl"] = {"calls": calls, "by_rtt": data,
                              "auralog_peak_rss_kib": max([x for x in rss if x] or [0])}
    B.table(f"`auralog log` vs `curl`, one entry through the delay line, median wall ms of {calls} alternating calls",
            ["RTT", "auralog log", "curl (same JSON)", "auralog ÷ curl"], rows)
    print(f"\nauralog log peak RSS (one extra call per RTT under GNU time): {max([x for x in rss if x] or [0]) / 1024:.1f} MiB")


# ---------------------------------------------------------------- endpoint down


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


class Holder:
    """Accepts connections and never answers (reads and discards)."""

    def __init__(self):
        self.s = socket.socket()
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.s.bind(("127.0.0.1", 0))
        self.s.listen(512)
        self.port = self.s.getsockname()[1]
        self.conns = []
        self.stopped = False
        threading.Thread(target=self.loop, daemon=True).start()

    def loop(self):
        while not self.stopped:
            try:
                c, _ = self.s.accept()
            except OSError:
                return
            self.conns.append(c)

    def stop(self):
        self.stopped = True
        try:
            # Wakes the thread blocked in accept(), so the port is free.
            self.s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.s.close()
        for c in self.conns:
            c.close()


def lat_down(calls, budget):
    """`calls` sequential `auralog log` calls to a dead endpoint, as a CI
    script would make them; stopped after `budget` seconds (then the time
    per call is extrapolated and the figure marked so). Then a receiver on
    the same port and `auralog spool flush`: every spooled entry must arrive."""
    rows, data, rss = [], {}, []
    # The same script against a live receiver, for the "added" time.
    s = B.Serve(threads=16)
    e = B.env(s.url, XDG_STATE_HOME=tempfile.mkdtemp(dir=B.OUT, prefix="state-up-"))
    t = time.perf_counter()
    for i in range(calls):
        run([B.BIN, "log", f"up {i}"], None, e, 60)
    up = time.perf_counter() - t
    got = s.stop()
    assert got["entries"] == calls, got
    for case in ("refused", "no answer"):
        holder = None
        if case == "refused":
            port = free_port()
        else:
            holder = Holder()
            port = holder.port
        url = f"http://127.0.0.1:{port}"
        e = B.env(url, XDG_STATE_HOME=tempfile.mkdtemp(dir=B.OUT, prefix="state-down-"))
        t = time.perf_counter()
        done, codes, per = 0, {}, []
        while done < calls and time.perf_counter() - t < budget:
            w, m, rc, err = run([B.BIN, "log", f"down {done}"], None, e, 120)
            rss.append(m)
            per.append(w)
            codes[rc] = codes.get(rc, 0) + 1
            done += 1
        total = time.perf_counter() - t
        est = total if done == calls else total / done * calls
        if holder:
            holder.stop()
        s = B.Serve(threads=16, listen=f"127.0.0.1:{port}")
        w, m, rc, err = run([B.BIN, "spool", "flush"], None, e, 300)
        rss.append(m)
        got = s.stop()
        ok = got["entries"] == done
        data[case] = {"calls_made": done, "wall_s": total, "estimated_wall_s_for_all": est, "added_s": est - up,
                      "first_call_s": per[0], "median_call_s": statistics.median(per), "exit_codes": codes,
                      "flush_s": w, "flush_rc": rc, "delivered_after_flush": got["entries"], "valid": ok}
        rows.append([case, f"{done}/{calls}", f"{total:.1f}" + ("" if done == calls else f" (stopped; ≈{est:.0f} for {calls})"),
                     f"{est - up:.1f}", f"{per[0]:.2f}", f"{statistics.median(per):.2f}",
                     ", ".join(f"{k}×{v}" for k, v in codes.items()),
                     f"{got['entries']}/{done}" + ("" if ok else " INVALID")])
    results["endpoint_down"] = {"calls": calls, "budget_s": budget, "live_script_s": up, "cases": data,
                                "auralog_peak_rss_kib": max([x for x in rss if x] or [0])}
    B.table(f"Endpoint down: a script of {calls} `auralog log` calls (same script to a live receiver: {up:.2f} s)",
            ["endpoint", "calls made", "wall s", "added s", "first call s", "median call s", "exit codes",
             "arrived after `spool flush`"], rows)


def main(bench):
    global B, DL
    B = bench
    DL = os.path.join(B.ROOT, "target", "release", "examples", "delayline")
    quick = B.QUICK
    rtts = [int(x) for x in opt("--rtts", "0,20,50,100").split(",")]
    runs = int(opt("--runs", "1" if quick else "3"))
    only = opt("--only", "ingest,tail,log,down").split(",")
    mb = int(opt("--ingest-mb", "20" if quick else "100"))
    lines = int(opt("--lines", "50000" if quick else "200000"))
    print(f"machine: {os.uname().sysname} {os.uname().machine}, {os.cpu_count()} cores; "
          f"{subprocess.run([B.BIN, '--version'], capture_output=True).stdout.decode().strip()} ({B.BIN}); "
          f"{subprocess.run(['syslog-ng', '--version'], capture_output=True, text=True).stdout.splitlines()[0]}")
    print(f"latency mode: RTTs {rtts} ms, {runs} run(s) each, ingest {mb} MiB jsonl, tail-stdin {lines:,} lines")
    t0 = time.perf_counter()
    check_delayline(rtts)
    if "ingest" in only:
        lat_ingest(rtts, runs, mb)
    if "tail" in only:
        lat_tail(rtts, runs, lines)
    if "log" in only:
        lat_log(rtts, 7 if quick else 21)
    if "down" in only:
        lat_down(50, float(opt("--down-budget", "45" if quick else "60")))
    if "otlp" in only:
        lat_otlp([int(x) for x in opt("--otlp-rtts", "0,50").split(",")], runs, lines, mb,
                 opt("--otlp-protocol", "http/protobuf"))
    results["wall_s"] = time.perf_counter() - t0
    print(f"\nlatency mode took {results['wall_s']:.0f} s")
    with open(os.path.join(B.OUT, "latency.json"), "w") as f:
        json.dump(results, f, indent=2)
