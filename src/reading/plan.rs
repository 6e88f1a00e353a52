//! THE reading, resolved once per key set: the fast path of every ingest
//! format.
//!
//! [`super::read_record`] asks some forty names of every record (which
//! shape is this? which of its message keys is there? is there a stack?)
//! and most answers depend on the key names alone. Real logs repeat one
//! key sequence line after line (a csv file has one header), so a [`Plans`]
//! cache keyed by the sequence of key names resolves the shape and the
//! positions of every key the shape reads once, and a record then costs
//! only the reading of the values at those positions: no name probing, no
//! allocation for a message, environment or trace id borrowed from the line.
//!
//! The rules are the same as `read_record`'s, step by step (the comments
//! name the step); `tests::fast_equals_slow` runs both over every line of
//! the corpus and of the shapes table and requires the same result. Key
//! sets that need what only the general path does (nested objects under a
//! dotted name, the shapes that rewrite their fields: OTel, loguru, docker,
//! Serilog's templates; duplicate keys; more than 64 keys) take that path,
//! and so does a plan that is not cached yet when the cache is full of
//! other ones.

use std::borrow::Cow;
use std::rc::Rc;

use serde_json::Value;

use super::fields::{self, field_of_val, Field, Fields, Val};
use super::shapes::{self, Vocab};
use super::time::{self, Micros, Unit};
use super::{Options, Reading, TimeFault};
use crate::wire::Level;

/// The field list of an ingest record.
pub type FieldList<'a> = Vec<(Cow<'a, str>, Val<'a>)>;

/// How many key sets are kept. Logs with more distinct key sets than this
/// in rotation still read correctly, through the general path.
const CACHE: usize = 64;

/// Keys whose value type (not only presence) decides the shape
/// (`shapes::recognise`): `record`/`instant`/`ecs` objects, an integer
/// `level`.
const PROBED: &[(&str, Probe)] = &[
    ("record", Probe::Object),
    ("instant", Probe::Object),
    ("ecs", Probe::Object),
    ("level", Probe::Int),
];

#[derive(Debug, Clone, Copy)]
enum Probe {
    Object,
    Int,
}

/// The plans of one input: create one per file (or stream) and pass it to
/// every [`read_fields`] call.
#[derive(Default)]
pub struct Plans {
    sets: Vec<KeySet>,
    /// The set the last record used: checked first.
    last: usize,
    /// Where the next new set goes once the cache is full.
    next_evict: usize,
    /// Lookups and misses in the current window of [`WINDOW`] lookups, and
    /// whether the last window missed more often than not: then no new
    /// plans are made (a file whose every record has its own keys reads as
    /// fast as without plans, not slower).
    seen: u32,
    missed: u32,
    thrashing: bool,
    /// Every record has the key set of the first (a csv header).
    fixed: bool,
}

const WINDOW: u32 = 1024;

struct KeySet {
    keys: Vec<Box<str>>,
    /// Indices of the [`PROBED`] keys present, with their probe.
    probes: Vec<(usize, Probe)>,
    /// One plan per combination of probe answers met so far.
    variants: Vec<(u8, Rc<Plan>)>,
}

enum Plan {
    /// The general path (`read_record`).
    General,
    Fast(Box<Compiled>),
}

