//! `auralog serve`: a local Auralogs-compatible receiver for development and
//! tests. Official SDKs can point at it. It validates what it receives as
//! the service would, shows each entry as one readable line (or JSON lines),
//! and can inject faults to exercise clients.

use std::borrow::Cow;
use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context, Result};
use serde_json::{json, Value};

use crate::exit::Code;
use crate::formats::{scan, str_of};
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
/// reason, and each refused request gets one line on stderr (status and
/// reason; keys redacted). Prints each entry as one line on stdout, its
/// stack trace indented below it. The first line on stderr names the address
/// it listens on. Every connection has its own thread (HTTP/1.1 keep-alive,
/// chunked bodies). Stops within a second on Ctrl-C or SIGTERM, whatever its
/// clients are doing. With the global --api-key KEY it demands that key (401
/// otherwise).
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

    /// Show trace ids whole in the readable view (also with --verbose);
    /// otherwise they are cut to their first 8 characters.
    #[arg(long)]
    pub full_ids: bool,

    /// Close a connection that sends nothing for this many seconds, between
    /// requests or in the middle of one.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub idle_timeout: u64,

    /// Ignored: every connection has its own thread. Kept so that older
    /// scripts still run.
    #[arg(long, value_name = "N", hide = true)]
    pub threads: Option<usize>,
}

/// Most bytes accepted in one request body.
const MAX_BODY: u64 = 256 * 1024 * 1024;
/// How many idempotency keys are remembered.
const MAX_KEYS: usize = 100_000;
/// Most bytes in a request line plus headers, and in one chunk-size line.
const MAX_HEAD: u64 = 64 * 1024;
/// Connections served at once; one more is answered 503 and closed, so a
/// flood cannot exhaust threads.
const MAX_CONNECTIONS: usize = 4096;
/// After a signal, requests already being handled get this long to finish
/// (so their entries are counted); readers stuck in a body are abandoned.
const STOP_GRACE: Duration = Duration::from_millis(500);

struct State {
    args: Args,
    /// The key to demand: the global `--api-key` given to `serve`.
    api_key: Option<String>,
    failures_left: AtomicU64,
    entries: AtomicU64,
    requests: AtomicU64,
    /// Request body bytes as received (before any gunzip).
    bytes: AtomicU64,
    /// Open connections (each has its own thread).
    connections: AtomicUsize,
    /// Requests whose body is read and whose answer is not yet written.
    busy: AtomicUsize,
    /// Show trace ids whole in the readable view.
    full_ids: bool,
    out: Mutex<Sink>,
    seen: Mutex<(HashSet<String>, VecDeque<String>)>,
}

struct Sink {
    file: Option<File>,
    stdout_open: bool,
}

