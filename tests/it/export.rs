//! `crdoc export`, each format read back by a client that is not our writer: rusqlite's query
//! API and the sqlite3 CLI, the parquet crate's row reader (and DuckDB when Python has it), the
//! csv crate's reader, serde_json line by line. The expected ids come from the document itself,
//! not from the record kinds.
#![cfg(feature = "export")]

use crate::common::*;
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

/// The texts of the search table (paragraphs, entry title + description) holding every word.
fn texts_holding(words: &[&str]) -> usize {
    let doc = sample_doc();
    let mut texts: Vec<String> = doc.entries().map(|(_, e)| format!("{}\n{}", e.title, e.description)).collect();
    for (_, b) in doc.blocks() {
        match b {
            Block::Paragraph { text, .. } => texts.push(text.clone()),
            Block::List { items, .. } => texts.extend(items.iter().map(|i| i.text.clone())),
            _ => {}
        }
    }
    texts.iter().filter(|t| words.iter().all(|w| t.contains(w))).count()
}

#[test]
fn the_sqlite3_cli_finds_chinese_words_of_any_length_ranked_with_snippets() {
    if Command::new("sqlite3").arg("--version").output().is_err() {
        panic!("the sqlite3 CLI is missing: .ci/run installs it (apt-get install sqlite3)");
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("out.db");
    ok(&crdoc(&["export", "--format", "sqlite", "-o", s(&db), s(&sample_path())]));
    // The plain CLI, no extension loaded.
    let q = |sql: &str| -> String {
        let o = Command::new("sqlite3").arg("-bail").arg(&db).arg(sql).output().expect("sqlite3");
        ok(&o);
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    };
    let hits =
        |m: &str| -> usize { q(&format!("SELECT count(*) FROM search WHERE search MATCH '{m}'")).parse().expect("n") };
    assert_eq!(hits("普京"), 38);
    // One, two, three and more characters: every text holding the word, and no other.
    for w in ["俄", "京", "中俄", "北极", "能源", "石油", "习近平", "俄罗斯", "上海合作组织"] {
        assert_eq!(hits(w), texts_holding(&[w]), "{w}");
    }
    // Several words: the texts holding all of them.
    for ws in [["普京", "习近平"], ["能源", "合作"], ["北极", "航道"]] {
        let n = hits(&ws.join(" "));
        assert_eq!(n, texts_holding(&ws), "{ws:?}");
        assert!(n > 0, "{ws:?}");
    }
    // Any substring: a phrase of characters.
    assert_eq!(hits("\"源 合 作\""), texts_holding(&["源合作"]));
    // Ranked (bm25), with the words highlighted by snippet() in the words column.
    let rows = q("SELECT s.kind, s.id, snippet(search, 4, '[', ']', '…', 12), bm25(search) FROM search s \
                  WHERE search MATCH '普京' ORDER BY rank LIMIT 5");
    let rows: Vec<&str> = rows.lines().collect();
    assert_eq!(rows.len(), 5, "{rows:?}");
    let mut last = f64::NEG_INFINITY;
    for r in &rows {
        let f: Vec<&str> = r.split('|').collect();
        assert!(f[2].contains("[普京]"), "{r}");
        let score: f64 = f[3].parse().expect("bm25");
        assert!(score >= last, "{rows:?}");
        last = score;
    }
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

/// The chunks of the sample, read from the NDJSON export with a size bound.
fn chunks_of_sample(chunk_chars: usize) -> Vec<serde_json::Value> {
    let o = crdoc(&[
        "export",
        "--format",
        "ndjson",
        "-o",
        "-",
        "--chunk-chars",
        &chunk_chars.to_string(),
        s(&sample_path()),
    ]);
    ok(&o);
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
        .filter(|r| r["kind"] == "chunks")
        .collect()
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array().expect("array").iter().map(|x| x.as_str().expect("text").to_string()).collect()
}

#[test]
fn chunks_hold_every_paragraph_once_within_one_section_up_to_the_bound() {
    let doc = sample_doc();
    let want = sample_expectations();
    for bound in [1000, 300] {
        let chunks = chunks_of_sample(bound);
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for c in &chunks {
            let ids = strings(&c["element_ids"]);
            let container = c["container_id"].as_str().expect("container");
            let text = c["text"].as_str().expect("text");
            assert_eq!(c["chars"].as_u64(), Some(text.chars().count() as u64));
            assert!(c["line_start"].as_u64() <= c["line_end"].as_u64(), "{c}");
            match c["type"].as_str().expect("type") {
                "text" => {
                    // Never across a section: every element of the chunk is in its container.
                    for id in &ids {
                        assert!(id.starts_with(&format!("{container}.")), "{id} outside {container}");
                    }
                    assert!(ids.len() == 1 || text.chars().count() <= bound, "{bound}: {c}");
                }
                "table" => {
                    assert_eq!(ids.len(), 1);
                    // Every piece has the caption and the header rows.
                    assert!(text.lines().nth(2).is_some_and(|l| l.starts_with("|---")), "{text}");
                }
                "entry" => assert!(ids[0].starts_with("chron.c"), "{c}"),
                "recommendations" => assert!(ids.iter().all(|i| i.starts_with(&format!("{container}."))), "{c}"),
                other => panic!("chunk type {other}"),
            }
            for id in ids {
                *seen.entry(id).or_default() += 1;
            }
        }
        // Every paragraph and list item in exactly one chunk; every entry and recommendation too.
        for kind in ["paragraphs", "entries", "recommendations"] {
            for id in &want[kind] {
                assert_eq!(seen.get(id), Some(&1), "{bound}: {kind} {id}");
            }
        }
        let entry_chunks = chunks.iter().filter(|c| c["type"] == "entry").count();
        assert_eq!(entry_chunks, 656);
        // Tables: one chunk each at 1000 characters unless longer; split at 300, the header repeated.
        let tables = doc.tables().count();
        let table_chunks = chunks.iter().filter(|c| c["type"] == "table").count();
        assert!(if bound == 300 { table_chunks > tables } else { table_chunks >= tables }, "{bound}: {table_chunks}");
        // The heading path of a section's chunk: its chapter, then the section.
        let (c, _) = doc.blocks().find(|(c, _)| c.section().is_some()).expect("a section block");
        let chunk = chunks.iter().find(|x| x["container_id"] == c.id()).expect("its chunk");
        let path = strings(&chunk["heading_path"]);
        let (ch, sec) = (c.chapter().expect("chapter"), c.section().expect("section"));
        assert_eq!(path[..2], [format!("{} {}", ch.label, ch.title), format!("{} {}", sec.label, sec.title)]);
    }
    // Every format holds the chunks (the same count).
    let tmp = tempfile::tempdir().expect("tmp");
    let n = chunks_of_sample(1000).len();
    let db = tmp.path().join("out.db");
    ok(&crdoc(&["export", "--format", "sqlite", "-o", s(&db), s(&sample_path())]));
    let conn = rusqlite::Connection::open(&db).expect("open");
    assert_eq!(count(&conn, "SELECT count(*) FROM chunks") as usize, n);
    let csv_dir = tmp.path().join("csv");
    ok(&crdoc(&["export", "--format", "csv", "-o", s(&csv_dir), s(&sample_path())]));
    assert_eq!(csv::Reader::from_path(csv_dir.join("chunks.csv")).expect("csv").records().count(), n);
    let pq = tmp.path().join("pq");
    ok(&crdoc(&["export", "--format", "parquet", "-o", s(&pq), s(&sample_path())]));
    assert_eq!(parquet_rows(&pq.join("chunks.parquet")).len(), n);
}

#[test]
fn excel_csv_starts_with_a_byte_order_mark_and_reads_the_same() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (plain, excel) = (tmp.path().join("plain"), tmp.path().join("excel"));
    ok(&crdoc(&["export", "--format", "csv", "-o", s(&plain), s(&sample_path())]));
    ok(&crdoc(&["export", "--format", "csv", "--excel", "-o", s(&excel), s(&sample_path())]));
    for kind in crdoc::records::RecordKind::ALL {
        let name = format!("{}.csv", kind.name());
        let (a, b) = (std::fs::read(plain.join(&name)).expect("csv"), std::fs::read(excel.join(&name)).expect("csv"));
        assert!(!a.starts_with(b"\xEF\xBB\xBF"), "{name}");
        assert_eq!(&b[..3], b"\xEF\xBB\xBF", "{name}");
        assert_eq!(&b[3..], &a[..], "{name}");
        // The csv crate reads the BOM away: the same header and records.
        let header = csv::Reader::from_path(excel.join(&name)).expect("csv").headers().expect("header").clone();
        assert_eq!(header.get(0), Some("document_id"), "{name}");
    }
    let entries = csv::Reader::from_path(excel.join("entries.csv")).expect("csv").records().count();
    assert_eq!(entries, 656);
    // --excel is for CSV only.
    let o = crdoc(&["export", "--format", "ndjson", "--excel", "-o", "-", s(&sample_path())]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--excel is for --format csv only"));
}

#[test]
fn markdown_reads_back_with_a_commonmark_gfm_parser() {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
    let doc = sample_doc();
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("md");
    ok(&crdoc(&["export", "--format", "markdown", "-o", s(&out), s(&sample_path())]));
    let files: Vec<_> = std::fs::read_dir(&out).expect("dir").map(|e| e.expect("entry").path()).collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].file_name().and_then(|n| n.to_str()), Some("china-russia-dialogue-2020.zh.md"));
    let md = std::fs::read_to_string(&files[0]).expect("md");
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    let (mut headings, mut tables, mut items, mut comments) = (Vec::new(), 0, Vec::new(), Vec::new());
    let mut current: Option<(HeadingLevel, String)> = None;
    let mut item_text: Vec<String> = Vec::new();
    let mut metadata = String::new();
    let mut in_meta = false;
    for ev in Parser::new_ext(&md, opts) {
        match ev {
            Event::Start(Tag::MetadataBlock(_)) => in_meta = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_meta = false,
            Event::Start(Tag::Heading { level, .. }) => current = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Start(Tag::Item) => item_text.push(String::new()),
            Event::End(TagEnd::Item) => items.extend(item_text.pop()),
            Event::Text(t) | Event::Code(t) => {
                if in_meta {
                    metadata.push_str(&t);
                }
                if let Some((_, h)) = &mut current {
                    h.push_str(&t);
                }
                if let Some(i) = item_text.last_mut() {
                    i.push_str(&t);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => comments.push(h.trim().to_string()),
            _ => {}
        }
    }
    // Front matter: the title and the document id.
    assert!(metadata.contains(&doc.source.sha256), "{metadata}");
    assert!(metadata.contains(doc.metadata.title.as_deref().unwrap_or("?")), "{metadata}");
    // Every heading record, at its level, in order, after the title.
    let records = crdoc::records::records(&doc, crdoc::records::RecordKind::Headings).expect("flattens");
    let k = crdoc::records::RecordKind::Headings;
    assert_eq!(headings.len(), records.len() + 1, "{headings:?}");
    assert_eq!(headings[0].1.trim(), doc.metadata.title.as_deref().unwrap_or_default());
    for ((level, text), r) in headings[1..].iter().zip(&records) {
        let title = r[k.column_index("title").expect("title")].as_text().expect("text");
        let want = match r[k.column_index("level").expect("level")] {
            crdoc::records::Value::Int(1) => HeadingLevel::H1,
            crdoc::records::Value::Int(2) => HeadingLevel::H2,
            _ => HeadingLevel::H3,
        };
        assert!(text.contains(title), "{text} / {title}");
        assert_eq!(*level, want, "{text}");
    }
    assert_eq!(tables, 4);
    assert_eq!(doc.tables().count(), 4);
    // Every entry title, in a list item of its own.
    for (_, e) in doc.entries() {
        assert!(items.iter().any(|i| i.contains(&e.title)), "{}: {}", e.id, e.title);
    }
    // Ids as comments: every entry, table and paragraph can be traced back.
    let want = sample_expectations();
    let ids: std::collections::HashSet<String> =
        comments.iter().filter_map(|c| c.strip_prefix("<!-- ")?.strip_suffix(" -->").map(str::to_string)).collect();
    for kind in ["entries", "paragraphs", "recommendations"] {
        for id in &want[kind] {
            assert!(ids.contains(id), "{kind} {id}");
        }
    }
    for (_, t) in doc.tables() {
        assert!(ids.contains(&t.id), "{}", t.id);
    }
}