/// A key with the parent of its dotted name (`err` for `err.stack`), for
/// the error keys consumed with a stack.
type Cand = (usize, Option<&'static str>);

struct Compiled {
    message: Option<usize>,
    drop: u64,
    level: Vec<(usize, Vocab)>,
    gcp_severity: Option<usize>,
    time: Vec<(usize, Unit, bool)>,
    nanos: Option<usize>,
    stack: Vec<Cand>,
    error_name_field: Option<usize>,
    error_names: Vec<Cand>,
    error_messages: Vec<Cand>,
    thrown: Option<usize>,
    environment: Option<usize>,
    trace_id: Option<usize>,
    /// The logger name's key, when it moves to `logger`; and `logger`.
    logger: Option<usize>,
    logger_taken: Option<usize>,
    reserved: u64,
}

/// One record's reading, borrowing from the record where it can.
#[derive(Debug, Default, PartialEq)]
pub struct RecordReading<'a> {
    pub message: Option<Cow<'a, str>>,
    pub level: Option<Level>,
    pub timestamp: Option<Micros>,
    pub time_fault: Option<TimeFault>,
    pub stack_trace: Option<String>,
    pub error_name: Option<String>,
    pub environment: Option<Cow<'a, str>>,
    pub trace_id: Option<Cow<'a, str>>,
}

impl From<Reading> for RecordReading<'_> {
    fn from(r: Reading) -> Self {
        RecordReading {
            message: r.message.map(Cow::Owned),
            level: r.level,
            timestamp: r.timestamp,
            time_fault: r.time_fault,
            stack_trace: r.stack_trace,
            error_name: r.error_name,
            environment: r.environment.map(Cow::Owned),
            trace_id: r.trace_id.map(Cow::Owned),
        }
    }
}

/// [`super::read_record`] over an ingest record's field list, through the
/// plan of its key set. Consumed fields are removed from `fields`.
pub fn read_fields<'a>(
    plans: &mut Plans,
    fields: &mut FieldList<'a>,
    text: &'a str,
    opts: &Options,
) -> RecordReading<'a> {
    match plans.plan(fields, opts) {
        Some(p) => match &*p {
            Plan::Fast(c) => c.read(fields, text, opts),
            Plan::General => super::read_record(fields, text, opts).into(),
        },
        None => super::read_record(fields, text, opts).into(),
    }
}

impl Plans {
    pub fn new() -> Plans {
        Plans::default()
    }

    /// Plans for an input whose every record has the keys of the first,
    /// in its order (csv: the header's): the keys are compared once, not
    /// per record (debug builds still compare, and fail on a difference).
    pub fn fixed_keys() -> Plans {
        Plans {
            fixed: true,
            ..Plans::default()
        }
    }

    /// Whether reading a record of these [`fixed_keys`](Self::fixed_keys)
    /// plans, whose values are all strings (csv), may need the record's
    /// text: false once the plan is known and reads a message from a
    /// field, which is then always there (the text is only the message of
    /// a record without one). True for every other plan, and before the
    /// first record.
    pub fn reads_text(&self) -> bool {
        let [set] = &self.sets[..] else {
            return true;
        };
        let [(0, plan)] = &set.variants[..] else {
            return true;
        };
        !(self.fixed && matches!(&**plan, Plan::Fast(c) if c.message.is_some()))
    }

    fn plan(&mut self, fields: &FieldList<'_>, opts: &Options) -> Option<Rc<Plan>> {
        if fields.len() > 64 {
            return None;
        }
        let same = |s: &KeySet| {
            s.keys.len() == fields.len() && s.keys.iter().zip(fields).all(|(a, (b, _))| **a == **b)
        };
        self.seen += 1;
        if self.seen == WINDOW {
            self.thrashing = self.missed > WINDOW / 2;
            (self.seen, self.missed) = (0, 0);
        }
        let i = if self.fixed && !self.sets.is_empty() {
            debug_assert!(same(&self.sets[0]), "fixed_keys plans met other keys");
            0
        } else if self.sets.get(self.last).is_some_and(same) {
            self.last
        } else if let Some(i) = self.sets.iter().position(same) {
            i
        } else {
            self.missed += 1;
            // Thrashing: the general path, but for one new key set a
            // window, so a stream that settles down gets its plans back.
            if self.thrashing && self.missed > 1 {
                return None;
            }
            let set = KeySet::new(fields);
            if self.sets.len() < CACHE {
                self.sets.push(set);
                self.sets.len() - 1
            } else {
                let i = self.next_evict;
                self.next_evict = (i + 1) % CACHE;
                self.sets[i] = set;
                i
            }
        };
        self.last = i;
        let set = &mut self.sets[i];
        let mut bits = 0u8;
        for (n, &(at, probe)) in set.probes.iter().enumerate() {
            let yes = matches!(
                (probe, field_of_val(&fields[at].1)),
                (Probe::Object, Some(Field::Object)) | (Probe::Int, Some(Field::Int(_)))
            );
            bits |= u8::from(yes) << n;
        }
        if let Some((_, p)) = set.variants.iter().find(|(b, _)| *b == bits) {
            return Some(p.clone());
        }
        let p = Rc::new(compile(&set.keys, &set.probes, bits, opts));
        set.variants.push((bits, p.clone()));
        Some(p)
    }
}

