//! `auralog serve`: a local Auralogs-compatible receiver for development and
//! tests. Official SDKs can point at it. It validates what it receives as
//! the service would, shows each entry as one readable line (or JSON lines),
//! and can inject faults to exercise clients.

use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use serde_json::{json, Value};

use crate::exit::Code;
use crate::output;
use crate::settings::Settings;

/// The port `auralog serve` listens on by default.
pub const DEFAULT_PORT: u16 = 7345;

const EXAMPLES: &str = "\
Examples:
  auralog serve                                   # listen on 127.0.0.1:7345
  AURALOG_ENDPOINT=http://127.0.0.1:7345 auralog log \"hello\"
  auralog serve --json --output received.jsonl    # JSON lines on stdout and in a file
  auralog serve --api-key aura_test_key           # demand a key (401 otherwise)
  auralog serve --fail-first 3 --latency 200      # 503 three times, then accept, slowly
  auralog serve --listen 127.0.0.1:0              # any free port (printed on stderr)";

/// Run a local Auralogs-compatible receiver on 127.0.0.1.
///
/// Accepts POST /v1/logs and /v1/logs/single as the service does and
/// answers {"success":true,"count":N}; a malformed body gets 400 with the
/// reason. Prints each entry as one line on stdout. The first line on stderr
/// names the address it listens on. Stops cleanly on Ctrl-C or SIGTERM.
/// With the global --api-key KEY it demands that key (401 otherwise).
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7345")]
    pub listen: SocketAddr,

    /// Print one JSON line per entry, {"path": ..., "entry": {...}}, instead of readable lines.
    #[arg(long)]
    pub json: bool,

    /// Also append the JSON lines to FILE.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Print nothing per entry; count only (a sink for benchmarks).
    ///
    /// Bodies are still parsed (malformed JSON gets 400) but entries are not
    /// checked field by field. The counts are printed on stderr at exit.
    #[arg(long)]
    pub count: bool,

    /// Answer the first N requests with 503 and a Retry-After.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub fail_first: u64,

    /// Seconds to put in Retry-After on injected 503s.
    #[arg(long, value_name = "SECS", default_value_t = 1)]
    pub retry_after: u64,

    /// Answer every request with this HTTP status (after reading it).
    #[arg(long, value_name = "CODE", value_parser = clap::value_parser!(u16).range(100..=599))]
    pub status: Option<u16>,

    /// Wait this many milliseconds before answering each request.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub latency: u64,

    /// Worker threads handling requests.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub threads: usize,
}

/// Most bytes accepted in one request body.
const MAX_BODY: u64 = 256 * 1024 * 1024;
/// How many idempotency keys are remembered.
const MAX_KEYS: usize = 100_000;

struct State {
    args: Args,
    /// The key to demand: the global `--api-key` given to `serve`.
    api_key: Option<String>,
    failures_left: AtomicU64,
    entries: AtomicU64,
    requests: AtomicU64,
    /// Request body bytes as received (before any gunzip).
    bytes: AtomicU64,
    out: Mutex<Sink>,
    seen: Mutex<(HashSet<String>, VecDeque<String>)>,
}

struct Sink {
    file: Option<File>,
    stdout_open: bool,
}