/// The global `--api-key` flag (only the flag): with `serve` it names the key
/// clients must send (projectApiKey, or X-API-Key for raw); 401 otherwise.
pub fn run(args: Args, settings: &Settings) -> Result<Code> {
    let demand_key = settings.flags.get("api_key").cloned();
    let listener = TcpListener::bind(args.listen)
        .map_err(|e| anyhow!("cannot listen on {}: {e}", args.listen))?;
    let addr = listener
        .local_addr()
        .context("reading the listening address")?;
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

    // The signal handler only sets a flag; the main thread below polls it,
    // so no client (however stuck) can delay the stop.
    let stop = crate::sys::signals::Stop::install()?;
    let state = Arc::new(State {
        failures_left: AtomicU64::new(args.fail_first),
        entries: AtomicU64::new(0),
        requests: AtomicU64::new(0),
        bytes: AtomicU64::new(0),
        connections: AtomicUsize::new(0),
        busy: AtomicUsize::new(0),
        full_ids: args.full_ids || output::is_verbose(),
        out: Mutex::new(Sink {
            file,
            stdout_open: true,
        }),
        seen: Mutex::new((HashSet::new(), VecDeque::new())),
        api_key: demand_key,
        args,
    });
    {
        let state = state.clone();
        std::thread::spawn(move || accept_loop(&listener, &state));
    }
    while !stop.requested() {
        std::thread::sleep(Duration::from_millis(20));
    }
    // Connection threads are not joined: returning ends the process, and a
    // client stuck mid-body must not hold it up.
    let until = Instant::now() + STOP_GRACE;
    while state.busy.load(Ordering::SeqCst) > 0 && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(5));
    }
    let entries = state.entries.load(Ordering::SeqCst);
    let requests = state.requests.load(Ordering::SeqCst);
    // Always printed, like the address: benchmarks read the counts here.
    eprintln!(
        "auralog: serve stopped: {} in {}, {} body bytes received",
        plural(entries, "entry", "entries"),
        plural(requests, "request", "requests"),
        state.bytes.load(Ordering::Relaxed)
    );
    Ok(Code::Ok)
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One thread per connection: a keep-alive client waiting between requests
/// holds only its own thread, so no client can starve another.
fn accept_loop(listener: &TcpListener, state: &Arc<State>) {
    loop {
        let Ok((stream, _)) = listener.accept() else {
            // Out of file descriptors or similar: back off and go on.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        if state.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            state.connections.fetch_sub(1, Ordering::SeqCst);
            let mut s = stream;
            let _ = s.write_all(&response(
                503,
                &json!({"success": false, "error": "too many connections"}).to_string(),
                &[("Retry-After", "1".into())],
                false,
            ));
            continue;
        }
        let st = state.clone();
        let spawned = std::thread::Builder::new()
            .name("serve-conn".into())
            .stack_size(1 << 20)
            .spawn(move || {
                serve_connection(&st, stream);
                st.connections.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            state.connections.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// A parsed request: head fields and the whole (de-chunked) body.
struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        header_in(&self.headers, name)
    }
}

fn header_in<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// What a handler answers.
struct Reply {
    status: u16,
    body: Value,
    extra: Vec<(&'static str, String)>,
    /// A body of another type (an OTLP answer: content type, bytes), sent
    /// instead of `body`.
    raw: Option<(&'static str, Vec<u8>)>,
}

fn ok_reply(body: Value) -> Reply {
    Reply {
        status: 200,
        body,
        extra: Vec::new(),
        raw: None,
    }
}

fn fail(status: u16, reason: &str) -> Reply {
    Reply {
        status,
        body: json!({"success": false, "error": reason}),
        extra: Vec::new(),
        raw: None,
    }
}

fn response(status: u16, body: &str, extra: &[(&str, String)], keep_alive: bool) -> Vec<u8> {
    response_typed(
        status,
        "application/json",
        body.as_bytes(),
        extra,
        keep_alive,
    )
}

fn response_typed(
    status: u16,
    content_type: &str,
    body: &[u8],
    extra: &[(&str, String)],
    keep_alive: bool,
) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n",
        reason_phrase(status),
        body.len()
    );
    for (k, v) in extra {
        r.push_str(&format!("{k}: {v}\r\n"));
    }
    if !keep_alive {
        r.push_str("Connection: close\r\n");
    }
    r.push_str("\r\n");
    let mut r = r.into_bytes();
    r.extend_from_slice(body);
    r
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        505 => "HTTP Version Not Supported",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// Why a request could not be read off the connection.
enum ReadError {
    /// The client closed the connection, went idle past the timeout, or the
    /// socket failed: close without an answer.
    Gone,
    /// A malformed request: answer this status and close.
    Bad(u16, &'static str),
}

impl From<std::io::Error> for ReadError {
    fn from(_: std::io::Error) -> Self {
        ReadError::Gone
    }
}

/// Serve requests on one connection until the client closes it, asks to
/// close, goes idle past `--idle-timeout`, or sends something unreadable.
fn serve_connection(state: &State, stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(state.args.idle_timeout.max(1))));
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let peer = stream
        .peer_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let mut reader = BufReader::with_capacity(64 * 1024, stream);
    loop {
        let (req, keep_alive) = match read_request(&mut reader, &mut writer) {
            Ok(r) => r,
            Err(ReadError::Gone) => return,
            Err(ReadError::Bad(status, reason)) => {
                state.requests.fetch_add(1, Ordering::Relaxed);
                output::info(&format!("refused a request from {peer}: {status} {reason}"));
                let body = json!({"success": false, "error": reason}).to_string();
                let _ = writer.write_all(&response(status, &body, &[], false));
                return;
            }
        };
        state.busy.fetch_add(1, Ordering::SeqCst);
        let reply = handle(state, &req);
        let (ct, body) = match reply.raw {
            Some((t, b)) => (t, b),
            None => ("application/json", reply.body.to_string().into_bytes()),
        };
        let mut bytes = response_typed(reply.status, ct, &body, &reply.extra, keep_alive);
        if req.method == "HEAD" {
            // The same head, without the body (RFC 9110 9.3.2).
            bytes.truncate(bytes.len() - body.len());
        }
        let written = writer.write_all(&bytes);
        state.busy.fetch_sub(1, Ordering::SeqCst);
        if written.is_err() || !keep_alive {
            return;
        }
    }
}

/// Read one line (up to `limit` bytes) ending in LF; the CR LF is stripped.
/// `None` at a clean end of input before any byte.
fn read_line(r: &mut impl BufRead, limit: u64) -> Result<Option<String>, ReadError> {
    let mut buf = Vec::new();
    let n = r.by_ref().take(limit).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.last() != Some(&b'\n') {
        return Err(if n as u64 >= limit {
            ReadError::Bad(431, "request line or headers too long")
        } else {
            ReadError::Gone
        });
    }
    buf.pop();
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    String::from_utf8(buf)
        .map(Some)
        .map_err(|_| ReadError::Bad(400, "request head is not valid UTF-8"))
}

/// Read one HTTP/1.x request: head, then the body by Content-Length or
/// chunked transfer coding (answering `Expect: 100-continue` first).
/// Returns the request and whether the connection stays open after it.
fn read_request(r: &mut impl BufRead, w: &mut impl Write) -> Result<(Request, bool), ReadError> {
    // Clients may send empty lines between requests (RFC 9112 2.2).
    let line = loop {
        match read_line(r, MAX_HEAD)? {
            None => return Err(ReadError::Gone),
            Some(l) if l.is_empty() => {}
            Some(l) => break l,
        }
    };
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Bad(400, "malformed request line"));
    };
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => return Err(ReadError::Bad(505, "only HTTP/1.0 and HTTP/1.1 are served")),
    };
    let mut headers = Vec::new();
    let mut head_left = MAX_HEAD.saturating_sub(line.len() as u64);
    loop {
        let l = read_line(r, head_left.max(1))?.ok_or(ReadError::Gone)?;
        head_left = head_left.saturating_sub(l.len() as u64 + 2);
        if l.is_empty() {
            break;
        }
        let (k, v) = l
            .split_once(':')
            .ok_or(ReadError::Bad(400, "malformed header line"))?;
        if k.is_empty() || k.ends_with(' ') || k.ends_with('\t') {
            return Err(ReadError::Bad(400, "malformed header line"));
        }
        headers.push((k.to_string(), v.trim().to_string()));
    }
    let connection = header_in(&headers, "connection")
        .unwrap_or("")
        .to_ascii_lowercase();
    let keep_alive = if http11 {
        !connection.split(',').any(|t| t.trim() == "close")
    } else {
        connection.split(',').any(|t| t.trim() == "keep-alive")
    };
    let chunked = header_in(&headers, "transfer-encoding").map(|te| {
        te.rsplit(',')
            .next()
            .is_some_and(|last| last.trim().eq_ignore_ascii_case("chunked"))
    });
    let length = match header_in(&headers, "content-length") {
        Some(v) => Some(
            v.parse::<u64>()
                .map_err(|_| ReadError::Bad(400, "Content-Length is not a number"))?,
        ),
        None => None,
    };
    if chunked == Some(false) {
        return Err(ReadError::Bad(501, "unsupported Transfer-Encoding"));
    }
    if length.is_some_and(|n| n > MAX_BODY) {
        return Err(ReadError::Bad(413, "request body too large"));
    }
    let has_body = chunked == Some(true) || length.is_some_and(|n| n > 0);
    let expect = header_in(&headers, "expect");
    if has_body && http11 && expect.is_some_and(|e| e.eq_ignore_ascii_case("100-continue")) {
        w.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
    }
    let body = if chunked == Some(true) {
        read_chunked(r)?
    } else if let Some(n) = length {
        let mut body = Vec::with_capacity(n.min(16 << 20) as usize);
        r.by_ref().take(n).read_to_end(&mut body)?;
        if (body.len() as u64) < n {
            return Err(ReadError::Gone);
        }
        body
    } else {
        Vec::new()
    };
    let req = Request {
        method: method.to_string(),
        target: target.to_string(),
        headers,
        body,
    };
    // A message with both framings is suspect (request smuggling): answer it, then close.
    let keep_alive = keep_alive && !(chunked.is_some() && length.is_some());
    Ok((req, keep_alive))
}

