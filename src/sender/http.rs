//! The HTTP sink: one `ureq` agent (keep-alive, rustls, no redirects), the
//! request shapes of PROTOCOL.md, and the classification of answers into
//! delivered / retry / reject.

use std::io::Write;
use std::time::{Duration, Instant};

use super::encoder::{Auralogs, Output};
use super::{retry, Attempt, Batch, Sink};
use crate::output;
use crate::settings::Settings;

pub struct HttpSink {
    agent: ureq::Agent,
    /// The wire format (the encoder seam): the Auralogs envelope today.
    output: std::sync::Arc<dyn Output>,
    compress: bool,
    /// The scratch an output builds a request body (or its envelope's
    /// head) in, kept from one request to the next. Unused by Auralogs.
    envelope: Vec<u8>,
}

impl HttpSink {
    pub fn new(s: &Settings) -> HttpSink {
        HttpSink::build(s, None)
    }

    /// For commands that send full batches back to back (ingest,
    /// tail-stdin): ureq's output buffer holds a whole batch, so a request
    /// goes out in one write. Every write wakes the receiver, and on a
    /// loopback of 2 cores the wake-ups cost more than the buffer. Not for
    /// one-shot commands: ureq zero-fills the buffer on the first request,
    /// which would add 0.4 ms to `auralog log`.
    pub fn bulk(s: &Settings) -> HttpSink {
        HttpSink::build(
            s,
            Some((s.batch_bytes + 64 * 1024).clamp(128 * 1024, 8 << 20)),
        )
    }

    /// For one worker of a pool (several requests in flight): as
    /// [`HttpSink::bulk`], with a smaller output buffer, since up to 32 (64 when set) of
    /// them may be alive at once (each buffer is zero-filled, so it is
    /// resident memory).
    pub fn worker(s: &Settings) -> HttpSink {
        HttpSink::build(
            s,
            Some((s.batch_bytes + 64 * 1024).clamp(64 * 1024, 128 * 1024)),
        )
    }

    fn build(s: &Settings, output_buffer: Option<usize>) -> HttpSink {
        let mut config = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_connect(Some(s.timeout.min(Duration::from_secs(5))))
            .user_agent(concat!("auralog/", env!("CARGO_PKG_VERSION")))
            .no_delay(true);
        if let Some(size) = output_buffer {
            config = config.output_buffer_size(size);
        }
        let config = config.build();
        let agent = ureq::Agent::with_parts(
            config,
            ureq::unversioned::transport::DefaultConnector::default(),
            CachingResolver::default(),
        );
        HttpSink {
            agent,
            output: std::sync::Arc::new(Auralogs::new(s)) as std::sync::Arc<dyn Output>,
            compress: s.compress,
            envelope: Vec::new(),
        }
    }
}

impl HttpSink {
    /// The same sink, speaking another output's wire format.
    pub fn with_output(mut self, output: std::sync::Arc<dyn Output>) -> HttpSink {
        self.output = output;
        self
    }
}

/// How long a resolved address is reused.
const RESOLVE_TTL: Duration = Duration::from_secs(30);

/// ureq resolves the host before every request, even one that goes out on
/// a pooled keep-alive connection, and when a timeout is set (we always set
/// one) it does so on a freshly spawned thread: a thread and a
/// `getaddrinfo` per batch. This keeps the last answer for [`RESOLVE_TTL`]
/// and asks ureq's own resolver on a miss. (`ureq::unversioned` is ureq's
/// not-yet-stable API; Cargo.lock pins the version.)
#[derive(Debug, Default)]
struct CachingResolver {
    inner: ureq::unversioned::resolver::DefaultResolver,
    /// host:port, when the answer expires, the answer.
    last: std::sync::Mutex<
        Option<(
            String,
            Instant,
            ureq::unversioned::resolver::ResolvedSocketAddrs,
        )>,
    >,
}

impl ureq::unversioned::resolver::Resolver for CachingResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        let key = match (uri.scheme(), uri.authority()) {
            (Some(scheme), Some(authority)) => {
                ureq::unversioned::resolver::DefaultResolver::host_and_port(scheme, authority)
            }
            _ => None,
        };
        let Some(key) = key else {
            return self.inner.resolve(uri, config, timeout);
        };
        if let Ok(last) = self.last.lock() {
            if let Some((k, expires, addrs)) = last.as_ref() {
                if *k == key && Instant::now() < *expires {
                    return Ok(addrs.clone());
                }
            }
        }
        let addrs = self.inner.resolve(uri, config, timeout)?;
        if let Ok(mut last) = self.last.lock() {
            *last = Some((key, Instant::now() + RESOLVE_TTL, addrs.clone()));
        }
        Ok(addrs)
    }
}

/// Percent-encode a query component.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn gzip(body: super::encoder::Body<'_>) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 4 + 64),
        flate2::Compression::fast(),
    );
    // Writing into a Vec cannot fail.
    for part in body.0 {
        enc.write_all(part).expect("gzip into memory");
    }
    enc.finish().expect("gzip into memory")
}

