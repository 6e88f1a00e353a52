//! One reading of every log line: THE record -> entry rules that
//! tail-stdin, every ingest format and serve's raw ingestion share
//! (DESIGN.md `wire/mapping.rs`, issue 14).
//!
//! [`read_record`] takes a parsed JSON object (any [`Fields`]: a
//! `serde_json::Map` or `formats::Record::fields`), recognises its shape
//! ([`shapes::TABLE`]: pino, zap, log4j2, journald, OTel, ...) or follows
//! explicit `--message-field`/`--level-field`/`--timestamp-field` choices,
//! takes out what becomes the entry's message, level, timestamp,
//! stackTrace, errorName, environment and traceId, and leaves the rest as
//! the metadata. [`read_text`] does the same for a plain line.
//!
//! Ingest reads through [`plan`]: the same rules resolved once per key set
//! (a file repeats its keys line after line), so a record costs the
//! reading of its values only.
//!
//! The parts: [`time`] (THE timestamp normaliser), [`text`] (ANSI,
//! `--timestamps` prefixes, rsyslog files), [`errors`] (errorName and the
//! exception line of a trace), [`fold`] (crash folding for `--multiline
//! auto`).

pub mod errors;
pub mod fields;
pub mod fold;
pub mod plan;
pub mod shapes;
pub mod text;
pub mod time;

#[cfg(test)]
mod corpus_tests;

use std::borrow::Cow;

use serde_json::Value;

pub use fields::{Field, Fields};
pub use shapes::Shape;
use shapes::Vocab;
use time::{Micros, Unit};

use crate::wire::Level;

/// Field names chosen on the command line or in the config file. An empty
/// list keeps the shape's own names for that concept.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub message: Vec<String>,
    pub level: Vec<String>,
    pub timestamp: Vec<String>,
    /// `--timestamp-field none`: no field is read as the time (every entry
    /// gets the read time; time fields stay metadata).
    pub no_timestamp: bool,
    /// tail-stdin's `--level`: the level is fixed, level fields stay
    /// metadata.
    pub no_level: bool,
}

/// What the reading needs besides the record.
#[derive(Debug, Clone)]
pub struct Options {
    pub overrides: Overrides,
    /// "Now", for RFC 3164's year-less dates.
    pub now: Micros,
    /// The input starts inside a file (`--resume` from a checkpoint, a
    /// follower's later segment), so a BOM there is text, not the file's
    /// encoding mark ([`crate::formats::BOM`]).
    pub mid_file: bool,
}

impl Options {
    /// These options for an input that starts inside its file when
    /// `inside` ([`Options::mid_file`]), else as they are.
    pub fn starting_inside(&self, inside: bool) -> std::borrow::Cow<'_, Options> {
        if inside && !self.mid_file {
            std::borrow::Cow::Owned(Options {
                mid_file: true,
                ..self.clone()
            })
        } else {
            std::borrow::Cow::Borrowed(self)
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            overrides: Overrides::default(),
            now: time::now(),
            mid_file: false,
        }
    }
}

/// A field named as the time that could not be read as one. It stays in
/// the metadata; the command decides whether that makes the record invalid
/// (ingest) or not (tail-stdin).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeFault {
    pub key: String,
    pub why: String,
}

/// The entry parts read from one record. What is not here stayed in the
/// fields: that is the metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    /// The recognised shape's name (`shapes::Shape::name`).
    pub shape: &'static str,
    /// `None`: the record has no message field; the entry's message is the
    /// record's text.
    pub message: Option<String>,
    /// `None`: no level found; the command's default applies.
    pub level: Option<Level>,
    /// `None`: the read time.
    pub timestamp: Option<Micros>,
    pub time_fault: Option<TimeFault>,
    pub stack_trace: Option<String>,
    pub error_name: Option<String>,
    pub environment: Option<String>,
    pub trace_id: Option<String>,
}

