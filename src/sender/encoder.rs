//! The encoder seam: what a destination's wire format is. An [`Output`]
//! encodes each entry into its own batch buffer (before batching, so the
//! batch is already in its format) and turns a closed batch into a request
//! (URL, headers, body). Raw chunks (`ingest --raw`) are a capability an
//! output may refuse.
//!
//! The Auralogs envelope ([`Auralogs`], PROTOCOL.md) and OTLP/HTTP
//! ([`super::otlp::Otlp`]) are the outputs, handed to
//! [`super::http::HttpSink`] (an output may read the answers its own way:
//! [`Output::classify`]); everything else a destination owns (batcher,
//! retry budget, breaker, spool namespace, counts) lives in its
//! [`super::Sender`], one per output ([`super::fanout`]).

use std::borrow::Cow;

use super::{Batch, Payload};
use crate::settings::Settings;
use crate::wire::{EncodeParts, Entry};

/// One request, ready to send.
pub struct Request<'b> {
    pub url: String,
    pub content_type: Cow<'b, str>,
    /// Headers beyond Content-Type, Content-Encoding and Idempotency-Key.
    pub headers: Vec<(&'b str, &'b str)>,
    pub body: Body<'b>,
}

/// A request body in up to three pieces sent one after the other: an
/// envelope's head, the batch's entries as they are, its tail. The entries
/// are not copied into an envelope: with requests in flight each copy was a
/// batch held twice (and a batch-sized buffer kept per worker).
#[derive(Clone, Copy)]
pub struct Body<'b>(pub [&'b [u8]; 3]);

impl<'b> Body<'b> {
    /// A body in one piece.
    pub fn whole(bytes: &'b [u8]) -> Body<'b> {
        Body([bytes, &[], &[]])
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(|p| p.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The pieces in order, as one reader.
    pub fn reader(&self) -> impl std::io::Read + 'b {
        use std::io::Read as _;
        let [a, b, c] = self.0;
        a.chain(b).chain(c)
    }

    /// The body in one buffer (tests, and what is not on the hot path).
    pub fn to_vec(&self) -> Vec<u8> {
        self.0.concat()
    }
}

pub trait Output: Send + Sync {
    /// For messages (`the Auralogs output refuses ...`).
    fn name(&self) -> &'static str;

    /// Append one entry, in this output's encoding, to the batch buffer.
    /// (Entries in a buffer are joined by commas by the batcher.)
    fn encode(&self, entry: &Entry, out: &mut Vec<u8>);

    /// [`Output::encode`] of an entry given as its Auralogs wire JSON (the
    /// hot paths serialise entries on their reading threads). False, with
    /// nothing written, when `json` is not an entry's wire JSON. By
    /// default the JSON is read back into an [`Entry`]; an output can read
    /// it straight into its own encoding instead.
    fn encode_json(&self, json: &[u8], out: &mut Vec<u8>) -> bool {
        match super::entry_of_json(json) {
            Some(e) => {
                self.encode(&e, out);
                true
            }
            None => false,
        }
    }

    /// A batch of wire JSON entries made elsewhere (joined by commas,
    /// `ends[i]` just past entry i) in this output's encoding, the same
    /// way; an entry that is not wire JSON goes as it is.
    fn encode_json_batch(&self, body: &[u8], ends: &[usize]) -> (Vec<u8>, Vec<usize>) {
        reencode(body, ends, |json, out| self.encode_json(json, out))
    }

    /// This output's encoding of an entry given by its parts, if it has
    /// one: ingest then writes its batches for this output (when it is the
    /// only one) straight in its encoding from the records it reads,
    /// instead of as wire JSON re-encoded by [`Output::encode_json_batch`].
    fn parts(&self) -> Option<&dyn EncodeParts> {
        None
    }

    /// Whether a request's body is a copy of its batch (made while it is
    /// sent), so a batch in flight holds its bytes twice.
    fn copies_batch(&self) -> bool {
        false
    }

    /// Whether raw chunks of a file can go to this output as they are.
    fn accepts_raw(&self) -> bool;

    /// The request for one batch. `scratch` is a buffer kept from one
    /// request to the next (an envelope is built in it, not allocated).
    fn request<'b>(&'b self, batch: &'b Batch, scratch: &'b mut Vec<u8>) -> Request<'b>;

    /// Whether [`Output::encode`] writes the Auralogs wire JSON, so entries
    /// serialised elsewhere (`push_json`, ingest's batches) go as they are.
    /// Other outputs get such entries re-encoded.
    fn wire_json(&self) -> bool {
        false
    }

    /// This output's reading of an HTTP answer (status, Retry-After, the
    /// answer's Content-Type and body), with a warning to print (a partial
    /// success); `None`: the Auralogs rules of [`super::http::classify`].
    fn classify(
        &self,
        _status: u16,
        _retry_after: Option<&str>,
        _content_type: &str,
        _body: &[u8],
    ) -> Option<(super::Attempt, Option<String>)> {
        None
    }
}

/// The loop of [`Output::encode_json_batch`]: each entry of `body` (joined
/// by commas, `ends[i]` just past entry i) through `encode`, an entry it
/// refuses as it is; the new buffer with its own ends.
fn reencode(
    body: &[u8],
    ends: &[usize],
    mut encode: impl FnMut(&[u8], &mut Vec<u8>) -> bool,
) -> (Vec<u8>, Vec<usize>) {
    let mut out = Vec::with_capacity(body.len());
    let mut out_ends = Vec::with_capacity(ends.len());
    let mut start = 0;
    for &end in ends {
        let json = &body[start..end];
        start = end + 1;
        if !out.is_empty() {
            out.push(b',');
        }
        if !encode(json, &mut out) {
            out.extend_from_slice(json);
        }
        out_ends.push(out.len());
    }
    (out, out_ends)
}

/// The OTLP/HTTP output ([`super::otlp`]): protobuf or JSON to the
/// receiver's `/v1/logs`, `otlp_headers` on every request, OTLP's failure
/// semantics. No raw chunks.
impl Output for super::otlp::Otlp {
    fn name(&self) -> &'static str {
        "OTLP"
    }

