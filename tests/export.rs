//! `crdoc export`, each format read back by a client that is not our writer: rusqlite's query
//! API and the sqlite3 CLI, the parquet crate's row reader (and DuckDB when Python has it), the
//! csv crate's reader, serde_json line by line. The expected ids come from the document itself,
//! not from the record kinds.
#![cfg(feature = "export")]

mod common;
use common::*;
use crdoc::model::{Block, Document};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn crdoc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crdoc")).args(args).output().expect("runs")
}

fn ok(o: &Output) {
    assert!(o.status.success(), "exit {:?}\n{}", o.status.code(), String::from_utf8_lossy(&o.stderr));
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The ids each format must hold exactly once, read from the document's own structure.
fn expected(doc: &Document) -> BTreeMap<&'static str, Vec<String>> {
    let mut m = BTreeMap::new();
    m.insert("entries", doc.entries().map(|(_, e)| e.id.clone()).collect());
    m.insert("recommendations", doc.recommendations().map(|(_, r)| r.id.clone()).collect());
    let mut cells = Vec::new();
    for (_, t) in doc.tables() {
        for (r, row) in t.rows.iter().enumerate() {
            for c in 0..row.cells.len() {
                cells.push(format!("{}.r{}.c{}", t.id, r + 1, c + 1));
            }
        }
    }
    m.insert("table_cells", cells);
    let mut paragraphs = Vec::new();
    for (_, b) in doc.blocks() {
        match b {
            Block::Paragraph { id, .. } => paragraphs.push(id.clone()),
            Block::List { items, .. } => paragraphs.extend(items.iter().map(|i| i.id.clone())),
            _ => {}
        }
    }
    m.insert("paragraphs", paragraphs);
    m
}

/// Every id read back equals the expected ids, each exactly once.
fn assert_round_trip(
    format: &str,
    got: &BTreeMap<&'static str, Vec<String>>,
    want: &BTreeMap<&'static str, Vec<String>>,
) {
    for (kind, ids) in want {
        let mut a = got.get(kind).cloned().unwrap_or_default();
        let mut b = ids.clone();
        a.sort();
        b.sort();
        assert_eq!(a, b, "{format}: {kind}");
    }
}

fn sample_expectations() -> BTreeMap<&'static str, Vec<String>> {
    let want = expected(&sample_doc());
    assert_eq!(want["entries"].len(), 656);
    assert_eq!(want["table_cells"].len(), 146);
    assert_eq!(want["recommendations"].len(), 26);
    want
}

fn sample_path() -> PathBuf {
    root().join(SAMPLE)
}

/// The sample re-encoded as GB18030: another document (another hash), the same content.
fn gb18030_copy(dir: &Path) -> PathBuf {
    let text = sample_text();
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let p = dir.join("sample-gb18030.txt");
    std::fs::write(&p, &bytes).expect("write");
    p
}

fn sqlite_ids(conn: &rusqlite::Connection) -> BTreeMap<&'static str, Vec<String>> {
    let mut m = BTreeMap::new();
    for kind in ["entries", "recommendations", "table_cells", "paragraphs"] {
        let mut stmt = conn.prepare(&format!("SELECT id FROM {kind}")).expect("prepare");
        let ids: Vec<String> = stmt.query_map([], |r| r.get(0)).expect("query").map(|r| r.expect("row")).collect();
        m.insert(kind, ids);
    }
    m
}

fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect(sql)
}

