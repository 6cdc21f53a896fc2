//! Schema validation without a JSON tree.
//!
//! `convert` validates every document before writing it. Building a `serde_json::Value` of the
//! whole document for the jsonschema crate cost more time than the conversion itself and most
//! of the memory on dense inputs (a map and a string per key of every element). This module
//! compiles the schema once into a small node table and checks a value against it while the
//! value *serializes*: the serde events (struct, field, string, number…) are exactly what
//! serde_json would write, so the verdict is the verdict on the JSON text, with no tree built
//! and no text escaped.
//!
//! Only the keywords the generated schema uses are understood (`type`, `const`, `enum`,
//! `minimum`, `maximum`, `properties`, `required`, `additionalProperties` as a boolean, `items`,
//! `$ref` into `$defs`, `anyOf`, `oneOf`, and the annotations). [`Compiled::new`] refuses a
//! schema with any other keyword, and a value using a serde form this checker does not map
//! (bytes, tuple or struct variants, non-string map keys) gives no verdict; in both cases the
//! caller falls back to the full jsonschema validation ([`crate::model::schema::validate_document`]).
//! `tests/it/conform.rs` runs both on every fixture, corpus document and the sample, and on
//! systematic mutations of them, and requires the same verdict.

use serde::ser::{self, Serialize};
use serde_json::Value;
use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;

const NULL: u8 = 1;
const BOOL: u8 = 2;
const INTEGER: u8 = 4;
const NUMBER: u8 = 8;
const STRING: u8 = 16;
const ARRAY: u8 = 32;
const OBJECT: u8 = 64;
const ANY: u8 = 127;

/// A JSON scalar, for `const` and `enum`.
#[derive(Debug, Clone, PartialEq)]
enum Scalar {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
}

/// One property name an object schema knows: its schema (when listed in `properties`) and its
/// bit in the required mask (when listed in `required`).
#[derive(Debug)]
struct Property {
    name: String,
    node: Option<usize>,
    required_bit: Option<u32>,
}

/// A compiled schema node. The local keywords are checked by [`Local`] on one serialization of
/// the value; `$ref`, `anyOf` and `oneOf` serialize the value again against each subschema.
#[derive(Debug, Default)]
struct Node {
    /// Allowed JSON types (bit set); `ANY` when the keyword is absent.
    types: u8,
    konst: Option<Scalar>,
    enumeration: Option<Vec<Scalar>>,
    minimum: Option<f64>,
    maximum: Option<f64>,
    properties: Vec<Property>,
    required_mask: u64,
    closed: bool,
    items: Option<usize>,
    reference: Option<usize>,
    any_of: Vec<usize>,
    one_of: Vec<usize>,
}

impl Node {
    fn has_local(&self) -> bool {
        self.types != ANY
            || self.konst.is_some()
            || self.enumeration.is_some()
            || self.minimum.is_some()
            || self.maximum.is_some()
            || !self.properties.is_empty()
            || self.closed
            || self.items.is_some()
    }
}

/// A schema compiled for [`Compiled::conforms`].
#[derive(Debug)]
pub struct Compiled {
    nodes: Vec<Node>,
    root: usize,
}

/// Keywords that only annotate: they never change a verdict. `format` is an annotation in
/// draft 2020-12 unless a validator is told to assert it, and the jsonschema crate is not.
const ANNOTATIONS: &[&str] = &["$schema", "$id", "$comment", "title", "description", "format", "default", "examples"];

impl Compiled {
    /// Compile a schema; an error names the first keyword or form this checker does not
    /// understand.
    pub fn new(schema: &Value) -> Result<Compiled, String> {
        let mut defs = HashMap::new();
        let mut c = Compiled { nodes: Vec::new(), root: 0 };
        if let Some(d) = schema.get("$defs") {
            let d = d.as_object().ok_or("$defs is not an object")?;
            // Reserve one node per definition first, so references may point forward.
            for name in d.keys() {
                defs.insert(format!("#/$defs/{name}"), c.nodes.len());
                c.nodes.push(Node::default());
            }
            for (name, def) in d {
                let node = c.compile_node(def, &defs)?;
                c.nodes[defs[&format!("#/$defs/{name}")]] = node;
            }
        }
        let root = c.compile_node(schema, &defs)?;
        c.root = c.nodes.len();
        c.nodes.push(root);
        Ok(c)
    }

