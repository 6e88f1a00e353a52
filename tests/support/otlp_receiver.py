"""An OTLP/HTTP logs receiver for the interop tests (tests/otlp.rs).

Decodes every POST /v1/logs with the OpenTelemetry project's own code:
protobuf bodies with ExportLogsServiceRequest.ParseFromString (PyPI
`opentelemetry-proto` + `protobuf`), JSON bodies by the OTLP JSON rules
(hex trace and span ids, 64-bit integers as strings, enums as numbers).
Each LogRecord is appended to RECORDS as one JSON line, in one normal form
for both encodings (AnyValues tagged by their type: {"intValue": 3},
{"doubleValue": 1.5}, {"kvlistValue": {...}}, {"arrayValue": [...]}), with
its resource, scope and request facts.

Usage: otlp_receiver.py RECORDS [ANSWER ...]
ANSWER, one per request in order (then 200): STATUS, STATUS:retry-after=N,
or 200:partial=N (a partialSuccess with N rejected records, encoded like
the request). Prints "listening http://127.0.0.1:PORT" once ready.
"""

import base64
import gzip
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import (
    ExportLogsServiceRequest,
    ExportLogsServiceResponse,
)

RECORDS = sys.argv[1]
ANSWERS = list(sys.argv[2:])
LOCK = threading.Lock()


def pb_any(v):
    kind = v.WhichOneof("value")
    if kind is None:
        return None
    if kind == "kvlist_value":
        return {"kvlistValue": {kv.key: pb_any(kv.value) for kv in v.kvlist_value.values}}
    if kind == "array_value":
        return {"arrayValue": [pb_any(x) for x in v.array_value.values]}
    if kind == "bytes_value":
        return {"bytesValue": v.bytes_value.hex()}
    camel = {"string_value": "stringValue", "bool_value": "boolValue",
             "int_value": "intValue", "double_value": "doubleValue"}[kind]
    return {camel: getattr(v, kind)}


def pb_attrs(kvs):
    return {kv.key: pb_any(kv.value) for kv in kvs}


def from_protobuf(body):
    req = ExportLogsServiceRequest()
    req.ParseFromString(body)
    out = []
    for rl in req.resource_logs:
        for sl in rl.scope_logs:
            for r in sl.log_records:
                out.append({
                    "resource": pb_attrs(rl.resource.attributes),
                    "scope": {"name": sl.scope.name, "version": sl.scope.version},
                    "timeUnixNano": r.time_unix_nano,
                    "observedTimeUnixNano": r.observed_time_unix_nano,
                    "severityNumber": r.severity_number,
                    "severityText": r.severity_text,
                    "body": pb_any(r.body),
                    "attributes": pb_attrs(r.attributes),
                    "traceId": r.trace_id.hex(),
                    "spanId": r.span_id.hex(),
                })
    return out, len(req.resource_logs), sum(len(rl.scope_logs) for rl in req.resource_logs)


def js_any(v):
    """OTLP JSON AnyValue -> the normal form (intValue is a decimal string)."""
    if not v:
        return None
    (kind, x), = v.items()
    if kind == "intValue":
        if not isinstance(x, str):
            raise ValueError("intValue must be a string in OTLP JSON: %r" % (x,))
        return {"intValue": int(x)}
    if kind == "kvlistValue":
        return {"kvlistValue": js_attrs(x.get("values", []))}
    if kind == "arrayValue":
        return {"arrayValue": [js_any(e) for e in x.get("values", [])]}
    if kind == "bytesValue":
        return {"bytesValue": base64.b64decode(x).hex()}
    return {kind: x}


def js_attrs(kvs):
    return {kv["key"]: js_any(kv.get("value")) for kv in kvs}


def js_u64(x):
    if not isinstance(x, str):
        raise ValueError("64-bit integers are strings in OTLP JSON: %r" % (x,))
    return int(x)


def js_hex(x, n):
    if x == "":
        return ""
    if len(x) != 2 * n or x != x.lower():
        raise ValueError("expected %d lowercase hex bytes: %r" % (n, x))
    bytes.fromhex(x)
    return x


def from_json(body):
    req = json.loads(body)
    out = []
    for rl in req["resourceLogs"]:
        for sl in rl["scopeLogs"]:
            for r in sl.get("logRecords", []):
                if not isinstance(r.get("severityNumber", 0), int):
                    raise ValueError("severityNumber must be a number")
                out.append({
                    "resource": js_attrs(rl.get("resource", {}).get("attributes", [])),
                    "scope": {"name": sl["scope"].get("name", ""),
                              "version": sl["scope"].get("version", "")},
                    "timeUnixNano": js_u64(r.get("timeUnixNano", "0")),
                    "observedTimeUnixNano": js_u64(r.get("observedTimeUnixNano", "0")),
                    "severityNumber": r.get("severityNumber", 0),
                    "severityText": r.get("severityText", ""),
                    "body": js_any(r.get("body")),
                    "attributes": js_attrs(r.get("attributes", [])),
                    "traceId": js_hex(r.get("traceId", ""), 16),
                    "spanId": js_hex(r.get("spanId", ""), 8),
                })
    return out, len(req["resourceLogs"]), sum(len(rl["scopeLogs"]) for rl in req["resourceLogs"])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, ctype, body, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        ctype = self.headers.get("Content-Type", "")
        gz = self.headers.get("Content-Encoding", "") == "gzip"
        with LOCK:
            script = ANSWERS.pop(0) if ANSWERS else "200"
        status, _, opt = script.partition(":")
        status = int(status)
        if status != 200:
            extra = []
            if opt.startswith("retry-after="):
                extra.append(("Retry-After", opt.split("=", 1)[1]))
            return self.answer(status, "text/plain", b"refused by script", extra)
        try:
            if self.path != "/v1/logs":
                raise ValueError("path %s" % self.path)
            body = gzip.decompress(raw) if gz else raw
            if ctype == "application/x-protobuf":
                records, groups, scopes = from_protobuf(body)
            elif ctype == "application/json":
                records, groups, scopes = from_json(body)
            else:
                raise ValueError("content type %r" % ctype)
        except Exception as e:  # the test reads the reason from the file
            with LOCK, open(RECORDS, "a") as f:
                f.write(json.dumps({"error": str(e)}) + "\n")
            return self.answer(400, "text/plain", str(e).encode())
        with LOCK, open(RECORDS, "a") as f:
            for r in records:
                r["request"] = {"contentType": ctype, "gzip": gz, "groups": groups,
                                "scopes": scopes, "records": len(records),
                                "headers": {k.lower(): v for k, v in self.headers.items()}}
                f.write(json.dumps(r) + "\n")
        resp = ExportLogsServiceResponse()
        if opt.startswith("partial="):
            resp.partial_success.rejected_log_records = int(opt.split("=", 1)[1])
            resp.partial_success.error_message = "some records refused by script"
        if ctype == "application/json":
            body = b"{}"
            if opt.startswith("partial="):
                body = json.dumps({"partialSuccess": {
                    "rejectedLogRecords": str(resp.partial_success.rejected_log_records),
                    "errorMessage": resp.partial_success.error_message}}).encode()
            self.answer(200, "application/json", body)
        else:
            self.answer(200, "application/x-protobuf", resp.SerializeToString())


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("listening http://127.0.0.1:%d" % server.server_address[1], flush=True)
server.serve_forever()
