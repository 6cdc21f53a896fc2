//! SQLite (bundled, through rusqlite): one STRICT table per kind named after it, typed columns,
//! primary and foreign keys, indexes on dates, and an FTS5 table `search` (trigram tokenizer, so
//! any Chinese substring of three characters or more matches) over paragraph text and entry
//! title + description.
//!
//! Each document is written in one transaction that first deletes every row of the same
//! document id: exporting a document again replaces it (no duplicates), and a document that
//! fails rolls back, leaving nothing half-written. Dates are ISO text (SQLite's date functions
//! read them), lists JSON arrays (`json_each` reads them).

use super::{Flat, Sink};
use crate::model::records::{ColumnType, RecordKind, Value};
use rusqlite::types::{ToSqlOutput, Value as SqlValue};
use rusqlite::{params_from_iter, Connection, OptionalExtension, ToSql};
use std::path::Path;

/// The FTS5 table: one row per paragraph and per entry.
pub const SEARCH_TABLE: &str = "search";

/// Indexes beyond the primary keys, whose leading `document_id` serves lookups by document.
const INDEXES: &[(RecordKind, &str)] = &[
    (RecordKind::Documents, "date"),
    (RecordKind::Entries, "date_start"),
    (RecordKind::Entries, "category_id"),
    (RecordKind::TableCells, "table_id"),
    (RecordKind::Diagnostics, "code"),
];

/// How long a write waits for another process's lock on the database before it fails.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

pub struct SqliteSink {
    conn: Connection,
}

fn sql_type(ty: ColumnType) -> &'static str {
    match ty {
        ColumnType::Text | ColumnType::Date | ColumnType::TextList => "TEXT",
        ColumnType::Int | ColumnType::Bool => "INTEGER",
        ColumnType::Float => "REAL",
    }
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}

/// The `CREATE TABLE` statement of a kind.
pub fn create_table(kind: RecordKind) -> String {
    let mut parts: Vec<String> = kind
        .columns()
        .iter()
        .map(|c| format!("\"{}\" {}{}", c.name, sql_type(c.ty), if c.nullable { "" } else { " NOT NULL" }))
        .collect();
    parts.push(format!("PRIMARY KEY ({})", quoted(kind.primary_key())));
    for fk in kind.foreign_keys() {
        parts.push(format!(
            "FOREIGN KEY ({}) REFERENCES \"{}\" ({})",
            quoted(fk.columns),
            fk.references.name(),
            quoted(fk.referenced)
        ));
    }
    format!("CREATE TABLE IF NOT EXISTS \"{}\" (\n  {}\n) STRICT", kind.name(), parts.join(",\n  "))
}

struct Param<'a>(&'a Value);

impl ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Owned(match self.0 {
            Value::Null => SqlValue::Null,
            Value::Text(s) => SqlValue::Text(s.clone()),
            Value::Int(n) => SqlValue::Integer(*n),
            Value::Float(x) => SqlValue::Real(*x),
            Value::Date(d) => SqlValue::Text(d.to_string()),
            Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
            Value::TextList(_) => SqlValue::Text(self.0.to_json().to_string()),
        }))
    }
}

impl SqliteSink {
    pub fn open(path: &Path) -> Result<Self, String> {
        if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let conn = Connection::open(path).map_err(|e| format!("cannot open the database: {e}"))?;
        // Another export into the same file holds the lock for one document's transaction at a
        // time: wait for it (bounded) instead of failing with `database is locked`.
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| format!("cannot configure the database: {e}"))?;
        // WAL with synchronous=NORMAL: a commit appends to the log without waiting for the disk,
        // so a batch does not pay a sync per document (each document stays one atomic
        // transaction); `finish` checkpoints and returns the file to the rollback journal, so
        // the result is one self-contained database file.
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
            .map_err(|e| format!("cannot configure the database: {e}"))?;
        // The schema in one transaction: one sync, not one per statement. IMMEDIATE takes the
        // write lock at once (waiting for it under the busy timeout), so that two exports never
        // deadlock upgrading a read lock.
        let mut ddl = String::from("BEGIN IMMEDIATE;\n");
        for kind in RecordKind::ALL {
            ddl.push_str(&create_table(kind));
            ddl.push_str(";\n");
        }
        for (kind, column) in INDEXES {
            ddl.push_str(&format!(
                "CREATE INDEX IF NOT EXISTS \"{0}_{1}\" ON \"{0}\" (\"{1}\");\n",
                kind.name(),
                column
            ));
        }
        ddl.push_str(&format!(
            "CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE} USING fts5(document_id UNINDEXED, kind UNINDEXED, \
             id UNINDEXED, text, tokenize = 'trigram');\nCOMMIT;\n"
        ));
        conn.execute_batch(&ddl).map_err(|e| format!("cannot create the tables: {e}"))?;
        check_columns(&conn)?;
        Ok(SqliteSink { conn })
    }
}

