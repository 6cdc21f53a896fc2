//! Stage 1: bytes → text.
//!
//! A BOM decides first (UTF-8, UTF-16LE/BE). Without one, valid UTF-8 is taken as it is; UTF-16
//! without BOM is recognized by its zero bytes; anything else goes to `chardetng`, except text
//! that is UTF-8 with a few invalid sequences, which is decoded as UTF-8 with replacement. Every
//! replacement is reported (count and first position), never silent. Binary data is refused.

use crate::model::{Diagnostic, DiagnosticCode};
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use std::borrow::Cow;
use thiserror::Error;

/// The decoded text and how it was obtained.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text, as UTF-8: borrowed from the input when it is valid UTF-8 without BOM (no copy
    /// of a large input), decoded into a new string otherwise.
    pub text: Cow<'a, str>,
    /// The encoding's name (`UTF-8`, `UTF-16LE`, `GB18030`, …).
    pub encoding: String,
    /// `bom`, `utf8` or `detected`.
    pub encoding_source: &'static str,
    /// Replaced byte sequences, a cut character, NUL bytes: what decoding had to say.
    pub diagnostics: Vec<Diagnostic>,
}

/// How much of an input that is not valid UTF-8 is examined to choose its encoding.
const PROBE_BYTES: usize = 16 * 1024;
/// How much of it is given to the encoding detector.
const DETECTOR_BYTES: usize = 8 * 1024;

/// Why an input is refused as not being a text document.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    /// No bytes at all.
    #[error("the file is empty")]
    Empty,
    /// Nothing but white space.
    #[error("the file holds only white space")]
    Blank,
    /// Binary data or undecodable bytes; the reason names the share and the first position.
    #[error("not a text document: {0}")]
    NotText(String),
    /// A file of another kind than a text dump ([`sniff`]): a PDF, an HTML page, a document
    /// `crdoc` already wrote.
    #[error("{0}")]
    NotADump(String),
    /// A PDF (by its `%PDF-` signature) that cannot be read: encrypted, damaged, a scan
    /// without text; the reason is one line.
    #[error("{0}")]
    Pdf(String),
    /// A PDF, given to a crdoc built without its `pdf` feature.
    #[error("a PDF file, but this crdoc was built without PDF support (cargo feature `pdf`); convert it to text first or use a build with the feature")]
    PdfUnsupported,
}

/// What an input is, from its first bytes ([`sniff`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// Anything else: converted as a text dump.
    Dump,
    /// A JSON object with `schema_version` and `source`: a document `crdoc` wrote.
    Document,
    /// A PDF (`%PDF-` signature, whatever the file is called).
    Pdf,
    /// An HTML page (`<!DOCTYPE html` or `<html`).
    Html,
}

/// Recognise the inputs that are obviously not text dumps, whatever their extension. The one
/// place that says what is not a dump (a PDF is read by the `pdf` layout stage instead, when the
/// feature is on).
pub fn sniff(bytes: &[u8]) -> Sniffed {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    let head = &body[start..];
    let starts_with_ci =
        |prefix: &[u8]| head.len() >= prefix.len() && head[..prefix.len()].eq_ignore_ascii_case(prefix);
    if is_pdf(bytes) {
        Sniffed::Pdf
    } else if starts_with_ci(b"<!doctype html") || starts_with_ci(b"<html") {
        Sniffed::Html
    } else if head.starts_with(b"{") && is_document(body) {
        Sniffed::Document
    } else {
        Sniffed::Dump
    }
}

/// A JSON object with the keys `schema_version` and `source` (other keys ignored).
fn is_document(bytes: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Header {
        #[allow(dead_code)]
        schema_version: serde::de::IgnoredAny,
        #[allow(dead_code)]
        source: serde::de::IgnoredAny,
    }
    serde_json::from_slice::<Header>(bytes).is_ok()
}