impl Sink for HttpSink {
    fn attempt(&mut self, batch: &Batch, timeout: Duration) -> Attempt {
        let mut envelope = std::mem::take(&mut self.envelope);
        let output = self.output.clone();
        let request = output.request(batch, &mut envelope);
        let (url, body) = (request.url, request.body);
        let started = Instant::now();
        let mut req = self
            .agent
            .post(&url)
            .header("Content-Type", &*request.content_type)
            .header("Idempotency-Key", &batch.idempotency_key);
        for (k, v) in &request.headers {
            req = req.header(*k, *v);
        }
        let gzipped = self.compress.then(|| gzip(body));
        if gzipped.is_some() {
            req = req.header("Content-Encoding", "gzip");
        }
        let size = gzipped.as_ref().map_or_else(|| body.len(), Vec::len);
        let req = req
            .header("Content-Length", size)
            .config()
            .timeout_global(Some(timeout))
            .build();
        let result = match &gzipped {
            Some(z) => req.send(&z[..]),
            // The pieces as they are (no envelope copy); the length is
            // known, so no chunked encoding.
            None => req.send(ureq::SendBody::from_reader(&mut body.reader())),
        };
        drop(gzipped);
        // Kept for the next request when it is an envelope's head (JSON);
        // a body copied whole (OTLP protobuf) is not: with 32 workers,
        // keeping it pinned up to 32 batches beyond the memory budget.
        if envelope.capacity() <= 64 << 10 {
            self.envelope = envelope;
        }
        let mut resp = match result {
            Ok(r) => r,
            Err(e) => {
                let reason = describe_error(&e, &url);
                output::verbose(&format!(
                    "POST {url} -> {reason} ({size} bytes, {:.1} ms)",
                    started.elapsed().as_secs_f64() * 1000.0
                ));
                return match e {
                    ureq::Error::BadUri(_)
                    | ureq::Error::RequireHttpsOnly(_)
                    | ureq::Error::InvalidProxyUrl => Attempt::Reject {
                        status: 0,
                        message: reason,
                    },
                    _ => Attempt::Retry {
                        reason,
                        after: None,
                    },
                };
            }
        };
        let status = resp.status().as_u16();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let retry_after = header("retry-after");
        let location = header("location");
        let answer_type = header("content-type").unwrap_or_default();
        // Read the answer whole (bounded) so the connection can be reused.
        let bytes = resp
            .body_mut()
            .with_config()
            .limit(64 * 1024)
            .read_to_vec()
            .unwrap_or_default();
        output::verbose(&format!(
            "POST {url} -> {status} ({size} bytes, {} entries, {:.1} ms)",
            batch.count,
            started.elapsed().as_secs_f64() * 1000.0
        ));
        if let Some((attempt, warning)) =
            output.classify(status, retry_after.as_deref(), &answer_type, &bytes)
        {
            if let Some(w) = warning {
                output::warn(&w);
            }
            return attempt;
        }
        let text = String::from_utf8_lossy(&bytes);
        classify(status, retry_after.as_deref(), location.as_deref(), &text)
    }
}

/// Turn an HTTP answer into an [`Attempt`].
pub fn classify(
    status: u16,
    retry_after: Option<&str>,
    location: Option<&str>,
    body: &str,
) -> Attempt {
    let server = server_message(body);
    match status {
        200..=299 => Attempt::Delivered,
        300..=399 => Attempt::Reject {
            status,
            message: format!(
                "the service answered {status} with a redirect to {}; auralog does not follow redirects (check the endpoint)",
                output::sanitize(location.unwrap_or("?"))
            ),
        },
        408 | 425 | 429 | 500..=599 => Attempt::Retry {
            reason: format!("the service answered {status}{}", with_msg(&server)),
            after: retry_after.and_then(retry::parse_retry_after),
        },
        401 | 403 => Attempt::Reject {
            status,
            message: format!("API key rejected ({status}){}", with_msg(&server)),
        },
        _ => Attempt::Reject {
            status,
            message: format!("the service refused the batch ({status}){}", with_msg(&server)),
        },
    }
}

fn with_msg(m: &str) -> String {
    if m.is_empty() {
        String::new()
    } else {
        format!(": {m}")
    }
}

/// The server's own explanation: `error`/`message` of a JSON body, or the
/// start of a text body, escaped, and with the key masked (an answer may
/// echo it, and the spool stores this text).
fn server_message(body: &str) -> String {
    let shown = |s: &str| -> String {
        let s = output::redact_secrets(s);
        output::sanitize(&s).chars().take(300).collect()
    };
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(body) {
        for k in ["error", "message", "detail", "reason"] {
            if let Some(s) = v.get(k).and_then(|x| x.as_str()) {
                return shown(s);
            }
        }
    }
    shown(body.trim())
}

fn describe_error(e: &ureq::Error, url: &str) -> String {
    match e {
        ureq::Error::Timeout(_) => format!("timed out talking to {url}"),
        ureq::Error::ConnectionFailed => format!("could not connect to {url}"),
        ureq::Error::HostNotFound => format!("host not found for {url}"),
        ureq::Error::Io(io) => format!("network error talking to {url}: {io}"),
        other => format!("{other} ({url})"),
    }
}