/// Read one structured record. `text` is the record's own text (the
/// message when no field carries one). Consumed fields are removed from
/// `fields`.
pub fn read_record(fields: &mut dyn Fields, text: &str, opts: &Options) -> Reading {
    read_masked(&mut fields::Masked::new(fields), text, opts)
}

/// Over the concrete [`fields::Masked`]: its bit test inlines into the
/// forty-odd name checks a record costs.
fn read_masked(fields: &mut fields::Masked<'_>, text: &str, opts: &Options) -> Reading {
    let shape = shapes::recognise(fields);
    let mut r = Reading {
        shape: shape.name,
        ..Reading::default()
    };
    let mut pre_stack = None;
    match shape.name {
        "otel" => otel_flatten(fields),
        "loguru" => pre_stack = loguru_flatten(fields, text),
        _ => {}
    }
    let ov = &opts.overrides;

    // Message.
    for k in names(&ov.message, shape.message) {
        // A string read in place: no JSON tree for the common case.
        let v = match fields.get(k) {
            Some(Field::Str(m)) => Some(Value::String(m.into_owned())),
            _ => fields::lookup(fields, k),
        };
        let Some(v) = v else {
            continue;
        };
        fields::remove_path(fields, k);
        r.message = match (shape.name, k) {
            ("serilog-clef", "@mt") => Some(render_template(v.as_str().unwrap_or(""), fields)),
            _ => message_text(v),
        };
        if shape.name == "docker-json-file" {
            if let Some(m) = &mut r.message {
                let cut = m.trim_end_matches(['\n', '\r']).len();
                m.truncate(cut);
                if let Some(inner) = docker_inner(fields, m, opts) {
                    return inner;
                }
            }
        }
        break;
    }
    if let Some(m) = &mut r.message {
        if let Cow::Owned(s) = text::strip_ansi(m) {
            *m = s;
        }
    }
    for k in shape.drop {
        fields.remove(k);
    }

    // Level: the first named field that reads as a level.
    let no_level = ov.no_level;
    let level_keys = names(&ov.level, shape.level).filter(move |_| !no_level);
    let vocab_of = |k: &str| match (shape.vocab, k) {
        (Vocab::Otel, "severityText" | "severity_text") => Vocab::Words,
        (v, _) => v,
    };
    for k in level_keys.clone() {
        if let Some(l) = level_at(fields, k, vocab_of(k)) {
            r.level = Some(l);
            fields::remove_path(fields, k);
            // The other level fields that agree it is a level go too
            // (OTel's severityText beside severityNumber).
            for other in level_keys.clone() {
                if other != k && level_at(fields, other, vocab_of(other)).is_some() {
                    fields::remove_path(fields, other);
                }
            }
            break;
        }
    }

    // Google's DEFAULT is the level field saying "no level".
    if shape.name == "gcp-structured"
        && matches!(fields.get("severity"), Some(Field::Str(s)) if s == "DEFAULT")
    {
        fields.remove("severity");
    }

    // Time: the first named field present decides.
    let use_shape = ov.timestamp.is_empty();
    let time_keys = ov
        .timestamp
        .iter()
        .map(|k| (k.as_str(), Unit::Guess))
        .chain(shape.time.iter().copied().filter(|_| use_shape))
        .filter(|_| !ov.no_timestamp);
    for (k, unit) in time_keys {
        let Some(f) = fields.get(k) else {
            continue;
        };
        // OTel: an unset time is 0 (or absent); the observed time follows.
        let unset = match &f {
            Field::Str(s) => s.trim().is_empty() || s == "0",
            Field::Int(0) | Field::Null => true,
            _ => false,
        };
        if shape.name == "otel" && unset {
            fields.remove(k);
            continue;
        }
        let got = match f {
            Field::Object => match fields.get_json(k) {
                Some(Value::Object(o)) => time_of_object(&o).map(Some),
                _ => Err("not a string or a number".to_string()),
            },
            f => time::from_field(&f, unit, opts.now),
        };
        match got {
            Ok(Some(mut t)) => {
                fields.remove(k);
                if k == "timestampSeconds" {
                    if let Some(n) = fields.get_json("timestampNanos").and_then(|n| n.as_i64()) {
                        t += n / 1_000;
                    }
                    fields.remove("timestampNanos");
                }
                r.timestamp = Some(t);
            }
            Ok(None) => {}
            Err(why) => {
                r.time_fault = Some(TimeFault {
                    key: k.to_string(),
                    why,
                });
            }
        }
        break;
    }

    // Stack trace and error.
    let mut consumed_parents: Vec<&str> = Vec::new();
    r.stack_trace = pre_stack;
    if r.stack_trace.is_none() {
        // The shape's own names first, then the usual ones (a GCP-looking
        // `{"severity":..,"message":..,"stack":..}` still has its stack).
        for k in shape.stack.iter().chain(GENERIC_STACK_FALLBACK) {
            let Some(v) = fields::lookup(fields, k) else {
                continue;
            };
            if let Some(s) = stack_text(&v) {
                fields::remove_path(fields, k);
                if let Some((p, _)) = fields::split_dot(k) {
                    consumed_parents.push(p);
                }
                r.stack_trace = Some(s);
                break;
            }
        }
    }
    // The SDKs' own key (PROTOCOL.md: errorName travels in metadata) wins.
    if let Some(Field::Str(s)) = fields.get("errorName") {
        if !s.is_empty() {
            r.error_name = Some(s.into_owned());
            fields.remove("errorName");
        }
    }
    let names_from_fields: &[&str] = if r.error_name.is_none() {
        shape.error_name
    } else {
        &[]
    };
    for k in names_from_fields {
        if let Some(Value::String(s)) = fields::lookup(fields, k) {
            fields::remove_path(fields, k);
            if let Some((p, _)) = fields::split_dot(k) {
                consumed_parents.push(p);
            }
            if !s.is_empty() {
                r.error_name = Some(s);
                break;
            }
        }
    }
    if shape.name == "log4j2-json" && r.stack_trace.is_some() {
        fields.remove("thrown");
    }
    for k in shape.error_message {
        if fields::split_dot(k).is_some_and(|(p, _)| consumed_parents.contains(&p)) {
            fields::remove_path(fields, k);
        }
    }
    // A crash as the message itself (Google Cloud's Error Reporting shape,
    // a traceback logged as text): the exception line is the message.
    if r.stack_trace.is_none() {
        if let Some(m) = &r.message {
            if memchr::memchr(b'\n', m.as_bytes()).is_some()
                && fold::starts_crash(m.lines().next().unwrap_or("").as_bytes())
            {
                let line = errors::crash_message(m).unwrap_or(m).to_string();
                r.stack_trace = Some(std::mem::replace(
                    &mut r.message.take().unwrap(),
                    line.clone(),
                ));
                r.message = Some(line);
            }
        }
    }
    if r.error_name.is_none() {
        r.error_name = r
            .stack_trace
            .as_deref()
            .and_then(errors::error_name)
            .map(str::to_string);
    }

    // Entry fields every shape may carry under the wire's own names.
    for (key, slot) in [("environment", 0), ("traceId", 1)] {
        if let Some(Field::Str(s)) = fields.get(key) {
            if s.is_empty() {
                continue;
            }
            let s = s.into_owned();
            fields.remove(key);
            if slot == 0 {
                r.environment = Some(s);
            } else {
                r.trace_id = Some(s);
            }
        }
    }
    if let Some(k) = shape.logger {
        if k.bytes().any(|c| c == b'.') {
            if let Some(v) = fields::lookup(fields, k) {
                if !fields.contains("logger") {
                    fields::remove_path(fields, k);
                    fields.set_json("logger", v);
                }
            }
        } else {
            fields.rename(k, "logger");
        }
    }
    if shape.python_reserved {
        fields.retain(&mut |k| !shapes::PYTHON_RESERVED.contains(&k));
    }

    // A record that names no level: CLEF says Information; anything else
    // is read from its message as a plain line would be.
    if r.level.is_none() {
        r.level = if shape.name == "serilog-clef" && level_keys.clone().all(|k| !fields.contains(k))
        {
            Some(Level::Info)
        } else {
            crate::detect::detect(r.message.as_deref().unwrap_or(text))
        };
    }
    r
}