/// `demand_key` is the global `--api-key` flag: with `serve` it names the key
/// clients must send (projectApiKey, or X-API-Key for raw); 401 otherwise.
pub fn run(args: Args, _settings: &Settings, demand_key: Option<String>) -> Result<Code> {
    let server = tiny_http::Server::http(args.listen)
        .map_err(|e| anyhow!("cannot listen on {}: {e}", args.listen))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| anyhow!("listening on a non-IP address"))?;
    let file = match &args.output {
        Some(p) => Some(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(p)
                .with_context(|| format!("{}: cannot open for appending", p.display()))?,
        ),
        None => None,
    };
    // Always printed, even with --quiet: tests and scripts read the address here.
    eprintln!("auralog: serve listening on http://{addr} (Ctrl-C to stop)");

    let stop = crate::sys::signals::Stop::install()?;
    let threads = args.threads.max(1);
    let state = Arc::new(State {
        failures_left: AtomicU64::new(args.fail_first),
        entries: AtomicU64::new(0),
        requests: AtomicU64::new(0),
        bytes: AtomicU64::new(0),
        out: Mutex::new(Sink {
            file,
            stdout_open: true,
        }),
        seen: Mutex::new((HashSet::new(), VecDeque::new())),
        api_key: demand_key,
        args,
    });
    let server = Arc::new(server);
    let mut workers = Vec::new();
    for _ in 0..threads {
        let (server, state, stop) = (server.clone(), state.clone(), stop.clone());
        workers.push(std::thread::spawn(move || {
            while !stop.requested() {
                match server.recv_timeout(Duration::from_millis(100)) {
                    Ok(Some(req)) => handle(&state, req),
                    Ok(None) => {}
                    Err(_) => break,
                }
            }
        }));
    }
    for w in workers {
        let _ = w.join();
    }
    // Always printed, like the address: benchmarks read the counts here.
    eprintln!(
        "auralog: serve stopped: {} entries in {} requests, {} body bytes received",
        state.entries.load(Ordering::Relaxed),
        state.requests.load(Ordering::Relaxed),
        state.bytes.load(Ordering::Relaxed)
    );
    Ok(Code::Ok)
}

fn respond(req: tiny_http::Request, status: u16, body: Value, extra: &[(&str, String)]) {
    let mut resp = tiny_http::Response::from_string(body.to_string())
        .with_status_code(status)
        .with_header(
            tiny_http::Header::from_bytes("Content-Type", "application/json")
                .expect("static header"),
        );
    for (k, v) in extra {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            resp = resp.with_header(h);
        }
    }
    // The client may have gone away; nothing to do about it here.
    let _ = req.respond(resp);
}

fn fail(req: tiny_http::Request, status: u16, reason: &str) {
    respond(req, status, json!({"success": false, "error": reason}), &[]);
}

fn header<'a>(req: &'a tiny_http::Request, name: &str) -> Option<&'a str> {
    req.headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

fn handle(state: &State, mut req: tiny_http::Request) {
    state.requests.fetch_add(1, Ordering::Relaxed);
    let url = req.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
    let path = path.to_string();
    let query = query.to_string();

    // Read the whole body first, so a fault answer still drains the request.
    // Sized from Content-Length (bounded) so the body is not regrown and copied.
    let expected = req.body_length().unwrap_or(0).min(16 << 20);
    let mut body = Vec::with_capacity(expected);
    let gz = header(&req, "content-encoding").is_some_and(|v| v.eq_ignore_ascii_case("gzip"));
    let idem = header(&req, "idempotency-key").map(str::to_string);
    let raw_key = header(&req, "x-api-key").map(str::to_string);
    let read = req.as_reader().take(MAX_BODY + 1).read_to_end(&mut body);
    if state.args.latency > 0 {
        std::thread::sleep(Duration::from_millis(state.args.latency));
    }
    if read.is_err() {
        return fail(req, 400, "could not read the request body");
    }
    state.bytes.fetch_add(body.len() as u64, Ordering::Relaxed);
    if body.len() as u64 > MAX_BODY {
        return fail(req, 413, "request body too large");
    }
    if state
        .failures_left
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
    {
        return respond(
            req,
            503,
            json!({"success": false, "error": "injected failure (--fail-first)"}),
            &[("Retry-After", state.args.retry_after.to_string())],
        );
    }
    if let Some(code) = state.args.status {
        return respond(
            req,
            code,
            json!({"success": (200..300).contains(&code), "error": format!("injected status {code} (--status)")}),
            &[],
        );
    }
    if gz {
        let mut plain = Vec::new();
        if flate2::read::GzDecoder::new(&body[..])
            .take(MAX_BODY + 1)
            .read_to_end(&mut plain)
            .is_err()
        {
            return fail(
                req,
                400,
                "Content-Encoding is gzip but the body is not valid gzip",
            );
        }
        body = plain;
    }
    if req.method() != &tiny_http::Method::Post {
        if path == "/" || path == "/health" {
            return respond(
                req,
                200,
                json!({"success": true, "service": "auralog serve"}),
                &[],
            );
        }
        return fail(req, 405, "use POST");
    }
    if state.args.count && state.args.output.is_none() && !query.contains("format=") {
        // Benchmark sink: check the shape without building the entries.
        return match count_json(state, &path, &body) {
            Ok(n) => {
                state.entries.fetch_add(n as u64, Ordering::Relaxed);
                respond(req, 200, json!({"success": true, "count": n}), &[])
            }
            Err((status, reason)) => fail(req, status, &reason),
        };
    }
    let result = match path.as_str() {
        "/v1/logs" if query.contains("format=") => {
            handle_raw(state, &query, raw_key.as_deref(), &body)
        }
        "/v1/logs" | "/v1/logs/single" => handle_json(state, &path, &body),
        _ => Err((
            404,
            format!("no such endpoint: {}", output::sanitize(&path)),
        )),
    };
    match result {
        Err((status, reason)) => fail(req, status, &reason),
        Ok(entries) => {
            let count = entries.len();
            if let Some(k) = idem {
                let mut seen = state.seen.lock().unwrap_or_else(|p| p.into_inner());
                if seen.0.contains(&k) {
                    return respond(
                        req,
                        200,
                        json!({"success": true, "count": count, "duplicate": true}),
                        &[],
                    );
                }
                seen.0.insert(k.clone());
                seen.1.push_back(k);
                if seen.1.len() > MAX_KEYS {
                    if let Some(old) = seen.1.pop_front() {
                        seen.0.remove(&old);
                    }
                }
            }
            state.entries.fetch_add(count as u64, Ordering::Relaxed);
            show(state, &path, &entries);
            respond(req, 200, json!({"success": true, "count": count}), &[]);
        }
    }
}