/// A chunked body (RFC 9112 7.1): size lines in hex (extensions ignored),
/// data, and trailer fields, which are read and dropped.
fn read_chunked(r: &mut impl BufRead) -> Result<Vec<u8>, ReadError> {
    let mut body = Vec::new();
    loop {
        let line = read_line(r, 4096)?.ok_or(ReadError::Gone)?;
        let size = line.split(';').next().unwrap_or("").trim();
        let size = u64::from_str_radix(size, 16)
            .map_err(|_| ReadError::Bad(400, "malformed chunk size"))?;
        if size == 0 {
            break;
        }
        if body.len() as u64 + size > MAX_BODY {
            return Err(ReadError::Bad(413, "request body too large"));
        }
        let before = body.len();
        r.by_ref().take(size).read_to_end(&mut body)?;
        if ((body.len() - before) as u64) < size {
            return Err(ReadError::Gone);
        }
        match read_line(r, 2)? {
            Some(l) if l.is_empty() => {}
            Some(_) => return Err(ReadError::Bad(400, "chunk data longer than its size")),
            None => return Err(ReadError::Gone),
        }
    }
    let mut trailers = MAX_HEAD;
    loop {
        let l = read_line(r, trailers.max(1))?.ok_or(ReadError::Gone)?;
        if l.is_empty() {
            return Ok(body);
        }
        trailers = trailers.saturating_sub(l.len() as u64 + 2);
    }
}

