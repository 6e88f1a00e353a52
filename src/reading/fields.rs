//! The one view of a parsed record's fields that the mapping works on, so the
//! same rules run over tail-stdin's `serde_json::Map` and over the borrowed
//! field list every ingest format builds (`formats::Record::fields`), without
//! converting one into the other.
//!
//! Scalars are read in place (no allocation for a borrowed string); objects
//! and arrays are parsed on demand, only by the shapes that look inside them
//! (`err.stack`, `instant.epochSecond`, OTel `attributes`).

use std::borrow::Cow;

use serde_json::{Map, Value};

/// A field value, kept in the cheapest form the format gives.
#[derive(Debug, Clone, PartialEq)]
pub enum Val<'a> {
    /// Valid JSON text, written to the wire verbatim.
    Raw(&'a str),
    /// A string.
    Str(Cow<'a, str>),
    /// A JSON object a parser built itself (syslog structured data), as
    /// JSON text: written to the wire verbatim, no `serde_json::Map` per record.
    Object(String),
}

impl Val<'_> {
    /// The value as text when it is a string (decoding JSON escapes).
    pub fn as_text(&self) -> Option<Cow<'_, str>> {
        match self {
            Val::Str(s) => Some(Cow::Borrowed(s)),
            Val::Raw(r) => raw_str(r),
            Val::Object(_) => None,
        }
    }

    /// The value as JSON (for tests and `serve`).
    pub fn to_value(&self) -> Value {
        match self {
            Val::Raw(r) => serde_json::from_str(r).unwrap_or(Value::Null),
            Val::Str(s) => Value::String(s.to_string()),
            Val::Object(o) => serde_json::from_str(o).unwrap_or(Value::Null),
        }
    }
}

/// The decoded text of a raw JSON string, borrowed when it has no escapes.
pub fn raw_str(r: &str) -> Option<Cow<'_, str>> {
    let inner = r.strip_prefix('"')?.strip_suffix('"')?;
    if memchr::memchr(b'\\', inner.as_bytes()).is_none() {
        return Some(Cow::Borrowed(inner));
    }
    serde_json::from_str::<String>(r).ok().map(Cow::Owned)
}

/// A top-level field's value, as cheaply as the record holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Field<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Float(f64),
    Bool(bool),
    Null,
    Object,
    Array,
}

impl Field<'_> {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Field::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// What the mapping needs of a record's fields.
pub trait Fields {
    /// A top-level field.
    fn get(&self, key: &str) -> Option<Field<'_>>;
    /// A top-level field as JSON (objects and arrays; parsed on demand).
    fn get_json(&self, key: &str) -> Option<Value>;
    /// Remove a top-level field (no-op when absent).
    fn remove(&mut self, key: &str);
    /// Set a top-level field: replaced in place when present, else appended.
    fn set_json(&mut self, key: &str, v: Value);
    /// Keep only the fields for which `keep` is true.
    fn retain(&mut self, keep: &mut dyn FnMut(&str) -> bool);
    /// The keys, in the record's order.
    fn keys(&self) -> Vec<String>;
    /// Whether some key satisfies `pred` (no allocation).
    fn any_key(&self, pred: &dyn Fn(&str) -> bool) -> bool;

    /// Whether a top-level field is present (no value is read).
    fn contains(&self, key: &str) -> bool;

    /// Rename `from` to `to`, unless `to` is taken (then `from` stays).
    fn rename(&mut self, from: &str, to: &str) {
        if from == to || self.contains(to) {
            return;
        }
        if let Some(v) = self.get_json(from) {
            self.remove(from);
            self.set_json(to, v);
        }
    }
}

fn field_of_value(v: &Value) -> Field<'_> {
    match v {
        Value::String(s) => Field::Str(Cow::Borrowed(s)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Field::Int(i),
            None => Field::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::Bool(b) => Field::Bool(*b),
        Value::Null => Field::Null,
        Value::Object(_) => Field::Object,
        Value::Array(_) => Field::Array,
    }
}

