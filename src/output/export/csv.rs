//! CSV: a directory with one `<kind>.csv` per kind, RFC 4180 (the `csv` crate), UTF-8, a header
//! row of column names. Nulls are empty fields, dates ISO text, lists JSON arrays. With `--excel`
//! every file starts with a UTF-8 byte order mark (EF BB BF): Excel opens a CSV file without one
//! in the locale's code page, which garbles the Chinese text.

use super::{output_dir, Flat, Sink, Staged};
use crate::model::records::{RecordKind, Value};
use std::fs::File;
use std::io::Write;

/// The UTF-8 byte order mark that `--excel` writes first.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
use std::path::Path;

pub struct CsvSink {
    writers: Vec<(RecordKind, ::csv::Writer<File>)>,
    staged: Staged,
}

impl CsvSink {
    pub fn open(dir: &Path, excel: bool) -> Result<Self, String> {
        output_dir(dir)?;
        let mut staged = Staged::default();
        let mut writers = Vec::new();
        for kind in RecordKind::ALL {
            let tmp = staged.add(&dir.join(format!("{}.csv", kind.name())));
            let mut file = File::create(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
            if excel {
                file.write_all(UTF8_BOM).map_err(|e| format!("cannot write: {e}"))?;
            }
            let mut w = ::csv::Writer::from_writer(file);
            w.write_record(kind.columns().iter().map(|c| c.name)).map_err(|e| format!("cannot write: {e}"))?;
            writers.push((kind, w));
        }
        Ok(CsvSink { writers, staged })
    }
}

/// A value as a CSV field.
pub fn field(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Text(s) => s.clone(),
        Value::Int(n) => n.to_string(),
        Value::Float(x) => x.to_string(),
        Value::Date(d) => d.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::TextList(_) => v.to_json().to_string(),
    }
}

impl Sink for CsvSink {
    fn write(&mut self, doc: &Flat) -> Result<(), String> {
        for (kind, w) in &mut self.writers {
            for row in doc.rows(*kind) {
                w.write_record(row.iter().map(field)).map_err(|e| format!("cannot write {kind}.csv: {e}"))?;
            }
            w.flush().map_err(|e| format!("cannot write {kind}.csv: {e}"))?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<(), String> {
        let CsvSink { writers, staged } = *self;
        for (kind, w) in writers {
            let file = w.into_inner().map_err(|e| format!("cannot write {kind}.csv: {e}"))?;
            file.sync_all().map_err(|e| format!("cannot write {kind}.csv: {e}"))?;
        }
        staged.commit()
    }
}
