//! The OTLP/HTTP logs output (the OpenTelemetry Protocol specification,
//! OTLP/HTTP): entries as `LogRecord`s of one `ExportLogsServiceRequest`,
//! `http/protobuf` (prost) or `http/json` (the OTLP JSON rules: hex trace
//! and span ids, 64-bit integers as strings, enums as numbers), posted to
//! `{otlp_endpoint}/v1/logs`. The message types are `opentelemetry-proto`'s.
//!
//! Shaped for the encoder seam: [`Otlp::encode`] appends one record to a
//! batch buffer (records joined by one byte, as the batcher joins entries),
//! and [`Otlp::body`] wraps a closed batch in one resource/scope group, so a
//! record is encoded once and never re-parsed. [`classify`] is the OTLP
//! failure semantics and [`attempt`] the same as the sender's `Attempt`
//! (with a partial success's refused records); [`decode`] and
//! [`to_entries`] are `serve`'s side.
//!
//! The mapping (README, "OpenTelemetry"):
//!
//! | entry | LogRecord |
//! |---|---|
//! | timestamp | `timeUnixNano`; `observedTimeUnixNano` is when auralog encoded it |
//! | level | `severityNumber` (DEBUG 5, INFO 9, WARN 13, ERROR 17, FATAL 21), `severityText` |
//! | message | `body` (a string) |
//! | traceId | `traceId`: a UUID without dashes, any other id hashed as `trace exec` does |
//! | TRACEPARENT's parent id | `spanId`, when its trace id is the entry's |
//! | metadata | attributes, JSON types kept (objects as kvlists, arrays as arrays, integers vs doubles) |
//! | stackTrace / errorName | `exception.stacktrace` / `exception.type` |
//! | flowId, flowName, stepIndex | `auralog.flow.id`, `auralog.flow.name`, `auralog.flow.step` |
//! | file, line | `log.file.path`, `auralog.file.line` |
//! | environment | resource `deployment.environment.name` (an attribute when an entry differs) |

use opentelemetry_proto::tonic::collector::logs::v1::{
    ExportLogsServiceRequest, ExportLogsServiceResponse,
};
use opentelemetry_proto::tonic::common::v1::{
    any_value, AnyValue, ArrayValue, InstrumentationScope, KeyValue, KeyValueList,
};
use opentelemetry_proto::tonic::logs::v1::LogRecord;
use opentelemetry_proto::tonic::resource::v1::Resource;
use prost::encoding::{encode_key, encode_varint, WireType};
use prost::Message;
use serde_json::{Map, Value};

use crate::settings::Settings;
use crate::trace_id;
use crate::wire::time::{now, parse_rfc3339, to_rfc3339};
use crate::wire::{EncodeParts, Entry, EntryParts, Level, MetaVal};

/// Metadata keys with an OpenTelemetry (or documented auralog) name.
pub const ATTRIBUTE_NAMES: &[(&str, &str)] = &[
    ("flowId", "auralog.flow.id"),
    ("flowName", "auralog.flow.name"),
    ("stepIndex", "auralog.flow.step"),
    ("file", "log.file.path"),
    ("line", "auralog.file.line"),
    ("errorName", "exception.type"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Protobuf,
    Json,
}

/// What [`Otlp::from_parts`] is built from: the settings' values as text.
pub struct Parts<'a> {
    /// The URL logs are posted to (`/v1/logs` already appended).
    pub url: &'a str,
    /// `http/protobuf` or `http/json`.
    pub protocol: &'a str,
    /// `k=v,k2=v2`.
    pub headers: &'a str,
    pub service_name: &'a str,
    pub environment: &'a str,
    /// `k=v,k2=v2` (OTEL_RESOURCE_ATTRIBUTES).
    pub resource_attributes: &'a str,
    /// The TRACEPARENT of this run, if any.
    pub traceparent: Option<&'a str>,
}

/// The OTLP output: where to post, how to encode, the resource and scope.
pub struct Otlp {
    pub url: String,
    pub protocol: Protocol,
    /// `otlp_headers`, parsed. Values are secrets: never printed.
    pub headers: Vec<(String, String)>,
    environment: String,
    /// `environment` is [`plain`] (compared in place in the wire JSON).
    plain_environment: bool,
    /// The resource and scope, the same for every request: serialised once.
    envelope: Envelope,
    /// TRACEPARENT's trace id (32 hex) and parent id (8 bytes), if set.
    traceparent: Option<(String, Vec<u8>)>,
}

impl Otlp {
    pub fn new(s: &Settings) -> Otlp {
        Otlp::from_parts(&Parts {
            url: &s.otlp_endpoint,
            protocol: &s.otlp_protocol,
            headers: s.otlp_headers.as_deref().unwrap_or(""),
            service_name: &s.service_name,
            environment: &s.environment,
            resource_attributes: s.resource_attributes.as_deref().unwrap_or(""),
            traceparent: std::env::var("TRACEPARENT").ok().as_deref(),
        })
    }

    /// From the settings' values (tests and benchmarks build one directly).
    pub fn from_parts(p: &Parts<'_>) -> Otlp {
        let mut attrs = vec![kv("service.name", string(p.service_name))];
        attrs.push(kv("service.version", string(env!("CARGO_PKG_VERSION"))));
        if let Some(h) = hostname() {
            attrs.push(kv("host.name", string(&h)));
        }
        attrs.push(kv("deployment.environment.name", string(p.environment)));
        // OTEL_RESOURCE_ATTRIBUTES overrides the defaults above, key by key.
        for (k, v) in parse_pairs(p.resource_attributes) {
            attrs.retain(|a| a.key != k);
            attrs.push(kv(&k, string(&v)));
        }
        let resource = Resource {
            attributes: attrs,
            ..Default::default()
        };
        let scope = InstrumentationScope {
            name: "auralog".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            ..Default::default()
        };
        let protocol = if p.protocol == "http/json" {
            Protocol::Json
        } else {
            Protocol::Protobuf
        };
        let envelope = Envelope::of(protocol, &resource, &scope);
        Otlp {
            url: p.url.to_string(),
            protocol,
            headers: parse_pairs(p.headers),
            environment: p.environment.to_string(),
            plain_environment: plain(p.environment),
            envelope,
            traceparent: p.traceparent.and_then(span_of),
        }
    }

    pub fn content_type(&self) -> &'static str {
        match self.protocol {
            Protocol::Protobuf => "application/x-protobuf",
            Protocol::Json => "application/json",
        }
    }

    /// One entry as a LogRecord (the mapping table above).
    pub fn record(&self, e: &Entry, observed_nanos: u64) -> LogRecord {
        let mut r = LogRecord::default();
        self.fill(e, observed_nanos, &mut r, &mut Kept::default());
        r
    }

    /// [`Otlp::record`] into a record kept from the entry before: its
    /// strings and attribute list are overwritten in place, so encoding an
    /// entry allocates nothing once the scratch record has grown.
    fn fill(&self, e: &Entry, observed_nanos: u64, r: &mut LogRecord, cache: &mut Kept) {
        r.time_unix_nano = parse_rfc3339(e.timestamp.as_bytes(), false)
            .map(|us| (us.max(0) as u64).saturating_mul(1000))
            .unwrap_or(observed_nanos);
        set_string_value(r.body.get_or_insert_with(AnyValue::default), &e.message);
        self.set_trace(&e.trace_id, r, cache);
        let mut n = 0;
        for (k, v) in &e.metadata {
            // Two keys can name one attribute (`errorName` and
            // `exception.type`): one attribute, as from the wire JSON.
            let i = slot_of(
                &mut r.attributes,
                &mut cache.keys,
                &mut n,
                attribute_name(k),
            );
            fill_any(
                r.attributes[i].value.get_or_insert_with(AnyValue::default),
                v,
            );
        }
        self.finish(
            r,
            &mut cache.keys,
            n,
            e.level,
            observed_nanos,
            e.stack_trace.as_deref(),
            Some(e.environment.as_str()),
        );
    }

    /// `traceId`, and `spanId` when it is TRACEPARENT's trace; none for
    /// an entry without a trace id (not the hash of "": the cache starts
    /// empty, and an entry's record must not depend on the one before).
    fn set_trace(&self, id: &str, r: &mut LogRecord, cache: &mut Kept) {
        self.trace_into(id, cache);
        cache.apply(r);
    }

    /// The cache's `traceId` and `spanId` bytes made `id`'s.
    fn trace_into(&self, id: &str, cache: &mut Kept) {
        if cache.id != id {
            cache.id.clear();
            cache.id.push_str(id);
            let hex = if id.is_empty() {
                String::new()
            } else {
                trace_id::to_w3c(id)
            };
            cache.bytes = hex_bytes(&hex);
            cache.span = match &self.traceparent {
                Some((t, span)) if *t == hex => span.clone(),
                _ => Vec::new(),
            };
            cache.plain = plain(id);
        }
    }

    /// The record's level and observed time, and after its `n` metadata
    /// attributes: the stack trace, the environment when it is not the
    /// resource's, and no attributes left over from the record before.
    #[allow(clippy::too_many_arguments)] // the parts every reader ends with
    fn finish(
        &self,
        r: &mut LogRecord,
        keys: &mut Vec<String>,
        mut n: usize,
        level: Level,
        observed: u64,
        stack: Option<&str>,
        environment: Option<&str>,
    ) {
        r.observed_time_unix_nano = observed;
        r.severity_number = severity_number(level);
        set_str(&mut r.severity_text, severity_text(level));
        // Over a metadata attribute of the same name: attribute keys are
        // unique in OTLP.
        if let Some(st) = stack {
            let i = slot_of(&mut r.attributes, keys, &mut n, "exception.stacktrace");
            set_string_value(
                r.attributes[i].value.get_or_insert_with(AnyValue::default),
                st,
            );
        }
        let environment = environment.unwrap_or("");
        if environment != self.environment {
            let i = slot_of(
                &mut r.attributes,
                keys,
                &mut n,
                "deployment.environment.name",
            );
            set_string_value(
                r.attributes[i].value.get_or_insert_with(AnyValue::default),
                environment,
            );
        }
        r.attributes.truncate(n);
        keys.truncate(n);
    }

    /// [`attempt`] for this output: a header value (a secret) the receiver
    /// echoed in its answer is masked, since the answer is printed and
    /// kept in the spool.
    pub fn answer(
        &self,
        status: u16,
        retry_after: Option<&str>,
        content_type: &str,
        body: &[u8],
    ) -> (super::Attempt, Option<(u64, String)>) {
        let (mut a, mut partial) = attempt(status, retry_after, content_type, body);
        let mask = |m: &mut String| {
            for (_, v) in &self.headers {
                if v.len() >= 4 && m.contains(v.as_str()) {
                    *m = m.replace(v.as_str(), "****");
                }
            }
        };
        match &mut a {
            super::Attempt::Reject { message, .. } | super::Attempt::Partial { message, .. } => {
                mask(message);
            }
            super::Attempt::Retry { reason, .. } => mask(reason),
            super::Attempt::Delivered => {}
        }
        if let Some((_, why)) = &mut partial {
            mask(why);
        }
        (a, partial)
    }

    /// The observed time of entries encoded now, in nanoseconds.
    pub fn observed_now() -> u64 {
        (now().max(0) as u64) * 1000
    }

    /// Append one entry, encoded, to a batch buffer. Protobuf: the record as
    /// field 2 of `ScopeLogs` (key, length, message), so a batch is the
    /// scope's records already. JSON: the record's OTLP JSON object.
    pub fn encode(&self, e: &Entry, out: &mut Vec<u8>) {
        SCRATCH.with(|cell| {
            let (r, cache) = &mut *cell.borrow_mut();
            self.fill(e, (now().max(0) as u64) * 1000, r, cache);
            self.write_record(r, out);
        });
    }

    /// [`Otlp::encode`] of an entry given as its wire JSON (what tail-stdin
    /// and ingest build on their reading threads), read straight into the
    /// scratch record: no `Entry`, no `serde_json::Value` tree, strings
    /// without escapes borrowed from the JSON. False (and nothing written)
    /// when it is not an entry's wire JSON.
    pub fn encode_json(&self, json: &[u8], out: &mut Vec<u8>) -> bool {
        self.encode_json_at(json, (now().max(0) as u64) * 1000, out)
    }

    /// [`Otlp::encode_json`] with the observed time given: the entries of
    /// a batch made elsewhere are encoded at one instant, so the clock is
    /// read once for all of them.
    pub fn encode_json_at(&self, json: &[u8], observed: u64, out: &mut Vec<u8>) -> bool {
        // One UTF-8 check for the whole entry; then every string is a
        // slice of it, cut at ASCII quotes.
        let Ok(text) = std::str::from_utf8(json) else {
            return false;
        };
        SCRATCH.with(|cell| {
            let (r, cache) = &mut *cell.borrow_mut();
            // auralog's own layout first; anything else read from the start.
            if read_written(self, text, r, cache, observed).is_none()
                && read_wire(self, text, r, cache, observed).is_none()
            {
                return false;
            }
            self.write_record(r, out);
            true
        })
    }

    fn write_record(&self, r: &LogRecord, out: &mut Vec<u8>) {
        match self.protocol {
            Protocol::Protobuf => prost::encoding::message::encode(2, r, out),
            Protocol::Json => serde_json::to_writer(&mut *out, r).expect("record serialises"),
        }
    }

    /// The request body for a batch `encode` built: `body` holds the records
    /// joined by one separator byte, `ends[i]` the offset just past record i.
    /// One resource and one scope for the whole batch.
    pub fn body(&self, body: &[u8], ends: &[usize], out: &mut Vec<u8>) {
        let whole = self.request_body(body, ends, out).to_vec();
        *out = whole;
    }

    /// [`Otlp::body`] as the request sends it: JSON in three pieces (the
    /// envelope's head, built in `out`, the batch as it is, the tail), so
    /// the batch is not copied; protobuf whole in `out` (its records are
    /// copied once, without the batcher's commas).
    pub fn request_body<'b>(
        &self,
        body: &'b [u8],
        ends: &[usize],
        out: &'b mut Vec<u8>,
    ) -> super::encoder::Body<'b> {
        out.clear();
        match &self.envelope {
            Envelope::Json { head } => {
                // The batcher joins with commas: the records are a JSON list.
                out.extend_from_slice(head);
                super::encoder::Body([&out[..], body, b"]}]}]}"])
            }
            Envelope::Protobuf { resource, scope } => {
                // ExportLogsServiceRequest { resource_logs = 1: ResourceLogs {
                //   resource = 1, scope_logs = 2: ScopeLogs { scope = 1,
                //   log_records = 2 (the batch, already keyed) } } },
                // lengths first, so the records are copied once.
                let records_len = body.len() - ends.len().saturating_sub(1);
                let scope_logs_len = scope.len() + records_len;
                let resource_logs_len = resource.len()
                    + prost::encoding::key_len(2)
                    + prost::encoding::encoded_len_varint(scope_logs_len as u64)
                    + scope_logs_len;
                out.reserve(resource_logs_len + 16);
                encode_key(1, WireType::LengthDelimited, out);
                encode_varint(resource_logs_len as u64, out);
                out.extend_from_slice(resource);
                encode_key(2, WireType::LengthDelimited, out);
                encode_varint(scope_logs_len as u64, out);
                out.extend_from_slice(scope);
                let mut start = 0;
                for &end in ends {
                    out.extend_from_slice(&body[start..end]);
                    start = end + 1;
                }
                super::encoder::Body::whole(&out[..])
            }
        }
    }
}