type Handled = Result<Vec<Value>, (u16, String)>;

fn handle_json(state: &State, path: &str, body: &[u8]) -> Handled {
    let v: Value = serde_json::from_slice(body)
        .map_err(|e| (400, format!("the body is not valid JSON: {e}")))?;
    let obj = v
        .as_object()
        .ok_or((400, "the body must be a JSON object".to_string()))?;
    if let Some(want) = &state.api_key {
        match obj.get("projectApiKey").and_then(|k| k.as_str()) {
            Some(k) if k == want => {}
            _ => return Err((401, "invalid API key".into())),
        }
    }
    let entries = if path == "/v1/logs/single" {
        let e = obj
            .get("log")
            .ok_or((400, "missing field 'log'".to_string()))?;
        validate_entry(e).map_err(|why| (400, format!("log.{why}")))?;
        vec![e.clone()]
    } else {
        let logs = obj.get("logs").and_then(|l| l.as_array()).ok_or((
            400,
            "missing field 'logs' (an array of entries)".to_string(),
        ))?;
        for (i, e) in logs.iter().enumerate() {
            validate_entry(e).map_err(|why| (400, format!("logs[{i}].{why}")))?;
        }
        logs.clone()
    };
    Ok(entries)
}

/// `--count`: parse the body fully (so malformed JSON is still refused) but
/// skip over entries without building them, so the receiver is not the
/// bottleneck of a benchmark. Entries are not validated field by field.
fn count_json(state: &State, path: &str, body: &[u8]) -> Result<usize, (u16, String)> {
    use serde::de::IgnoredAny;
    #[derive(serde::Deserialize)]
    struct Shape {
        #[serde(rename = "projectApiKey")]
        key: Option<String>,
        logs: Option<Vec<IgnoredAny>>,
        log: Option<IgnoredAny>,
    }
    let shape: Shape = serde_json::from_slice(body).map_err(|e| {
        (
            400,
            format!("the body is not valid JSON of the right shape: {e}"),
        )
    })?;
    if let Some(want) = &state.api_key {
        if shape.key.as_deref() != Some(want.as_str()) {
            return Err((401, "invalid API key".into()));
        }
    }
    match (path, shape.logs, shape.log) {
        ("/v1/logs", Some(l), _) => Ok(l.len()),
        ("/v1/logs/single", _, Some(_)) => Ok(1),
        ("/v1/logs" | "/v1/logs/single", _, _) => {
            Err((400, "missing field 'logs' or 'log'".into()))
        }
        _ => Err((404, format!("no such endpoint: {}", output::sanitize(path)))),
    }
}