/// Remember an idempotency key; false if it was seen before (the batch is a
/// retry of one already counted).
fn first_time(state: &State, key: &str) -> bool {
    let mut seen = state.seen.lock().unwrap_or_else(|p| p.into_inner());
    if seen.0.contains(key) {
        return false;
    }
    seen.0.insert(key.to_string());
    seen.1.push_back(key.to_string());
    if seen.1.len() > MAX_KEYS {
        if let Some(old) = seen.1.pop_front() {
            seen.0.remove(&old);
        }
    }
    true
}

/// A refused request: one line on stderr with the status and the reason
/// (the demanded key never appears in it), and the answer.
fn refuse(state: &State, req: &Request, path: &str, status: u16, reason: &str) -> Reply {
    let mut line = format!(
        "refused {} {}: {status} {reason}",
        req.method,
        output::sanitize(path)
    );
    if let Some(k) = state.api_key.as_deref().filter(|k| !k.is_empty()) {
        line = line.replace(k, &output::redact(k));
    }
    output::info(&output::sanitize(&line));
    fail(status, reason)
}

/// "invalid API key", naming what was sent, redacted.
fn wrong_key(sent: Option<&str>) -> String {
    match sent {
        Some(k) => format!("invalid API key (got {})", output::redact(k)),
        None => "invalid API key (none sent)".to_string(),
    }
}