    fn encode(&self, entry: &Entry, out: &mut Vec<u8>) {
        super::otlp::Otlp::encode(self, entry, out);
    }

    fn encode_json(&self, json: &[u8], out: &mut Vec<u8>) -> bool {
        super::otlp::Otlp::encode_json(self, json, out)
    }

    fn encode_json_batch(&self, body: &[u8], ends: &[usize]) -> (Vec<u8>, Vec<usize>) {
        // One clock read for the batch: its entries are encoded now.
        let observed = super::otlp::Otlp::observed_now();
        reencode(body, ends, |json, out| {
            self.encode_json_at(json, observed, out)
        })
    }

    fn parts(&self) -> Option<&dyn EncodeParts> {
        Some(self)
    }

    fn copies_batch(&self) -> bool {
        // Protobuf: the records copied without the batcher's commas.
        self.protocol == super::otlp::Protocol::Protobuf
    }

    fn accepts_raw(&self) -> bool {
        false
    }

    fn request<'b>(&'b self, batch: &'b Batch, out: &'b mut Vec<u8>) -> Request<'b> {
        let headers = self
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let body = match &batch.payload {
            Payload::Entries { body, ends, .. } => self.request_body(body, ends, out),
            // Refused before it gets here (`Sender::send_batch`).
            Payload::Raw { body, .. } => Body::whole(body),
        };
        Request {
            url: self.url.clone(),
            content_type: Cow::Borrowed(self.content_type()),
            headers,
            body,
        }
    }

    fn classify(
        &self,
        status: u16,
        retry_after: Option<&str>,
        content_type: &str,
        body: &[u8],
    ) -> Option<(super::Attempt, Option<String>)> {
        let (a, partial) = self.answer(status, retry_after, content_type, body);
        Some((a, partial.map(|(_, why)| why)))
    }
}

/// The Auralogs ingest API: `{"projectApiKey":..,"logs":[..]}` to
/// `/v1/logs`, `{"projectApiKey":..,"log":{..}}` to `/v1/logs/single`, raw
/// chunks to `/v1/logs?format=..` with `X-API-Key`.
pub struct Auralogs {
    endpoint: String,
    api_key: String,
    /// `{"projectApiKey":"<key>","logs":[` and `{"projectApiKey":"<key>","log":`:
    /// the start of every entries body (a batch, a single entry), serialised once.
    logs_head: Vec<u8>,
    single_head: Vec<u8>,
}

impl Auralogs {
    pub fn new(s: &Settings) -> Auralogs {
        let api_key = s.api_key.clone().unwrap_or_default();
        let key_json = serde_json::to_string(&api_key).expect("string serialises");
        Auralogs {
            endpoint: s.endpoint.trim_end_matches('/').to_string(),
            logs_head: format!("{{\"projectApiKey\":{key_json},\"logs\":[").into_bytes(),
            single_head: format!("{{\"projectApiKey\":{key_json},\"log\":").into_bytes(),
            api_key,
        }
    }
}

impl Output for Auralogs {
    fn name(&self) -> &'static str {
        "Auralogs"
    }

    fn encode(&self, entry: &Entry, out: &mut Vec<u8>) {
        entry.write_json(out);
    }

    fn accepts_raw(&self) -> bool {
        true
    }

    fn wire_json(&self) -> bool {
        true
    }

    fn request<'b>(&'b self, batch: &'b Batch, _scratch: &'b mut Vec<u8>) -> Request<'b> {
        match &batch.payload {
            Payload::Entries { body, single, .. } => {
                let (url, body) = if *single {
                    let body = Body([&self.single_head, body, b"}"]);
                    (format!("{}/v1/logs/single", self.endpoint), body)
                } else {
                    let body = Body([&self.logs_head, body, b"]}"]);
                    (format!("{}/v1/logs", self.endpoint), body)
                };
                Request {
                    url,
                    content_type: Cow::Borrowed("application/json"),
                    headers: Vec::new(),
                    body,
                }
            }
            Payload::Raw {
                format,
                content_type,
                query,
                body,
            } => {
                let mut url = format!(
                    "{}/v1/logs?format={}",
                    self.endpoint,
                    super::http::encode(format)
                );
                for (k, v) in query {
                    url.push('&');
                    url.push_str(&super::http::encode(k));
                    url.push('=');
                    url.push_str(&super::http::encode(v));
                }
                Request {
                    url,
                    content_type: Cow::Borrowed(content_type.as_str()),
                    headers: vec![("X-API-Key", self.api_key.as_str())],
                    body: Body::whole(body),
                }
            }
        }
    }
}