const GENERIC_STACK_FALLBACK: &[&str] = &["stackTrace", "stack_trace", "stack"];

/// The field names for one concept: the explicit ones when given, else the
/// shape's (an iterator, so a record costs no allocation here).
fn names<'a>(
    over: &'a [String],
    shape: &'static [&'static str],
) -> impl Iterator<Item = &'a str> + Clone {
    let use_shape = over.is_empty();
    over.iter()
        .map(String::as_str)
        .chain(shape.iter().copied().filter(move |_| use_shape))
}

/// A level at a key: top-level fields are read in place, dotted ones
/// (`log.level`) through the nested object.
fn level_at<F: Fields + ?Sized>(fields: &F, key: &str, vocab: Vocab) -> Option<Level> {
    match fields.get(key) {
        Some(f) => shapes::level_of(&f, vocab),
        None if key.bytes().any(|c| c == b'.') => {
            fields::lookup(fields, key).and_then(|v| level_of_json(&v, vocab))
        }
        None => None,
    }
}

fn level_of_json(v: &Value, vocab: Vocab) -> Option<Level> {
    match v {
        Value::String(s) => shapes::level_of(&Field::Str(s.as_str().into()), vocab),
        Value::Number(n) => n.as_i64().and_then(|n| shapes::level_number(n, vocab)),
        _ => None,
    }
}