/// An entry from its parts (ingest's records, `formats::EntryWriter::encode`)
/// into the scratch record: the mapping of [`Otlp::fill`] without the
/// entry's wire JSON written and read back. The same record as
/// [`Otlp::encode_json`] of that JSON (a test compares the two over the
/// reading corpora).
impl EncodeParts for Otlp {
    fn encode_parts(&self, e: &EntryParts<'_>, observed_micros: i64, out: &mut Vec<u8>) {
        let observed = (observed_micros.max(0) as u64).saturating_mul(1000);
        if self.protocol == Protocol::Protobuf {
            let done = DIRECT.with(|cell| {
                let d = &mut *cell.borrow_mut();
                self.write_direct(e, observed, d).inspect(|()| {
                    out.push(0x12); // ScopeLogs.log_records = 2, length-delimited
                    varint(d.body.len() as u64, out);
                    out.extend_from_slice(&d.body);
                })
            });
            if done.is_some() {
                return;
            }
        }
        SCRATCH.with(|cell| {
            let (r, cache) = &mut *cell.borrow_mut();
            r.time_unix_nano = (e.time_micros.max(0) as u64).saturating_mul(1000);
            set_string_value(r.body.get_or_insert_with(AnyValue::default), e.message);
            self.set_trace(e.trace_id, r, cache);
            let mut n = 0;
            let (attrs, keys) = (&mut r.attributes, &mut cache.keys);
            (e.metadata)(&mut |k, v| {
                // The key the record before had at this slot (`Kept::keys`),
                // else named and looked up among the slots so far.
                let i = if n < keys.len() && keys[n] == k {
                    n += 1;
                    n - 1
                } else {
                    let before = n;
                    let i = slot_of(attrs, keys, &mut n, attribute_name(k));
                    if n > before && keys.len() == i && plain(k) {
                        keys.push(k.to_string());
                    }
                    i
                };
                Flat::of(v).fill(attrs[i].value.get_or_insert_with(AnyValue::default));
            });
            self.finish(
                r,
                &mut cache.keys,
                n,
                e.level,
                observed,
                e.stack_trace,
                Some(e.environment),
            );
            self.write_record(r, out);
        });
    }
}

thread_local! {
    /// [`Otlp::write_direct`]'s record buffer and what it keeps between
    /// records (its own: the general path's [`Kept::keys`] are plain JSON keys).
    static DIRECT: std::cell::RefCell<Direct> = Default::default();
}

#[derive(Default)]
struct Direct {
    /// The LogRecord being written.
    body: Vec<u8>,
    /// The trace id cache as [`Otlp::set_trace`] keeps it.
    kept: Kept,
    /// The raw metadata keys of the attributes written so far in this
    /// record, then those of the record before from there on, each with its
    /// attribute name when that is not the key ([`renamed`]); pairwise
    /// distinct names throughout. A key met where the record before had it
    /// is neither named nor looked up.
    keys: Vec<(String, Option<&'static str>)>,
}

fn name_of<'a>(k: &'a (String, Option<&'static str>)) -> &'a str {
    k.1.unwrap_or(&k.0)
}

/// prost's `encode_varint` with the one-byte case inline (most lengths).
#[inline]
fn varint(v: u64, out: &mut Vec<u8>) {
    if v < 0x80 {
        out.push(v as u8);
    } else {
        encode_varint(v, out);
    }
}

/// A flat attribute value, as [`Otlp::write_direct`] writes it.
enum Flat<'a> {
    Str(std::borrow::Cow<'a, str>),
    Int(i64),
    Double(f64),
    Bool(bool),
    /// JSON null: an AnyValue with no value.
    Null,
    /// An object or array (a kvlist or array value), by prost.
    Nested(AnyValue),
}

impl Flat<'_> {
    /// The encoded length of the AnyValue holding it.
    fn len(&self) -> usize {
        match self {
            Flat::Str(s) => 1 + prost::encoding::encoded_len_varint(s.len() as u64) + s.len(),
            Flat::Int(i) => 1 + prost::encoding::encoded_len_varint(*i as u64),
            Flat::Double(_) => 9,
            Flat::Bool(_) => 2,
            Flat::Null => 0,
            Flat::Nested(a) => a.encoded_len(),
        }
    }

    /// The AnyValue's fields (`string_value` = 1, `bool_value` = 2,
    /// `int_value` = 3, `double_value` = 4; a oneof: written even when 0).
    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Flat::Str(s) => put_str(0x0a, s, out),
            Flat::Int(i) => {
                out.push(0x18);
                varint(*i as u64, out);
            }
            Flat::Double(x) => {
                out.push(0x21);
                out.extend_from_slice(&x.to_le_bytes());
            }
            Flat::Bool(b) => out.extend_from_slice(&[0x10, u8::from(*b)]),
            Flat::Null => {}
            Flat::Nested(a) => a.encode_raw(out),
        }
    }

    /// Into an AnyValue kept from before (a string's buffer reused): the
    /// general path's reading of a value, the same as the direct one.
    fn fill(self, to: &mut AnyValue) {
        use any_value::Value as V;
        to.value = match self {
            Flat::Str(s) => return set_string_value(to, &s),
            Flat::Int(i) => Some(V::IntValue(i)),
            Flat::Double(x) => Some(V::DoubleValue(x)),
            Flat::Bool(b) => Some(V::BoolValue(b)),
            Flat::Null => None,
            Flat::Nested(a) => a.value,
        };
    }

    fn of(v: MetaVal<'_>) -> Flat<'_> {
        match v {
            MetaVal::Str(s) => Flat::Str(s.into()),
            // Above i64::MAX: a double, as a JSON number is read.
            MetaVal::UInt(u) => i64::try_from(u).map_or(Flat::Double(u as f64), Flat::Int),
            MetaVal::Json(text) => {
                let mut c = Scan { s: text, i: 0 };
                c.ws();
                // Not JSON after all: kept as the text it is.
                c.flat().unwrap_or(Flat::Str(text.into()))
            }
        }
    }
}

/// A length-delimited string field, its key byte given.
fn put_str(key: u8, s: &str, out: &mut Vec<u8>) {
    out.push(key);
    varint(s.len() as u64, out);
    out.extend_from_slice(s.as_bytes());
}

/// One `attributes` entry (LogRecord field 6): KeyValue { key = 1, value = 2 }.
fn put_attribute(name: &str, v: &Flat<'_>, out: &mut Vec<u8>) {
    let any = v.len();
    let len = 1
        + prost::encoding::encoded_len_varint(name.len() as u64)
        + name.len()
        + 1
        + prost::encoding::encoded_len_varint(any as u64)
        + any;
    if len < 0x80 {
        // Every length one byte (the usual attribute): written in three
        // copies, room reserved once.
        out.reserve(len + 2);
        out.extend_from_slice(&[0x32, len as u8, 0x0a, name.len() as u8]);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&[0x12, any as u8]);
    } else {
        out.push(0x32);
        varint(len as u64, out);
        put_str(0x0a, name, out);
        out.push(0x12);
        varint(any as u64, out);
    }
    v.write(out);
}