fn handle(state: &State, req: &Request) -> Reply {
    state.requests.fetch_add(1, Ordering::Relaxed);
    let (path, query) = req.target.split_once('?').unwrap_or((&req.target, ""));
    let gz = req
        .header("content-encoding")
        .is_some_and(|v| v.eq_ignore_ascii_case("gzip"));
    let idem = req.header("idempotency-key");
    let raw_key = req.header("x-api-key");
    if state.args.latency > 0 {
        std::thread::sleep(Duration::from_millis(state.args.latency));
    }
    state
        .bytes
        .fetch_add(req.body.len() as u64, Ordering::Relaxed);
    if state
        .failures_left
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
    {
        return Reply {
            status: 503,
            body: json!({"success": false, "error": "injected failure (--fail-first)"}),
            extra: vec![("Retry-After", state.args.retry_after.to_string())],
            raw: None,
        };
    }
    if let Some(code) = state.args.status {
        return Reply {
            status: code,
            body: json!({"success": (200..300).contains(&code), "error": format!("injected status {code} (--status)")}),
            extra: Vec::new(),
            raw: None,
        };
    }
    let plain;
    let mut body = &req.body[..];
    if gz {
        let mut out = Vec::new();
        let read = flate2::read::GzDecoder::new(body)
            .take(MAX_BODY + 1)
            .read_to_end(&mut out);
        if read.is_err() {
            return refuse(
                state,
                req,
                path,
                400,
                "Content-Encoding is gzip but the body is not valid gzip",
            );
        }
        if out.len() as u64 > MAX_BODY {
            return refuse(
                state,
                req,
                path,
                413,
                "request body too large (after gunzip)",
            );
        }
        plain = out;
        body = &plain;
    }
    if req.method != "POST" {
        if path == "/" || path == "/health" {
            return ok_reply(json!({"success": true, "service": "auralog serve"}));
        }
        return refuse(state, req, path, 405, "use POST");
    }
    let raw = query.contains("format=");
    let counting = state.args.count && state.args.output.is_none() && !raw;
    let ct = req.header("content-type").unwrap_or("");
    // Benchmark sink: the body read once, fast, for its shape and count
    // (`None` where serde_json has to decide).
    let envelope = (counting && !ct.contains("protobuf"))
        .then(|| str_of(body).ok().and_then(scan::envelope))
        .flatten();
    let auralogs = envelope.as_ref().is_some_and(|e| !e.resource_logs);
    if path == "/v1/logs" && !raw && !auralogs {
        if let Some(reply) = otlp::handle(state, req, ct, body, idem) {
            return reply;
        }
    }
    if counting {
        // Benchmark sink: check the shape without building the entries.
        return match count_json(state, path, body, envelope) {
            Ok(n) => {
                if idem.is_some_and(|k| !first_time(state, k)) {
                    return ok_reply(json!({"success": true, "count": n, "duplicate": true}));
                }
                state.entries.fetch_add(n as u64, Ordering::Relaxed);
                ok_reply(json!({"success": true, "count": n}))
            }
            Err((status, reason)) => refuse(state, req, path, status, &reason),
        };
    }
    let result = match path {
        "/v1/logs" if raw => handle_raw(state, query, raw_key, body),
        "/v1/logs" | "/v1/logs/single" => handle_json(state, path, body),
        _ => Err((404, format!("no such endpoint: {}", output::sanitize(path)))),
    };
    match result {
        Err((status, reason)) => refuse(state, req, path, status, &reason),
        Ok(entries) => {
            let count = entries.len();
            if idem.is_some_and(|k| !first_time(state, k)) {
                return ok_reply(json!({"success": true, "count": count, "duplicate": true}));
            }
            state.entries.fetch_add(count as u64, Ordering::Relaxed);
            show(state, path, &entries);
            ok_reply(json!({"success": true, "count": count}))
        }
    }
}

type Handled = Result<Vec<Value>, (u16, String)>;

// ---------------------------------------------------------------- OTLP/HTTP
/// OTLP/HTTP on the same port (issue 13): `POST /v1/logs` with
/// `application/x-protobuf`, or a JSON body of the OTLP shape
/// (`resourceLogs`, where an Auralogs body has `logs`). Records are mapped
/// to entries by `sender::otlp::to_entries`, shown and counted like any
/// other; the answer is an `ExportLogsServiceResponse` in the request's
/// encoding. With `--api-key`, the key goes in `X-API-Key` or
/// `Authorization: Bearer`.
mod otlp {
    use super::*;
    use crate::sender::otlp as wire;

    /// `None`: not an OTLP request (an Auralogs JSON body).
    pub(super) fn handle(
        state: &State,
        req: &Request,
        content_type: &str,
        body: &[u8],
        idem: Option<&str>,
    ) -> Option<Reply> {
        let protobuf = content_type.contains("protobuf");
        if !protobuf && memchr::memmem::find(body, b"\"resourceLogs\"").is_none() {
            return None;
        }
        let json = !protobuf;
        if json {
            let v: Value = serde_json::from_slice(body).ok()?;
            if !wire::is_otlp_json(&v) {
                return None;
            }
        }
        let path = "/v1/logs";
        if let Some(want) = &state.api_key {
            let sent = req.header("x-api-key").or_else(|| {
                req.header("authorization")
                    .and_then(|a| a.strip_prefix("Bearer "))
            });
            if sent != Some(want.as_str()) {
                return Some(refuse(state, req, path, 401, &wrong_key(sent)));
            }
        }
        let ct = if json {
            "application/json"
        } else {
            "application/x-protobuf"
        };
        let request = match wire::decode(ct, body) {
            Ok(r) => r,
            Err(why) => return Some(refuse(state, req, path, 400, &why)),
        };
        let reply = Reply {
            status: 200,
            body: Value::Null,
            extra: Vec::new(),
            raw: Some((ct, wire::success_body(json))),
        };
        if idem.is_some_and(|k| !first_time(state, k)) {
            return Some(reply);
        }
        if state.args.count && state.args.output.is_none() {
            // Benchmark sink: decoded (so a malformed body is refused), the
            // records counted without building entries.
            let n: usize = request
                .resource_logs
                .iter()
                .flat_map(|rl| &rl.scope_logs)
                .map(|sl| sl.log_records.len())
                .sum();
            state.entries.fetch_add(n as u64, Ordering::Relaxed);
            return Some(reply);
        }
        let entries = wire::to_entries(&request, "production");
        state
            .entries
            .fetch_add(entries.len() as u64, Ordering::Relaxed);
        let values: Vec<Value> = entries
            .iter()
            .map(|e| serde_json::to_value(e).unwrap_or(Value::Null))
            .collect();
        show(state, path, &values);
        Some(reply)
    }
}
// ------------------------------------------------------------ end OTLP/HTTP