/// A message value as text: strings as they are, OTel `AnyValue`s by their
/// one value, journald's byte arrays as (lossy) UTF-8, anything else as
/// JSON text. `null` is no message.
fn message_text(v: Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s),
        Value::Object(o) if o.len() == 1 && o.keys().all(|k| k.ends_with("Value")) => {
            o.into_iter().next().and_then(|(_, v)| message_text(v))
        }
        Value::Array(a)
            if !a.is_empty() && a.iter().all(|x| x.as_u64().is_some_and(|n| n < 256)) =>
        {
            let bytes: Vec<u8> = a
                .iter()
                .filter_map(|x| x.as_u64())
                .map(|n| n as u8)
                .collect();
            Some(String::from_utf8_lossy(&bytes).into_owned())
        }
        other => Some(other.to_string()),
    }
}

/// `{"epochSecond":..,"nanoOfSecond":..}` (log4j2 `instant`) or
/// `{"seconds":..,"nanos":..}` (Google `timestamp`).
fn time_of_object(o: &serde_json::Map<String, Value>) -> Result<Micros, String> {
    let pair = |s: &str, n: &str| {
        o.get(s)
            .and_then(Value::as_i64)
            .map(|secs| (secs, o.get(n).and_then(Value::as_i64).unwrap_or(0)))
    };
    let (s, n) = pair("epochSecond", "nanoOfSecond")
        .or_else(|| pair("seconds", "nanos"))
        .ok_or("an object without epochSecond or seconds")?;
    time::from_seconds_nanos(s, n)
}

/// A stack trace value as text: strings as they are; log4j2's `thrown`
/// object, structlog's exception dicts and zerolog's frame arrays rendered
/// the way their language prints them.
fn stack_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Object(o) if o.contains_key("name") || o.contains_key("extendedStackTrace") => {
            Some(java_thrown(o))
        }
        Value::Array(a) if a.iter().any(|e| e.get("exc_type").is_some()) => Some(python_dicts(a)),
        Value::Array(a) if !a.is_empty() => Some(
            a.iter()
                .map(|f| match (f.get("func"), f.get("source"), f.get("line")) {
                    (Some(func), Some(src), Some(line)) => {
                        format!("{}\n\t{}:{}", plain(func), plain(src), plain(line))
                    }
                    _ => plain(f),
                })
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        _ => None,
    }
}

fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// log4j2's `thrown`: `name: message`, `\tat class.method(file:line)`
/// frames, then `Caused by: ` for each cause.
fn java_thrown(o: &serde_json::Map<String, Value>) -> String {
    if let Some(Value::String(s)) = o.get("extendedStackTrace") {
        return s.clone();
    }
    let mut out = String::new();
    let mut cur = Some(o);
    let mut first = true;
    while let Some(t) = cur {
        if !first {
            out.push_str("\nCaused by: ");
        }
        first = false;
        out.push_str(
            t.get("name")
                .and_then(Value::as_str)
                .unwrap_or("java.lang.Throwable"),
        );
        if let Some(m) = t.get("message").and_then(Value::as_str) {
            out.push_str(": ");
            out.push_str(m);
        }
        for f in t
            .get("extendedStackTrace")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let s = |k: &str| f.get(k).map(plain).unwrap_or_default();
            out.push_str(&format!("\n\tat {}.{}(", s("class"), s("method")));
            match f.get("file").and_then(Value::as_str) {
                Some(file) => out.push_str(&format!("{file}:{})", s("line"))),
                None => out.push_str("Unknown Source)"),
            }
        }
        cur = t.get("cause").and_then(Value::as_object);
    }
    out
}

/// structlog's `dict_tracebacks`: the outermost exception first in the
/// list, rendered as Python prints the chain (causes first).
fn python_dicts(a: &[Value]) -> String {
    let mut parts = Vec::new();
    for e in a.iter().rev() {
        let mut s = String::from("Traceback (most recent call last):");
        for f in e
            .get("frames")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            s.push_str(&format!(
                "\n  File \"{}\", line {}, in {}",
                f.get("filename").map(plain).unwrap_or_default(),
                f.get("lineno").map(plain).unwrap_or_default(),
                f.get("name").map(plain).unwrap_or_default()
            ));
        }
        let ty = e.get("exc_type").map(plain).unwrap_or_default();
        match e.get("exc_value").map(plain).filter(|v| !v.is_empty()) {
            Some(v) => s.push_str(&format!("\n{ty}: {v}")),
            None => s.push_str(&format!("\n{ty}")),
        }
        parts.push(s);
    }
    parts.join("\n\nThe above exception was the direct cause of the following exception:\n\n")
}