    fn add(&mut self, v: &Value, defs: &HashMap<String, usize>) -> Result<usize, String> {
        let node = self.compile_node(v, defs)?;
        self.nodes.push(node);
        Ok(self.nodes.len() - 1)
    }

    fn compile_node(&mut self, v: &Value, defs: &HashMap<String, usize>) -> Result<Node, String> {
        let mut n = Node { types: ANY, ..Node::default() };
        let m = match v {
            Value::Bool(true) => return Ok(n),
            Value::Bool(false) => return Ok(Node { types: 0, ..n }),
            Value::Object(m) => m,
            _ => return Err(format!("a schema that is not an object: {v}")),
        };
        let mut required: Vec<&str> = Vec::new();
        for (k, x) in m {
            match k.as_str() {
                // Definitions are compiled by `new`; a `$ref` to a nested one is refused.
                "$defs" => {}
                k if ANNOTATIONS.contains(&k) => {}
                "type" => {
                    let names: Vec<&Value> = match x {
                        Value::Array(a) => a.iter().collect(),
                        one => vec![one],
                    };
                    n.types = 0;
                    for t in names {
                        n.types |= match t.as_str() {
                            Some("null") => NULL,
                            Some("boolean") => BOOL,
                            Some("integer") => INTEGER,
                            Some("number") => NUMBER | INTEGER,
                            Some("string") => STRING,
                            Some("array") => ARRAY,
                            Some("object") => OBJECT,
                            _ => return Err(format!("type {t}")),
                        };
                    }
                }
                "const" => n.konst = Some(scalar(x)?),
                "enum" => {
                    let a = x.as_array().ok_or("enum is not an array")?;
                    n.enumeration = Some(a.iter().map(scalar).collect::<Result<_, _>>()?);
                }
                "minimum" => n.minimum = Some(x.as_f64().ok_or("minimum is not a number")?),
                "maximum" => n.maximum = Some(x.as_f64().ok_or("maximum is not a number")?),
                "properties" => {
                    for (name, p) in x.as_object().ok_or("properties is not an object")? {
                        let node = self.add(p, defs)?;
                        n.properties.push(Property { name: name.clone(), node: Some(node), required_bit: None });
                    }
                }
                "required" => {
                    for r in x.as_array().ok_or("required is not an array")? {
                        required.push(r.as_str().ok_or("a required name is not a string")?);
                    }
                }
                "additionalProperties" => match x {
                    Value::Bool(b) => n.closed = !b,
                    _ => return Err("additionalProperties with a schema".to_string()),
                },
                "items" => n.items = Some(self.add(x, defs)?),
                "$ref" => {
                    let r = x.as_str().ok_or("$ref is not a string")?;
                    n.reference = Some(*defs.get(r).ok_or_else(|| format!("$ref {r}"))?);
                }
                "anyOf" | "oneOf" => {
                    let a = x.as_array().ok_or_else(|| format!("{k} is not an array"))?;
                    let subs = a.iter().map(|s| self.add(s, defs)).collect::<Result<Vec<_>, _>>()?;
                    if k == "anyOf" {
                        n.any_of = subs;
                    } else {
                        n.one_of = subs;
                    }
                }
                // `x-…` keywords are annotations (`x-pdf-only`: written for PDF inputs only);
                // they constrain nothing.
                other if other.starts_with("x-") => {}
                other => return Err(format!("keyword {other}")),
            }
        }
        if required.len() > 64 {
            return Err("more than 64 required properties".to_string());
        }
        for (bit, name) in required.into_iter().enumerate() {
            let bit = bit as u32;
            n.required_mask |= 1 << bit;
            match n.properties.iter_mut().find(|p| p.name == name) {
                Some(p) => p.required_bit = Some(bit),
                None => n.properties.push(Property { name: name.to_string(), node: None, required_bit: Some(bit) }),
            }
        }
        Ok(n)
    }

    /// Whether `value`, serialized by serde_json, satisfies the schema: `Some(verdict)`, or
    /// `None` when the value uses a serde form this checker does not map to JSON.
    pub fn conforms<T: Serialize + ?Sized>(&self, value: &T) -> Option<bool> {
        let run = Run { c: self, unsupported: Cell::new(false) };
        let ok = run.check(value, self.root);
        (!run.unsupported.get()).then_some(ok)
    }
}