impl Fields for Map<String, Value> {
    fn contains(&self, key: &str) -> bool {
        self.contains_key(key)
    }
    fn get(&self, key: &str) -> Option<Field<'_>> {
        Map::get(self, key).map(field_of_value)
    }
    fn get_json(&self, key: &str) -> Option<Value> {
        Map::get(self, key).cloned()
    }
    fn remove(&mut self, key: &str) {
        Map::remove(self, key);
    }
    fn set_json(&mut self, key: &str, v: Value) {
        self.insert(key.to_string(), v);
    }
    fn retain(&mut self, keep: &mut dyn FnMut(&str) -> bool) {
        Map::retain(self, |k, _| keep(k));
    }
    fn keys(&self) -> Vec<String> {
        Map::keys(self).cloned().collect()
    }
    fn any_key(&self, pred: &dyn Fn(&str) -> bool) -> bool {
        Map::keys(self).any(|k| pred(k))
    }
}

/// A JSON value given as text (`Val::Raw`), read without building a tree for
/// scalars.
fn field_of_raw(r: &str) -> Option<Field<'_>> {
    let b = r.as_bytes();
    Some(match b.first()? {
        b'"' => Field::Str(raw_str(r)?),
        b'{' => Field::Object,
        b'[' => Field::Array,
        b't' => Field::Bool(true),
        b'f' => Field::Bool(false),
        b'n' => Field::Null,
        _ => match r.parse::<i64>() {
            Ok(i) => Field::Int(i),
            Err(_) => Field::Float(r.parse::<f64>().ok()?),
        },
    })
}

pub(crate) fn field_of_val<'v>(v: &'v Val<'_>) -> Option<Field<'v>> {
    match v {
        Val::Raw(r) => field_of_raw(r),
        Val::Str(s) => Some(Field::Str(Cow::Borrowed(s))),
        Val::Object(o) => field_of_raw(o),
    }
}

/// The field list of `formats::Record`.
impl<'a> Fields for Vec<(Cow<'a, str>, Val<'a>)> {
    fn contains(&self, key: &str) -> bool {
        self.iter().any(|(k, _)| k == key)
    }
    fn get(&self, key: &str) -> Option<Field<'_>> {
        self.iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| field_of_val(v))
    }
    fn get_json(&self, key: &str) -> Option<Value> {
        self.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.to_value())
    }
    fn remove(&mut self, key: &str) {
        if let Some(i) = self.iter().position(|(k, _)| k == key) {
            Vec::remove(self, i);
        }
    }
    fn set_json(&mut self, key: &str, v: Value) {
        let text = Val::Object(v.to_string());
        match self.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = text,
            None => self.push((Cow::Owned(key.to_string()), text)),
        }
    }
    fn retain(&mut self, keep: &mut dyn FnMut(&str) -> bool) {
        Vec::retain(self, |(k, _)| keep(k));
    }
    fn keys(&self) -> Vec<String> {
        self.iter().map(|(k, _)| k.to_string()).collect()
    }
    fn any_key(&self, pred: &dyn Fn(&str) -> bool) -> bool {
        self.iter().any(|(k, _)| pred(k))
    }
}

/// A record's fields with a 64-bit summary of its key names in front, so
/// the many names a shape might use and the record lacks cost a bit test,
/// not a scan (`read_record` asks for some forty names per record; a record
/// holds a handful). False positives only fall through to the scan.
pub struct Masked<'a> {
    inner: &'a mut dyn Fields,
    mask: u64,
}

#[inline]
fn bit(k: &str) -> u64 {
    let b = k.as_bytes();
    let first = u32::from(*b.first().unwrap_or(&0));
    let last = u32::from(*b.last().unwrap_or(&0));
    let mid = u32::from(*b.get(b.len() / 2).unwrap_or(&0));
    // Mixed, so the names probed for (`level_value`, `logger_name`,
    // `severityNumber`, ...) rarely share a bit with common keys (`level`,
    // `message`, `timestamp`): a shared bit costs a scan of the fields.
    let mut h = (b.len() as u32).wrapping_mul(0x9E37_79B1)
        ^ first.wrapping_mul(0x85EB_CA77)
        ^ last.wrapping_mul(0xC2B2_AE3D)
        ^ mid.wrapping_mul(0x27D4_EB2F);
    h = (h ^ (h >> 15)).wrapping_mul(0x2C1B_3C6D);
    h ^= h >> 12;
    1u64 << (h % 64)
}

