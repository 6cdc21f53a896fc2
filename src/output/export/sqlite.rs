//! SQLite (bundled, through rusqlite): one STRICT table per kind named after it, typed columns,
//! primary and foreign keys, indexes on dates, and an FTS5 table `search` over paragraph text and
//! entry title + description: the text cut into words, characters and pairs of characters for
//! the built-in `unicode61` tokenizer ([`super::segment`]), so `search MATCH '普京'` finds every
//! text holding the word from the plain sqlite3 CLI, ranked by bm25, with `snippet()`.
//!
//! Each document is written in one transaction that first deletes every row of the same
//! document id (its search rows by their rowid range, see [`search_rowids`]): exporting a document again replaces it (no duplicates), and a document that
//! fails rolls back, leaving nothing half-written. Dates are ISO text (SQLite's date functions
//! read them), lists JSON arrays (`json_each` reads them).

use super::segment::segment;
use super::{Flat, Sink};
use crate::model::records::{ColumnType, RecordKind, Value};
use rayon::prelude::*;
use rusqlite::types::{ToSqlOutput, Value as SqlValue};
use rusqlite::{params_from_iter, Connection, OptionalExtension, ToSql};
use std::path::Path;

/// The FTS5 table: one row per paragraph and per entry.
pub const SEARCH_TABLE: &str = "search";

/// The columns of [`SEARCH_TABLE`], in order: the keys and the text (not indexed), then the
/// indexed columns of [`super::segment::Segmented`].
pub const SEARCH_COLUMNS: [&str; 7] = ["document_id", "kind", "id", "text", "words", "chars", "grams"];

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
             id UNINDEXED, text UNINDEXED, words, chars, grams, tokenize = 'unicode61');\nCOMMIT;\n"
        ));
        conn.execute_batch(&ddl).map_err(|e| format!("cannot create the tables: {e}"))?;
        check_columns(&conn)?;
        // While the batch is written, FTS5 does not merge its index segments after every
        // document (each commit writes one); `finish` merges them once.
        conn.execute_batch(&format!("INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rank) VALUES ('automerge', 0)"))
            .map_err(|e| format!("cannot configure the search index: {e}"))?;
        Ok(SqliteSink { conn })
    }
}

/// A database from another version of the record kinds is refused, not mixed into.
fn check_columns(conn: &Connection) -> Result<(), String> {
    let tables = RecordKind::ALL.iter().map(|k| (k.name(), k.columns().iter().map(|c| c.name).collect::<Vec<_>>()));
    for (table, want) in tables.chain([(SEARCH_TABLE, SEARCH_COLUMNS.to_vec())]) {
        let mut stmt = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"))
            .map_err(|e| e.to_string())?;
        let have: Vec<String> =
            stmt.query_map([], |r| r.get(0)).and_then(Iterator::collect).map_err(|e| e.to_string())?;
        if have != want {
            return Err(format!(
                "the database's table {table} has columns [{}], not those of this crdoc [{}]; export to a new file",
                have.join(", "),
                want.join(", ")
            ));
        }
    }
    Ok(())
}

impl Sink for SqliteSink {
    fn write(&mut self, doc: &Flat) -> Result<(), String> {
        // Cutting the texts into words is most of the work outside SQLite: done before the
        // transaction, on every core.
        let texts = search_rows(doc);
        let segmented: Vec<_> = texts.par_iter().map(|(_, text)| segment(text)).collect();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| format!("cannot start a transaction: {e}"))?;
        tx.execute_batch("PRAGMA defer_foreign_keys = ON").map_err(|e| e.to_string())?;
        let id = doc.document_id.as_str();
        // A document's rows are all written in the transaction that writes its `documents` row,
        // so only a document already there has rows to replace. Its search rows are the rowid
        // range of its `documents` row (FTS5 cannot index `document_id`: deleting by it would
        // scan the whole table).
        let present: Option<i64> = tx
            .query_row(
                &format!("SELECT rowid FROM \"{}\" WHERE document_id = ?1", RecordKind::Documents.name()),
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| format!("cannot look the document up: {e}"))?;
        if let Some(old) = present {
            let (first, last) = search_rowids(old);
            tx.execute(&format!("DELETE FROM {SEARCH_TABLE} WHERE rowid BETWEEN ?1 AND ?2"), [first, last])
                .map_err(|e| format!("cannot replace the document: {e}"))?;
            for kind in RecordKind::ALL.iter().rev() {
                tx.execute(&format!("DELETE FROM \"{}\" WHERE document_id = ?1", kind.name()), [id])
                    .map_err(|e| format!("cannot replace the document: {e}"))?;
            }
        }
        let mut document_rowid = None;
        for (kind, rows) in &doc.kinds {
            let cols = kind.columns();
            let placeholders = (1..=cols.len()).map(|k| format!("?{k}")).collect::<Vec<_>>().join(", ");
            let names: Vec<&str> = cols.iter().map(|c| c.name).collect();
            let sql = format!("INSERT INTO \"{}\" ({}) VALUES ({placeholders})", kind.name(), quoted(&names));
            let mut stmt = tx.prepare_cached(&sql).map_err(|e| format!("{kind}: {e}"))?;
            for row in rows {
                stmt.execute(params_from_iter(row.iter().map(Param))).map_err(|e| format!("{kind}: {e}"))?;
            }
            if *kind == RecordKind::Documents {
                document_rowid = Some(tx.last_insert_rowid());
            }
        }
        let (first, last) = search_rowids(document_rowid.ok_or("no documents record")?);
        if i64::try_from(texts.len()).map_or(true, |n| n > last - first + 1) {
            return Err(format!("{} searchable texts: more than a document can hold", texts.len()));
        }
        {
            let mut stmt = tx
                .prepare_cached(&format!(
                    "INSERT INTO {SEARCH_TABLE} (rowid, {}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    SEARCH_COLUMNS.join(", ")
                ))
                .map_err(|e| e.to_string())?;
            for (rowid, ((kind, text), s)) in (first..).zip(texts.iter().zip(&segmented)) {
                stmt.execute(rusqlite::params![rowid, id, kind.0, kind.1, text, s.words, s.chars, s.grams])
                    .map_err(|e| format!("search: {e}"))?;
            }
        }
        tx.commit().map_err(|e| format!("cannot commit: {e}"))
    }

    fn finish(self: Box<Self>) -> Result<(), String> {
        // The index segments of the batch merged once, and FTS5's own merging back on for
        // whoever writes to the database next.
        self.conn
            .execute_batch(&format!(
                "INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('optimize');
                 INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rank) VALUES ('automerge', 4);"
            ))
            .map_err(|e| format!("cannot merge the search index: {e}"))?;
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

/// The search rows of a document: rowids `documents.rowid << 24` and up, so that replacing a
/// document deletes a rowid range instead of scanning the table.
fn search_rowids(document_rowid: i64) -> (i64, i64) {
    let first = document_rowid << 24;
    (first, first | 0xFF_FFFF)
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