fn scalar(v: &Value) -> Result<Scalar, String> {
    Ok(match v {
        Value::Null => Scalar::Null,
        Value::Bool(b) => Scalar::Bool(*b),
        Value::Number(n) => Scalar::Number(n.as_f64().ok_or("a number out of range")?),
        Value::String(s) => Scalar::String(s.clone()),
        _ => return Err(format!("const or enum value {v}")),
    })
}

/// One check of one value.
struct Run<'c> {
    c: &'c Compiled,
    unsupported: Cell<bool>,
}

impl Run<'_> {
    fn check<T: Serialize + ?Sized>(&self, v: &T, idx: usize) -> bool {
        let n = &self.c.nodes[idx];
        if n.has_local() && v.serialize(Local { run: self, n }).is_err() {
            return false;
        }
        if let Some(r) = n.reference {
            if !self.check(v, r) {
                return false;
            }
        }
        if !n.any_of.is_empty() && !n.any_of.iter().any(|&k| self.check(v, k)) {
            return false;
        }
        if !n.one_of.is_empty() && n.one_of.iter().filter(|&&k| self.check(v, k)).take(2).count() != 1 {
            return false;
        }
        true
    }
}

/// Why a local check stopped.
#[derive(Debug)]
pub struct Fail;

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("does not conform")
    }
}

impl std::error::Error for Fail {}

impl ser::Error for Fail {
    fn custom<M: fmt::Display>(_: M) -> Self {
        Fail
    }
}

/// The serializer checking one node's local keywords on one value.
struct Local<'r, 'c> {
    run: &'r Run<'c>,
    n: &'c Node,
}

impl<'r, 'c> Local<'r, 'c> {
    fn unsupported<T>(&self) -> Result<T, Fail> {
        self.run.unsupported.set(true);
        Err(Fail)
    }

    fn scalar(&self, kind: u8, value: Scalar) -> Result<(), Fail> {
        let n = self.n;
        if n.types & kind == 0 {
            return Err(Fail);
        }
        if n.konst.as_ref().is_some_and(|k| *k != value) {
            return Err(Fail);
        }
        if n.enumeration.as_ref().is_some_and(|e| !e.contains(&value)) {
            return Err(Fail);
        }
        if let Scalar::Number(x) = value {
            if n.minimum.is_some_and(|m| x < m) || n.maximum.is_some_and(|m| x > m) {
                return Err(Fail);
            }
        }
        Ok(())
    }

    fn number(&self, x: f64) -> Result<(), Fail> {
        if !x.is_finite() {
            // serde_json writes NaN and infinities as null.
            return self.scalar(NULL, Scalar::Null);
        }
        let kind = if x.fract() == 0.0 { INTEGER | NUMBER } else { NUMBER };
        self.scalar(kind, Scalar::Number(x))
    }

    fn compound(&self, kind: u8) -> Result<Compound<'r, 'c>, Fail> {
        let n = self.n;
        if n.types & kind == 0 || n.konst.is_some() || n.enumeration.is_some() {
            // `const`/`enum` of a compound value are refused by `Compiled::new`, so a compound
            // value never equals one.
            return Err(Fail);
        }
        Ok(Compound { run: self.run, n, failed: false, seen: 0, key: None })
    }
}

/// The state of an object or array being checked.
struct Compound<'r, 'c> {
    run: &'r Run<'c>,
    n: &'c Node,
    failed: bool,
    seen: u64,
    key: Option<String>,
}

impl Compound<'_, '_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        if self.failed {
            return;
        }
        match self.n.properties.iter().find(|p| p.name == key) {
            Some(p) => {
                if let Some(b) = p.required_bit {
                    self.seen |= 1 << b;
                }
                if let Some(node) = p.node {
                    self.failed = !self.run.check(value, node);
                }
            }
            None => self.failed = self.n.closed,
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) {
        if !self.failed {
            if let Some(items) = self.n.items {
                self.failed = !self.run.check(value, items);
            }
        }
    }

    fn end_object(self) -> Result<(), Fail> {
        if self.failed || self.seen & self.n.required_mask != self.n.required_mask {
            Err(Fail)
        } else {
            Ok(())
        }
    }

    fn end_array(self) -> Result<(), Fail> {
        if self.failed {
            Err(Fail)
        } else {
            Ok(())
        }
    }
}

