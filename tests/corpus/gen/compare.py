"""How far today's commands are from the expected entries: run an auralog
binary's `tail-stdin --dry-run` and `ingest --dry-run` over every corpus file
and count, per library and field, the lines whose entry differs from
<lib>.expected.jsonl. A measuring tool for the wiring of src/reading (after
it, every count should be 0); not run by CI.

Usage: python3 tests/corpus/gen/compare.py target/debug/auralog [-v]
"""
import json
import os
import subprocess
import sys

DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "libraries")
BIN = sys.argv[1]
VERBOSE = "-v" in sys.argv
FIELDS = ["message", "level", "timestamp", "stackTrace", "errorName", "metadata"]
env = dict(os.environ, AURALOG_API_KEY="dry-run", AURALOG_ENVIRONMENT="production")


def entries(cmd, path):
    if cmd == "tail-stdin":
        with open(path) as f:
            out = subprocess.run([BIN, "tail-stdin", "--dry-run"], stdin=f, capture_output=True, env=env)
    else:
        out = subprocess.run([BIN, "ingest", "--dry-run", "--format", "jsonl", path], capture_output=True, env=env)
    return [json.loads(l) for l in out.stdout.decode().splitlines() if l.startswith("{")]


def norm(e, expected):
    meta = dict(e.get("metadata") or {})
    meta.pop("file", None)
    meta.pop("line", None)
    error_name = meta.pop("errorName", None)
    got = {
        "message": e.get("message"),
        "level": e.get("level"),
        "timestamp": e.get("timestamp"),
        "stackTrace": e.get("stackTrace"),
        "errorName": error_name,
        "metadata": meta,
    }
    if expected["timestamp"] == "read time":
        got["timestamp"] = "read time" if got["timestamp"] else None
    return got


libs = sorted(f[: -len(".expected.jsonl")] for f in os.listdir(DIR) if f.endswith(".expected.jsonl"))
totals = {c: {f: 0 for f in FIELDS} for c in ("tail-stdin", "ingest")}
print("%-22s %-10s %s" % ("library", "command", "  ".join("%-10s" % f for f in FIELDS)))
for lib in libs:
    path = os.path.join(DIR, lib + ".jsonl")
    want = [json.loads(l) for l in open(os.path.join(DIR, lib + ".expected.jsonl"))]
    for cmd in ("tail-stdin", "ingest"):
        got = entries(cmd, path)
        counts = {f: 0 for f in FIELDS}
        if len(got) != len(want):
            print("%-22s %-10s %d entries for %d lines" % (lib, cmd, len(got), len(want)))
        for i, (g, w) in enumerate(zip(got, want)):
            g = norm(g, w)
            for f in FIELDS:
                if g[f] != w[f]:
                    counts[f] += 1
                    totals[cmd][f] += 1
                    if VERBOSE:
                        print("  %s:%d %s %s: got %r want %r" % (lib, i + 1, cmd, f, g[f], w[f]))
        print("%-22s %-10s %s" % (lib, cmd, "  ".join("%-10d" % counts[f] for f in FIELDS)))
for cmd, c in totals.items():
    print("%-22s %-10s %s" % ("TOTAL", cmd, "  ".join("%-10d" % c[f] for f in FIELDS)))