/// A database from another version of the record kinds is refused, not mixed into.
fn check_columns(conn: &Connection) -> Result<(), String> {
    for kind in RecordKind::ALL {
        let mut stmt = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{}') ORDER BY cid", kind.name()))
            .map_err(|e| e.to_string())?;
        let have: Vec<String> =
            stmt.query_map([], |r| r.get(0)).and_then(Iterator::collect).map_err(|e| e.to_string())?;
        let want: Vec<&str> = kind.columns().iter().map(|c| c.name).collect();
        if have != want {
            return Err(format!(
                "the database's table {} has columns [{}], not those of this crdoc [{}]; export to a new file",
                kind.name(),
                have.join(", "),
                want.join(", ")
            ));
        }
    }
    Ok(())
}

impl Sink for SqliteSink {
    fn write(&mut self, doc: &Flat) -> Result<(), String> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| format!("cannot start a transaction: {e}"))?;
        tx.execute_batch("PRAGMA defer_foreign_keys = ON").map_err(|e| e.to_string())?;
        let id = doc.document_id.as_str();
        // A document's rows are all written in the transaction that writes its `documents` row,
        // so only a document already there has rows to replace. (The FTS5 table cannot index
        // `document_id`: deleting from it scans it, which a first export must not pay for.)
        let present = tx
            .query_row(
                &format!("SELECT 1 FROM \"{}\" WHERE document_id = ?1", RecordKind::Documents.name()),
                [id],
                |_| Ok(()),
            )
            .optional()
            .map_err(|e| format!("cannot look the document up: {e}"))?
            .is_some();
        if present {
            tx.execute(&format!("DELETE FROM {SEARCH_TABLE} WHERE document_id = ?1"), [id])
                .map_err(|e| format!("cannot replace the document: {e}"))?;
            for kind in RecordKind::ALL.iter().rev() {
                tx.execute(&format!("DELETE FROM \"{}\" WHERE document_id = ?1", kind.name()), [id])
                    .map_err(|e| format!("cannot replace the document: {e}"))?;
            }
        }
        for (kind, rows) in &doc.kinds {
            let cols = kind.columns();
            let placeholders = (1..=cols.len()).map(|k| format!("?{k}")).collect::<Vec<_>>().join(", ");
            let names: Vec<&str> = cols.iter().map(|c| c.name).collect();
            let sql = format!("INSERT INTO \"{}\" ({}) VALUES ({placeholders})", kind.name(), quoted(&names));
            let mut stmt = tx.prepare_cached(&sql).map_err(|e| format!("{kind}: {e}"))?;
            for row in rows {
                stmt.execute(params_from_iter(row.iter().map(Param))).map_err(|e| format!("{kind}: {e}"))?;
            }
        }
        {
            let mut stmt = tx
                .prepare_cached(&format!(
                    "INSERT INTO {SEARCH_TABLE} (document_id, kind, id, text) VALUES (?1, ?2, ?3, ?4)"
                ))
                .map_err(|e| e.to_string())?;
            for (kind, text) in search_rows(doc) {
                stmt.execute(rusqlite::params![id, kind.0, kind.1, text]).map_err(|e| format!("search: {e}"))?;
            }
        }
        tx.commit().map_err(|e| format!("cannot commit: {e}"))
    }

    fn finish(self: Box<Self>) -> Result<(), String> {
        // Back to one self-contained file; while another export still has the database open,
        // that one does it when it finishes (here the log is only checkpointed).
        // (No waiting for that: another export may hold the database open for long.)
        let _ = self.conn.busy_timeout(std::time::Duration::ZERO);
        if self.conn.execute_batch("PRAGMA journal_mode = DELETE").is_err() {
            let _ = self.conn.busy_timeout(BUSY_TIMEOUT);
            self.conn
                .execute_batch("PRAGMA wal_checkpoint(PASSIVE)")
                .map_err(|e| format!("cannot checkpoint the database: {e}"))?;
        }
        self.conn.close().map_err(|(_, e)| format!("cannot close the database: {e}"))
    }
}

/// The searchable texts: ((kind, id), text) for every paragraph and entry.
fn search_rows(doc: &Flat) -> Vec<((&'static str, &str), String)> {
    let text_of = |kind: RecordKind, cols: &[&str]| -> Vec<((&'static str, &str), String)> {
        let idx: Vec<usize> = cols.iter().filter_map(|c| kind.column_index(c)).collect();
        doc.rows(kind)
            .iter()
            .map(|r| {
                let id = r.get(1).and_then(Value::as_text).unwrap_or_default();
                let text: Vec<&str> = idx.iter().filter_map(|&k| r.get(k).and_then(Value::as_text)).collect();
                ((kind.name(), id), text.join("\n"))
            })
            .collect()
    };
    let mut out = text_of(RecordKind::Paragraphs, &["text"]);
    out.extend(text_of(RecordKind::Entries, &["title", "description"]));
    out
}