fn handle_json(state: &State, path: &str, body: &[u8]) -> Handled {
    let v: Value = serde_json::from_slice(body)
        .map_err(|e| (400, format!("the body is not valid JSON: {e}")))?;
    let obj = v
        .as_object()
        .ok_or((400, "the body must be a JSON object".to_string()))?;
    if let Some(want) = &state.api_key {
        match obj.get("projectApiKey").and_then(|k| k.as_str()) {
            Some(k) if k == want => {}
            sent => return Err((401, wrong_key(sent))),
        }
    }
    let entries = if path == "/v1/logs/single" {
        let e = obj
            .get("log")
            .ok_or((400, "missing field 'log'".to_string()))?;
        validate_entry(e).map_err(|why| (400, format!("log.{why}")))?;
        vec![trace_override(e.clone())]
    } else {
        let logs = obj.get("logs").and_then(|l| l.as_array()).ok_or((
            400,
            "missing field 'logs' (an array of entries)".to_string(),
        ))?;
        for (i, e) in logs.iter().enumerate() {
            validate_entry(e).map_err(|why| (400, format!("logs[{i}].{why}")))?;
        }
        logs.iter().cloned().map(trace_override).collect()
    };
    Ok(entries)
}

/// PROTOCOL.md: a `traceId` string inside `metadata` is the entry's trace
/// id (the Rust SDK sends it there); it is moved out of `metadata`, and an
/// emptied `metadata` is dropped. Other value types stay in metadata as
/// ordinary keys, since a trace id is a string.
fn trace_override(mut e: Value) -> Value {
    let Some(o) = e.as_object_mut() else {
        return e;
    };
    let Some(Value::Object(m)) = o.get_mut("metadata") else {
        return e;
    };
    if !m.get("traceId").is_some_and(Value::is_string) {
        return e;
    }
    let id = m.remove("traceId").unwrap_or(Value::Null);
    if m.is_empty() {
        o.remove("metadata");
    }
    o.insert("traceId".into(), id);
    e
}

/// `--count`: parse the body fully (so malformed JSON is still refused) but
/// skip over entries without building them, so the receiver is not the
/// bottleneck of a benchmark. Entries are not validated field by field.
fn count_json(
    state: &State,
    path: &str,
    body: &[u8],
    fast: Option<scan::Envelope<'_>>,
) -> Result<usize, (u16, String)> {
    let (key, logs, log) = match fast {
        Some(e) => (e.key, e.logs, e.log),
        None => {
            let shape = serde_envelope(body).map_err(|e| {
                (
                    400,
                    format!("the body is not valid JSON of the right shape: {e}"),
                )
            })?;
            (shape.0.map(Cow::Owned), shape.1, shape.2)
        }
    };
    if let Some(want) = &state.api_key {
        if key.as_deref() != Some(want.as_str()) {
            return Err((401, wrong_key(key.as_deref())));
        }
    }
    match (path, logs, log) {
        ("/v1/logs", Some(n), _) => Ok(n),
        ("/v1/logs/single", _, true) => Ok(1),
        ("/v1/logs" | "/v1/logs/single", _, _) => {
            Err((400, "missing field 'logs' or 'log'".into()))
        }
        _ => Err((404, format!("no such endpoint: {}", output::sanitize(path)))),
    }
}

/// The request body's key, number of `logs` and whether `log` is there,
/// by serde_json: the authority [`scan::envelope`] agrees with.
fn serde_envelope(body: &[u8]) -> serde_json::Result<(Option<String>, Option<usize>, bool)> {
    use serde::de::IgnoredAny;
    #[derive(serde::Deserialize)]
    struct Shape {
        #[serde(rename = "projectApiKey")]
        key: Option<String>,
        logs: Option<Vec<IgnoredAny>>,
        log: Option<IgnoredAny>,
    }
    let shape: Shape = serde_json::from_slice(body)?;
    Ok((shape.key, shape.logs.map(|l| l.len()), shape.log.is_some()))
}