#[test]
fn sqlite_holds_every_record_joins_searches_and_re_exports_idempotently() {
    let want = sample_expectations();
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("out.db");
    ok(&crdoc(&["export", "--format", "sqlite", "-o", s(&db), s(&sample_path())]));
    let conn = rusqlite::Connection::open(&db).expect("open");
    assert_round_trip("sqlite", &sqlite_ids(&conn), &want);
    assert_eq!(count(&conn, "SELECT count(*) FROM documents"), 1);
    let joined = count(
        &conn,
        "SELECT count(*) FROM entries e JOIN documents d ON d.document_id = e.document_id \
         WHERE d.edition_year = 2020 AND e.date_start BETWEEN '2019-01-01' AND '2020-12-31'",
    );
    let dated = count(&conn, "SELECT count(*) FROM entries WHERE date_start IS NOT NULL");
    assert!(dated > 600, "{dated}");
    assert_eq!(joined, dated);
    let hits = count(&conn, "SELECT count(*) FROM search WHERE search MATCH '上海合作组织'");
    let expected_hits = sample_doc()
        .entries()
        .filter(|(_, e)| e.title.contains("上海合作组织") || e.description.contains("上海合作组织"))
        .count();
    assert!(expected_hits > 10);
    assert!(hits >= expected_hits as i64, "{hits} < {expected_hits}");
    assert_eq!(count(&conn, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    drop(conn);

    // The same document again: replaced, not duplicated. Another document: twice the rows.
    ok(&crdoc(&["export", "--format", "sqlite", "-o", s(&db), s(&sample_path())]));
    let conn = rusqlite::Connection::open(&db).expect("open");
    assert_round_trip("sqlite again", &sqlite_ids(&conn), &want);
    assert_eq!(count(&conn, "SELECT count(*) FROM search WHERE search MATCH '上海合作组织'"), hits);
    drop(conn);
    ok(&crdoc(&["export", "--format", "sqlite", "-o", s(&db), s(&gb18030_copy(tmp.path()))]));
    let conn = rusqlite::Connection::open(&db).expect("open");
    assert_eq!(count(&conn, "SELECT count(*) FROM documents"), 2);
    assert_eq!(count(&conn, "SELECT count(*) FROM entries"), 2 * 656);
    assert_eq!(count(&conn, "SELECT count(*) FROM table_cells"), 2 * 146);
    assert_eq!(count(&conn, "SELECT count(DISTINCT document_id) FROM recommendations"), 2);
}

#[test]
fn the_sqlite3_cli_reads_the_database() {
    if Command::new("sqlite3").arg("--version").output().is_err() {
        panic!("the sqlite3 CLI is missing: .ci/run installs it (apt-get install sqlite3)");
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("out.db");
    ok(&crdoc(&["export", "--format", "sqlite", "-o", s(&db), s(&sample_path())]));
    let q = |sql: &str| -> String {
        let o = Command::new("sqlite3").arg(&db).arg(sql).output().expect("sqlite3");
        ok(&o);
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    };
    // One self-contained file: the write-ahead log of the export is checkpointed away.
    assert_eq!(q("PRAGMA journal_mode"), "delete");
    let siblings: Vec<String> = std::fs::read_dir(tmp.path())
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    assert_eq!(siblings, ["out.db"]);
    assert_eq!(q("SELECT count(*) FROM entries"), "656");
    assert_eq!(q("SELECT count(*) FROM table_cells"), "146");
    assert_eq!(q("SELECT count(*) FROM table_cells WHERE total NOT IN (0, 1)"), "0");
    assert_eq!(q("SELECT count(*) FROM recommendations"), "26");
    let first = q("SELECT id FROM search WHERE search MATCH '上海合作组织' AND kind = 'entries' ORDER BY rank LIMIT 1");
    assert!(first.starts_with("chron.c"), "{first}");
    let title = q(&format!("SELECT title FROM entries WHERE id = '{first}'"));
    let desc = q(&format!("SELECT description FROM entries WHERE id = '{first}'"));
    assert!(title.contains("上海合作组织") || desc.contains("上海合作组织"), "{title} / {desc}");
    assert_eq!(
        q("SELECT d.title FROM entries e JOIN documents d USING (document_id) LIMIT 1"),
        sample_doc().metadata.title.unwrap_or_default()
    );
}

#[test]
fn a_failing_document_leaves_nothing_and_the_others_are_exported() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::copy(sample_path(), dir.join("a.txt")).expect("copy");
    // A converted document whose last entry's date is not a date: it cannot be flattened.
    let mut bad = convert(&encoding_rs::GB18030.encode(&sample_text()).0);
    let last = bad.chronology.as_mut().and_then(|c| c.categories.last_mut()).and_then(|c| c.entries.last_mut());
    last.expect("an entry").date.start = Some("2019-02-30".to_string());
    std::fs::write(dir.join("b.json"), serde_json::to_string(&bad).expect("json")).expect("write");
    std::fs::write(dir.join("c.json"), "{\"not\": \"a document\"}").expect("write");
    let db = tmp.path().join("out.db");
    let o = crdoc(&["export", "--format", "sqlite", "-o", s(&db), s(&dir)]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("b.json") && err.contains("2019-02-30"), "{err}");
    assert!(err.contains("c.json"), "{err}");
    let conn = rusqlite::Connection::open(&db).expect("open");
    assert_eq!(count(&conn, "SELECT count(*) FROM documents"), 1);
    assert_eq!(count(&conn, "SELECT count(*) FROM entries"), 656);
    let bad_id = &bad.source.sha256;
    assert_eq!(count(&conn, &format!("SELECT count(*) FROM paragraphs WHERE document_id = '{bad_id}'")), 0);
    // Parquet: the failing document writes nothing either; the good one is complete.
    let pq = tmp.path().join("pq");
    assert_eq!(crdoc(&["export", "--format", "parquet", "-o", s(&pq), s(&dir)]).status.code(), Some(1));
    assert_eq!(parquet_ids(&pq)["entries"].len(), 656);
}

fn parquet_rows(path: &Path) -> Vec<parquet::record::Row> {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let file = std::fs::File::open(path).expect("open");
    let reader = SerializedFileReader::new(file).expect("a parquet file");
    reader.get_row_iter(None).expect("rows").map(|r| r.expect("row")).collect()
}

fn parquet_ids(dir: &Path) -> BTreeMap<&'static str, Vec<String>> {
    use parquet::record::RowAccessor;
    let mut m = BTreeMap::new();
    for kind in ["entries", "recommendations", "table_cells", "paragraphs"] {
        let ids = parquet_rows(&dir.join(format!("{kind}.parquet")))
            .iter()
            .map(|r| r.get_string(1).expect("id is text").clone())
            .collect();
        m.insert(kind, ids);
    }
    m
}

#[test]
fn parquet_files_have_proper_types_and_every_record() {
    use parquet::basic::{LogicalType, Type as Physical};
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::{Field, RowAccessor};
    let want = sample_expectations();
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("pq");
    ok(&crdoc(&["export", "--format", "parquet", "-o", s(&out), s(&sample_path())]));
    assert_round_trip("parquet", &parquet_ids(&out), &want);
    for kind in crdoc::records::RecordKind::ALL {
        assert!(out.join(format!("{}.parquet", kind.name())).is_file(), "{kind}");
    }

    // Column types as the file declares them.
    let reader =
        SerializedFileReader::new(std::fs::File::open(out.join("entries.parquet")).expect("open")).expect("parquet");
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let col = |name: &str| schema.columns().iter().find(|c| c.path().parts()[0] == name).expect(name).clone();
    assert_eq!(col("date_start").logical_type_ref(), Some(&LogicalType::Date));
    assert_eq!(col("date_start").physical_type(), Physical::INT32);
    assert_eq!(col("flags").path().parts().len(), 3, "flags is a list<string>");
    let cells = SerializedFileReader::new(std::fs::File::open(out.join("table_cells.parquet")).expect("open"))
        .expect("parquet");
    let cschema = cells.metadata().file_metadata().schema_descr_ptr();
    let value = cschema.columns().iter().find(|c| c.name() == "value").expect("value");
    assert_eq!(value.physical_type(), Physical::DOUBLE);

    // Values: the first entry's date, a numeric cell, the flags of a flagged entry.
    let doc = sample_doc();
    let rows = parquet_rows(&out.join("entries.parquet"));
    let (_, first) = doc.entries().next().expect("entries");
    let row = rows.iter().find(|r| r.get_string(1).ok() == Some(&first.id)).expect("first entry");
    let start_idx = crdoc::records::RecordKind::Entries.column_index("date_start").expect("column");
    let days = match row.get_column_iter().nth(start_idx) {
        Some((_, Field::Date(d))) => *d,
        other => panic!("not a date: {other:?}"),
    };
    let iso = first.date.start.clone().expect("dated");
    assert_eq!(days, crdoc::records::Date::parse_iso(&iso).expect("iso").days_since_epoch());
    if let Some((_, flagged)) = doc.entries().find(|(_, e)| !e.flags.is_empty()) {
        let row = rows.iter().find(|r| r.get_string(1).ok() == Some(&flagged.id)).expect("flagged entry");
        let k = crdoc::records::RecordKind::Entries.column_index("flags").expect("column");
        let list = row.get_list(k).expect("a list");
        let got: Vec<String> =
            list.elements().iter().map(|f| if let Field::Str(s) = f { s.clone() } else { panic!("{f:?}") }).collect();
        let want: Vec<String> = flagged.flags.iter().map(|f| f.as_str().to_string()).collect();
        assert_eq!(got, want);
    }
    let numeric: Vec<f64> =
        doc.tables().flat_map(|(_, t)| t.rows.iter().flat_map(|r| &r.cells).filter_map(|c| c.value)).collect();
    let vidx = crdoc::records::RecordKind::TableCells.column_index("value").expect("column");
    let read: Vec<f64> =
        parquet_rows(&out.join("table_cells.parquet")).iter().filter_map(|r| r.get_double(vidx).ok()).collect();
    assert_eq!(read, numeric);

    // Deterministic: the same export twice gives the same bytes.
    let again = tmp.path().join("pq2");
    ok(&crdoc(&["export", "--format", "parquet", "-o", s(&again), s(&sample_path())]));
    for kind in crdoc::records::RecordKind::ALL {
        let f = format!("{}.parquet", kind.name());
        assert_eq!(std::fs::read(out.join(&f)).expect("read"), std::fs::read(again.join(&f)).expect("read"), "{f}");
    }
    // Two documents: twice the rows.
    let two = tmp.path().join("pq-two");
    ok(&crdoc(&["export", "--format", "parquet", "-o", s(&two), s(&sample_path()), s(&gb18030_copy(tmp.path()))]));
    assert_eq!(parquet_ids(&two)["entries"].len(), 2 * 656);
}

#[test]
fn duckdb_reads_the_parquet_files() {
    let has_duckdb = Command::new("python3").args(["-c", "import duckdb"]).output().is_ok_and(|o| o.status.success());
    if !has_duckdb {
        println!("skipped: Python's duckdb is not installed (pip install duckdb)");
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("pq");
    ok(&crdoc(&["export", "--format", "parquet", "-o", s(&out), s(&sample_path())]));
    let script = format!(
        "import duckdb\n\
         d = '{}'\n\
         print(duckdb.sql(f\"SELECT count(*) FROM '{{d}}/entries.parquet'\").fetchone()[0])\n\
         print(duckdb.sql(f\"SELECT count(*) FROM '{{d}}/table_cells.parquet' c JOIN '{{d}}/tables.parquet' t ON c.table_id = t.id\").fetchone()[0])\n\
         print(duckdb.sql(f\"SELECT typeof(date_start), typeof(flags) FROM '{{d}}/entries.parquet' LIMIT 1\").fetchone())\n",
        s(&out)
    );
    let o = Command::new("python3").args(["-c", &script]).output().expect("python3");
    ok(&o);
    let text = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "656");
    assert_eq!(lines[1], "146");
    assert!(lines[2].contains("DATE") && lines[2].contains("VARCHAR[]"), "{}", lines[2]);
}

#[test]
fn csv_files_parse_with_headers_and_every_record() {
    let want = sample_expectations();
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("csv");
    ok(&crdoc(&["export", "--format", "csv", "-o", s(&out), s(&sample_path())]));
    let mut got = BTreeMap::new();
    for kind in crdoc::records::RecordKind::ALL {
        let mut r = csv::Reader::from_path(out.join(format!("{}.csv", kind.name()))).expect("csv");
        let header: Vec<String> = r.headers().expect("header").iter().map(str::to_string).collect();
        let names: Vec<&str> = kind.columns().iter().map(|c| c.name).collect();
        assert_eq!(header, names, "{kind}");
        let records: Vec<csv::StringRecord> = r.records().map(|x| x.expect("record")).collect();
        if let Some(name) =
            ["entries", "recommendations", "table_cells", "paragraphs"].into_iter().find(|n| *n == kind.name())
        {
            got.insert(name, records.iter().map(|x| x[1].to_string()).collect::<Vec<_>>());
        }
        if kind.name() == "entries" {
            // Multi-line descriptions survive quoting.
            let d = kind.column_index("description").expect("column");
            let doc = sample_doc();
            let (_, e) = doc.entries().find(|(_, e)| e.description.contains('\n')).expect("a multi-line entry");
            let rec = records.iter().find(|x| &x[1] == e.id.as_str()).expect("the entry");
            assert_eq!(&rec[d], e.description.as_str());
        }
    }
    assert_round_trip("csv", &got, &want);
}

#[test]
fn ndjson_streams_records_with_their_kind_to_standard_output() {
    let want = sample_expectations();
    let o = crdoc(&["export", "--format", "ndjson", "-o", "-", s(&sample_path())]);
    ok(&o);
    let mut got: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut documents = 0;
    for line in String::from_utf8(o.stdout).expect("utf-8").lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
        let kind = v["kind"].as_str().expect("kind");
        let id = v["id"].as_str().expect("id").to_string();
        match kind {
            "entries" => got.entry("entries").or_default().push(id),
            "recommendations" => got.entry("recommendations").or_default().push(id),
            "table_cells" => got.entry("table_cells").or_default().push(id),
            "paragraphs" => got.entry("paragraphs").or_default().push(id),
            "documents" => documents += 1,
            _ => {}
        }
    }
    assert_eq!(documents, 1);
    assert_round_trip("ndjson", &got, &want);
}

#[test]
fn converted_json_and_raw_text_export_the_same_records() {
    let tmp = tempfile::tempdir().expect("tmp");
    let json = tmp.path().join("sample.json");
    std::fs::write(&json, serde_json::to_string(&sample_doc()).expect("json")).expect("write");
    let a = crdoc(&["export", "--format", "ndjson", "-o", "-", s(&sample_path())]);
    let b = crdoc(&["export", "--format", "ndjson", "-o", "-", s(&json)]);
    ok(&a);
    ok(&b);
    let strip_path = |o: &Output| -> Vec<String> {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter(|l| !l.contains("\"kind\":\"documents\""))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(strip_path(&a), strip_path(&b));
}

#[test]
fn standard_output_is_for_ndjson_only() {
    let o = crdoc(&["export", "--format", "csv", "-o", "-", s(&sample_path())]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("ndjson only"));
    let o = crdoc(&["export", "--format", "xml", "-o", "x", s(&sample_path())]);
    assert_eq!(o.status.code(), Some(2));
}