impl Otlp {
    /// The LogRecord of [`EncodeParts::encode_parts`] written as protobuf
    /// by hand into `d.body` (prost's field order, the fields prost writes
    /// for the record `fill` makes; the parts tests compare them decoded):
    /// prost built a record and sized each nested message again at every
    /// level, 30% of an OTLP ingest's CPU. `None` when two keys name one
    /// attribute (a metadata key met twice, or the stack trace's or
    /// environment's attribute among the metadata): the general path
    /// merges those.
    fn write_direct(&self, e: &EntryParts<'_>, observed: u64, d: &mut Direct) -> Option<()> {
        let out = &mut d.body;
        out.clear();
        let time = (e.time_micros.max(0) as u64).saturating_mul(1000);
        if time != 0 {
            out.push(0x09);
            out.extend_from_slice(&time.to_le_bytes());
        }
        out.push(0x10);
        varint(severity_number(e.level) as u64, out);
        put_str(0x1a, severity_text(e.level), out);
        // body = 5: AnyValue { string_value = 1 }
        out.push(0x2a);
        varint(
            (1 + prost::encoding::encoded_len_varint(e.message.len() as u64) + e.message.len())
                as u64,
            out,
        );
        put_str(0x0a, e.message, out);
        let keys = &mut d.keys;
        let mut n = 0;
        let mut merged = false;
        (e.metadata)(&mut |k, v| {
            if merged {
                return;
            }
            if !(n < keys.len() && keys[n].0 == k) {
                keys.truncate(n);
                let to = renamed(k);
                let name = to.unwrap_or(k);
                if keys.iter().any(|o| name_of(o) == name) {
                    merged = true;
                    return;
                }
                keys.push((k.to_string(), to));
            }
            put_attribute(name_of(&keys[n]), &Flat::of(v), out);
            n += 1;
        });
        let taken = |name: &str| keys[..n].iter().any(|o| name_of(o) == name);
        let own_environment = e.environment != self.environment;
        if merged
            || (e.stack_trace.is_some() && taken("exception.stacktrace"))
            || (own_environment && taken("deployment.environment.name"))
        {
            return None;
        }
        if let Some(st) = e.stack_trace {
            put_attribute("exception.stacktrace", &Flat::Str(st.into()), out);
        }
        if own_environment {
            put_attribute(
                "deployment.environment.name",
                &Flat::Str(e.environment.into()),
                out,
            );
        }
        self.trace_into(e.trace_id, &mut d.kept);
        if !d.kept.bytes.is_empty() {
            out.push(0x4a);
            varint(d.kept.bytes.len() as u64, out);
            out.extend_from_slice(&d.kept.bytes);
        }
        if !d.kept.span.is_empty() {
            out.push(0x52);
            varint(d.kept.span.len() as u64, out);
            out.extend_from_slice(&d.kept.span);
        }
        if observed != 0 {
            out.push(0x59);
            out.extend_from_slice(&observed.to_le_bytes());
        }
        Some(())
    }
}

/// The request's envelope around a batch's records, serialised once.
#[derive(Debug, Clone)]
enum Envelope {
    /// Up to the `logRecords` list's `[`.
    Json { head: Vec<u8> },
    /// The resource and the scope, each keyed as field 1 of its parent.
    Protobuf { resource: Vec<u8>, scope: Vec<u8> },
}

impl Envelope {
    fn of(protocol: Protocol, resource: &Resource, scope: &InstrumentationScope) -> Envelope {
        match protocol {
            Protocol::Json => {
                let mut head = b"{\"resourceLogs\":[{\"resource\":".to_vec();
                serde_json::to_writer(&mut head, resource).expect("serialises");
                head.extend_from_slice(b",\"scopeLogs\":[{\"scope\":");
                serde_json::to_writer(&mut head, scope).expect("serialises");
                head.extend_from_slice(b",\"logRecords\":[");
                Envelope::Json { head }
            }
            Protocol::Protobuf => {
                // Each as field 1 of its parent, keyed and length-prefixed.
                let (mut r, mut sc) = (Vec::new(), Vec::new());
                prost::encoding::message::encode(1, resource, &mut r);
                prost::encoding::message::encode(1, scope, &mut sc);
                Envelope::Protobuf {
                    resource: r,
                    scope: sc,
                }
            }
        }
    }
}

/// What is kept from one entry to the next beside the record: the last
/// trace id seen and its 16 bytes and span id (entries of a run mostly
/// share one, and hashing it for each would cost more than the rest), and
/// the metadata keys of the record's first attributes as the wire JSON
/// wrote them (entries of one source mostly have the same keys in the same
/// order).
#[derive(Default)]
struct Kept {
    id: String,
    /// `id` is [`plain`]: a JSON string can be compared with it as it is.
    plain: bool,
    bytes: Vec<u8>,
    span: Vec<u8>,
    /// `keys[i]` is [`plain`], attribute `i` of the record is named
    /// `attribute_name(keys[i])`, and those names are distinct: a metadata
    /// key met at slot `i` that is `keys[i]` takes that slot without being
    /// read, named or looked up. Whatever writes an attribute's key at a
    /// slot first cuts `keys` there ([`slot_of`]).
    keys: Vec<String>,
}

impl Kept {
    /// The cached id's `traceId` and `spanId` into the record.
    fn apply(&self, r: &mut LogRecord) {
        set_bytes(&mut r.trace_id, &self.bytes);
        set_bytes(&mut r.span_id, &self.span);
    }
}

thread_local! {
    /// The record [`Otlp::encode`] fills, kept from one entry to the next.
    static SCRATCH: std::cell::RefCell<(LogRecord, Kept)> = Default::default();
    /// The last usual timestamp's `YYYY-MM-DD` and the microsecond its day
    /// starts (at first 0xff bytes, which UTF-8 text never holds).
    static DAY: std::cell::RefCell<([u8; 10], i64)> = const { std::cell::RefCell::new(([0xff; 10], 0)) };
}

/// A metadata key's attribute name ([`ATTRIBUTE_NAMES`], else itself).
fn attribute_name(k: &str) -> &str {
    renamed(k).unwrap_or(k)
}

/// A metadata key's attribute name when it is not the key itself.
fn renamed(k: &str) -> Option<&'static str> {
    ATTRIBUTE_NAMES
        .iter()
        .find(|(from, _)| *from == k)
        .map(|(_, to)| *to)
}

// ------------------------------------------- wire JSON straight to a record

/// A JSON string, borrowed from the input when it has no escapes.
struct Str<'a>(std::borrow::Cow<'a, str>);