/// Raw ingestion (`?format=`), see PROTOCOL.md: the body is parsed with the
/// same parsers as `auralog ingest`; `source`, `dataset`, `environment` and
/// `level` query parameters are the entries' defaults. The first invalid
/// record refuses the whole body (400, with its line).
fn handle_raw(state: &State, query: &str, key: Option<&str>, body: &[u8]) -> Handled {
    use crate::formats::{self, EntryWriter, Flow, Format, Item, Options};
    if let Some(want) = &state.api_key {
        if key != Some(want.as_str()) {
            return Err((401, wrong_key(key)));
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
            None | Some(Value::Null | Value::String(_)) => {}
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
        None | Some(Value::Null | Value::Object(_)) => {}
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
    let today = today_utc();
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
            text.push_str(&readable(e, &today, state.full_ids));
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
            .and_then(|()| so.flush())
            .is_err()
        {
            out.stdout_open = false;
        }
    }
}

/// Today's date in UTC, `YYYY-MM-DD`: entry times are shown in UTC, so
/// "today" is too.
fn today_utc() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()[..10].to_string()
}

/// An entry's time as shown: `HH:MM:SS.mmm` in UTC, with the date in front
/// when it is not `today`. A time that does not parse is shown as sent.
fn show_time(ts: &str, today: &str) -> String {
    match humantime::parse_rfc3339(ts) {
        Ok(t) => {
            let full = humantime::format_rfc3339_millis(t).to_string();
            let (date, time) = (&full[..10], &full[11..23]);
            if date == today {
                time.to_string()
            } else {
                format!("{date} {time}")
            }
        }
        Err(_) => output::sanitize(ts).into_owned(),
    }
}