/// A Serilog message template rendered over the record's properties:
/// `{Name}`, `{@Name}`, `{$Name}`, `{Name,10:x8}`; `{{`/`}}` escape braces.
/// A token with a format takes its rendering from `@r` when there is one.
fn render_template(t: &str, fields: &dyn Fields) -> String {
    let renderings = fields.get_json("@r");
    let mut r_i = 0;
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if let Some(after) = tail.strip_prefix('}') {
            out.push('}');
            rest = after;
            continue;
        }
        let Some(end) = tail.find('}') else {
            out.push_str(tail);
            return out;
        };
        let token = &tail[1..end];
        let name = token.trim_start_matches(['@', '$']);
        let (name, has_format) = match name.find([',', ':']) {
            Some(j) => (&name[..j], name[j..].contains(':')),
            None => (name, false),
        };
        let rendered = if has_format {
            let r = renderings
                .as_ref()
                .and_then(|r| r.get(r_i))
                .and_then(Value::as_str)
                .map(str::to_string);
            r_i += 1;
            r
        } else {
            None
        };
        match rendered.or_else(|| fields.get_json(name).map(|v| plain(&v))) {
            Some(v) => out.push_str(&v),
            None => out.push_str(&tail[..=end]),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

/// OTel LogRecord JSON: `attributes` (a KeyValue list, or a plain object)
/// become top-level fields; `body` an `AnyValue` is its plain value;
/// `resource` becomes its attributes as a plain object, and its
/// `deployment.environment.name` (or the older `deployment.environment`)
/// the entry's environment; `trace_id`/`span_id` (`0x` hex) become
/// `traceId`/`spanId`, and empty or all-zero ids mean none.
fn otel_flatten(fields: &mut dyn Fields) {
    if let Some(Value::Object(body)) = fields.get_json("body") {
        if body.len() == 1 && body.keys().all(|k| k.ends_with("Value")) {
            fields.set_json("body", any_value(Value::Object(body)));
        }
    }
    if let Some(res) = fields.get_json("resource") {
        let plain = match res {
            Value::Object(mut o) => match o.remove("attributes") {
                Some(Value::Array(a)) => kv_list(a),
                Some(Value::Object(a)) => a,
                _ => serde_json::Map::new(),
            },
            _ => serde_json::Map::new(),
        };
        let env = ["deployment.environment.name", "deployment.environment"]
            .iter()
            .find_map(|k| {
                plain
                    .get(*k)
                    .and_then(Value::as_str)
                    .filter(|e| !e.is_empty())
            })
            .map(str::to_string);
        if plain.is_empty() {
            fields.remove("resource");
        } else {
            fields.set_json("resource", Value::Object(plain));
        }
        if let Some(e) = env {
            if !fields.contains("environment") {
                fields.set_json("environment", Value::String(e));
            }
        }
    }
    for (from, to) in [
        ("traceId", "traceId"),
        ("trace_id", "traceId"),
        ("spanId", "spanId"),
        ("span_id", "spanId"),
    ] {
        let Some(Field::Str(s)) = fields.get(from) else {
            continue;
        };
        let hex = s
            .strip_prefix("0x")
            .or_else(|| s.strip_prefix("0X"))
            .unwrap_or(&s);
        if hex.bytes().all(|c| c == b'0') {
            fields.remove(from);
            continue;
        }
        if (from == to && hex.len() == s.len()) || (from != to && fields.contains(to)) {
            continue;
        }
        let hex = hex.to_string();
        fields.remove(from);
        fields.set_json(to, Value::String(hex));
    }
    otel_attributes(fields);
}

/// An OTLP/JSON KeyValue list as a plain object.
fn kv_list(a: Vec<Value>) -> serde_json::Map<String, Value> {
    a.into_iter()
        .filter_map(|kv| {
            let k = kv.get("key")?.as_str()?.to_string();
            Some((
                k,
                any_value(kv.get("value").cloned().unwrap_or(Value::Null)),
            ))
        })
        .collect()
}

fn otel_attributes(fields: &mut dyn Fields) {
    if let Some(attrs) = fields.get_json("attributes") {
        let pairs: Vec<(String, Value)> = match attrs {
            Value::Array(a) => a
                .into_iter()
                .filter_map(|kv| {
                    let k = kv.get("key")?.as_str()?.to_string();
                    let v = kv.get("value").cloned().unwrap_or(Value::Null);
                    Some((k, any_value(v)))
                })
                .collect(),
            Value::Object(o) => o.into_iter().collect(),
            _ => Vec::new(),
        };
        fields.remove("attributes");
        for (k, v) in pairs {
            if !fields.contains(&k) {
                fields.set_json(&k, v);
            }
        }
    }
}

/// An OTLP/JSON `AnyValue` as a plain JSON value (`intValue` strings to
/// numbers).
fn any_value(v: Value) -> Value {
    let Value::Object(mut o) = v else {
        return v;
    };
    if o.len() != 1 {
        return Value::Object(o);
    }
    let (k, inner) = o
        .iter_mut()
        .next()
        .map(|(k, v)| (k.clone(), v.take()))
        .unwrap();
    match (k.as_str(), inner) {
        ("intValue", Value::String(s)) => s
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or(Value::String(s)),
        ("arrayValue", Value::Object(mut a)) => match a.remove("values") {
            Some(Value::Array(vals)) => Value::Array(vals.into_iter().map(any_value).collect()),
            _ => Value::Array(Vec::new()),
        },
        ("kvlistValue", Value::Object(mut a)) => match a.remove("values") {
            Some(Value::Array(vals)) => Value::Object(
                vals.into_iter()
                    .filter_map(|kv| {
                        let k = kv.get("key")?.as_str()?.to_string();
                        Some((
                            k,
                            any_value(kv.get("value").cloned().unwrap_or(Value::Null)),
                        ))
                    })
                    .collect(),
            ),
            _ => Value::Object(serde_json::Map::new()),
        },
        (_, inner) => inner,
    }
}

/// loguru `serialize=True`: the `record` object's message, level, time,
/// logger name, exception and `extra` become top-level fields; its other
/// parts are LogRecord bookkeeping. Returns the traceback (the `text` after
/// its first line) when the record carries an exception.
fn loguru_flatten(fields: &mut dyn Fields, _text: &str) -> Option<String> {
    let record = fields.get_json("record")?;
    let formatted = fields.get_json("text");
    fields.remove("record");
    fields.remove("text");
    let get = |p: &str| record.pointer(p).cloned();
    if let Some(m) = get("/message") {
        fields.set_json("message", m);
    }
    if let Some(l) = get("/level/name") {
        fields.set_json("level", l);
    }
    if let Some(t) = get("/time/timestamp") {
        fields.set_json("time", t);
    }
    if let Some(n) = get("/name") {
        fields.set_json("name", n);
    }
    if let Some(Value::Object(extra)) = get("/extra") {
        for (k, v) in extra {
            if !fields.contains(&k) {
                fields.set_json(&k, v);
            }
        }
    }
    let exc = get("/exception").filter(|e| !e.is_null())?;
    fields.set_json("exception", exc);
    let text = formatted.as_ref().and_then(Value::as_str)?;
    let (_, trace) = text.split_once('\n')?;
    let trace = trace.trim_end();
    (!trace.is_empty()).then(|| trace.to_string())
}

/// docker json-file around an application's own JSON line: the inner
/// record is read by its own shape; docker's `stream` joins its metadata and
/// docker's `time` is the time when the inner record names none.
fn docker_inner(fields: &mut dyn Fields, log: &str, opts: &Options) -> Option<Reading> {
    let t = log.trim();
    if !(t.starts_with('{') && t.ends_with('}')) {
        return None;
    }
    let mut inner: serde_json::Map<String, Value> = serde_json::from_str(t).ok()?;
    let mut r = read_record(&mut inner, t, opts);
    if r.timestamp.is_none() && r.time_fault.is_none() {
        if let Some(f) = fields.get("time") {
            r.timestamp = time::from_field(&f, Unit::Guess, opts.now).ok().flatten();
        }
    }
    fields.remove("time");
    for (k, v) in inner {
        if !fields.contains(&k) {
            fields.set_json(&k, v);
        }
    }
    Some(r)
}

/// A plain (not structured) line: its time from a `--timestamps` prefix,
/// its message without the prefix and ANSI codes, its level as
/// [`crate::detect::detect`] reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct TextReading<'a> {
    pub timestamp: Option<Micros>,
    pub message: Cow<'a, str>,
    pub level: Option<Level>,
}

/// Read a plain line. Borrowed, no allocation, when it has no ANSI codes.
pub fn read_text(line: &str) -> TextReading<'_> {
    match text::split_time_prefix(line) {
        Some((t, rest)) => read_text_after(Some(t), rest),
        None => read_text_after(None, line),
    }
}

/// [`read_text`] for a line whose `--timestamps` prefix (`timestamp`) was
/// already split off: `rest` is what follows it.
pub fn read_text_after(timestamp: Option<Micros>, rest: &str) -> TextReading<'_> {
    let message = text::strip_ansi(rest);
    let level = crate::detect::detect(&message);
    TextReading {
        timestamp,
        message,
        level,
    }
}