impl<'de> serde::Deserialize<'de> for Str<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Str<'de>, E> {
                Ok(Str(std::borrow::Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Str<'de>, E> {
                Ok(Str(std::borrow::Cow::Owned(s.to_string())))
            }
            fn visit_string<E>(self, s: String) -> Result<Str<'de>, E> {
                Ok(Str(std::borrow::Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// [`read_wire`] of the wire JSON as auralog writes it (`Entry::write_json`'s
/// keys in its order, no spaces), with what repeats from one entry to the
/// next (the environment, the trace id) compared where it stands instead
/// of read and looked up. `None` at the first byte out of that layout: the
/// caller reads the entry again with [`read_wire`], which sets every field
/// this sets.
fn read_written(
    o: &Otlp,
    text: &str,
    r: &mut LogRecord,
    cache: &mut Kept,
    observed: u64,
) -> Option<()> {
    let mut c = Scan { s: text, i: 0 };
    c.lit(b"{\"level\":")?;
    let level = c.level()?;
    c.lit(b",\"message\":")?;
    set_string_value(r.body.get_or_insert_with(AnyValue::default), &c.string()?);
    c.lit(b",\"environment\":")?;
    let environment = if o.plain_environment && c.plain_string(&o.environment) {
        None
    } else {
        Some(c.string()?)
    };
    c.lit(b",\"timestamp\":")?;
    let us = match c.usual_time() {
        Some(us) => Some(us),
        None => micros_of(c.string()?.as_bytes()),
    };
    r.time_unix_nano = us.map_or(observed, |us| (us.max(0) as u64).saturating_mul(1000));
    let mut n = 0;
    if c.lit(b",\"metadata\":").is_some() {
        n = c.metadata(&mut r.attributes, &mut cache.keys)?;
    }
    let mut stack = None;
    if c.lit(b",\"stackTrace\":").is_some() {
        if c.peek() == Some(b'"') {
            stack = Some(c.string()?);
        } else {
            c.literal()?;
        }
    }
    if c.lit(b",\"traceId\":").is_some() {
        if cache.plain && c.plain_string(&cache.id) {
            cache.apply(r);
        } else {
            o.set_trace(&c.string()?, r, cache);
        }
    } else {
        o.set_trace("", r, cache);
    }
    c.lit(b"}")?;
    (c.i == text.len()).then_some(())?;
    o.finish(
        r,
        &mut cache.keys,
        n,
        level,
        observed,
        stack.as_deref(),
        Some(environment.as_deref().unwrap_or(&o.environment)),
    );
    Some(())
}

/// Whether `s` is written in JSON as it is (no quote or backslash to
/// escape), so a JSON string can be compared with it byte for byte.
fn plain(s: &str) -> bool {
    crate::fastjson::plain_run(s.as_bytes(), 0) == s.len()
}

/// One entry's wire JSON (PROTOCOL.md: the keys `level`, `message`,
/// `environment`, `timestamp`, `metadata`, `stackTrace`, `traceId`) read
/// into the scratch record, the mapping of [`Otlp::fill`]. A hand-made
/// reader for the fixed keys (strings without escapes are slices of the
/// input; those with escapes, `metadata` and anything else go through
/// serde_json); `None` when it is not an entry (no valid `level`, not JSON).
fn read_wire(
    o: &Otlp,
    text: &str,
    r: &mut LogRecord,
    cache: &mut Kept,
    observed: u64,
) -> Option<()> {
    let mut c = Scan { s: text, i: 0 };
    c.ws();
    c.eat(b'{')?;
    let mut level = None;
    let (mut message, mut time, mut trace) = (false, false, false);
    let mut environment: Option<std::borrow::Cow<'_, str>> = None;
    let mut stack: Option<std::borrow::Cow<'_, str>> = None;
    let mut n = 0;
    c.ws();
    if c.peek() == Some(b'}') {
        c.i += 1;
    } else {
        loop {
            c.ws();
            let key = c.string()?;
            c.ws();
            c.eat(b':')?;
            c.ws();
            match &*key {
                "level" => {
                    level = match &*c.string()? {
                        // As auralog writes them; anything else as a word.
                        "debug" => Some(Level::Debug),
                        "info" => Some(Level::Info),
                        "warn" => Some(Level::Warn),
                        "error" => Some(Level::Error),
                        "fatal" => Some(Level::Fatal),
                        other => Level::from_word(other),
                    }
                }
                "message" => {
                    set_string_value(r.body.get_or_insert_with(AnyValue::default), &c.string()?);
                    message = true;
                }
                "environment" => environment = Some(c.string()?),
                "timestamp" => {
                    r.time_unix_nano = micros_of(c.string()?.as_bytes())
                        .map_or(observed, |us| (us.max(0) as u64).saturating_mul(1000));
                    time = true;
                }
                "traceId" => {
                    o.set_trace(&c.string()?, r, cache);
                    trace = true;
                }
                "stackTrace" if c.peek() == Some(b'"') => stack = Some(c.string()?),
                "metadata" => n = c.metadata(&mut r.attributes, &mut cache.keys)?,
                _ => c.skip()?,
            }
            c.ws();
            match c.peek()? {
                b',' => c.i += 1,
                b'}' => {
                    c.i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    c.ws();
    if c.i != text.len() {
        return None;
    }
    let level = level?;
    if !message {
        set_string_value(r.body.get_or_insert_with(AnyValue::default), "");
    }
    if !time {
        r.time_unix_nano = observed;
    }
    if !trace {
        o.set_trace("", r, cache);
    }
    o.finish(
        r,
        &mut cache.keys,
        n,
        level,
        observed,
        stack.as_deref(),
        environment.as_deref(),
    );
    Some(())
}

/// A JSON `true`/`false` (as an AnyValue's value) or `null`.
enum Literal {
    Value(any_value::Value),
    Null,
}

/// A cursor over one entry's JSON text.
struct Scan<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Scan<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.i += 1)
    }

    /// Past `lit` if the text at the cursor starts with it (its length a
    /// constant: compared inline, not by a memcmp call).
    fn lit<const N: usize>(&mut self, lit: &[u8; N]) -> Option<()> {
        let at = self.s.as_bytes().get(self.i..self.i + N)?;
        (at == lit).then(|| self.i += N)
    }

    /// A level as auralog writes it (`"info"`), by its quoted word.
    fn level(&mut self) -> Option<Level> {
        let words: [(&[u8; 6], Level); 2] =
            [(b"\"info\"", Level::Info), (b"\"warn\"", Level::Warn)];
        for (w, l) in words {
            if self.lit(w).is_some() {
                return Some(l);
            }
        }
        let words: [(&[u8; 7], Level); 3] = [
            (b"\"error\"", Level::Error),
            (b"\"debug\"", Level::Debug),
            (b"\"fatal\"", Level::Fatal),
        ];
        words.into_iter().find_map(|(w, l)| self.lit(w).map(|()| l))
    }

    /// A timestamp as auralog writes it (`"YYYY-MM-DDTHH:MM:SS.ffffffZ"`),
    /// in microseconds; `None` (the cursor kept) for any other string.
    fn usual_time(&mut self) -> Option<i64> {
        let b = self.s.as_bytes().get(self.i..self.i + 29)?;
        if b[0] != b'"' || b[28] != b'"' || !usual(&b[1..28]) {
            return None;
        }
        // micros_of checks every other byte of the usual form (digits): no
        // quote or backslash is inside when it reads it.
        let us = micros_of(&b[1..28])?;
        self.i += 29;
        Some(us)
    }

    /// Past the JSON string at the cursor if it is `s` written as it is
    /// (`s` [`plain`]: then that string's value is `s`).
    fn plain_string(&mut self, s: &str) -> bool {
        let rest = &self.s.as_bytes()[self.i..];
        let n = s.len();
        let hit = rest.len() > n + 1
            && rest[0] == b'"'
            && rest[n + 1] == b'"'
            && &rest[1..=n] == s.as_bytes();
        if hit {
            self.i += n + 2;
        }
        hit
    }

    /// A JSON string at the cursor: a slice of the input when it has no
    /// escapes, else unescaped by serde_json.
    fn string(&mut self) -> Option<std::borrow::Cow<'a, str>> {
        if self.peek()? != b'"' {
            return None;
        }
        // The end of its plain run: its closing quote when it has no
        // escapes (auralog's own JSON holds no raw control bytes).
        let end = crate::fastjson::plain_run(self.s.as_bytes(), self.i + 1);
        if self.s.as_bytes().get(end) == Some(&b'"') {
            let v = &self.s[self.i + 1..end];
            self.i = end + 1;
            return Some(std::borrow::Cow::Borrowed(v));
        }
        self.serde(std::marker::PhantomData::<String>)
            .map(std::borrow::Cow::Owned)
    }

    /// `metadata` into the record's first attributes (slots reused, a
    /// repeated key's last value kept, as a JSON object read into a map
    /// does); flat values by hand, objects and arrays by serde_json.
    fn metadata(&mut self, attrs: &mut Vec<KeyValue>, keys: &mut Vec<String>) -> Option<usize> {
        if self.peek()? != b'{' {
            // Not an object (`null`): no metadata, as the Entry reading has it.
            self.skip()?;
            return Some(0);
        }
        self.i += 1;
        let mut n = 0;
        self.ws();
        if self.peek()? == b'}' {
            self.i += 1;
            return Some(0);
        }
        loop {
            self.ws();
            // The key the record before had at this slot ([`Kept::keys`]),
            // else read, named and looked up among the slots so far.
            let i = if n < keys.len() && self.plain_string(&keys[n]) {
                n += 1;
                n - 1
            } else {
                let key = self.string()?;
                let before = n;
                let i = slot_of(attrs, keys, &mut n, attribute_name(&key));
                if n > before && keys.len() == i && plain(&key) {
                    keys.push(key.into_owned());
                }
                i
            };
            self.ws();
            self.eat(b':')?;
            self.ws();
            self.value_into(attrs[i].value.get_or_insert_with(AnyValue::default))?;
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Some(n);
                }
                _ => return None,
            }
        }
    }

    /// The JSON value at the cursor into `to`, its type kept as [`any`]
    /// keeps it: flat values by hand, objects and arrays by serde_json.
    fn value_into(&mut self, to: &mut AnyValue) -> Option<()> {
        self.flat()?.fill(to);
        Some(())
    }

    /// The JSON value at the cursor as a [`Flat`].
    fn flat(&mut self) -> Option<Flat<'a>> {
        match self.peek()? {
            b'"' => self.string().map(Flat::Str),
            b'-' | b'0'..=b'9' => self.number().map(|n| match n {
                any_value::Value::IntValue(i) => Flat::Int(i),
                any_value::Value::DoubleValue(x) => Flat::Double(x),
                _ => Flat::Null,
            }),
            b'{' | b'[' => {
                let mut a = AnyValue::default();
                self.serde(FillAny(&mut a)).map(|()| Flat::Nested(a))
            }
            _ => self.literal().map(|l| match l {
                Literal::Value(any_value::Value::BoolValue(b)) => Flat::Bool(b),
                _ => Flat::Null,
            }),
        }
    }

    /// A JSON number, typed as [`any`] types it: an integer that fits i64
    /// is an `intValue`, anything else a `doubleValue`.
    fn number(&mut self) -> Option<any_value::Value> {
        let b = self.s.as_bytes();
        let start = self.i;
        let mut end = start;
        let mut integer = true;
        while let Some(&c) = b.get(end) {
            match c {
                b'0'..=b'9' | b'-' | b'+' => {}
                b'.' | b'e' | b'E' => integer = false,
                _ => break,
            }
            end += 1;
        }
        let t = &self.s[start..end];
        self.i = end;
        // Short plain integers (what metadata mostly holds) without
        // `str::parse`: at most 18 digits cannot overflow.
        let (neg, digits) = match t.as_bytes() {
            [b'-', rest @ ..] => (true, rest),
            all => (false, all),
        };
        if integer && (1..=18).contains(&digits.len()) {
            if let Some(v) = num(digits) {
                return Some(any_value::Value::IntValue(if neg { -v } else { v }));
            }
        }
        if integer {
            if let Ok(i) = t.parse::<i64>() {
                return Some(any_value::Value::IntValue(i));
            }
        }
        // Checked as JSON (no `+1`, `01` or `1.`), then read as a double.
        serde_json::from_str::<serde::de::IgnoredAny>(t).ok()?;
        t.parse::<f64>().ok().map(any_value::Value::DoubleValue)
    }

    /// `true` or `false` (as the value) or `null` (no value) at the cursor.
    fn literal(&mut self) -> Option<Literal> {
        let rest = &self.s.as_bytes()[self.i..];
        let (v, len) = if rest.starts_with(b"true") {
            (Literal::Value(any_value::Value::BoolValue(true)), 4)
        } else if rest.starts_with(b"false") {
            (Literal::Value(any_value::Value::BoolValue(false)), 5)
        } else if rest.starts_with(b"null") {
            (Literal::Null, 4)
        } else {
            return None;
        };
        self.i += len;
        Some(v)
    }

    /// Past the JSON value at the cursor: flat values by hand, objects and
    /// arrays by serde_json.
    fn skip(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'-' | b'0'..=b'9' => self.number().map(drop),
            b'{' | b'[' => self.raw().map(drop),
            _ => self.literal().map(drop),
        }
    }

    /// The text of the JSON value at the cursor (serde_json finds its end).
    fn raw(&mut self) -> Option<&'a str> {
        let mut values = serde_json::Deserializer::from_str(&self.s[self.i..])
            .into_iter::<&'a serde_json::value::RawValue>();
        let v = values.next()?.ok()?;
        self.i += values.byte_offset();
        Some(v.get())
    }

    /// The JSON value at the cursor, read by serde_json with `seed`.
    fn serde<T: serde::de::DeserializeSeed<'a>>(&mut self, seed: T) -> Option<T::Value> {
        let raw = self.raw()?;
        seed.deserialize(&mut serde_json::Deserializer::from_str(raw))
            .ok()
    }
}

/// Whether `ts` has the separators of auralog's timestamps
/// (`YYYY-MM-DDTHH:MM:SS.ffffffZ`; the digits are [`micros_of`]'s to check).
fn usual(ts: &[u8]) -> bool {
    ts.len() == 27
        && ts[4] == b'-'
        && ts[7] == b'-'
        && ts[10] == b'T'
        && ts[13] == b':'
        && ts[16] == b':'
        && ts[19] == b'.'
        && ts[26] == b'Z'
}

/// Decimal digits as a number, `None` if any byte is not a digit.
fn num(b: &[u8]) -> Option<i64> {
    b.iter().try_fold(0i64, |acc, d| {
        d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
    })
}