/// One readable, coloured line: time, level, message, metadata, trace; a
/// stack trace follows on lines of its own, indented.
fn readable(e: &Value, today: &str, full_ids: bool) -> String {
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
    let mut line = format!(
        "{} {} {}",
        paint("2", &show_time(s("timestamp"), today)),
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
    let env = s("environment");
    let trace = s("traceId");
    let trace = if full_ids {
        trace
    } else {
        trace.get(..8).unwrap_or(trace)
    };
    line.push_str(&paint(
        "2",
        &format!(
            "  env={} trace={}",
            output::sanitize(env),
            output::sanitize(trace)
        ),
    ));
    for l in s("stackTrace").lines() {
        let l = l.replace('\t', "    ");
        line.push_str("\n    ");
        line.push_str(&paint("31", &output::sanitize(&l)));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast reading of a request body as serde_json reads it: `None`
    /// where serde_json refuses the body, and where it answers, the same key,
    /// count and `log`.
    fn fast_agrees(body: &str) -> bool {
        let slow = serde_envelope(body.as_bytes()).ok();
        let Some(fast) = scan::envelope(body) else {
            return false;
        };
        let seen = (fast.key.map(Cow::into_owned), fast.logs, fast.log);
        assert_eq!(Some(seen), slow, "differs on {body:?}");
        true
    }

    #[test]
    fn the_fast_envelope_reads_as_serde_json_or_leaves_it_to_it() {
        for body in [
            r#"{"projectApiKey":"k","logs":[{"level":"info","message":"m"},{"a":[1,{"b":null}]}]}"#,
            r#" { "logs" : [ ] , "projectApiKey" : "k\u0065y" } "#,
            r#"{"logs":[1,"x",true,false,null,-0.5e3,[],{}]}"#,
            r#"{"projectApiKey":"k","log":{"level":"warn","message":"m"}}"#,
            r#"{"projectApiKey":"k","log":7}"#,
            r#"{"other":{"deep":[[[]]]},"logs":[{}]}"#,
            r#"{"resourceLogs":[],"logs":[{}]}"#,
            "{}",
        ] {
            assert!(fast_agrees(body), "not vouched for: {body}");
            let otlp = scan::envelope(body).is_some_and(|e| e.resource_logs);
            assert_eq!(otlp, body.starts_with(r#"{"resourceLogs""#), "{body}");
        }
        for body in [
            // What serde_json refuses.
            r#"{"logs":[1,]}"#,
            r#"{"logs":[{"a":01}]}"#,
            r#"{"logs":[{"a":"tab	here"}]}"#,
            r#"{"logs":[1]} x"#,
            r#"{"logs":[1]"#,
            r#"{"logs":[1],"logs":[2]}"#,
            r#"{"projectApiKey":1,"logs":[]}"#,
            r#"{"logs":{}}"#,
            r#"[{"logs":[]}]"#,
            "",
            // What it reads otherwise than absent or there, or must decode.
            r#"{"projectApiKey":null,"logs":[]}"#,
            r#"{"log":null}"#,
            r#"{"logs":null}"#,
            r#"{"logs":[{"m":"\ud83d\ude00"}]}"#,
        ] {
            assert!(!fast_agrees(body), "vouched for: {body}");
        }
    }

    /// `text` changed at every `step`-th character: cut short there, the
    /// character dropped or doubled, or a quote, backslash, digit, comma or
    /// control byte put in its place or before it.
    fn changed(text: &str, step: usize) -> impl Iterator<Item = String> + '_ {
        text.char_indices().step_by(step).flat_map(move |(i, ch)| {
            let (a, b) = (&text[..i], &text[i + ch.len_utf8()..]);
            let mut v = vec![a.to_string(), format!("{a}{b}"), format!("{a}{ch}{ch}{b}")];
            for x in ['"', '\\', '7', ',', '\u{1}'] {
                v.push(format!("{a}{x}{b}"));
                v.push(format!("{a}{x}{ch}{b}"));
            }
            v
        })
    }

    /// Bodies of entries written by the libraries of the corpus, each
    /// changed at every third character ([`changed`]): where the fast
    /// reading answers, it answers as serde_json does, and it answers for
    /// the bodies themselves.
    #[test]
    fn corpus_bodies_and_their_mutations_agree_with_serde() {
        let lines: Vec<String> = scan::corpus_json_lines()
            .into_iter()
            .filter(|l| serde_json::from_str::<Value>(l).is_ok_and(|v| v.is_object()))
            .collect();
        assert!(lines.len() > 100, "{} corpus lines", lines.len());
        let (mut vouched, mut tried) = (0, 0);
        for chunk in lines.chunks(3) {
            let body = format!(
                r#"{{"projectApiKey":"aura_k","logs":[{}]}}"#,
                chunk.join(",")
            );
            vouched += usize::from(fast_agrees(&body));
            if body.len() > 3000 {
                continue;
            }
            for v in changed(&body, 3) {
                fast_agrees(&v);
                tried += 1;
            }
        }
        assert!(vouched * 10 >= lines.len() / 3 * 9, "{vouched} vouched for");
        assert!(tried > 10_000, "{tried}");
    }

    /// Bodies of entries alike, as a batch is: the later entries are read
    /// against the first (the fast reading's template), or against the one
    /// learnt anew when several in a row differ from it. Each corpus line is
    /// sent twice (or four times), then changed at every character ([`changed`]). Where the
    /// fast reading answers, serde_json answers the same; unchanged, the
    /// body is vouched for.
    #[test]
    fn entries_read_against_the_first_agree_with_serde() {
        let mut lines: Vec<String> = scan::corpus_json_lines()
            .into_iter()
            .filter(|l| l.len() < 400 && serde_json::from_str::<Value>(l).is_ok())
            .collect();
        lines.push(r#"{"level":"info","message":"m","metadata":{"n":-1.5e3,"ok":true,"none":null,"a":[1,"x"]},"line":7}"#.into());
        assert!(lines.len() > 100, "{} corpus lines", lines.len());
        let body = |entries: &[&str]| {
            format!(
                r#"{{"projectApiKey":"aura_k","logs":[{}]}}"#,
                entries.join(",")
            )
        };
        const OTHER: &str = r#"{"other":[0]}"#;
        let mut tried = 0;
        for l in &lines {
            assert!(fast_agrees(&body(&[l, l, l])), "not vouched for: {l}");
            for v in changed(l, 1) {
                fast_agrees(&body(&[l, l, &v, l]));
                // Learnt anew: the fourth entry in a row that does not fit
                // the first one's template.
                fast_agrees(&body(&[OTHER, l, l, l, l, &v, l]));
                tried += 2;
            }
        }
        assert!(tried > 50_000, "{tried}");
    }

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
            "2026-11-22",
            false,
        );
        assert!(line.contains("a\\u{1b}[2Jb"));
        assert!(line.contains("10:00:00.123"));
    }
}