impl KeySet {
    fn new(fields: &FieldList<'_>) -> KeySet {
        let keys: Vec<Box<str>> = fields.iter().map(|(k, _)| Box::from(&**k)).collect();
        let probes = PROBED
            .iter()
            .filter_map(|(name, probe)| Some((keys.iter().position(|k| &**k == *name)?, *probe)))
            .collect();
        KeySet {
            keys,
            probes,
            variants: Vec::new(),
        }
    }
}

/// Key names, with the types the probes found, as `Fields` for
/// `shapes::recognise`: the shape decided exactly as for the record.
struct KeysOnly<'k> {
    keys: &'k [Box<str>],
    objects: Vec<usize>,
    ints: Vec<usize>,
}

impl KeysOnly<'_> {
    fn at(&self, key: &str) -> Option<usize> {
        self.keys.iter().position(|k| &**k == key)
    }
}

impl Fields for KeysOnly<'_> {
    fn get(&self, key: &str) -> Option<Field<'_>> {
        let i = self.at(key)?;
        Some(if self.objects.contains(&i) {
            Field::Object
        } else if self.ints.contains(&i) {
            Field::Int(0)
        } else {
            Field::Null
        })
    }
    fn get_json(&self, _key: &str) -> Option<Value> {
        None
    }
    fn remove(&mut self, _key: &str) {}
    fn set_json(&mut self, _key: &str, _v: Value) {}
    fn retain(&mut self, _keep: &mut dyn FnMut(&str) -> bool) {}
    fn keys(&self) -> Vec<String> {
        self.keys.iter().map(|k| k.to_string()).collect()
    }
    fn any_key(&self, pred: &dyn Fn(&str) -> bool) -> bool {
        self.keys.iter().any(|k| pred(k))
    }
    fn contains(&self, key: &str) -> bool {
        self.at(key).is_some()
    }
}