/// [`parse_rfc3339`] of a wire timestamp, with the day of the timestamp
/// before kept: entries of a run mostly share their date, so the usual
/// form (`YYYY-MM-DDTHH:MM:SS.ffffffZ`, as auralog writes it) is read as
/// the time of day on that day, checked as `parse_rfc3339` checks it.
fn micros_of(ts: &[u8]) -> Option<i64> {
    if !usual(ts) {
        return parse_rfc3339(ts, false).ok();
    }
    let (h, mi, sec) = (num(&ts[11..13])?, num(&ts[14..16])?, num(&ts[17..19])?);
    // A leap second (60) is parse_rfc3339's to fold.
    if h > 23 || mi > 59 || sec > 59 {
        return parse_rfc3339(ts, false).ok();
    }
    let time_of_day = ((h * 60 + mi) * 60 + sec) * 1_000_000 + num(&ts[20..26])?;
    let day = DAY.with(|c| {
        let (date, start) = &*c.borrow();
        (date[..] == ts[..10]).then_some(*start)
    });
    if let Some(start) = day {
        return Some(start + time_of_day);
    }
    let us = parse_rfc3339(ts, false).ok()?;
    DAY.with(|c| {
        let (date, start) = &mut *c.borrow_mut();
        date.copy_from_slice(&ts[..10]);
        *start = us - time_of_day;
    });
    Some(us)
}

/// A JSON value into an AnyValue, its type kept as [`any`] keeps it
/// (a string's buffer reused).
struct FillAny<'r>(&'r mut AnyValue);

impl<'de> serde::de::DeserializeSeed<'de> for FillAny<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for FillAny<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<(), E> {
        self.0.value = Some(any_value::Value::BoolValue(b));
        Ok(())
    }

    fn visit_i64<E>(self, i: i64) -> Result<(), E> {
        self.0.value = Some(any_value::Value::IntValue(i));
        Ok(())
    }

    fn visit_u64<E>(self, u: u64) -> Result<(), E> {
        // Above i64::MAX: a double, as `any` does.
        self.0.value = Some(match i64::try_from(u) {
            Ok(i) => any_value::Value::IntValue(i),
            Err(_) => any_value::Value::DoubleValue(u as f64),
        });
        Ok(())
    }

    fn visit_f64<E>(self, x: f64) -> Result<(), E> {
        self.0.value = Some(any_value::Value::DoubleValue(x));
        Ok(())
    }

    fn visit_str<E>(self, s: &str) -> Result<(), E> {
        set_string_value(self.0, s);
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.0.value = None;
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut s: A) -> Result<(), A::Error> {
        let mut values = Vec::new();
        loop {
            let mut v = AnyValue::default();
            if s.next_element_seed(FillAny(&mut v))?.is_none() {
                break;
            }
            values.push(v);
        }
        self.0.value = Some(any_value::Value::ArrayValue(ArrayValue { values }));
        Ok(())
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<(), A::Error> {
        // A map keeps one value per key (the last), in key order, as
        // `serde_json::Map` does for `any`.
        let mut values: Vec<KeyValue> = Vec::new();
        while let Some(Str(key)) = m.next_key::<Str<'de>>()? {
            let mut v = AnyValue::default();
            m.next_value_seed(FillAny(&mut v))?;
            match values.binary_search_by(|kv| kv.key.as_str().cmp(&key)) {
                Ok(i) => values[i].value = Some(v),
                Err(i) => values.insert(
                    i,
                    KeyValue {
                        key: key.into_owned(),
                        value: Some(v),
                        ..Default::default()
                    },
                ),
            }
        }
        self.0.value = Some(any_value::Value::KvlistValue(KeyValueList { values }));
        Ok(())
    }
}

fn severity_text(l: Level) -> &'static str {
    match l {
        Level::Debug => "DEBUG",
        Level::Info => "INFO",
        Level::Warn => "WARN",
        Level::Error => "ERROR",
        Level::Fatal => "FATAL",
    }
}

fn set_str(to: &mut String, s: &str) {
    to.clear();
    to.push_str(s);
}

fn set_bytes(to: &mut Vec<u8>, b: &[u8]) {
    to.clear();
    to.extend_from_slice(b);
}

/// Attribute `n` of the list, named `key`: the one there reused, or a new
/// one. The kept metadata keys ([`Kept::keys`]) are cut at `n`: they no
/// longer say what slot `n` is named.
fn slot<'a>(
    attrs: &'a mut Vec<KeyValue>,
    keys: &mut Vec<String>,
    n: usize,
    key: &str,
) -> &'a mut KeyValue {
    keys.truncate(n);
    if n == attrs.len() {
        attrs.push(KeyValue::default());
    }
    let a = &mut attrs[n];
    // Mostly the key the record before had there.
    if a.key != key {
        set_str(&mut a.key, key);
    }
    a
}

/// The index of the attribute `key` among the first `n` (a key met twice
/// in one metadata object keeps one attribute), or a new slot for it.
fn slot_of(attrs: &mut Vec<KeyValue>, keys: &mut Vec<String>, n: &mut usize, key: &str) -> usize {
    if let Some(i) = attrs[..*n].iter().position(|a| a.key == key) {
        return i;
    }
    slot(attrs, keys, *n, key);
    *n += 1;
    *n - 1
}

fn set_string_value(to: &mut AnyValue, s: &str) {
    match &mut to.value {
        Some(any_value::Value::StringValue(v)) => set_str(v, s),
        other => *other = Some(any_value::Value::StringValue(s.to_string())),
    }
}

/// [`any`] into an AnyValue kept from before (a string's buffer reused).
fn fill_any(to: &mut AnyValue, v: &Value) {
    match v {
        Value::String(s) => set_string_value(to, s),
        _ => *to = any(v),
    }
}

pub fn severity_number(l: Level) -> i32 {
    match l {
        Level::Debug => 5,
        Level::Info => 9,
        Level::Warn => 13,
        Level::Error => 17,
        Level::Fatal => 21,
    }
}

fn kv(k: &str, v: AnyValue) -> KeyValue {
    KeyValue {
        key: k.to_string(),
        value: Some(v),
        ..Default::default()
    }
}

fn string(s: &str) -> AnyValue {
    AnyValue {
        value: Some(any_value::Value::StringValue(s.to_string())),
    }
}