impl<'a> Masked<'a> {
    pub fn new(inner: &'a mut dyn Fields) -> Masked<'a> {
        let mask = std::cell::Cell::new(0u64);
        inner.any_key(&|k| {
            mask.set(mask.get() | bit(k));
            false
        });
        Masked {
            inner,
            mask: mask.get(),
        }
    }

    #[inline]
    fn may_have(&self, key: &str) -> bool {
        self.mask & bit(key) != 0
    }
}

impl Fields for Masked<'_> {
    #[inline]
    fn get(&self, key: &str) -> Option<Field<'_>> {
        if !self.may_have(key) {
            return None;
        }
        self.inner.get(key)
    }
    #[inline]
    fn get_json(&self, key: &str) -> Option<Value> {
        if !self.may_have(key) {
            return None;
        }
        self.inner.get_json(key)
    }
    #[inline]
    fn remove(&mut self, key: &str) {
        if self.may_have(key) {
            self.inner.remove(key);
        }
    }
    #[inline]
    fn set_json(&mut self, key: &str, v: Value) {
        self.mask |= bit(key);
        self.inner.set_json(key, v);
    }
    #[inline]
    fn retain(&mut self, keep: &mut dyn FnMut(&str) -> bool) {
        self.inner.retain(keep);
    }
    #[inline]
    fn keys(&self) -> Vec<String> {
        self.inner.keys()
    }
    #[inline]
    fn any_key(&self, pred: &dyn Fn(&str) -> bool) -> bool {
        self.inner.any_key(pred)
    }
    #[inline]
    fn contains(&self, key: &str) -> bool {
        self.may_have(key) && self.inner.contains(key)
    }
}

/// `a.b.c` -> (`a`, `b.c`): called for every name a shape might use, so a
/// plain byte loop (names are short: memchr's setup costs more).
pub fn split_dot(path: &str) -> Option<(&str, &str)> {
    let i = path.bytes().position(|c| c == b'.')?;
    Some((&path[..i], &path[i + 1..]))
}

/// A field by a dotted path: the flat key first (`"log.level"` as ECS
/// loggers write it), then the nested object (`{"log":{"level":..}}`).
pub fn lookup<F: Fields + ?Sized>(fields: &F, path: &str) -> Option<Value> {
    if let Some(v) = fields.get_json(path) {
        return Some(v);
    }
    let (head, rest) = split_dot(path)?;
    if !matches!(fields.get(head), Some(Field::Object)) {
        return None;
    }
    let mut v = fields.get_json(head)?;
    for part in rest.split('.') {
        v = v.as_object_mut()?.remove(part)?;
    }
    Some(v)
}

/// Remove a field by dotted path (flat key, else nested); a parent object
/// left empty goes too.
pub fn remove_path<F: Fields + ?Sized>(fields: &mut F, path: &str) {
    if fields.contains(path) {
        fields.remove(path);
        return;
    }
    let Some((head, rest)) = split_dot(path) else {
        return;
    };
    let Some(mut v) = fields.get_json(head) else {
        return;
    };
    if remove_nested(&mut v, rest) {
        if v.as_object().is_some_and(|o| o.is_empty()) {
            fields.remove(head);
        } else {
            fields.set_json(head, v);
        }
    }
}

fn remove_nested(v: &mut Value, path: &str) -> bool {
    let Some(obj) = v.as_object_mut() else {
        return false;
    };
    match split_dot(path) {
        None => obj.remove(path).is_some(),
        Some((head, rest)) => {
            let Some(child) = obj.get_mut(head) else {
                return false;
            };
            let done = remove_nested(child, rest);
            if done && child.as_object().is_some_and(|o| o.is_empty()) {
                obj.remove(head);
            }
            done
        }
    }
}