/// Refuse an input that is not a text dump ([`sniff`]), with what to do instead.
pub fn refuse_non_dump(bytes: &[u8]) -> Result<(), DecodeError> {
    match sniff(bytes) {
        Sniffed::Dump => Ok(()),
        // PDFs are read by the `pdf` layout stage before decoding (`pipeline::convert_bytes`);
        // without the feature they are refused here, never decoded as text.
        Sniffed::Pdf if cfg!(feature = "pdf") => Err(DecodeError::NotADump(
            "a PDF file, not a text dump: convert it whole (`crdoc convert FILE.pdf`), it is read by the PDF layout stage".to_string(),
        )),
        Sniffed::Pdf => Err(DecodeError::PdfUnsupported),
        Sniffed::Html => Err(DecodeError::NotADump(
            "an HTML page, not a text dump; save the report's text (or `pdftotext -layout` its PDF) and convert that"
                .to_string(),
        )),
        Sniffed::Document => Err(DecodeError::NotADump(
            "already converted: a crdoc JSON document, not a text dump (validate it with `crdoc validate`)".to_string(),
        )),
    }
}

/// Does `bytes` start like a PDF? The `%PDF-` signature on the first line, within the first
/// 1024 bytes (readers accept a few bytes of junk before it; a BOM and blank lines before it are
/// skipped), whatever the file is called.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    let head = &body[start..body.len().min(start + 1024)];
    let first_line = memchr::memchr2(b'\n', b'\r', head).map_or(head, |e| &head[..e]);
    memchr::memmem::find(first_line, b"%PDF-").is_some()
}

/// Decode `bytes` to text.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    refuse_non_dump(bytes)?;
    let mut diagnostics = Vec::new();
    let (text, encoding, source, replaced) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, replaced) = decode_with(enc, &bytes[bom_len..]);
        (Cow::Owned(text), enc, "bom", replaced)
    } else if let Some(enc) = sniff_utf16(bytes) {
        let (text, replaced) = decode_with(enc, bytes);
        (Cow::Owned(text), enc, "detected", replaced)
    } else if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        (Cow::Borrowed(s), UTF_8, "utf8", None)
    } else {
        refuse_binary(bytes)?;
        // Decide on a probe of 16 KiB where the non-ASCII bytes are (a long ASCII prefix, such
        // as English front matter, says nothing about the encoding): a few damaged sequences in
        // mostly valid UTF-8, or another encoding (chardetng needs no more than that to tell).
        let (start, probe) = non_ascii_probe(bytes, PROBE_BYTES);
        let invalid = count_invalid_utf8(probe);
        let probe_end = start + probe.len();
        let truncated_probe = probe_end < bytes.len() && invalid.at_end;
        let errors = invalid.count - usize::from(truncated_probe);
        let valid_multibyte =
            String::from_utf8_lossy(probe).chars().filter(|c| *c >= '\u{80}' && *c != '\u{FFFD}').count();
        let enc = if valid_multibyte >= 4 * errors || (errors == 1 && invalid.at_end) {
            // Mostly valid UTF-8: a few damaged sequences, not another encoding.
            UTF_8
        } else {
            // chardetng costs about 2,000 instructions a byte; 8 KiB of text is plenty to tell.
            let sniff = &probe[..probe.len().min(DETECTOR_BYTES)];
            let mut det = chardetng::EncodingDetector::new();
            det.feed(sniff, probe_end == bytes.len() && sniff.len() == probe.len());
            let guess = det.guess(None, true);
            if guess.name() == "GBK" {
                GB18030
            } else {
                guess
            }
        };
        let (text, replaced) = decode_with(enc, bytes);
        (Cow::Owned(text), enc, if enc == UTF_8 { "utf8" } else { "detected" }, replaced)
    };
    if let Some(r) = replaced {
        let truncated = r.at_end;
        diagnostics.push(Diagnostic::new(
            if truncated { DiagnosticCode::TruncatedInput } else { DiagnosticCode::InvalidBytes },
            if truncated {
                format!(
                    "the input ends in the middle of a multi-byte character; {} invalid byte sequence(s) replaced with U+FFFD, first at byte {}",
                    r.count, r.first_byte
                )
            } else {
                format!(
                    "{} invalid byte sequence(s) for {} replaced with U+FFFD, first at byte {}",
                    r.count,
                    encoding.name(),
                    r.first_byte
                )
            },
            None,
        ));
    }
    refuse_binary_text(&text)?;
    let text = radical_ideographs(figure_dashes(horizontal_bars(hyphenation_points(text))));
    if text.chars().all(|c| c.is_whitespace() || crate::parse::lex::is_space(c)) {
        return Err(DecodeError::Blank);
    }
    if let Some(first) = memchr::memchr(0, text.as_bytes()) {
        let nuls = memchr::memchr_iter(0, text.as_bytes()).count();
        diagnostics.push(Diagnostic::new(
            DiagnosticCode::NulBytes,
            format!("{nuls} NUL character(s) in the text, first at byte {first}; kept as they are"),
            None,
        ));
    }
    let name = if encoding == GB18030 { "GB18030" } else { encoding.name() };
    Ok(Decoded { text, encoding: name.to_string(), encoding_source: source, diagnostics })
}