fn compile(keys: &[Box<str>], probes: &[(usize, Probe)], bits: u8, opts: &Options) -> Plan {
    let mut view = KeysOnly {
        keys,
        objects: Vec::new(),
        ints: Vec::new(),
    };
    for (n, &(at, probe)) in probes.iter().enumerate() {
        if bits & (1 << n) != 0 {
            match probe {
                Probe::Object => view.objects.push(at),
                Probe::Int => view.ints.push(at),
            }
        }
    }
    let shape = shapes::recognise(&view);
    // The shapes that rewrite their fields before reading them.
    if matches!(
        shape.name,
        "otel" | "loguru" | "docker-json-file" | "serilog-clef"
    ) {
        return Plan::General;
    }
    let at = |k: &str| view.at(k);
    for (i, k) in keys.iter().enumerate() {
        if keys[..i].contains(k) {
            return Plan::General;
        }
    }
    let ov = &opts.overrides;
    let message_names: Vec<&str> = super::names(&ov.message, shape.message).collect();
    let level_names: Vec<&str> = super::names(&ov.level, shape.level)
        .filter(|_| !ov.no_level)
        .collect();
    let stack_names: Vec<&'static str> = shape
        .stack
        .iter()
        .chain(super::GENERIC_STACK_FALLBACK)
        .copied()
        .collect();
    // A dotted name whose head is present may be read inside a nested
    // object: the general path's job.
    let nested = |k: &str| fields::split_dot(k).is_some_and(|(head, _)| at(head).is_some());
    if message_names
        .iter()
        .chain(&level_names)
        .chain(&stack_names)
        .chain(shape.error_name)
        .chain(shape.error_message)
        .chain(&shape.logger)
        .any(|k| nested(k))
    {
        return Plan::General;
    }
    // The present keys among `names`, in order, each once (a name met
    // again reads the same value the same way).
    let cands = |names: &[&'static str]| -> Vec<Cand> {
        let mut seen = 0u64;
        names
            .iter()
            .filter_map(|&k| {
                let i = at(k)?;
                let fresh = seen & (1 << i) == 0;
                seen |= 1 << i;
                fresh.then(|| (i, fields::split_dot(k).map(|(p, _)| p)))
            })
            .collect()
    };
    let stack = cands(&stack_names);
    let error_names = cands(shape.error_name);
    let error_messages = cands(shape.error_message);

    let message = message_names.iter().find_map(|k| at(k));
    let mut drop = 0u64;
    for k in shape.drop {
        if let Some(i) = at(k) {
            drop |= 1 << i;
        }
    }
    let mut level: Vec<(usize, Vocab)> = Vec::new();
    for k in &level_names {
        if let Some(i) = at(k) {
            if !level.iter().any(|(j, _)| *j == i) {
                level.push((i, shape.vocab));
            }
        }
    }
    let use_shape = ov.timestamp.is_empty();
    let time = ov
        .timestamp
        .iter()
        .map(|k| (k.as_str(), Unit::Guess))
        .chain(shape.time.iter().copied().filter(|_| use_shape))
        .filter(|_| !ov.no_timestamp)
        .filter_map(|(k, unit)| Some((at(k)?, unit, k == "timestampSeconds")))
        .collect();
    let reserved = if shape.python_reserved {
        keys.iter()
            .enumerate()
            .filter(|(_, k)| shapes::PYTHON_RESERVED.contains(&&***k))
            .fold(0u64, |m, (i, _)| m | 1 << i)
    } else {
        0
    };
    Plan::Fast(Box::new(Compiled {
        message,
        drop,
        level,
        gcp_severity: at("severity").filter(|_| shape.name == "gcp-structured"),
        time,
        nanos: at("timestampNanos"),
        stack,
        error_name_field: at("errorName"),
        error_names,
        error_messages,
        thrown: at("thrown").filter(|_| shape.name == "log4j2-json"),
        environment: at("environment"),
        trace_id: at("traceId"),
        logger: shape
            .logger
            .and_then(&at)
            .filter(|_| shape.logger != Some("logger")),
        logger_taken: at("logger"),
        reserved,
    }))
}

/// A string value, borrowed from the record when it has no escapes.
fn text_of<'a>(v: &Val<'a>) -> Option<Cow<'a, str>> {
    match v {
        Val::Raw(r) => super::fields::raw_str(r),
        Val::Str(Cow::Borrowed(s)) => Some(Cow::Borrowed(s)),
        Val::Str(Cow::Owned(s)) => Some(Cow::Owned(s.clone())),
        // Always an object (syslog structured data).
        Val::Object(_) => None,
    }
}

