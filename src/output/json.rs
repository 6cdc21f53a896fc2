//! Compact JSON output: the bytes `serde_json::to_writer` writes, with a faster search for the
//! characters a string must escape.
//!
//! Writing a document's JSON was a sixth of `convert`'s time, half of it in serde_json's
//! byte-at-a-time scan of every string for a quote, a backslash or a control character
//! (`perf record` on the sample ×100). [`to_writer`] scans eight bytes at a time instead and
//! writes everything else exactly as serde_json's compact formatter does: `itoa` integers, floats
//! by serde_json's own formatter (`null` for a non-finite one), `null` for `None` and units, externally tagged enum
//! variants, string or number map keys (numbers quoted). `tests/it/json.rs` requires the same bytes
//! as serde_json for every corpus document and fixture and for generated strings and numbers.
//! Pretty output is left to serde_json.

use serde::ser::{self, Serialize};
use serde_json::ser::{CompactFormatter, Formatter};
use std::fmt;
use std::io::{self, Write};

use crate::model::Document;

/// Serialize a document; the text ends with a newline.
pub fn to_json(doc: &Document, pretty: bool) -> serde_json::Result<String> {
    let mut s = if pretty { serde_json::to_string_pretty(doc)? } else { serde_json::to_string(doc)? };
    s.push('\n');
    Ok(s)
}

/// Serialize a document into `w`, followed by a newline: the bytes of [`to_json`], without
/// holding them all in memory.
pub fn write_json<W: Write>(mut w: W, doc: &Document, pretty: bool) -> io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut w, doc)?;
    } else {
        // serde_json's bytes, with a faster scan of the text for characters to escape.
        to_writer(&mut w, doc)?;
    }
    w.write_all(b"\n")
}

/// Serialize `value` as compact JSON into `writer` (the bytes of `serde_json::to_writer`).
pub fn to_writer<W: Write, T: Serialize + ?Sized>(writer: W, value: &T) -> io::Result<()> {
    value.serialize(&mut Writer { w: writer }).map_err(|e| e.0)
}

/// Serialize `value` as compact JSON into a vector (the bytes of `serde_json::to_vec`).
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(128);
    to_writer(&mut out, value)?;
    Ok(out)
}

/// A write error, or a value JSON cannot hold (a map key that is not a string or a number).
#[derive(Debug)]
pub struct Error(io::Error);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        Error(io::Error::new(io::ErrorKind::InvalidData, msg.to_string()))
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error(e)
    }
}

/// The ten integer methods of a `serde::Serializer`, each `$body` applied to the serializer and
/// the value (they differ only in the value's type).
macro_rules! integers {
    (|$ser:ident: $ser_ty:ty, $v:ident| $body:expr) => {
        integers!(@each |$ser: $ser_ty, $v| $body; serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
            serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
            serialize_u64: u64, serialize_u128: u128);
    };
    (@each |$ser:ident: $ser_ty:ty, $v:ident| $body:expr; $($method:ident: $int:ty),*) => {
        $(
            fn $method(self, $v: $int) -> Result<(), Error> {
                let $ser: $ser_ty = self;
                $body
            }
        )*
    };
}

struct Writer<W> {
    w: W,
}

/// What a byte becomes in a JSON string: 0 for itself, else the letter of its short escape, or
/// `u` for `\u00XX` (serde_json's table).
const ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0A] = b'n';
    t[0x0C] = b'f';
    t[0x0D] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// Whether any of the eight bytes of `x` is below 0x20, a quote or a backslash: the boolean
/// forms of the "has a zero byte" and "has a byte less than n" bit tricks, which are exact.
fn any_to_escape(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS != 0;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGHS != 0;
    below_space || has_zero(x ^ (ONES * u64::from(b'"'))) || has_zero(x ^ (ONES * u64::from(b'\\')))
}

fn write_str<W: Write>(w: &mut W, s: &str) -> io::Result<()> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    w.write_all(b"\"")?;
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
            if !any_to_escape(u64::from_le_bytes(chunk)) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let escape = ESCAPE[b as usize];
        i += 1;
        if escape == 0 {
            continue;
        }
        w.write_all(&bytes[run..i - 1])?;
        run = i;
        match escape {
            b'u' => w.write_all(&[b'\\', b'u', b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 0xF) as usize]])?,
            letter => w.write_all(&[b'\\', letter])?,
        }
    }
    w.write_all(&bytes[run..])?;
    w.write_all(b"\"")
}