/// A JSON value as an AnyValue, its type kept.
pub fn any(v: &Value) -> AnyValue {
    use any_value::Value as V;
    let value = match v {
        Value::Null => None,
        Value::Bool(b) => Some(V::BoolValue(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Some(V::IntValue(i)),
            // u64 above i64::MAX and every fraction: a double.
            None => Some(V::DoubleValue(n.as_f64().unwrap_or(0.0))),
        },
        Value::String(s) => Some(V::StringValue(s.clone())),
        Value::Array(a) => Some(V::ArrayValue(ArrayValue {
            values: a.iter().map(any).collect(),
        })),
        Value::Object(o) => Some(V::KvlistValue(KeyValueList {
            values: o.iter().map(|(k, v)| kv(k, any(v))).collect(),
        })),
    };
    AnyValue { value }
}

/// An AnyValue as JSON (serve's side).
pub fn json_of(v: &AnyValue) -> Value {
    use any_value::Value as V;
    match &v.value {
        Some(V::StringValue(s)) => Value::String(s.clone()),
        Some(V::BoolValue(b)) => Value::Bool(*b),
        Some(V::IntValue(i)) => Value::from(*i),
        Some(V::DoubleValue(d)) => Value::from(*d),
        Some(V::ArrayValue(a)) => Value::Array(a.values.iter().map(json_of).collect()),
        Some(V::KvlistValue(l)) => Value::Object(
            l.values
                .iter()
                .map(|kv| {
                    (
                        kv.key.clone(),
                        kv.value.as_ref().map_or(Value::Null, json_of),
                    )
                })
                .collect(),
        ),
        Some(V::BytesValue(b)) => Value::String(b.iter().map(|x| format!("{x:02x}")).collect()),
        // No value, or a kind added to the protocol after this was written.
        #[allow(unreachable_patterns)]
        None | Some(_) => Value::Null,
    }
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
        .collect()
}

/// TRACEPARENT's trace id (the same form `trace_id::to_w3c` gives) and its
/// parent id as span id bytes.
fn span_of(tp: &str) -> Option<(String, Vec<u8>)> {
    let dashed = trace_id::parse_traceparent(tp).ok()?;
    let parent = tp.trim().split('-').nth(2)?;
    Some((trace_id::to_w3c(&dashed), hex_bytes(parent)))
}

/// `k=v,k2=v2` (OTEL_EXPORTER_OTLP_HEADERS, OTEL_RESOURCE_ATTRIBUTES):
/// trimmed, percent-decoded (the W3C Baggage octets the spec names), pairs
/// without `=` or key skipped.
pub fn parse_pairs(s: &str) -> Vec<(String, String)> {
    s.split(',')
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            let k = percent_decode(k.trim());
            (!k.is_empty()).then(|| (k, percent_decode(v.trim())))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(x) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(x);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hostname() -> Option<String> {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
}

/// What one answer from an OTLP receiver means (OTLP/HTTP, "Failures").
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// 2xx; `rejected` records the receiver refused in a partial success.
    Accepted { rejected: u64, message: String },
    /// 429, 502, 503, 504: try again (after Retry-After, if given).
    Retry { reason: String },
    /// Any other status: permanent, the batch is kept under `rejected/`.
    Reject { status: u16, message: String },
}

/// The OTLP failure semantics: only 429, 502, 503 and 504 are retryable;
/// every other 4xx/5xx is permanent. A 2xx may carry `partialSuccess`.
pub fn classify(status: u16, content_type: &str, body: &[u8]) -> Answer {
    match status {
        200..=299 => {
            let (rejected, message) = partial_success(content_type, body);
            Answer::Accepted { rejected, message }
        }
        429 | 502 | 503 | 504 => Answer::Retry {
            reason: format!("OTLP receiver answered {status}"),
        },
        _ => Answer::Reject {
            status,
            message: status_message(content_type, body),
        },
    }
}

/// An answer as the sender's [`super::Attempt`] (what the seam's HttpSink
/// returns), with the records a partial success refused and the warning:
/// those are counted as rejected ([`super::Attempt::Partial`]) and warned
/// about, the rest of the batch delivered.
pub fn attempt(
    status: u16,
    retry_after: Option<&str>,
    content_type: &str,
    body: &[u8],
) -> (super::Attempt, Option<(u64, String)>) {
    match classify(status, content_type, body) {
        Answer::Accepted { rejected: 0, .. } => (super::Attempt::Delivered, None),
        Answer::Accepted { rejected, message } => {
            let why = if message.is_empty() {
                String::new()
            } else {
                format!(": {}", crate::output::sanitize(&message))
            };
            let message =
                format!("the OTLP receiver refused {rejected} of the batch's records{why}");
            (
                super::Attempt::Partial {
                    rejected,
                    message: message.clone(),
                },
                Some((rejected, message)),
            )
        }
        Answer::Retry { reason } => (
            super::Attempt::Retry {
                reason,
                after: retry_after.and_then(super::retry::parse_retry_after),
            },
            None,
        ),
        Answer::Reject { status, message } => (
            super::Attempt::Reject {
                status,
                message: format!(
                    "the OTLP receiver refused the batch ({status}): {}",
                    crate::output::sanitize(&message)
                ),
            },
            None,
        ),
    }
}

/// `partialSuccess.rejectedLogRecords` and its error message, 0 if none.
pub fn partial_success(content_type: &str, body: &[u8]) -> (u64, String) {
    if content_type.contains("json") {
        // By hand: OTLP JSON writes the int64 count as a string or a number.
        let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        let p = &v["partialSuccess"];
        let n = match &p["rejectedLogRecords"] {
            Value::String(s) => s.parse().unwrap_or(0),
            v => v.as_u64().unwrap_or(0),
        };
        let msg = p["errorMessage"].as_str().unwrap_or("").to_string();
        return (n, msg);
    }
    let resp = { ExportLogsServiceResponse::decode(body).ok() };
    match resp.and_then(|r| r.partial_success) {
        Some(p) => (p.rejected_log_records.max(0) as u64, p.error_message),
        None => (0, String::new()),
    }
}

/// The message of a `google.rpc.Status` answer, else the body as text.
fn status_message(content_type: &str, body: &[u8]) -> String {
    #[derive(Clone, PartialEq, prost::Message)]
    struct Status {
        #[prost(int32, tag = "1")]
        code: i32,
        #[prost(string, tag = "2")]
        message: String,
    }
    if content_type.contains("protobuf") {
        if let Ok(s) = Status::decode(body) {
            return s.message;
        }
    }
    if let Ok(v) = serde_json::from_slice::<Value>(body) {
        if let Some(m) = v.get("message").and_then(Value::as_str) {
            return m.to_string();
        }
    }
    String::from_utf8_lossy(body).chars().take(500).collect()
}

// ---------------------------------------------------------------- serve

/// Whether a JSON body is an OTLP export (`resourceLogs`) rather than an
/// Auralogs envelope (`logs`/`log`).
pub fn is_otlp_json(v: &Value) -> bool {
    v.get("resourceLogs").is_some_and(Value::is_array)
}

/// Decode an `ExportLogsServiceRequest`: protobuf, or OTLP JSON.
pub fn decode(content_type: &str, body: &[u8]) -> Result<ExportLogsServiceRequest, String> {
    if content_type.contains("json") {
        serde_json::from_slice(body).map_err(|e| format!("not an OTLP JSON request: {e}"))
    } else {
        ExportLogsServiceRequest::decode(body).map_err(|e| format!("not an OTLP request: {e}"))
    }
}

/// The answer to a full success, in the request's encoding.
pub fn success_body(json: bool) -> Vec<u8> {
    let r = ExportLogsServiceResponse::default();
    if json {
        b"{}".to_vec()
    } else {
        r.encode_to_vec()
    }
}

/// Every LogRecord of a request as an entry: severity to level, body to
/// message, timeUnixNano (or observedTimeUnixNano) to timestamp, the trace
/// id as a dashed UUID, attributes to metadata (exception.* back to
/// stackTrace and errorName), resource attributes under `resource`.
pub fn to_entries(req: &ExportLogsServiceRequest, default_env: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    for rl in &req.resource_logs {
        let mut resource = Map::new();
        if let Some(r) = &rl.resource {
            for a in &r.attributes {
                resource.insert(a.key.clone(), a.value.as_ref().map_or(Value::Null, json_of));
            }
        }
        let env = resource
            .get("deployment.environment.name")
            .or_else(|| resource.get("deployment.environment"))
            .and_then(Value::as_str)
            .unwrap_or(default_env)
            .to_string();
        for sl in &rl.scope_logs {
            for r in &sl.log_records {
                out.push(entry_of(r, &resource, &env));
            }
        }
    }
    out
}

fn entry_of(r: &LogRecord, resource: &Map<String, Value>, env: &str) -> Entry {
    let level = Level::from_otel(r.severity_number as i64)
        .or_else(|| Level::from_word(&r.severity_text))
        .unwrap_or(Level::Info);
    let message = match r.body.as_ref().map(json_of) {
        Some(Value::String(s)) => s,
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    };
    let nanos = if r.time_unix_nano != 0 {
        r.time_unix_nano
    } else {
        r.observed_time_unix_nano
    };
    let timestamp = if nanos == 0 {
        to_rfc3339(now())
    } else {
        to_rfc3339((nanos / 1000) as i64)
    };
    let mut metadata = Map::new();
    let mut stack_trace = None;
    let mut environment = env.to_string();
    for a in &r.attributes {
        let v = a.value.as_ref().map_or(Value::Null, json_of);
        match (a.key.as_str(), v) {
            ("exception.stacktrace", Value::String(s)) => stack_trace = Some(s),
            ("deployment.environment.name", Value::String(s)) => environment = s,
            (k, v) => {
                let name = ATTRIBUTE_NAMES
                    .iter()
                    .find(|(_, to)| *to == k)
                    .map_or(k, |(from, _)| from);
                metadata.insert(name.to_string(), v);
            }
        }
    }
    if !resource.is_empty() {
        metadata.insert("resource".into(), Value::Object(resource.clone()));
    }
    let trace_id = if r.trace_id.len() == 16 {
        let h: String = r.trace_id.iter().map(|b| format!("{b:02x}")).collect();
        format!(
            "{}-{}-{}-{}-{}",
            &h[..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..]
        )
    } else {
        String::new()
    };
    Entry {
        level,
        message,
        environment,
        timestamp,
        metadata,
        stack_trace,
        trace_id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn otlp(protocol: Protocol) -> Otlp {
        Otlp {
            url: "http://127.0.0.1:4318/v1/logs".into(),
            protocol,
            headers: vec![],
            environment: "production".into(),
            plain_environment: true,
            envelope: Envelope::of(
                protocol,
                &Resource {
                    attributes: vec![kv("service.name", string("auralog"))],
                    ..Default::default()
                },
                &InstrumentationScope {
                    name: "auralog".into(),
                    version: "0.1.0".into(),
                    ..Default::default()
                },
            ),
            traceparent: span_of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
        }
    }

    fn entry() -> Entry {
        let mut metadata = Map::new();
        metadata.insert("n".into(), Value::from(3));
        metadata.insert("x".into(), Value::from(1.5));
        metadata.insert("o".into(), serde_json::json!({"a": [1, "b"]}));
        metadata.insert("flowId".into(), Value::from("f1"));
        metadata.insert("errorName".into(), Value::from("ValueError"));
        Entry {
            level: Level::Warn,
            message: "disk low".into(),
            environment: "production".into(),
            timestamp: "2026-11-22T10:00:00.123456Z".into(),
            metadata,
            stack_trace: Some("at x".into()),
            trace_id: "4bf92f35-77b3-4da6-a3ce-929d0e0e4736".into(),
        }
    }

    #[test]
    fn protobuf_batch_decodes_as_one_group() {
        let o = otlp(Protocol::Protobuf);
        let (mut body, mut ends) = (Vec::new(), Vec::new());
        for i in 0..3 {
            if i > 0 {
                body.push(b',');
            }
            o.encode(&entry(), &mut body);
            ends.push(body.len());
        }
        let mut out = Vec::new();
        o.body(&body, &ends, &mut out);
        let req = ExportLogsServiceRequest::decode(&out[..]).unwrap();
        assert_eq!(req.resource_logs.len(), 1);
        assert_eq!(req.resource_logs[0].scope_logs.len(), 1);
        let sl = &req.resource_logs[0].scope_logs[0];
        assert_eq!(sl.scope.as_ref().unwrap().name, "auralog");
        assert_eq!(sl.log_records.len(), 3);
        let r = &sl.log_records[0];
        assert_eq!(r.severity_number, 13);
        assert_eq!(r.severity_text, "WARN");
        assert_eq!(r.time_unix_nano, 1_795_341_600_123_456_000);
        assert_eq!(r.span_id, hex_bytes("00f067aa0ba902b7"));
        assert_eq!(r.trace_id, hex_bytes("4bf92f3577b34da6a3ce929d0e0e4736"));
        let back = to_entries(&req, "production");
        assert_eq!(back[0].metadata["flowId"], "f1");
        assert_eq!(back[0].metadata["n"], 3);
        assert_eq!(back[0].metadata["x"], 1.5);
        assert_eq!(back[0].metadata["errorName"], "ValueError");
        assert_eq!(back[0].stack_trace.as_deref(), Some("at x"));
        assert_eq!(back[0].trace_id, entry().trace_id);
        assert_eq!(back[0].timestamp, entry().timestamp);
    }

    /// The records `encode_json` reads from wire JSON are the ones `encode`
    /// makes from the entry (but for the observed time, the clock's).
    #[test]
    fn wire_json_encodes_as_the_entry_does() {
        let mut odd = entry();
        odd.metadata.insert(
            "deep".into(),
            serde_json::json!({"z": null, "a": [true, {"k": "v\"q"}], "big": u64::MAX, "neg": -7}),
        );
        odd.metadata
            .insert("esc\u{e9}\n".into(), Value::from("tab\there"));
        odd.metadata.insert("none".into(), Value::Null);
        for (k, v) in [
            ("big", Value::from(u64::MAX)),
            ("neg", Value::from(-7)),
            ("min", Value::from(i64::MIN)),
            ("e", Value::from(1e300)),
            ("tiny", Value::from(-2.5e-300)),
            ("t", Value::from(true)),
            ("f", Value::from(false)),
            ("empty", serde_json::json!({})),
            ("list", serde_json::json!([])),
        ] {
            odd.metadata.insert(k.into(), v);
        }
        let bare = Entry {
            level: Level::Debug,
            message: "caf\u{e9} \"q\"".into(),
            environment: "staging".into(),
            timestamp: "not a time".into(),
            metadata: Map::new(),
            stack_trace: None,
            trace_id: "deploy-42".into(),
        };
        for protocol in [Protocol::Protobuf, Protocol::Json] {
            let o = otlp(protocol);
            let mut same_second = entry();
            same_second.timestamp = "2026-11-22T10:00:00.999999Z".into();
            let mut next_second = entry();
            next_second.timestamp = "2026-11-22T10:00:01.000001Z".into();
            let all = [entry(), same_second, next_second, odd.clone(), bare.clone()];
            for (e, pretty) in all.iter().flat_map(|e| [(e, false), (e, true)]) {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                o.encode(e, &mut a);
                let json = if pretty {
                    serde_json::to_string_pretty(e).unwrap()
                } else {
                    e.to_json()
                };
                assert!(o.encode_json(json.as_bytes(), &mut b), "{json}");
                let read = |bytes: &[u8]| -> LogRecord {
                    let mut r: LogRecord = match protocol {
                        // Field 2 of ScopeLogs: key, length, the record.
                        Protocol::Protobuf => {
                            let sl = opentelemetry_proto::tonic::logs::v1::ScopeLogs::decode(bytes)
                                .unwrap();
                            sl.log_records[0].clone()
                        }
                        Protocol::Json => serde_json::from_slice(bytes).unwrap(),
                    };
                    r.observed_time_unix_nano = 0;
                    if e.timestamp == "not a time" {
                        r.time_unix_nano = 0;
                    }
                    r
                };
                assert_eq!(read(&a), read(&b), "{protocol:?} {}", e.to_json());
            }
        }
        // A key given twice keeps its last value, as a map would; keys
        // auralog does not write are skipped; a null stack trace is none.
        let o = otlp(Protocol::Protobuf);
        let mut out = Vec::new();
        let dup = br#"{"level":"info","extra":[1,{"a":"}"}],"message":"m","stackTrace":null,"metadata":{"k":1,"j":2,"k":"last"},"traceId":"t"}"#;
        assert!(o.encode_json(dup, &mut out));
        let sl = opentelemetry_proto::tonic::logs::v1::ScopeLogs::decode(&out[..]).unwrap();
        let attrs = &sl.log_records[0].attributes;
        assert_eq!(attrs.len(), 3, "k, j and the environment: {attrs:?}");
        assert_eq!(attrs[0].key, "k");
        assert_eq!(attrs[0].value, Some(string("last")));
        // Not an entry: nothing written.
        for bad in [
            &b"not json"[..],
            b"{\"message\":\"no level\"}",
            b"{\"level\":\"info\"} x",
        ] {
            let mut out = Vec::new();
            assert!(
                !o.encode_json(bad, &mut out),
                "{}",
                String::from_utf8_lossy(bad)
            );
            assert!(out.is_empty());
        }
    }

    #[test]
    fn json_batch_follows_otlp_json_rules() {
        let o = otlp(Protocol::Json);
        let mut body = Vec::new();
        o.encode(&entry(), &mut body);
        let end = body.len();
        let mut out = Vec::new();
        o.body(&body, &[end], &mut out);
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert!(is_otlp_json(&v));
        let r = &v["resourceLogs"][0]["scopeLogs"][0]["logRecords"][0];
        assert_eq!(r["traceId"], "4bf92f3577b34da6a3ce929d0e0e4736");
        assert_eq!(r["timeUnixNano"], "1795341600123456000");
        assert_eq!(r["severityNumber"], 13);
        let req = decode("application/json", &out).unwrap();
        assert_eq!(to_entries(&req, "production")[0].message, "disk low");
    }

    #[test]
    fn failure_semantics() {
        assert!(matches!(classify(503, "", b""), Answer::Retry { .. }));
        assert!(matches!(classify(429, "", b""), Answer::Retry { .. }));
        assert!(matches!(
            classify(500, "", b""),
            Answer::Reject { status: 500, .. }
        ));
        assert!(matches!(
            classify(400, "", b"bad"),
            Answer::Reject { status: 400, .. }
        ));
        let partial = br#"{"partialSuccess":{"rejectedLogRecords":"2","errorMessage":"too old"}}"#;
        assert_eq!(
            classify(200, "application/json", partial),
            Answer::Accepted {
                rejected: 2,
                message: "too old".into()
            }
        );
    }

    #[test]
    fn answers_become_attempts() {
        use crate::sender::Attempt;
        let (a, _) = attempt(429, Some("3"), "", b"");
        assert_eq!(
            a,
            Attempt::Retry {
                reason: "OTLP receiver answered 429".into(),
                after: Some(std::time::Duration::from_secs(3))
            }
        );
        let (a, _) = attempt(400, None, "text/plain", b"bad batch");
        assert!(
            matches!(a, Attempt::Reject { status: 400, message } if message.contains("bad batch"))
        );
        let partial = br#"{"partialSuccess":{"rejectedLogRecords":"2","errorMessage":"old"}}"#;
        let (a, p) = attempt(200, None, "application/json", partial);
        assert!(matches!(a, Attempt::Partial { rejected: 2, .. }), "{a:?}");
        let (n, why) = p.unwrap();
        assert_eq!(n, 2);
        assert!(why.contains("refused 2") && why.contains("old"), "{why}");
        assert_eq!(attempt(200, None, "application/x-protobuf", b"").1, None);
    }

    #[test]
    fn header_values_echoed_in_an_answer_are_masked() {
        let mut o = otlp(Protocol::Protobuf);
        o.headers = vec![("authorization".into(), "Bearer s3cr3t-token".into())];
        let (a, _) = o.answer(
            400,
            None,
            "text/plain",
            b"bad header Bearer s3cr3t-token here",
        );
        match a {
            crate::sender::Attempt::Reject { message, .. } => {
                assert!(!message.contains("s3cr3t"), "{message}");
                assert!(message.contains("bad header ****"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let partial = br#"{"partialSuccess":{"rejectedLogRecords":"1","errorMessage":"Bearer s3cr3t-token"}}"#;
        let (a, p) = o.answer(200, None, "application/json", partial);
        assert!(!format!("{a:?}{p:?}").contains("s3cr3t"), "{a:?} {p:?}");
    }

    #[test]
    fn pairs_are_trimmed_and_decoded() {
        assert_eq!(
            parse_pairs(" a = b%20c ,bad, k=v=w"),
            vec![("a".into(), "b c".into()), ("k".into(), "v=w".into())]
        );
    }

    /// Metadata keys that name one attribute (`errorName` and
    /// `exception.type`, a metadata `exception.stacktrace` and the stack
    /// trace, a metadata `deployment.environment.name` and the environment)
    /// give one attribute each, from an `Entry` as from its wire JSON.
    #[test]
    fn attribute_keys_are_unique_whichever_keys_meet() {
        use prost::Message as _;
        let mut e = entry();
        e.environment = "staging".into();
        e.metadata
            .insert("exception.type".into(), Value::from("Other"));
        e.metadata
            .insert("exception.stacktrace".into(), Value::from("meta"));
        e.metadata
            .insert("deployment.environment.name".into(), Value::from("meta"));
        let o = otlp(Protocol::Protobuf);
        let observed = 7;
        let mut b = Vec::new();
        assert!(o.encode_json_at(e.to_json().as_bytes(), observed, &mut b));
        let keys = |r: LogRecord| {
            let mut k: Vec<String> = r.attributes.iter().map(|a| a.key.clone()).collect();
            k.sort();
            (k, r)
        };
        let (ka, ra) = keys(o.record(&e, observed));
        let sl = opentelemetry_proto::tonic::logs::v1::ScopeLogs::decode(&b[..]).unwrap();
        let (kb, rb) = keys(sl.log_records[0].clone());
        let mut unique = ka.clone();
        unique.dedup();
        assert_eq!(ka, unique, "one attribute per key: {ka:?}");
        assert_eq!(ka, kb);
        assert_eq!(ra, rb, "an Entry and its wire JSON give one record");
        let value = |key: &str| {
            ra.attributes
                .iter()
                .find(|a| a.key == key)
                .and_then(|a| a.value.clone())
        };
        assert_eq!(value("exception.stacktrace"), Some(string("at x")));
        assert_eq!(
            value("deployment.environment.name"),
            Some(string("staging"))
        );
    }

    /// The record read from wire JSON is kept from one entry to the next
    /// (its strings, attributes, trace id; the trace id and the day of the
    /// timestamp cached): whatever entry comes before, an entry's record is
    /// the one a fresh record gets from it. Every pair of these entries in
    /// both orders, each as auralog writes it and the odd ones by hand.
    #[test]
    fn a_record_keeps_nothing_of_the_entry_before() {
        let base = entry();
        let with = |f: &dyn Fn(&mut Entry)| {
            let mut e = base.clone();
            f(&mut e);
            e
        };
        let mut cases: Vec<(String, Entry)> = [
            base.clone(),
            with(&|e| {
                e.metadata = Map::new();
                e.stack_trace = None;
            }),
            with(&|e| {
                e.metadata.remove("n");
                e.metadata.insert("extra".into(), Value::from("x"));
                e.metadata
                    .insert("exception.type".into(), Value::from("Other"));
            }),
            with(&|e| e.environment = "staging".into()),
            with(&|e| e.environment = "pro\"d".into()),
            with(&|e| e.environment = "a\\nb".into()),
            with(&|e| e.environment = "a\nb".into()),
            with(&|e| e.trace_id = "deploy-42".into()),
            with(&|e| e.trace_id = "a\\nb".into()),
            with(&|e| e.trace_id = "a\nb".into()),
            with(&|e| e.trace_id = "q\"t".into()),
            with(&|e| e.trace_id = String::new()),
            with(&|e| e.level = Level::Fatal),
            with(&|e| e.level = Level::Debug),
            with(&|e| e.message = "caf\u{e9} \"q\"\n".into()),
            with(&|e| e.message = String::new()),
            with(&|e| e.timestamp = "2026-11-23T00:00:00.000001Z".into()),
            with(&|e| e.timestamp = "2024-02-29T23:59:59.999999Z".into()),
            with(&|e| e.timestamp = "2026-11-22T23:59:60.000000Z".into()),
            with(&|e| e.timestamp = "2026-11-22T10:00:00Z".into()),
            with(&|e| e.timestamp = "2026-11-22T10:00:00.123456+02:00".into()),
        ]
        .into_iter()
        .map(|e| (e.to_json(), e))
        .collect();
        // Not a time: the observed time, as a fresh record has it.
        for bad in [
            "2026-02-29T10:00:00.000000Z",
            "2026-11-22T24:00:00.000000Z",
            "2026-11-22T10:60:00.000000Z",
            "2026-11-22T10:00:00.00000xZ",
            "not a time",
        ] {
            let e = with(&|e| e.timestamp = bad.into());
            cases.push((e.to_json(), e));
        }
        // No traceId key, a null stack trace, spaces: as the entry with an
        // empty trace id and no stack trace.
        let bare = with(&|e| {
            e.trace_id = String::new();
            e.stack_trace = None;
            e.metadata = Map::new();
        });
        cases.push((
            r#"{"level":"warn","message":"disk low","environment":"production","timestamp":"2026-11-22T10:00:00.123456Z"}"#.into(),
            bare.clone(),
        ));
        cases.push((
            r#"{"level":"warn","message":"disk low","environment":"production","timestamp":"2026-11-22T10:00:00.123456Z","stackTrace":null,"traceId":""}"#.into(),
            bare.clone(),
        ));
        cases.push((serde_json::to_string_pretty(&base).unwrap(), base.clone()));
        // Metadata keys in other orders, given twice, escaped, naming one
        // attribute, fewer and more than the entry before (the kept keys).
        let head = r#"{"level":"info","message":"m","environment":"production","timestamp":"2026-11-22T10:00:00.000000Z","metadata":"#;
        let meta = |pairs: &[(&str, Value)]| {
            let mut e = with(&|e| {
                e.level = Level::Info;
                e.message = "m".into();
                e.timestamp = "2026-11-22T10:00:00.000000Z".into();
                e.stack_trace = None;
                e.trace_id = "t".into();
            });
            e.metadata = pairs
                .iter()
                .cloned()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
            e
        };
        for (m, e) in [
            (
                r#"{"x":1.5,"n":3,"flowId":"f1"}"#,
                meta(&[("x", 1.5.into()), ("n", 3.into()), ("flowId", "f1".into())]),
            ),
            (
                r#"{"n":1,"x":2,"n":"last"}"#,
                meta(&[("n", "last".into()), ("x", 2.into())]),
            ),
            (
                r#"{"errorName":"A","exception.type":"B","x":1}"#,
                meta(&[
                    ("errorName", "A".into()),
                    ("exception.type", "B".into()),
                    ("x", 1.into()),
                ]),
            ),
            (
                r#"{"k\"ey":1,"n":2}"#,
                meta(&[("k\"ey", 1.into()), ("n", 2.into())]),
            ),
            (
                r#"{"exception.stacktrace":"s","deployment.environment.name":"d","n":2}"#,
                meta(&[
                    ("exception.stacktrace", "s".into()),
                    ("deployment.environment.name", "d".into()),
                    ("n", 2.into()),
                ]),
            ),
            (
                r#"{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8}"#,
                meta(&[
                    ("a", 1.into()),
                    ("b", 2.into()),
                    ("c", 3.into()),
                    ("d", 4.into()),
                    ("e", 5.into()),
                    ("f", 6.into()),
                    ("g", 7.into()),
                    ("h", 8.into()),
                ]),
            ),
            (
                r#"{"n":3,"x":1.5}"#,
                meta(&[("n", 3.into()), ("x", 1.5.into())]),
            ),
            ("{}", meta(&[])),
            // Not an object: no metadata, as the Entry reading has it.
            ("null", meta(&[])),
        ] {
            cases.push((format!(r#"{head}{m},"traceId":"t"}}"#), e));
        }
        let observed = 1_700_000_000_000_000_000;
        // The configured environment compared in place only when it is
        // written as it is (a backslash in it: not).
        let runs = [
            (Protocol::Protobuf, "production"),
            (Protocol::Json, "production"),
            (Protocol::Protobuf, "a\\nb"),
        ];
        for (protocol, environment) in runs {
            let mut o = otlp(protocol);
            o.environment = environment.into();
            o.plain_environment = plain(environment);
            let read = |bytes: &[u8]| -> LogRecord {
                match protocol {
                    Protocol::Protobuf => {
                        let sl =
                            opentelemetry_proto::tonic::logs::v1::ScopeLogs::decode(bytes).unwrap();
                        assert_eq!(sl.log_records.len(), 1);
                        sl.log_records[0].clone()
                    }
                    Protocol::Json => serde_json::from_slice(bytes).unwrap(),
                }
            };
            // Attributes in key order: a map's order is not the JSON's.
            let sorted = |mut r: LogRecord| {
                r.attributes.sort_by(|a, b| a.key.cmp(&b.key));
                r
            };
            // The entry before encoded from its wire JSON, and from the
            // Entry (`Otlp::encode`, the same scratch record).
            for from_entry in [false, true] {
                for (before, before_entry) in &cases {
                    for (json, e) in &cases {
                        let mut out = Vec::new();
                        if from_entry {
                            o.encode(before_entry, &mut out);
                        } else {
                            assert!(o.encode_json_at(before.as_bytes(), observed, &mut out));
                        }
                        out.clear();
                        assert!(
                            o.encode_json_at(json.as_bytes(), observed, &mut out),
                            "{json}"
                        );
                        assert_eq!(
                            sorted(read(&out)),
                            sorted(o.record(e, observed)),
                            "{protocol:?}: {json}\n after {before}"
                        );
                    }
                }
            }
        }
    }

    /// `micros_of` (the day of the timestamp before kept) reads every
    /// timestamp as `parse_rfc3339` does, whichever came before it.
    #[test]
    fn timestamps_read_as_parse_rfc3339_after_any_other() {
        let all = [
            "2026-11-22T10:00:00.000000Z",
            "2026-11-22T23:59:59.999999Z",
            "2026-11-22T23:59:60.000000Z",
            "2026-11-22T24:00:00.000000Z",
            "2026-11-22T10:60:00.000000Z",
            "2026-11-22T10:00:61.000000Z",
            "2026-11-23T00:00:00.000000Z",
            "2024-02-29T12:00:00.000001Z",
            "2026-02-29T12:00:00.000001Z",
            "2026-02-28T12:00:00.000001Z",
            "1970-01-01T00:00:00.000000Z",
            "1969-12-31T23:59:59.999999Z",
            "9999-12-31T23:59:59.999999Z",
            "9999-12-31T23:59:60.000000Z",
            "2026-13-01T00:00:00.000000Z",
            "2026-11-22T10:00:00.12345aZ",
            "2026-11-22t10:00:00.000000Z",
            "2026-11-22T10:00:00.000000z",
            "2026-11-22T10:00:00Z",
            "2026-11-22 10:00:00.000000Z",
            "\u{ff}026-11-22T10:00:00.000000Z",
        ];
        for before in all {
            for ts in all {
                micros_of(before.as_bytes());
                assert_eq!(
                    micros_of(ts.as_bytes()),
                    parse_rfc3339(ts.as_bytes(), false).ok(),
                    "{ts} after {before}"
                );
            }
        }
    }

    #[test]
    fn attribute_names_agree_with_the_table() {
        for (from, to) in ATTRIBUTE_NAMES {
            assert_eq!(attribute_name(from), *to);
        }
        assert_eq!(attribute_name("other"), "other");
    }
}

/// ingest's two ways into OTLP give the same LogRecord: a record written as
/// wire JSON and re-encoded (several outputs share wire JSON batches), and
/// the same record encoded from its parts (OTLP the only output).
#[cfg(test)]
mod parts_tests {
    use super::tests::otlp;
    use super::*;
    use crate::formats::{self, EntryWriter, Format, Item, Options};

    /// Every record of `input` through both paths, with and without a file
    /// and defaults; returns how many records were compared.
    fn both_paths_agree(format: Format, input: &[u8], what: &str) -> usize {
        let mut defaults = Map::new();
        defaults.insert("source".into(), Value::String("cli".into()));
        defaults.insert("errorName".into(), Value::String("Default".into()));
        defaults.insert("n".into(), serde_json::json!({"a": [1, 2.5, null]}));
        let mut writers = vec![
            EntryWriter::new(Level::Info, "production", "", &Map::new()),
            EntryWriter::new(Level::Warn, "staging", "run-7", &defaults),
        ];
        writers[1].set_file(Some("logs/app \"1\".log"));
        let outputs = [otlp(Protocol::Protobuf), otlp(Protocol::Json)];
        let observed_us = 1_764_590_000_123_456;
        let mut n = 0;
        let mut reader: &[u8] = input;
        formats::parse(format, &mut reader, &Options::default(), &mut |item| {
            let Item::Record(rec, _) = item else {
                return formats::Flow::Continue;
            };
            for w in &writers {
                for o in &outputs {
                    let mut json = Vec::new();
                    w.write(&rec, &mut json);
                    let (mut via_json, mut via_parts) = (Vec::new(), Vec::new());
                    assert!(
                        o.encode_json_at(&json, observed_us as u64 * 1000, &mut via_json),
                        "{what}: not wire JSON: {}",
                        String::from_utf8_lossy(&json)
                    );
                    w.encode(&rec, o, observed_us, &mut via_parts);
                    let (mut a, mut b) = (decoded(o, &via_json), decoded(o, &via_parts));
                    if rec.timestamp.is_none() {
                        // Both read the clock, at different instants; from
                        // parts, a record stamped now is not observed
                        // before it.
                        assert!(b.observed_time_unix_nano >= b.time_unix_nano);
                        (a.time_unix_nano, b.time_unix_nano) = (0, 0);
                        (a.observed_time_unix_nano, b.observed_time_unix_nano) = (0, 0);
                    }
                    assert_eq!(
                        a,
                        b,
                        "{what}, line {}: {}",
                        rec.line,
                        String::from_utf8_lossy(&json)
                    );
                    n += 1;
                }
            }
            formats::Flow::Continue
        })
        .unwrap();
        n
    }

    /// The one record a batch buffer holds.
    fn decoded(o: &Otlp, one: &[u8]) -> LogRecord {
        let mut body = Vec::new();
        o.body(one, &[one.len()], &mut body);
        let req = decode(o.content_type(), &body).unwrap();
        req.resource_logs[0].scope_logs[0].log_records[0].clone()
    }

    fn read(rel: &str) -> Vec<u8> {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
        std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    #[test]
    fn library_lines_encode_alike_from_json_and_from_parts() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/libraries");
        let mut n = 0;
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let is_input =
                p.extension().is_some_and(|e| e == "jsonl") && !name.contains(".expected.");
            if is_input {
                n += both_paths_agree(Format::Jsonl, &std::fs::read(&p).unwrap(), &name);
            }
        }
        let extra = concat!(
            "{\"msg\":\"dup\",\"k\":1,\"k\":\"two\",\"file\":\"mine\",\"line\":3,\"_file\":0}\n",
            "{\"message\":{\"nested\":true},\"big\":18446744073709551615,\"neg\":-12,\"f\":1e300}\n",
            "{\"message\":7,\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"environment\":\"dev\"}\n",
            "{\"message\":\"q\\\"uote\\u00e9\",\"errorName\":\"Mine\",\"stackTrace\":\"at x\\n  at y\"}\n",
            "{\"flowId\":\"f\",\"flowName\":\"n\",\"stepIndex\":2,\"exception.type\":\"T\",\"a\\\"b\":null}\n",
            // Keys that name one attribute: merged by the general path.
            "{\"msg\":\"a\",\"stack\":\"at a\",\"exception.stacktrace\":\"mine\",\"b\":1}\n",
            "{\"msg\":\"b\",\"environment\":\"dev\",\"deployment.environment.name\":\"y\"}\n",
            "{\"msg\":\"c\",\"b\":1,\"a\":2,\"b\":3}\n",
            "{\"msg\":\"d\",\"b\":1,\"a\":2,\"c\":[{\"x\":1e3},true,\"s\"],\"e\":{}}\n",
            "{\"msg\":\"e\",\"a\":2,\"b\":0,\"z\":0.0,\"f\":false,\"s\":\"\",\"m\":-9223372036854775808}\n",
            "{\"msg\":\"\",\"errorName\":\"E\",\"exception.type\":\"F\"}\n",
        );
        n += both_paths_agree(Format::Jsonl, extra.as_bytes(), "extra jsonl");
        assert!(n > 500, "only {n} records compared");
    }

    #[test]
    fn csv_syslog_and_text_encode_alike_from_json_and_from_parts() {
        let mut n = 0;
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpora/csv-spectrum/csvs");
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            n += both_paths_agree(
                Format::Csv,
                &std::fs::read(&p).unwrap(),
                &p.display().to_string(),
            );
        }
        n += both_paths_agree(
            Format::Csv,
            b"time,level,message,file,count\n2026-12-01T10:00:00Z,error,boom,x.py,3\n,,,,\n",
            "csv with a file column",
        );
        // Syslog: every case input of the go-syslog and syslog-loose corpora.
        let mut lines = Vec::new();
        for rel in [
            "../shared/corpora/go-syslog/rfc5424_cases.jsonl",
            "../shared/corpora/go-syslog/rfc3164_cases.jsonl",
            "../shared/corpora/syslog-loose/inputs.jsonl",
        ] {
            for l in String::from_utf8(read(rel)).unwrap().lines() {
                let v: Value = serde_json::from_str(l).unwrap();
                if let Some(s) = v["input"].as_str() {
                    if !s.contains('\n') {
                        lines.extend_from_slice(s.as_bytes());
                        lines.push(b'\n');
                    }
                }
            }
        }
        n += both_paths_agree(Format::Syslog, &lines, "syslog corpora");
        n += both_paths_agree(
            Format::Text,
            b"plain line\nERROR something failed\n\x1b[31mred\x1b[0m\n",
            "text",
        );
        assert!(n > 400, "only {n} records compared");
    }
}