/// Raw ingestion (`?format=`), see PROTOCOL.md: the body is parsed with the
/// same parsers as `auralog ingest`; `source`, `dataset`, `environment` and
/// `level` query parameters are the entries' defaults. The first invalid
/// record refuses the whole body (400, with its line).
fn handle_raw(state: &State, query: &str, key: Option<&str>, body: &[u8]) -> Handled {
    use crate::formats::{self, EntryWriter, Flow, Format, Item, Options};
    if let Some(want) = &state.api_key {
        if key != Some(want.as_str()) {
            return Err((401, "invalid API key".into()));
        }
    }
    let mut params = std::collections::HashMap::new();
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        params.insert(percent_decode(k), percent_decode(v));
    }
    let fmt_name = params.get("format").map(String::as_str).unwrap_or("");
    let format = Format::parse_name(fmt_name).ok_or_else(|| {
        (
            400,
            format!(
                "unknown format '{}' (expected json, jsonl, syslog, text, csv or obl)",
                output::sanitize(fmt_name)
            ),
        )
    })?;
    let level = match params.get("level") {
        Some(l) => crate::wire::Level::parse_arg(l).map_err(|e| (400, e))?,
        None => crate::wire::Level::Info,
    };
    let mut defaults = serde_json::Map::new();
    for k in ["source", "dataset"] {
        if let Some(v) = params.get(k) {
            defaults.insert(k.to_string(), Value::String(v.clone()));
        }
    }
    let environment = params
        .get("environment")
        .map(String::as_str)
        .unwrap_or("production");
    let trace = uuid::Uuid::new_v4().to_string();
    let writer = EntryWriter::new(level, environment, &trace, &defaults);
    let mut entries = Vec::new();
    let mut bad = None;
    let mut buf = Vec::with_capacity(512);
    let mut input = body;
    let any = formats::parse(format, &mut input, &Options::default(), &mut |item| {
        match item {
            Item::Header(_) => {}
            Item::Record(rec, _) => {
                buf.clear();
                writer.write(&rec, &mut buf);
                match serde_json::from_slice::<Value>(&buf) {
                    Ok(v) => entries.push(v),
                    Err(e) => {
                        bad = Some(format!("line {}: {e}", rec.line));
                        return Flow::Stop;
                    }
                }
            }
            Item::Invalid(inv, _) => {
                bad = Some(format!("line {inv}"));
                return Flow::Stop;
            }
        }
        Flow::Continue
    })
    .map_err(|e| (400, format!("cannot read the body: {e}")))?;
    if let Some(why) = bad {
        return Err((400, format!("invalid {format} record at {why}")));
    }
    if !any {
        return Err((400, "the body is empty".into()));
    }
    output::verbose(&format!("raw {format} body: {} entries", entries.len()));
    Ok(entries)
}