/// Numbers are written by serde_json's own compact formatter: the same digits whatever number
/// formatting serde_json uses. A non-finite float is `null`, as serde_json writes it.
fn write_f64<W: Write>(w: &mut W, v: f64) -> io::Result<()> {
    if v.is_finite() {
        CompactFormatter.write_f64(w, v)
    } else {
        w.write_all(b"null")
    }
}

fn write_f32<W: Write>(w: &mut W, v: f32) -> io::Result<()> {
    if v.is_finite() {
        CompactFormatter.write_f32(w, v)
    } else {
        w.write_all(b"null")
    }
}

fn write_int<W: Write, I: itoa::Integer>(w: &mut W, v: I) -> io::Result<()> {
    w.write_all(itoa::Buffer::new().format(v).as_bytes())
}

/// An array or object being written: whether an element has been written yet.
pub struct Compound<'a, W> {
    ser: &'a mut Writer<W>,
    first: bool,
}

impl<W: Write> Compound<'_, W> {
    fn comma(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.first) {
            Ok(())
        } else {
            self.ser.w.write_all(b",")
        }
    }

    fn key(&mut self, key: &str) -> io::Result<()> {
        self.comma()?;
        write_str(&mut self.ser.w, key)?;
        self.ser.w.write_all(b":")
    }
}

impl<'a, W: Write> Writer<W> {
    fn open(&'a mut self, bracket: &[u8]) -> Result<Compound<'a, W>, Error> {
        self.w.write_all(bracket)?;
        Ok(Compound { ser: self, first: true })
    }

    /// `{"variant":` before an externally tagged variant's content.
    fn open_variant(&mut self, variant: &str) -> Result<(), Error> {
        self.w.write_all(b"{")?;
        write_str(&mut self.w, variant)?;
        Ok(self.w.write_all(b":")?)
    }
}

impl<'a, W: Write> ser::Serializer for &'a mut Writer<W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, W>;
    type SerializeTuple = Compound<'a, W>;
    type SerializeTupleStruct = Compound<'a, W>;
    type SerializeTupleVariant = Compound<'a, W>;
    type SerializeMap = Compound<'a, W>;
    type SerializeStruct = Compound<'a, W>;
    type SerializeStructVariant = Compound<'a, W>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        Ok(self.w.write_all(if v { b"true" } else { b"false" })?)
    }
    integers!(|w: Self, v| Ok(write_int(&mut w.w, v)?));
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        Ok(write_f32(&mut self.w, v)?)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        Ok(write_f64(&mut self.w, v)?)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        Ok(write_str(&mut self.w, v.encode_utf8(&mut [0; 4]))?)
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        Ok(write_str(&mut self.w, v)?)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        Ok(self.w.write_all(b"null")?)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Ok(self.w.write_all(b"null")?)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant)?;
        value.serialize(&mut *self)?;
        Ok(self.w.write_all(b"}")?)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, W>, Error> {
        self.open(b"[")
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, W>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a, W>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, W>, Error> {
        self.open_variant(variant)?;
        self.open(b"[")
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, W>, Error> {
        self.open(b"{")
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a, W>, Error> {
        self.open(b"{")
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, W>, Error> {
        self.open_variant(variant)?;
        self.open(b"{")
    }
}

impl<W: Write> ser::SerializeSeq for Compound<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma()?;
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), Error> {
        Ok(self.ser.w.write_all(b"]")?)
    }
}

impl<W: Write> ser::SerializeTuple for Compound<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl<W: Write> ser::SerializeTupleStruct for Compound<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl<W: Write> ser::SerializeTupleVariant for Compound<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        Ok(self.ser.w.write_all(b"]}")?)
    }
}

impl<W: Write> ser::SerializeMap for Compound<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma()?;
        key.serialize(MapKey { w: &mut self.ser.w })?;
        Ok(self.ser.w.write_all(b":")?)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), Error> {
        Ok(self.ser.w.write_all(b"}")?)
    }
}

impl<W: Write> ser::SerializeStruct for Compound<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.key(key)?;
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), Error> {
        Ok(self.ser.w.write_all(b"}")?)
    }
}

impl<W: Write> ser::SerializeStructVariant for Compound<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), Error> {
        Ok(self.ser.w.write_all(b"}}")?)
    }
}

/// A map key: a string as itself, a number or a bool in quotes (as serde_json writes them);
/// anything else is an error.
struct MapKey<'w, W> {
    w: &'w mut W,
}