impl Compiled {
    #[allow(clippy::too_many_lines)]
    fn read<'a>(
        &self,
        fields: &mut FieldList<'a>,
        text: &'a str,
        opts: &Options,
    ) -> RecordReading<'a> {
        let mut gone = 0u64;
        let here = |gone: u64, i: usize| gone & (1 << i) == 0;
        let mut r = RecordReading::default();

        // Message.
        if let Some(i) = self.message {
            gone |= 1 << i;
            let v = &fields[i].1;
            r.message = match text_of(v) {
                Some(s) => Some(s),
                None => super::message_text(v.to_value()).map(Cow::Owned),
            };
            if let Some(m) = &r.message {
                if let Cow::Owned(s) = super::text::strip_ansi(m) {
                    r.message = Some(Cow::Owned(s));
                }
            }
        }
        gone |= self.drop;

        // Level: the first named field that reads as a level; the others
        // that read as one go too.
        let level_of =
            |i: usize, vocab| field_of_val(&fields[i].1).and_then(|f| shapes::level_of(&f, vocab));
        let first = self
            .level
            .iter()
            .find_map(|&(i, vocab)| Some((i, here(gone, i).then(|| level_of(i, vocab))??)));
        if let Some((k, level)) = first {
            r.level = Some(level);
            let mut also = 1u64 << k;
            for &(other, vocab) in &self.level {
                if other != k && here(gone, other) && level_of(other, vocab).is_some() {
                    also |= 1 << other;
                }
            }
            gone |= also;
        }

        // Google's DEFAULT.
        if let Some(i) = self.gcp_severity.filter(|&i| here(gone, i)) {
            if matches!(field_of_val(&fields[i].1), Some(Field::Str(s)) if s == "DEFAULT") {
                gone |= 1 << i;
            }
        }

        // Time: the first named field present decides.
        let first = self.time.iter().find_map(|&(i, unit, seconds)| {
            let f = field_of_val(&fields[i].1).filter(|_| here(gone, i))?;
            Some((i, unit, seconds, f))
        });
        if let Some((i, unit, seconds, f)) = first {
            let got = match f {
                Field::Object => match fields[i].1.to_value() {
                    Value::Object(o) => super::time_of_object(&o).map(Some),
                    _ => Err("not a string or a number".to_string()),
                },
                f => time::from_field(&f, unit, opts.now),
            };
            match got {
                Ok(Some(mut t)) => {
                    gone |= 1 << i;
                    if seconds {
                        if let Some(n) = self.nanos.filter(|&n| here(gone, n)) {
                            if let Some(n) = fields[n].1.to_value().as_i64() {
                                t += n / 1_000;
                            }
                            gone |= 1 << n;
                        }
                    }
                    r.timestamp = Some(t);
                }
                Ok(None) => {}
                Err(why) => {
                    r.time_fault = Some(TimeFault {
                        key: fields[i].0.to_string(),
                        why,
                    });
                }
            }
        }

        // Stack trace and error.
        let mut consumed: Vec<&str> = Vec::new();
        for &(i, parent) in &self.stack {
            if !here(gone, i) {
                continue;
            }
            if let Some(s) = super::stack_text(&fields[i].1.to_value()) {
                gone |= 1 << i;
                consumed.extend(parent);
                r.stack_trace = Some(s);
                break;
            }
        }
        if let Some(i) = self.error_name_field.filter(|&i| here(gone, i)) {
            if let Some(Field::Str(s)) = field_of_val(&fields[i].1) {
                if !s.is_empty() {
                    r.error_name = Some(s.into_owned());
                    gone |= 1 << i;
                }
            }
        }
        if r.error_name.is_none() {
            for &(i, parent) in &self.error_names {
                if !here(gone, i) {
                    continue;
                }
                if let Value::String(s) = fields[i].1.to_value() {
                    gone |= 1 << i;
                    consumed.extend(parent);
                    if !s.is_empty() {
                        r.error_name = Some(s);
                        break;
                    }
                }
            }
        }
        if r.stack_trace.is_some() {
            if let Some(i) = self.thrown {
                gone |= 1 << i;
            }
        }
        for &(i, parent) in &self.error_messages {
            if parent.is_some_and(|p| consumed.contains(&p)) {
                gone |= 1 << i;
            }
        }
        if r.stack_trace.is_none() {
            if let Some(m) = &r.message {
                if super::text::has_byte(m.as_bytes(), b'\n')
                    && super::fold::starts_crash(m.lines().next().unwrap_or("").as_bytes())
                {
                    let line = super::errors::crash_message(m).unwrap_or(m).to_string();
                    r.stack_trace = r.message.take().map(Cow::into_owned);
                    r.message = Some(Cow::Owned(line));
                }
            }
        }
        if r.error_name.is_none() {
            r.error_name = r
                .stack_trace
                .as_deref()
                .and_then(super::errors::error_name)
                .map(str::to_string);
        }

        // Entry fields under the wire's own names.
        for (at, out) in [
            (self.environment, &mut r.environment),
            (self.trace_id, &mut r.trace_id),
        ] {
            let Some(i) = at.filter(|&i| here(gone, i)) else {
                continue;
            };
            // A non-empty string only (decoded once).
            let Some(s) = text_of(&fields[i].1).filter(|s| !s.is_empty()) else {
                continue;
            };
            gone |= 1 << i;
            *out = Some(s);
        }
        let mut logger = None;
        if let Some(i) = self.logger.filter(|&i| here(gone, i)) {
            if !self.logger_taken.is_some_and(|t| here(gone, t)) {
                gone |= 1 << i;
                logger = Some(fields[i].1.to_value());
            }
        }
        gone |= self.reserved;

        if r.level.is_none() {
            r.level = crate::detect::detect(r.message.as_deref().unwrap_or(text));
        }
        if gone != 0 && gone & gone.wrapping_add(1) == 0 {
            // The first fields only (a csv header's usual order): the rest
            // moved once.
            fields.drain(..(gone.trailing_ones() as usize).min(fields.len()));
        } else if gone != 0 {
            let mut i = 0;
            fields.retain(|_| {
                let keep = here(gone, i);
                i += 1;
                keep
            });
        }
        if let Some(v) = logger {
            fields.set_json("logger", v);
        }
        r
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::fmt;

    use serde::de::{Deserializer, MapAccess, Visitor};
    use serde_json::value::RawValue;

    use super::*;

    /// An object's fields in order, as raw JSON, as jsonl reads them.
    fn raw_fields(line: &str) -> Option<FieldList<'_>> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FieldList<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<FieldList<'de>, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = m.next_key::<Cow<'de, str>>()? {
                    let v: &'de RawValue = m.next_value()?;
                    out.push((k, Val::Raw(v.get())));
                }
                Ok(out)
            }
        }
        let mut de = serde_json::Deserializer::from_str(line);
        (&mut de).deserialize_map(V).ok()
    }

    /// One line through the general path and through `plans`: the same
    /// reading, the same fields left.
    pub(crate) fn same_with(plans: &mut Plans, line: &str, opts: &Options) {
        let Some(mut slow) = raw_fields(line) else {
            return;
        };
        let want: RecordReading = super::super::read_record(&mut slow, line, opts).into();
        let mut fast = raw_fields(line).unwrap();
        let got = read_fields(plans, &mut fast, line, opts);
        assert_eq!(got, want, "{line}");
        assert_eq!(fast, slow, "{line}");
    }

    /// [`same_with`] twice with fresh plans: building the plan, then using it.
    pub(crate) fn same(line: &str, opts: &Options) {
        let mut plans = Plans::new();
        same_with(&mut plans, line, opts);
        same_with(&mut plans, line, opts);
    }

    #[test]
    fn fast_equals_slow_on_odd_cases() {
        let o = Options::default();
        for line in [
            r#"{"message":"m","level":"warn","level":"error"}"#,
            r#"{"msg":"m","level":30,"time":1700000000000}"#,
            r#"{"msg":"m","level":"30","time":1700000000000}"#,
            r#"{"message":"a\u001b[31mred","severity":"DEFAULT"}"#,
            r#"{"severity":"DEFAULT","message":"m","timestampSeconds":1700000000,"timestampNanos":5000}"#,
            r#"{"levelname":"INFO","name":"app","message":"m","lineno":3,"logger":"x"}"#,
            r#"{"levelname":"INFO","name":"app","message":"m","lineno":3}"#,
            r#"{"message":"Traceback (most recent call last):\n  File \"a\", line 1\nValueError: x"}"#,
            r#"{"message":"m","err.stack":"Error: x\n    at f (a.js:1:1)","err.message":"x","err.type":"Error"}"#,
            r#"{"message":"m","err":{"stack":"Error: x\n    at f (a.js:1:1)"}}"#,
            r#"{"message":"m","ts":"yesterday"}"#,
            r#"{"message":null,"level":5}"#,
            r#"{"message":{"a":1},"environment":"","traceId":"t\"q"}"#,
            r#"{"log.level":"warn","message":"m","log.logger":"l","@timestamp":"2026-01-01T00:00:00Z"}"#,
            r#"{"instant":{"epochSecond":1700000000,"nanoOfSecond":5},"level":"INFO","message":"m","loggerName":"x"}"#,
            r#"{"@timestamp":"2026-01-01T00:00:00Z","@version":"1","message":"m","level":"INFO","level_value":20000}"#,
            r#"{"errorName":"E","message":"m","stack":"at x"}"#,
        ] {
            same(line, &o);
        }
        let mut ov = Options::default();
        ov.overrides.message = vec!["ts".into(), "a.b".into()];
        ov.overrides.level = vec!["ts".into(), "lvl".into(), "lvl".into()];
        ov.overrides.timestamp = vec!["ts".into(), "when".into()];
        for line in [
            r#"{"ts":"warn","lvl":"error","when":1700000000}"#,
            r#"{"a":{"b":"nested"},"lvl":"error"}"#,
            r#"{"x":1,"lvl":"nope","when":"bad"}"#,
        ] {
            same(line, &ov);
        }
        ov.overrides.no_level = true;
        ov.overrides.no_timestamp = true;
        same(r#"{"ts":"warn","lvl":"error","when":1700000000}"#, &ov);
    }

    #[test]
    fn a_new_key_set_per_record_stops_making_plans() {
        let o = Options::default();
        let mut plans = Plans::new();
        let lines: Vec<String> = (0..3 * WINDOW)
            .map(|i| format!(r#"{{"message":"m","k{i}":1}}"#))
            .collect();
        for l in &lines {
            same_with(&mut plans, l, &o);
        }
        assert!(plans.thrashing);
        assert!(plans.sets.len() <= CACHE);
        // Known key sets still use their plans.
        let f = raw_fields(&lines[1000]).unwrap();
        assert!(plans.plan(&f, &o).is_some());
        // A stream that settles into one new key set gets a plan again.
        let settled = r#"{"message":"m","level":"info","host":"h"}"#;
        for _ in 0..2 * WINDOW {
            same_with(&mut plans, settled, &o);
        }
        assert!(!plans.thrashing);
        assert!(plans.plan(&raw_fields(settled).unwrap(), &o).is_some());
    }

    #[test]
    fn usual_key_sets_take_the_fast_path() {
        let o = Options::default();
        let mut plans = Plans::new();
        for line in [
            r#"{"timestamp":"2026-01-01T00:00:00Z","level":"info","message":"m","host":"a"}"#,
            r#"{"msg":"m","level":30,"time":1700000000000,"pid":1}"#,
            r#"{"levelname":"INFO","name":"app","message":"m","asctime":"2026-01-01 00:00:00"}"#,
        ] {
            let f = raw_fields(line).unwrap();
            let p = plans.plan(&f, &o).unwrap();
            assert!(matches!(&*p, Plan::Fast(_)), "{line}");
        }
        let nested = raw_fields(r#"{"message":"m","err":{"stack":"x"}}"#).unwrap();
        assert!(matches!(&*plans.plan(&nested, &o).unwrap(), Plan::General));
    }
}