/// Split `scheme://host[:port]/...` into (scheme, host).
fn scheme_host(url: &str) -> Option<(String, String)> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next()?.to_string()
    } else {
        authority.split(':').next()?.to_string()
    };
    if host.is_empty() {
        return None;
    }
    Some((scheme.to_ascii_lowercase(), host.to_ascii_lowercase()))
}

/// Whether the URL's host is a loopback address.
pub fn is_loopback_url(url: &str) -> bool {
    scheme_host(url).is_some_and(|(_, h)| is_loopback_host(&h))
}

fn is_loopback_host(h: &str) -> bool {
    h == "localhost"
        || h.ends_with(".localhost")
        || h == "::1"
        || h.parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// https always; plain http only to loopback or with `--allow-insecure`.
pub fn check_endpoint(url: &str, allow_insecure: bool) -> Result<(), String> {
    let invalid = || {
        format!(
            "invalid endpoint '{}': {}",
            output::shown_value(url),
            crate::settings::ENDPOINT_FORMS
        )
    };
    let (scheme, host) = scheme_host(url).ok_or_else(invalid)?;
    match scheme.as_str() {
        "https" => Ok(()),
        "http" if is_loopback_host(&host) || allow_insecure => Ok(()),
        "http" => Err(format!(
            "refusing to send to plain http://{host}: the API key would travel unencrypted (use https://, or --allow-insecure)"
        )),
        _ => Err(invalid()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolved_addresses_are_reused_until_they_expire() {
        use ureq::unversioned::resolver::Resolver;
        let r = CachingResolver::default();
        let uri: ureq::http::Uri = "http://127.0.0.1:7345/v1/logs".parse().unwrap();
        let config = ureq::config::Config::default();
        let timeout = || ureq::unversioned::transport::NextTimeout {
            after: Duration::from_secs(5).into(),
            reason: ureq::Timeout::Resolve,
            per_read: None,
            per_write: None,
        };
        let first = r.resolve(&uri, &config, timeout()).unwrap();
        assert_eq!(first[0], "127.0.0.1:7345".parse().unwrap());
        // Plant another answer under the same key: a fresh one is served
        // from the cache, an expired one is looked up again.
        let planted: std::net::SocketAddr = "10.9.8.7:7345".parse().unwrap();
        let mut addrs = first.clone();
        addrs[0] = planted;
        let fresh = Instant::now() + RESOLVE_TTL;
        *r.last.lock().unwrap() = Some(("127.0.0.1:7345".into(), fresh, addrs.clone()));
        assert_eq!(r.resolve(&uri, &config, timeout()).unwrap()[0], planted);
        // (An expiry of "now" is already past when it is checked; no
        // subtraction from an Instant, which a machine just booted can't do.)
        *r.last.lock().unwrap() = Some(("127.0.0.1:7345".into(), Instant::now(), addrs));
        assert_eq!(r.resolve(&uri, &config, timeout()).unwrap()[0], first[0]);
        // Another host:port is its own key.
        let other: ureq::http::Uri = "http://127.0.0.2:80/".parse().unwrap();
        assert_eq!(
            r.resolve(&other, &config, timeout()).unwrap()[0],
            "127.0.0.2:80".parse().unwrap()
        );
    }

    #[test]
    fn endpoint_rules() {
        assert!(check_endpoint("https://ingest.auralogs.ai", false).is_ok());
        assert!(check_endpoint("http://127.0.0.1:7345", false).is_ok());
        assert!(check_endpoint("http://localhost:7345/", false).is_ok());
        assert!(check_endpoint("http://[::1]:7345", false).is_ok());
        assert!(check_endpoint("http://example.com", false).is_err());
        assert!(check_endpoint("http://example.com", true).is_ok());
        assert!(check_endpoint("http://127.0.0.1.example.com", false).is_err());
        assert!(check_endpoint("ftp://x", false).is_err());
        assert!(check_endpoint("nonsense", false).is_err());
    }

    #[test]
    fn classification() {
        assert_eq!(classify(200, None, None, ""), Attempt::Delivered);
        assert!(
            matches!(classify(503, Some("2"), None, ""), Attempt::Retry { after: Some(d), .. } if d == Duration::from_secs(2))
        );
        assert!(matches!(
            classify(429, None, None, ""),
            Attempt::Retry { .. }
        ));
        assert!(matches!(
            classify(408, None, None, ""),
            Attempt::Retry { .. }
        ));
        assert!(matches!(
            classify(425, None, None, ""),
            Attempt::Retry { .. }
        ));
        match classify(400, None, None, r#"{"error":"logs[0].level: bad"}"#) {
            Attempt::Reject {
                status: 400,
                message,
            } => assert!(message.contains("logs[0].level: bad")),
            other => panic!("{other:?}"),
        }
        match classify(401, None, None, "") {
            Attempt::Reject {
                status: 401,
                message,
            } => assert!(message.contains("API key rejected")),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            classify(302, None, Some("https://evil"), ""),
            Attempt::Reject { status: 302, .. }
        ));
    }

    #[test]
    fn query_encoding() {
        assert_eq!(encode("a b&c"), "a%20b%26c");
    }
}