impl<W: Write> MapKey<'_, W> {
    fn quoted(self, text: &str) -> Result<(), Error> {
        self.w.write_all(b"\"")?;
        self.w.write_all(text.as_bytes())?;
        Ok(self.w.write_all(b"\"")?)
    }
}

fn key_must_be_a_string() -> Error {
    ser::Error::custom("key must be a string")
}

impl<W: Write> ser::Serializer for MapKey<'_, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        Ok(write_str(self.w, v)?)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        Ok(write_str(self.w, v.encode_utf8(&mut [0; 4]))?)
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.quoted(if v { "true" } else { "false" })
    }
    integers!(|key: Self, v| key.quoted(itoa::Buffer::new().format(v)));
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        if !v.is_finite() {
            return Err(ser::Error::custom("float key must be finite (got NaN or +/-inf)"));
        }
        self.w.write_all(b"\"")?;
        CompactFormatter.write_f32(self.w, v)?;
        Ok(self.w.write_all(b"\"")?)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        if !v.is_finite() {
            return Err(ser::Error::custom("float key must be finite (got NaN or +/-inf)"));
        }
        self.w.write_all(b"\"")?;
        CompactFormatter.write_f64(self.w, v)?;
        Ok(self.w.write_all(b"\"")?)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eight_byte_test_finds_every_byte_to_escape() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut chunk = [b'a'; 8];
                chunk[at] = b;
                assert_eq!(any_to_escape(u64::from_le_bytes(chunk)), ESCAPE[b as usize] != 0, "{b:#x} at {at}");
            }
        }
        // Bytes that are fine next to one another (borrows between bytes must not mislead).
        for pair in [[0x21u8, 0x20], [0x20, 0x21], [0xFF, 0x00], [0x5D, 0x5B], [0x23, 0x21], [0x80, 0x1F]] {
            let mut chunk = [b'z'; 8];
            chunk[3..5].copy_from_slice(&pair);
            let expect = pair.iter().any(|&b| ESCAPE[b as usize] != 0);
            assert_eq!(any_to_escape(u64::from_le_bytes(chunk)), expect, "{pair:x?}");
        }
    }

    #[test]
    fn strings_and_numbers_are_written_as_serde_json_writes_them() {
        let mut all_bytes = String::new();
        for c in (0u32..0x80).chain([0x7F, 0x80, 0xA0, 0x2028, 0x3000, 0xFEFF, 0x1F600]).filter_map(char::from_u32) {
            all_bytes.push(c);
        }
        let strings = [all_bytes.as_str(), "", "中俄关系", "\"quoted\" \\ back", "tab\there\nline", "12345678\u{1}"];
        for s in strings {
            assert_eq!(to_vec(s).ok(), serde_json::to_vec(s).ok(), "{s:?}");
        }
        let floats =
            [0.0, -0.0, 0.1, 1.0, 1e21, 1e-7, 42619.3, f64::MAX, f64::MIN_POSITIVE, 5e-324, f64::NAN, f64::INFINITY];
        assert_eq!(to_vec(&floats[..]).ok(), serde_json::to_vec(&floats[..]).ok());
        let ints = (i64::MIN, u64::MAX, -1i8, 0u16, i128::MIN, u128::MAX);
        assert_eq!(to_vec(&ints).ok(), serde_json::to_vec(&ints).ok());
        let map: std::collections::BTreeMap<i32, Option<&str>> = [(-1, None), (2, Some("x"))].into_iter().collect();
        assert_eq!(to_vec(&map).ok(), serde_json::to_vec(&map).ok());
        let nested = (vec![Some(true), None], (), [0u8; 0], 'x');
        assert_eq!(to_vec(&nested).ok(), serde_json::to_vec(&nested).ok());
    }

    #[test]
    fn enum_variants_are_externally_tagged() {
        #[derive(serde::Serialize)]
        enum E {
            Unit,
            New(u32),
            Tuple(u8, u8),
            Struct { a: u8 },
        }
        #[derive(serde::Serialize)]
        #[serde(tag = "type", rename_all = "snake_case")]
        enum Tagged {
            Paragraph { text: String },
            Empty,
        }
        let values = (E::Unit, E::New(3), E::Tuple(1, 2), E::Struct { a: 4 });
        assert_eq!(to_vec(&values).ok(), serde_json::to_vec(&values).ok());
        let tagged = [Tagged::Paragraph { text: "p".into() }, Tagged::Empty];
        assert_eq!(to_vec(&tagged).ok(), serde_json::to_vec(&tagged).ok());
    }
}