impl<'r, 'c> ser::Serializer for Local<'r, 'c> {
    type Ok = ();
    type Error = Fail;
    type SerializeSeq = Compound<'r, 'c>;
    type SerializeTuple = Compound<'r, 'c>;
    type SerializeTupleStruct = Compound<'r, 'c>;
    type SerializeTupleVariant = ser::Impossible<(), Fail>;
    type SerializeMap = Compound<'r, 'c>;
    type SerializeStruct = Compound<'r, 'c>;
    type SerializeStructVariant = ser::Impossible<(), Fail>;

    fn serialize_bool(self, v: bool) -> Result<(), Fail> {
        self.scalar(BOOL, Scalar::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<(), Fail> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Fail> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Fail> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Fail> {
        self.scalar(INTEGER | NUMBER, Scalar::Number(v as f64))
    }
    fn serialize_i128(self, v: i128) -> Result<(), Fail> {
        self.scalar(INTEGER | NUMBER, Scalar::Number(v as f64))
    }
    fn serialize_u8(self, v: u8) -> Result<(), Fail> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Fail> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Fail> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Fail> {
        self.scalar(INTEGER | NUMBER, Scalar::Number(v as f64))
    }
    fn serialize_u128(self, v: u128) -> Result<(), Fail> {
        self.scalar(INTEGER | NUMBER, Scalar::Number(v as f64))
    }
    fn serialize_f32(self, v: f32) -> Result<(), Fail> {
        self.number(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Fail> {
        self.number(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Fail> {
        self.scalar(STRING, Scalar::String(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<(), Fail> {
        let n = self.n;
        if n.types & STRING == 0 {
            return Err(Fail);
        }
        // Compare borrowed: the common case (every string field) allocates nothing.
        let same = |s: &Scalar| matches!(s, Scalar::String(k) if k == v);
        if n.konst.as_ref().is_some_and(|k| !same(k)) || n.enumeration.as_ref().is_some_and(|e| !e.iter().any(same)) {
            return Err(Fail);
        }
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Fail> {
        self.unsupported()
    }
    fn serialize_none(self) -> Result<(), Fail> {
        self.scalar(NULL, Scalar::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Fail> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Fail> {
        self.scalar(NULL, Scalar::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Fail> {
        self.scalar(NULL, Scalar::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Fail> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Fail> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Fail> {
        // serde_json writes `{"variant": value}`.
        let mut o = self.compound(OBJECT)?;
        o.field(variant, value);
        o.end_object()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'r, 'c>, Fail> {
        self.compound(ARRAY)
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'r, 'c>, Fail> {
        self.compound(ARRAY)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'r, 'c>, Fail> {
        self.compound(ARRAY)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Fail> {
        self.unsupported()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'r, 'c>, Fail> {
        self.compound(OBJECT)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'r, 'c>, Fail> {
        self.compound(OBJECT)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Fail> {
        self.unsupported()
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Fail;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
        self.element(value);
        Ok(())
    }
    fn end(self) -> Result<(), Fail> {
        self.end_array()
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Fail;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
        self.element(value);
        Ok(())
    }
    fn end(self) -> Result<(), Fail> {
        self.end_array()
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Fail;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
        self.element(value);
        Ok(())
    }
    fn end(self) -> Result<(), Fail> {
        self.end_array()
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Fail;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Fail> {
        match key.serialize(KeyName) {
            Ok(k) => {
                self.key = Some(k);
                Ok(())
            }
            Err(_) => {
                self.run.unsupported.set(true);
                Err(Fail)
            }
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fail> {
        let key = self.key.take().unwrap_or_default();
        self.field(&key, value);
        Ok(())
    }
    fn end(self) -> Result<(), Fail> {
        self.end_object()
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Fail;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Fail> {
        self.field(key, value);
        Ok(())
    }
    fn end(self) -> Result<(), Fail> {
        self.end_object()
    }
}

/// A map key as serde_json writes it: strings (and unit variants) as they are. Other key types
/// give no verdict.
struct KeyName;

impl ser::Serializer for KeyName {
    type Ok = String;
    type Error = Fail;
    type SerializeSeq = ser::Impossible<String, Fail>;
    type SerializeTuple = ser::Impossible<String, Fail>;
    type SerializeTupleStruct = ser::Impossible<String, Fail>;
    type SerializeTupleVariant = ser::Impossible<String, Fail>;
    type SerializeMap = ser::Impossible<String, Fail>;
    type SerializeStruct = ser::Impossible<String, Fail>;
    type SerializeStructVariant = ser::Impossible<String, Fail>;

    fn serialize_str(self, v: &str) -> Result<String, Fail> {
        Ok(v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<String, Fail> {
        Ok(v.to_string())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<String, Fail> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<String, Fail> {
        value.serialize(self)
    }
    fn serialize_bool(self, _: bool) -> Result<String, Fail> {
        Err(Fail)
    }
    fn serialize_i8(self, _: i8) -> Result<String, Fail> {
        Err(Fail)
    }
    fn serialize_i16(self, _: i16) -> Result<String, Fail> {
        Err(Fail)
    }
    fn serialize_i32(self, _: i32) -> Result<String, Fail> {
        Err(Fail)
    }
    fn serialize_i64(self, _: i64) -> Result<String, Fail> {
        Err(Fail)
    }
    fn serialize_u8(self, _: u8) -> Result<String, Fail> {
        Err(Fail)
    }
    fn serialize_u16(self, _: u16) -> Result<String, Fail> {
        Err(Fail)
    }
    fn serialize_u32(self, _: u32) -> Result<String, Fail> {
        Err(Fail)
    }
    fn serialize_u64(self, _: u64) -> Result<String, Fail> {
        Err(Fail)
    }
    fn serialize_f32(self, _: f32) -> Result<String, Fail> {
        Err(Fail)
    }
    fn serialize_f64(self, _: f64) -> Result<String, Fail> {
        Err(Fail)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, Fail> {
        Err(Fail)
    }
    fn serialize_none(self) -> Result<String, Fail> {
        Err(Fail)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<String, Fail> {
        Err(Fail)
    }
    fn serialize_unit(self) -> Result<String, Fail> {
        Err(Fail)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, Fail> {
        Err(Fail)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Fail> {
        Err(Fail)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Fail> {
        Err(Fail)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Fail> {
        Err(Fail)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Fail> {
        Err(Fail)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Fail> {
        Err(Fail)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Fail> {
        Err(Fail)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Fail> {
        Err(Fail)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Fail> {
        Err(Fail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn verdict(schema: Value, v: Value) -> Option<bool> {
        Compiled::new(&schema).expect("compiles").conforms(&v)
    }

    #[test]
    fn local_keywords() {
        let s = json!({"type": "object", "properties": {"a": {"type": "integer", "minimum": 0}}, "required": ["a"], "additionalProperties": false});
        assert_eq!(verdict(s.clone(), json!({"a": 3})), Some(true));
        assert_eq!(verdict(s.clone(), json!({"a": -3})), Some(false));
        assert_eq!(verdict(s.clone(), json!({"a": 1.5})), Some(false));
        assert_eq!(verdict(s.clone(), json!({})), Some(false));
        assert_eq!(verdict(s.clone(), json!({"a": 1, "b": 2})), Some(false));
        assert_eq!(verdict(s, json!([1])), Some(false));
    }

    #[test]
    fn one_of_needs_exactly_one_branch() {
        let s = json!({"oneOf": [{"type": "string", "const": "x"}, {"type": "string"}]});
        assert_eq!(verdict(s.clone(), json!("x")), Some(false), "both branches match");
        assert_eq!(verdict(s.clone(), json!("y")), Some(true));
        assert_eq!(verdict(s, json!(1)), Some(false));
    }

    #[test]
    fn references_and_any_of() {
        let s = json!({"$defs": {"N": {"type": ["integer", "null"]}}, "anyOf": [{"$ref": "#/$defs/N"}, {"type": "array", "items": {"$ref": "#/$defs/N"}}]});
        assert_eq!(verdict(s.clone(), json!(null)), Some(true));
        assert_eq!(verdict(s.clone(), json!([1, null])), Some(true));
        assert_eq!(verdict(s, json!([1, "a"])), Some(false));
    }

    #[test]
    fn unknown_keywords_are_refused() {
        assert!(Compiled::new(&json!({"pattern": "^a"})).is_err());
        assert!(Compiled::new(&json!({"unevaluatedProperties": false})).is_err());
        assert!(Compiled::new(&json!({"additionalProperties": {"type": "string"}})).is_err());
    }

    #[test]
    fn non_finite_numbers_are_null_as_serde_json_writes_them() {
        let s = json!({"type": "number"});
        let c = Compiled::new(&s).expect("compiles");
        assert_eq!(c.conforms(&f64::NAN), Some(false));
        assert_eq!(c.conforms(&1.5f64), Some(true));
    }
}
