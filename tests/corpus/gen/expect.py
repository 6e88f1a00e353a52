"""Write <lib>.expected.jsonl beside each corpus file: the entry issue 14's
rules give each line, computed here per library, independently of the Rust
code (tests/reading_corpus.rs compares the two).

Each expected line: message, level, timestamp (RFC 3339 UTC micro Z, or
"read time"), stackTrace, errorName, metadata (and traceId when the line
carries one). Run: python3 tests/corpus/gen/expect.py
"""
import calendar
import json
import os
import re
import sys

DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "libraries")
READ_TIME = "read time"
PY_RESERVED = {
    "args", "asctime", "created", "exc_info", "exc_text", "filename", "funcName",
    "levelname", "levelno", "lineno", "message", "module", "msecs", "msg", "name",
    "pathname", "process", "processName", "relativeCreated", "stack_info",
    "taskName", "thread", "threadName",
}


def iso(us):
    secs, frac = divmod(us, 1_000_000)
    t = calendar.datetime.datetime.utcfromtimestamp(secs)
    return t.strftime("%Y-%m-%dT%H:%M:%S") + ".%06dZ" % frac


def rfc3339(s):
    """Lenient RFC 3339: T or space, ',' or '.', any fraction digits
    (truncated to micros), Z / +HH:MM / none (UTC)."""
    m = re.fullmatch(
        r"(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d+))?(Z|[+-]\d\d:?\d\d)?", s
    )
    assert m, s
    y, mo, d, h, mi, se, frac, off = m.groups()
    us = int((frac or "0")[:6].ljust(6, "0"))
    t = calendar.timegm((int(y), int(mo), int(d), int(h), int(mi), int(se)))
    if off and off != "Z":
        sign = 1 if off[0] == "+" else -1
        digits = off[1:].replace(":", "")
        t -= sign * (int(digits[:2]) * 3600 + int(digits[2:]) * 60)
    return iso(t * 1_000_000 + us)


WORDS = {
    "trace": "debug", "debug": "debug", "verbose": "debug", "silly": "debug", "http": "debug",
    "info": "info", "information": "info", "notice": "info", "success": "info",
    "warn": "warn", "warning": "warn",
    "error": "error", "err": "error", "dpanic": "error",
    "fatal": "fatal", "critical": "fatal", "crit": "fatal", "alert": "fatal",
    "emerg": "fatal", "emergency": "fatal", "panic": "fatal",
}


def word(s):
    s = re.sub(r"[+-]\d+$", "", s)
    return WORDS.get(s.lower())


