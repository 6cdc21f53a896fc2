//! NDJSON: one record per line, `{"kind": "<kind>", <column>: <value>…}` (columns in
//! their declared order), dates as ISO text,
//! lists as arrays. Written document by document and flushed after each, so it streams.

use super::{Flat, Sink, Staged};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

pub struct NdjsonSink {
    out: Box<dyn Write>,
    staged: Staged,
}

impl NdjsonSink {
    pub fn open(path: &Path) -> Result<Self, String> {
        if path == Path::new("-") {
            return Ok(NdjsonSink { out: Box::new(std::io::stdout().lock()), staged: Staged::default() });
        }
        if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let mut staged = Staged::default();
        let tmp = staged.add(path);
        let file = File::create(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
        Ok(NdjsonSink { out: Box::new(BufWriter::new(file)), staged })
    }
}

impl Sink for NdjsonSink {
    fn write(&mut self, doc: &Flat) -> Result<(), String> {
        let mut buf = Vec::new();
        for (kind, rows) in &doc.kinds {
            for row in rows {
                // `kind` first, then the columns in their declared order.
                buf.extend_from_slice(b"{\"kind\":");
                serde_json::to_writer(&mut buf, kind.name()).map_err(|e| format!("cannot serialize: {e}"))?;
                for (c, v) in kind.columns().iter().zip(row) {
                    buf.push(b',');
                    serde_json::to_writer(&mut buf, c.name).map_err(|e| format!("cannot serialize: {e}"))?;
                    buf.push(b':');
                    serde_json::to_writer(&mut buf, &v.to_json()).map_err(|e| format!("cannot serialize: {e}"))?;
                }
                buf.extend_from_slice(b"}\n");
            }
        }
        self.out.write_all(&buf).and_then(|()| self.out.flush()).map_err(write_error)
    }

    fn finish(mut self: Box<Self>) -> Result<(), String> {
        self.out.flush().map_err(write_error)?;
        drop(self.out);
        self.staged.commit()
    }
}

/// A write error; a closed standard output ends in [`super::STDOUT_CLOSED`].
fn write_error(e: std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        format!("cannot write: {}", super::STDOUT_CLOSED)
    } else {
        format!("cannot write: {e}")
    }
}