/// PDFium writes the hyphen of a word broken at a line end as U+FFFE, a noncharacter
/// (`ru-cn\u{FFFE}cooperation`, `Tus\u{FFFE}` / `Holdings`): each becomes U+2010 HYPHEN, which
/// has the same UTF-8 length, so every byte offset stays that of the input.
fn hyphenation_points(text: Cow<'_, str>) -> Cow<'_, str> {
    if memchr::memmem::find(text.as_bytes(), "\u{FFFE}".as_bytes()).is_none() {
        return text;
    }
    Cow::Owned(text.replace('\u{FFFE}', "\u{2010}"))
}

/// pdfminer (pdfplumber, MarkItDown) decodes the em dash of Chromium's PDFs (`2014―2017 年`,
/// `14―15 日`, `漠河―大庆`) as U+2015 HORIZONTAL BAR, the character older GB 2312 tables give the
/// Chinese dash `——`: each becomes U+2014 EM DASH (same UTF-8 length, every byte offset stays
/// the input's), so date ranges, titles and captions read as every other tool prints them.
fn horizontal_bars(text: Cow<'_, str>) -> Cow<'_, str> {
    if memchr::memmem::find(text.as_bytes(), "\u{2015}".as_bytes()).is_none() {
        return text;
    }
    Cow::Owned(text.replace('\u{2015}', "\u{2014}"))
}

/// pdfminer (pdfplumber, MarkItDown) decodes the en dash of Chromium's PDFs (`1992‒2017 年`,
/// `С. 44‒57`, `Corporation ‒ CASIC`) as U+2012 FIGURE DASH: each becomes U+2013 EN DASH (same
/// UTF-8 length, every byte offset stays the input's), so ranges, titles and notes read as every
/// other tool prints them.
fn figure_dashes(text: Cow<'_, str>) -> Cow<'_, str> {
    if memchr::memmem::find(text.as_bytes(), "\u{2012}".as_bytes()).is_none() {
        return text;
    }
    Cow::Owned(text.replace('\u{2012}', "\u{2013}"))
}

/// pdfminer (pdfplumber, MarkItDown) decodes some CJK glyphs of Chromium's PDFs to the radical that
/// shares the glyph (`鲁·⻢梅多夫`, `研究中⼼研究⼈员`): every Kangxi radical (U+2F00–U+2FD5) and
/// the CJK Radicals Supplement characters that stand for a whole Simplified ideograph become that
/// ideograph. Both are three UTF-8 bytes, so every byte offset stays that of the input; a report's
/// text has no use for the radicals themselves (they are the characters of radical indexes).
fn radical_ideographs(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.chars().any(|c| radical_ideograph(c).is_some()) {
        return text;
    }
    Cow::Owned(text.chars().map(|c| radical_ideograph(c).unwrap_or(c)).collect())
}

/// The ideograph a radical character stands for (its NFKC form for a Kangxi radical, but `户` for
/// KANGXI RADICAL DOOR, whose Simplified glyph it is), or None.
fn radical_ideograph(c: char) -> Option<char> {
    match c {
        '\u{2F00}'..='\u{2FD5}' => KANGXI.get(c as usize - 0x2F00).copied(),
        '\u{2E9F}' => Some('母'),
        '\u{2EA0}' => Some('民'),
        '\u{2EC1}' => Some('虎'),
        '\u{2EC4}' => Some('西'),
        '\u{2EC5}' => Some('见'),
        '\u{2EC6}' => Some('角'),
        '\u{2EC9}' => Some('贝'),
        '\u{2ECB}' => Some('车'),
        '\u{2ED3}' => Some('长'),
        '\u{2ED4}' => Some('门'),
        '\u{2ED7}' => Some('雨'),
        '\u{2ED8}' => Some('青'),
        '\u{2ED9}' => Some('韦'),
        '\u{2EDA}' => Some('页'),
        '\u{2EDB}' => Some('风'),
        '\u{2EDC}' => Some('飞'),
        '\u{2EDD}' => Some('食'),
        '\u{2EE2}' => Some('马'),
        '\u{2EE3}' => Some('骨'),
        '\u{2EE4}' => Some('鬼'),
        '\u{2EE5}' => Some('鱼'),
        '\u{2EE6}' => Some('鸟'),
        '\u{2EE7}' => Some('卤'),
        '\u{2EE8}' => Some('麦'),
        '\u{2EE9}' => Some('黄'),
        '\u{2EEA}' => Some('黾'),
        '\u{2EEC}' => Some('齐'),
        '\u{2EEE}' => Some('齿'),
        '\u{2EF0}' => Some('龙'),
        '\u{2EF3}' => Some('龟'),
        _ => None,
    }
}

/// The ideographs of the Kangxi radicals U+2F00–U+2FD5, in order.
const KANGXI: [char; 214] = [
    '一', '丨', '丶', '丿', '乙', '亅', '二', '亠', '人', '儿', '入', '八', '冂', '冖', '冫', '几', '凵', '刀', '力',
    '勹', '匕', '匚', '匸', '十', '卜', '卩', '厂', '厶', '又', '口', '囗', '土', '士', '夂', '夊', '夕', '大', '女',
    '子', '宀', '寸', '小', '尢', '尸', '屮', '山', '巛', '工', '己', '巾', '干', '幺', '广', '廴', '廾', '弋', '弓',
    '彐', '彡', '彳', '心', '戈', '户', '手', '支', '攴', '文', '斗', '斤', '方', '无', '日', '曰', '月', '木', '欠',
    '止', '歹', '殳', '毋', '比', '毛', '氏', '气', '水', '火', '爪', '父', '爻', '爿', '片', '牙', '牛', '犬', '玄',
    '玉', '瓜', '瓦', '甘', '生', '用', '田', '疋', '疒', '癶', '白', '皮', '皿', '目', '矛', '矢', '石', '示', '禸',
    '禾', '穴', '立', '竹', '米', '糸', '缶', '网', '羊', '羽', '老', '而', '耒', '耳', '聿', '肉', '臣', '自', '至',
    '臼', '舌', '舛', '舟', '艮', '色', '艸', '虍', '虫', '血', '行', '衣', '襾', '見', '角', '言', '谷', '豆', '豕',
    '豸', '貝', '赤', '走', '足', '身', '車', '辛', '辰', '辵', '邑', '酉', '釆', '里', '金', '長', '門', '阜', '隶',
    '隹', '雨', '靑', '非', '面', '革', '韋', '韭', '音', '頁', '風', '飛', '食', '首', '香', '馬', '骨', '高', '髟',
    '鬥', '鬯', '鬲', '鬼', '魚', '鳥', '鹵', '鹿', '麥', '麻', '黃', '黍', '黑', '黹', '黽', '鼎', '鼓', '鼠', '鼻',
    '齊', '齒', '龍', '龜', '龠',
];

/// Up to `len` bytes of `bytes` starting at its first non-ASCII byte (which starts a character
/// in any ASCII-compatible encoding), with its offset; the start of the input when it is all
/// ASCII.
fn non_ascii_probe(bytes: &[u8], len: usize) -> (usize, &[u8]) {
    let start = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let end = bytes.len().min(start.saturating_add(len));
    (start, bytes.get(start..end).unwrap_or(bytes))
}

struct Replaced {
    count: usize,
    first_byte: usize,
    at_end: bool,
}

fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> (String, Option<Replaced>) {
    if enc == UTF_8 {
        let inv = count_invalid_utf8(bytes);
        let text = String::from_utf8_lossy(bytes).into_owned();
        let r = (inv.count > 0).then_some(Replaced { count: inv.count, first_byte: inv.first, at_end: inv.at_end });
        return (text, r);
    }
    let (cow, had_errors) = enc.decode_without_bom_handling(bytes);
    let text = cow.into_owned();
    if !had_errors {
        return (text, None);
    }
    // Locate the first error with a streaming decoder so the position is in input bytes.
    let mut dec = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(64);
    let mut first = 0usize;
    let mut pos = 0usize;
    let mut count = 0usize;
    while pos < bytes.len() {
        let end = (pos + 1).min(bytes.len());
        out.clear();
        out.reserve(16);
        let last = end == bytes.len();
        let (_, read, errs) = dec.decode_to_string(&bytes[pos..end], &mut out, last);
        if errs {
            if count == 0 {
                first = pos;
            }
            count += out.matches('\u{FFFD}').count().max(1);
        }
        pos += read.max(1);
    }
    let at_end = matches!(enc.name(), "UTF-16LE" | "UTF-16BE") && bytes.len() % 2 == 1;
    (text, Some(Replaced { count: count.max(1), first_byte: first, at_end }))
}

struct InvalidUtf8 {
    count: usize,
    first: usize,
    at_end: bool,
}

fn count_invalid_utf8(bytes: &[u8]) -> InvalidUtf8 {
    let mut pos = 0;
    let mut count = 0;
    let mut first = 0;
    let mut at_end = false;
    while pos < bytes.len() {
        match std::str::from_utf8(&bytes[pos..]) {
            Ok(_) => break,
            Err(e) => {
                let bad = pos + e.valid_up_to();
                if count == 0 {
                    first = bad;
                }
                count += 1;
                match e.error_len() {
                    Some(n) => pos = bad + n,
                    None => {
                        at_end = true;
                        break;
                    }
                }
            }
        }
    }
    InvalidUtf8 { count, first, at_end }
}

/// How much of an input is examined for UTF-16 without a byte-order mark.
const UTF16_PROBE_BYTES: usize = 64 * 1024;

/// UTF-16 without BOM. ASCII characters (line ends, spaces, digits, Latin words) have a zero
/// high byte, so their zeros sit at odd offsets in UTF-16LE and at even ones in UTF-16BE. In
/// Chinese text most characters are not ASCII, so no *share* of zero bytes can be required: the
/// probe needs zero-high code units (at least one in 1,000, about one line end per long
/// paragraph) and a byte order in which it reads as plausible text, at least 95% of its
/// characters in the scripts and punctuation of these reports ([`plausible_char`]) with no
/// broken surrogate. Read in the wrong order, the same bytes give about a third plausible
/// characters (a line end becomes U+0A00), so the order is never in doubt; UTF-8 with a few
/// NUL bytes (Hangul, private-use characters and lone surrogates when read as UTF-16) and
/// binary data are refused.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(UTF16_PROBE_BYTES) & !1];
    let units = sample.len() / 2;
    let zero_high_le = sample.chunks_exact(2).filter(|p| p[1] == 0 && p[0] != 0).count();
    let zero_high_be = sample.chunks_exact(2).filter(|p| p[0] == 0 && p[1] != 0).count();
    if units < 2 || (zero_high_le + zero_high_be) * 1000 < units {
        return None;
    }
    let cut = sample.len() < bytes.len();
    [(UTF_16LE, zero_high_le), (UTF_16BE, zero_high_be)]
        .into_iter()
        .filter(|(_, zeros)| *zeros > 0)
        .filter(|(enc, _)| plausible_utf16(sample, *enc == UTF_16LE, cut))
        .max_by_key(|(_, zeros)| *zeros)
        .map(|(enc, _)| enc)
}

/// Whether `sample` read as UTF-16 (little-endian when `le`) is plausible text: at least 95%
/// plausible characters, no broken surrogate (except a pair cut by the end of a probe, `cut`).
fn plausible_utf16(sample: &[u8], le: bool, cut: bool) -> bool {
    let code_units = sample.chunks_exact(2).map(|p| {
        if le {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let (mut total, mut plausible) = (0usize, 0usize);
    let mut decoded = char::decode_utf16(code_units).peekable();
    while let Some(c) = decoded.next() {
        match c {
            Ok(c) => {
                total += 1;
                plausible += usize::from(plausible_char(c));
            }
            Err(_) if cut && decoded.peek().is_none() => {}
            Err(_) => return false,
        }
    }
    total > 0 && plausible * 100 >= total * 95
}

/// Characters expected in these reports: ASCII text and white space, Latin and Cyrillic (Russian
/// names and sources), general punctuation and common symbols, CJK punctuation, ideographs
/// (basic block, extension A, compatibility), full-width forms, and astral ideographs.
fn plausible_char(c: char) -> bool {
    matches!(c as u32,
        0x09 | 0x0A | 0x0D | 0x20..=0x7E    // ASCII text
        | 0xA0..=0x24F                      // Latin-1 and Latin extended
        | 0x370..=0x52F                     // Greek, Cyrillic
        | 0x2000..=0x206F                   // general punctuation (— “ ” …)
        | 0x2100..=0x27BF                   // letter-like symbols, arrows, math, box drawing, ①
        | 0x3000..=0x30FF                   // CJK punctuation (、。《》), kana
        | 0x3200..=0x33FF                   // enclosed CJK, CJK compatibility (㈠ ㎡)
        | 0x3400..=0x4DBF                   // CJK extension A
        | 0x4E00..=0x9FFF                   // CJK unified ideographs
        | 0xF900..=0xFAFF                   // CJK compatibility ideographs
        | 0xFE30..=0xFE4F                   // CJK compatibility forms
        | 0xFF00..=0xFFEF                   // full-width and half-width forms (，：（）)
        | 0x20000..=0x3134F                 // CJK extensions B–G
    )
}

/// How many bytes of `b` satisfy `f`, counted in runs of at most 255 into one byte per lane:
/// the compiler then compares and adds 16 or 32 bytes at a time (a `usize` count per byte
/// widened each byte to 64 bits, four bytes a step).
fn count_bytes(b: &[u8], f: impl Fn(u8) -> bool) -> usize {
    b.chunks(255).map(|c| usize::from(c.iter().fold(0u8, |n, &x| n.wrapping_add(u8::from(f(x)))))).sum()
}

/// A control byte other than TAB, LF, CR, form feed and ESC. Written with `&` and `|` (no
/// branch), so that the compiler vectorizes the loops that count them.
fn is_control_byte(b: u8) -> bool {
    let allowed = (b == b'\t') | (b == b'\n') | (b == b'\r') | (b == 0x0c) | (b == 0x1b);
    ((b < 0x20) & !allowed) | (b == 0x7f)
}

/// Refuse raw bytes that are mostly control characters (binary files, random bytes).
fn refuse_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    let sample = &bytes[..bytes.len().min(1 << 20)];
    let controls = count_bytes(sample, is_control_byte);
    if controls * 20 > sample.len() {
        let first = sample.iter().position(|b| is_control_byte(*b)).unwrap_or(0);
        return Err(DecodeError::NotText(format!(
            "{}% of the first {} bytes are control bytes, the first at byte {first} (binary data?)",
            controls * 100 / sample.len().max(1),
            sample.len()
        )));
    }
    Ok(())
}

/// Refuse decoded text that is mostly control characters or replacement characters. Works on
/// the UTF-8 bytes of the first MiB: control characters are single bytes, characters are the
/// bytes that are not continuation bytes, U+FFFD is `EF BF BD`.
fn refuse_binary_text(text: &str) -> Result<(), DecodeError> {
    let mut end = text.len().min(1 << 20);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let b = &text.as_bytes()[..end];
    let total = count_bytes(b, |x| (x as i8) >= -0x40);
    let bad = count_bytes(b, is_control_byte);
    let replaced = memchr::memmem::find_iter(b, "\u{FFFD}".as_bytes()).count();
    if total > 0 && bad * 20 > total {
        let first = b.iter().position(|&x| is_control_byte(x)).unwrap_or(0);
        let line = memchr::memchr_iter(b'\n', &b[..first]).count() + 1;
        return Err(DecodeError::NotText(format!(
            "{}% of the characters are control characters, the first on line {line} (binary data?)",
            bad * 100 / total
        )));
    }
    if total >= 16 && replaced * 4 > total {
        return Err(DecodeError::NotText(format!(
            "{}% of the characters could not be decoded",
            replaced * 100 / total
        )));
    }
    Ok(())
}

/// Line-ending style of a text: `lf`, `crlf`, `cr`, `mixed` or `none`.
pub fn line_endings(text: &str) -> &'static str {
    let b = text.as_bytes();
    // Most texts have no CR at all: one scan finds none, and one look for an LF decides.
    if memchr::memchr(b'\r', b).is_none() {
        return if memchr::memchr(b'\n', b).is_some() { "lf" } else { "none" };
    }
    let crlf = memchr::memmem::find_iter(b, b"\r\n").count();
    let cr = memchr::memchr_iter(b'\r', b).count() - crlf;
    let lf = memchr::memchr_iter(b'\n', b).count() - crlf;
    match (lf > 0, crlf > 0, cr > 0) {
        (false, false, false) => "none",
        (true, false, false) => "lf",
        (false, true, false) => "crlf",
        (false, false, true) => "cr",
        _ => "mixed",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_bytes_are_the_c0_controls_but_tab_lf_cr_ff_esc_and_del() {
        for b in 0..=255u8 {
            let expected = (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f;
            assert_eq!(super::is_control_byte(b), expected, "{b:#x}");
        }
    }

    use super::*;

    #[test]
    fn utf8_plain_and_bom() {
        let d = decode("中俄对话".as_bytes()).unwrap();
        assert_eq!((&*d.text, d.encoding.as_str(), d.encoding_source), ("中俄对话", "UTF-8", "utf8"));
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("中俄".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!((&*d.text, d.encoding_source), ("中俄", "bom"));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let s = "中俄对话：2020模式\nabc";
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        le.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).unwrap().text, s);
        let be: Vec<u8> = "abc def ghi\n".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode(&be).unwrap();
        assert_eq!((&*d.text, d.encoding.as_str()), ("abc def ghi\n", "UTF-16BE"));
    }

    /// Real text of the sample (the opening of chapter 1): Chinese with hardly any ASCII.
    const REAL: &str = "在新时代，中俄关系具有了新的内容和新的性质。\n\n一、包容性：中俄关系的基础是共同的观点与利益，以及解决争议问题的愿望。\n二、长期性：中俄关系的发展不是权宜之计，而是两国的战略选择。\n";

    fn utf16(s: &str, le: bool) -> Vec<u8> {
        s.encode_utf16().flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
    }

    #[test]
    fn chinese_utf16_without_bom_is_recognized_by_the_parity_of_its_zero_bytes() {
        // Hardly any ASCII: a test on the share of zero bytes could not see UTF-16 here.
        let units = REAL.encode_utf16().count();
        let ascii = REAL.chars().filter(char::is_ascii).count();
        assert!(ascii * 10 < units, "{ascii} of {units}");
        for (le, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
            let bytes = utf16(REAL, le);
            let d = decode(&bytes).unwrap();
            assert_eq!((&*d.text, d.encoding.as_str(), d.encoding_source), (REAL, name, "detected"));
            assert!(d.diagnostics.is_empty());
        }
        // Long lines (a line end every ~200 characters), and many 一 (U+4E00), whose zero byte
        // sits on the other side.
        let line = REAL.replace('\n', "").repeat(3) + "\n";
        let long = line.repeat(10) + &"一".repeat(20);
        assert_eq!(decode(&utf16(&long, true)).unwrap().encoding, "UTF-16LE");
        assert_eq!(decode(&utf16(&long, false)).unwrap().encoding, "UTF-16BE");
    }

    #[test]
    fn utf8_with_a_few_nul_bytes_is_not_taken_for_utf16() {
        let mut b = REAL.repeat(4).into_bytes();
        for at in [b.len() / 3, 2 * b.len() / 3] {
            let nl = (at..b.len()).find(|&i| b[i] == b'\n').unwrap_or(at);
            // Both NULs at odd offsets, as UTF-16LE's ASCII zeros would be.
            b.insert(nl | 1, 0);
        }
        // Enough zeros to be looked at as UTF-16: refused for implausible text, not for want
        // of zeros.
        assert!(2 * 1000 >= b.len() / 2);
        assert_eq!(sniff_utf16(&b), None);
        let d = decode(&b).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.diagnostics.iter().any(|x| x.code == "nul_bytes"));
    }

    #[test]
    fn a_long_ascii_prefix_does_not_hide_a_legacy_encoding() {
        let prefix =
            "China-Russia Dialogue: 2020 Model. Report of the Russian International Affairs Council.\n".repeat(300);
        assert!(prefix.len() > PROBE_BYTES);
        let s = prefix + &REAL.repeat(20);
        let (bytes, _, _) = GB18030.encode(&s);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text, s);
        assert!(d.diagnostics.is_empty());
    }

    #[test]
    fn gb18030_is_detected() {
        let s = "复旦大学国际问题研究院、俄罗斯国际事务委员会和俄罗斯科学院远东研究所从 2014 年开始联合发布中俄关系年度报告。".repeat(5);
        let (bytes, _, _) = GB18030.encode(&s);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, s);
        assert_eq!(d.encoding, "GB18030");
        assert!(d.diagnostics.is_empty());
    }

    #[test]
    fn invalid_sequences_are_reported() {
        let mut b = "中俄对话 2020 模式，".repeat(20).into_bytes();
        b.insert(12, 0xFF);
        b.insert(28, 0xFE);
        let d = decode(&b).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.diagnostics.len(), 1);
        assert!(d.diagnostics[0].message.starts_with("2 invalid"), "{}", d.diagnostics[0].message);
        assert!(d.diagnostics[0].message.contains("byte 12"));
    }

    #[test]
    fn cut_multibyte_character_is_reported() {
        let b = "中俄对话".as_bytes();
        let d = decode(&b[..b.len() - 1]).unwrap();
        assert_eq!(d.diagnostics[0].code, "truncated_input");
    }

    #[test]
    fn horizontal_bars_become_em_dashes_in_place() {
        let d = decode("2017 年 5 月 14\u{2015}15 日\n".as_bytes()).unwrap();
        assert_eq!(d.text, "2017 年 5 月 14\u{2014}15 日\n");
        assert_eq!(d.text.len(), "2017 年 5 月 14\u{2015}15 日\n".len());
        assert!(matches!(horizontal_bars(Cow::Borrowed("无横线")), Cow::Borrowed(_)));
    }

    #[test]
    fn figure_dashes_become_en_dashes_in_place() {
        let d = decode("第一节 1992\u{2012}2017 年\n".as_bytes()).unwrap();
        assert_eq!(d.text, "第一节 1992\u{2013}2017 年\n");
        assert_eq!(d.text.len(), "第一节 1992\u{2012}2017 年\n".len());
        assert!(matches!(figure_dashes(Cow::Borrowed("无横线")), Cow::Borrowed(_)));
    }

    #[test]
    fn refusals() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"  \n\t\r\n").unwrap_err(), DecodeError::Blank);
        assert!(matches!(decode(&[0u8, 1, 2, 3, 0, 0, 5, 6, 7, 8]), Err(DecodeError::NotText(_))));
        let random: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
        assert!(matches!(decode(&random), Err(DecodeError::NotText(_))));
    }

    #[test]
    fn a_few_nuls_are_kept_and_reported() {
        let mut b = "中俄对话：2020模式\n".repeat(10).into_bytes();
        b.insert(5 * 3, 0);
        let d = decode(&b).unwrap();
        assert!(d.diagnostics.iter().any(|x| x.code == "nul_bytes"));
    }

    #[test]
    fn radicals_become_the_ideographs_of_their_glyphs_at_the_same_offsets() {
        let input = "鲁·\u{2EE2}梅多夫，研究中\u{2F3C}研究\u{2F08}员，\u{2F3E}口";
        let d = decode(input.as_bytes()).unwrap();
        assert_eq!(d.text, "鲁·马梅多夫，研究中心研究人员，户口");
        assert_eq!(d.text.len(), input.len());
        // text without radicals is borrowed as it is
        let plain = "中俄对话：2020模式";
        assert!(matches!(radical_ideographs(Cow::Borrowed(plain)), Cow::Borrowed(_)));
        assert_eq!(radical_ideograph('\u{2F00}'), Some('一'));
        assert_eq!(radical_ideograph('\u{2FD5}'), Some('龠'));
        assert_eq!(radical_ideograph('\u{2E80}'), None);
        assert_eq!(radical_ideograph('马'), None);
    }

    #[test]
    fn line_ending_styles() {
        assert_eq!(line_endings("a\nb"), "lf");
        assert_eq!(line_endings("a\r\nb"), "crlf");
        assert_eq!(line_endings("a\rb"), "cr");
        assert_eq!(line_endings("a\r\nb\n"), "mixed");
        assert_eq!(line_endings("a"), "none");
    }
}