def pino(n):
    return {10: "debug", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal"}[n]


def syslog(n):
    return ["fatal", "fatal", "fatal", "error", "warn", "info", "info", "debug"][int(n)]


def otel(n):
    return ["debug"] * 8 + ["info"] * 4 + ["warn"] * 4 + ["error"] * 4 + ["fatal"] * 4 if False else (
        "debug" if n <= 8 else "info" if n <= 12 else "warn" if n <= 16 else "error" if n <= 20 else "fatal"
    )


def py_error_name(tb):
    last = [l for l in tb.split("\n") if l and not l[0].isspace()][-1]
    return last.split(":", 1)[0]


def first_line_name(trace):
    tok = trace.split("\n", 1)[0].split(":", 1)[0]
    return tok if re.fullmatch(r"[A-Za-z_][\w.$]*(Error|Exception)", tok) or (
        "." in tok and tok.rsplit(".", 1)[1][:1].isupper()
    ) else None


def entry(message, level, ts, meta, stack=None, err=None, **extra):
    e = {
        "message": message,
        "level": level or "info",
        "timestamp": ts,
        "stackTrace": stack,
        "errorName": err,
        "metadata": meta,
    }
    e.update(extra)
    return e


def python_json(d):
    msg = d.get("message")
    level = word(d["levelname"])
    ts = rfc3339(d.get("asctime") or d.get("time"))
    stack = d.get("exc_info")
    meta = {k: v for k, v in d.items() if k not in PY_RESERVED and k != "time"}
    meta["logger"] = d["name"]
    return entry(msg, level, ts, meta, stack, py_error_name(stack) if stack else None)


def structlog(d):
    d = dict(d)
    msg = d.pop("event")
    level = word(d.pop("level"))
    ts = rfc3339(d.pop("timestamp"))
    exc = d.pop("exception", None)
    if isinstance(exc, list):
        parts = []
        for e in reversed(exc):
            s = "Traceback (most recent call last):"
            for f in e["frames"]:
                s += '\n  File "%s", line %s, in %s' % (f["filename"], f["lineno"], f["name"])
            s += "\n%s: %s" % (e["exc_type"], e["exc_value"])
            parts.append(s)
        exc = "\n\nThe above exception was the direct cause of the following exception:\n\n".join(parts)
    return entry(msg, level, ts, d, exc, py_error_name(exc) if exc else None)


def loguru(d):
    r = d["record"]
    meta = {"logger": r["name"]}
    meta.update(r["extra"])
    stack = err = None
    if r["exception"]:
        stack = d["text"].split("\n", 1)[1].rstrip()
        err = r["exception"]["type"]
    ts = iso(round(r["time"]["timestamp"] * 1e6))
    return entry(r["message"], word(r["level"]["name"]), ts, meta, stack, err)


def pino_bunyan(d):
    d = dict(d)
    msg = d.pop("msg")
    level = pino(d.pop("level"))
    t = d.pop("time")
    ts = iso(t * 1000) if isinstance(t, int) else rfc3339(t)
    stack = err = None
    if "err" in d:
        e = d.pop("err")
        stack = e.pop("stack")
        err = e.pop("type", None) or e.pop("name", None)
        e.pop("message", None)
        if e:
            d["err"] = e
    return entry(msg, level, ts, d, stack, err)


def generic(d):
    d = dict(d)
    msg = d.pop("message", None) or d.pop("msg", None)
    level = word(d.pop("level"))
    t = d.pop("time", None) or d.pop("timestamp", None)
    ts = iso(t * 1_000_000) if isinstance(t, int) else rfc3339(t)
    stack = d.pop("stack", None)
    if isinstance(stack, list):
        stack = "\n".join("%s\n\t%s:%s" % (f["func"], f["source"], f["line"]) for f in stack)
    err = first_line_name(stack) if stack else None
    return entry(msg, level, ts, d, stack, err)


def zap(d):
    d = dict(d)
    msg = d.pop("msg")
    level = word(d.pop("level"))
    ts = iso(round(d.pop("ts") * 1e6))
    stack = d.pop("stacktrace", None)
    return entry(msg, level, ts, d, stack, None)


def java_thrown(t):
    out = []
    while t:
        s = t["name"] + (": " + t["message"] if "message" in t else "")
        for f in t.get("extendedStackTrace", []):
            s += "\n\tat %s.%s(%s:%s)" % (f["class"], f["method"], f["file"], f["line"])
        out.append(s)
        t = t.get("cause")
    return "\nCaused by: ".join(out)


def log4j2(d):
    d = dict(d)
    msg = d.pop("message")
    level = word(d.pop("level"))
    if "instant" in d:
        i = d.pop("instant")
        ts = iso(i["epochSecond"] * 1_000_000 + i["nanoOfSecond"] // 1000)
    else:
        ts = iso(d.pop("timeMillis") * 1000)
    stack = err = None
    if "thrown" in d:
        t = d.pop("thrown")
        stack, err = java_thrown(t), t["name"]
    d["logger"] = d.pop("loggerName")
    return entry(msg, level, ts, d, stack, err)


def logback(d):
    d = dict(d)
    msg = d.pop("message")
    level = word(d.pop("level"))
    d.pop("level_value")
    d.pop("@version")
    ts = rfc3339(d.pop("@timestamp"))
    stack = d.pop("stack_trace", None)
    d["logger"] = d.pop("logger_name")
    return entry(msg, level, ts, d, stack, first_line_name(stack) if stack else None)


def clef(d):
    d = dict(d)
    ts = rfc3339(d.pop("@t"))
    level = word(d.pop("@l", "Information"))
    r = d.pop("@r", None)
    mt = d.pop("@mt", None)
    if "@m" in d:
        msg = d.pop("@m")
    else:
        ri = iter(r or [])

        def sub(m):
            name = m.group(1).lstrip("@$")
            fmt = ":" in name
            name = re.split(r"[,:]", name)[0]
            if fmt and r:
                return next(ri)
            v = d[name]
            return v if isinstance(v, str) else json.dumps(v, sort_keys=True, separators=(",", ":"))

        msg = re.sub(r"\{([^}]+)\}", sub, mt)
    stack = d.pop("@x", None)
    return entry(msg, level, ts, d, stack, first_line_name(stack) if stack else None)


def ecs(d):
    d = json.loads(json.dumps(d))
    msg = d.pop("message")
    level = word(d.pop("log.level"))
    ts = rfc3339(d.pop("@timestamp"))
    stack = err = None
    if "error" in d:
        e = d.pop("error")
        stack, err = e.pop("stack_trace"), e.pop("type")
        e.pop("message")
        if e:
            d["error"] = e
    if "error.stack_trace" in d:
        stack, err = d.pop("error.stack_trace"), d.pop("error.type")
        d.pop("error.message")
    if "log.logger" in d:
        d["logger"] = d.pop("log.logger")
    elif "log" in d:
        d["logger"] = d["log"].pop("logger")
        if not d["log"]:
            del d["log"]
    return entry(msg, level, ts, d, stack, err)


def gcp(d):
    d = dict(d)
    msg = d.pop("message")
    sev = d.pop("severity")
    level = word(sev)
    if "timestamp" in d:
        t = d.pop("timestamp")
        ts = iso(t["seconds"] * 1_000_000 + t["nanos"] // 1000)
    elif "time" in d:
        ts = rfc3339(d.pop("time"))
    elif "timestampSeconds" in d:
        ts = iso(d.pop("timestampSeconds") * 1_000_000 + d.pop("timestampNanos") // 1000)
    else:
        ts = READ_TIME
    stack = err = None
    if msg.startswith("Traceback (most recent call last):"):
        stack = msg
        msg = [l for l in msg.split("\n") if l and not l[0].isspace()][-1]
        err = py_error_name(stack)
    if level is None and sev == "DEFAULT":
        level = None  # no level word in "no severity given" either
    return entry(msg, level, ts, d, stack, err)


def journald(d):
    d = dict(d)
    m = d.pop("MESSAGE")
    if isinstance(m, list):
        m = bytes(m).decode("utf-8", "replace")
    level = syslog(d.pop("PRIORITY"))
    ts = iso(int(d.pop("__REALTIME_TIMESTAMP")))
    return entry(m, level, ts, d)


DOCKER_LEVEL = {
    "Log line is here": None,
    "panic: runtime error: index out of range [5] with length 3": "fatal",
    "ERROR could not connect": "error",
    "2019-01-01 11:11:14 WARN cache cold": "warn",
}


def docker(d):
    d = dict(d)
    msg = re.sub("\x1b\\[[0-9;]*m", "", d.pop("log").rstrip("\n"))
    ts = rfc3339(d.pop("time"))
    return entry(msg, DOCKER_LEVEL[msg], ts, d)


def any_value(v):
    (k, x), = v.items()
    return int(x) if k == "intValue" else x


def otel_rec(d):
    d = dict(d)
    msg = any_value(d.pop("body"))
    level = otel(d.pop("severityNumber"))
    d.pop("severityText", None)
    if "timeUnixNano" in d:
        ts = iso(int(d.pop("timeUnixNano")) // 1000)
    else:
        ts = iso(int(d.pop("observedTimeUnixNano")) // 1000)
    for kv in d.pop("attributes", []):
        d[kv["key"]] = any_value(kv["value"])
    extra = {}
    if d.get("traceId"):
        extra["traceId"] = d.pop("traceId")
    for k in ("traceId", "spanId"):
        if d.get(k) == "":
            del d[k]
    stack = d.pop("exception.stacktrace", None)
    err = d.pop("exception.type", None)
    if err:
        d.pop("exception.message", None)
    return entry(msg, level, ts, d, stack, err, **extra)


RULES = {
    "python-json-logger": python_json,
    "stdlib-logging": python_json,
    "structlog": structlog,
    "loguru": loguru,
    "pino": pino_bunyan,
    "bunyan": pino_bunyan,
    "winston": generic,
    "go-zap": zap,
    "go-slog": generic,
    "go-logrus": generic,
    "go-zerolog": generic,
    "java-log4j2": log4j2,
    "java-logback": logback,
    "dotnet-serilog-clef": clef,
    "ecs": ecs,
    "gcp-structured": gcp,
    "journald": journald,
    "docker-json-file": docker,
    "otel-logrecord": otel_rec,
}

for lib, rule in RULES.items():
    src = os.path.join(DIR, lib + ".jsonl")
    with open(src) as f, open(os.path.join(DIR, lib + ".expected.jsonl"), "w") as out:
        for line in f:
            out.write(json.dumps(rule(json.loads(line)), ensure_ascii=False, sort_keys=True) + "\n")
print("wrote", len(RULES), "expected files", file=sys.stderr)