/// Decode `%XX` and `+` in a query component.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                match u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or("zz"), 16) {
                    Ok(v) => {
                        out.push(v);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Check one entry as the service would. The error names the field.
pub fn validate_entry(e: &Value) -> Result<(), String> {
    let o = e.as_object().ok_or("entry: expected a JSON object")?;
    match o.get("level") {
        Some(Value::String(l))
            if ["debug", "info", "warn", "error", "fatal"].contains(&l.as_str()) => {}
        Some(other) => {
            return Err(format!(
                "level: expected one of debug, info, warn, error, fatal, got {other}"
            ))
        }
        None => return Err("level: missing".into()),
    }
    match o.get("message") {
        Some(Value::String(_)) => {}
        Some(other) => return Err(format!("message: expected a string, got {other}")),
        None => return Err("message: missing".into()),
    }
    for k in ["environment", "stackTrace", "traceId"] {
        match o.get(k) {
            None | Some(Value::Null) | Some(Value::String(_)) => {}
            Some(other) => return Err(format!("{k}: expected a string, got {other}")),
        }
    }
    match o.get("timestamp") {
        None | Some(Value::Null) => {}
        Some(Value::String(t)) => {
            if humantime::parse_rfc3339(t).is_err() {
                return Err(format!(
                    "timestamp: not an RFC 3339 UTC time: {}",
                    output::sanitize(t)
                ));
            }
        }
        Some(other) => return Err(format!("timestamp: expected a string, got {other}")),
    }
    match o.get("metadata") {
        None | Some(Value::Null) | Some(Value::Object(_)) => {}
        Some(other) => return Err(format!("metadata: expected an object, got {other}")),
    }
    Ok(())
}

fn show(state: &State, path: &str, entries: &[Value]) {
    if state.args.count && state.args.output.is_none() {
        return;
    }
    let mut out = state.out.lock().unwrap_or_else(|p| p.into_inner());
    let mut text = String::new();
    let mut lines = String::new();
    for e in entries {
        let line = json!({"path": path, "entry": e}).to_string();
        if state.args.output.is_some() {
            lines.push_str(&line);
            lines.push('\n');
        }
        if state.args.count {
            continue;
        }
        if state.args.json {
            text.push_str(&line);
        } else {
            text.push_str(&readable(e));
        }
        text.push('\n');
    }
    if let Some(f) = out.file.as_mut() {
        if let Err(e) = f.write_all(lines.as_bytes()) {
            output::warn(&format!("cannot write to --output: {e}"));
        }
    }
    if out.stdout_open && !text.is_empty() {
        let mut so = std::io::stdout().lock();
        if so
            .write_all(text.as_bytes())
            .and_then(|_| so.flush())
            .is_err()
        {
            out.stdout_open = false;
        }
    }
}

/// One readable, coloured line: time, level, message, metadata, trace.
fn readable(e: &Value) -> String {
    let color = output::color_stdout();
    let s = |k: &str| e.get(k).and_then(|v| v.as_str()).unwrap_or("");
    let level = s("level");
    let paint = |code: &str, t: &str| {
        if color {
            format!("\x1b[{code}m{t}\x1b[0m")
        } else {
            t.to_string()
        }
    };
    let lvl_code = match level {
        "debug" => "2",
        "info" => "32",
        "warn" => "33",
        "error" => "31",
        "fatal" => "1;31",
        _ => "0",
    };
    let ts = s("timestamp");
    let time = ts.get(11..23).unwrap_or(ts);
    let mut line = format!(
        "{} {} {}",
        paint("2", &output::sanitize(time)),
        paint(lvl_code, &format!("{:<5}", level.to_uppercase())),
        output::sanitize(s("message"))
    );
    if let Some(Value::Object(m)) = e.get("metadata") {
        for (k, v) in m {
            let v = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            line.push_str(&format!(
                " {}={}",
                paint("36", &output::sanitize(k)),
                output::sanitize(&v)
            ));
        }
    }
    if e.get("stackTrace").is_some_and(|v| v.is_string()) {
        line.push_str(&paint("31", " [stack trace]"));
    }
    let env = s("environment");
    let trace = s("traceId");
    line.push_str(&paint(
        "2",
        &format!(
            "  env={} trace={}",
            output::sanitize(env),
            output::sanitize(trace.get(..8).unwrap_or(trace))
        ),
    ));
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_the_field() {
        assert!(validate_entry(&json!({"level": "info", "message": "m"})).is_ok());
        assert!(validate_entry(&json!({"level": "info", "message": "m", "timestamp": "2026-11-22T10:00:00.123456Z", "metadata": {"a": 1}})).is_ok());
        assert!(validate_entry(&json!({"level": "loud", "message": "m"}))
            .unwrap_err()
            .starts_with("level:"));
        assert!(validate_entry(&json!({"level": "info"}))
            .unwrap_err()
            .starts_with("message:"));
        assert!(
            validate_entry(&json!({"level": "info", "message": "m", "metadata": []}))
                .unwrap_err()
                .starts_with("metadata:")
        );
        assert!(validate_entry(
            &json!({"level": "info", "message": "m", "timestamp": "yesterday"})
        )
        .unwrap_err()
        .starts_with("timestamp:"));
    }

    #[test]
    fn readable_escapes_controls() {
        let line = readable(
            &json!({"level": "warn", "message": "a\x1b[2Jb", "timestamp": "2026-11-22T10:00:00.123456Z", "traceId": "abcdef0123"}),
        );
        assert!(line.contains("a\\u{1b}[2Jb"));
        assert!(line.contains("10:00:00.123"));
    }
}
