//! crdoc: turns raw text dumps of the China–Russia dialogue reports into structured,
//! validated JSON with a source span and an element id on every element.
//!
//! The folders are the layers, from the bottom; each imports only from the layers below it:
//!
//! | layer | what it holds |
//! |---|---|
//! | [`model`] | the JSON contract: the document types, element [`ids`](model::ids), the [`schema`], the flat [`records`] |
//! | [`parse`] | the stages: decode → lex → pages → outline → blocks and chronology |
//! | [`pipeline`] | [`convert_bytes`], which runs the stages, and input loading and batch conversion |
//! | [`output`] | the JSON writer, atomic writes, the export formats, the review page |
//! | [`quality`] | [`eval`] against gold annotations, [`diff`] between runs, the invariant [`check`] |
//!
//! The command line (`src/cli/`) is the binary's own module, above all of these; the Python
//! package (`python/`) is a workspace member that uses this library.
//!
//! # Example
//!
//! Convert the bytes of a dump and walk the chronology and the tables:
//!
//! ```
//! let text = "中俄对话：2020模式\n\n目录\n第一章 经贸合作\t7\n附录\t90\n\n\
//!             第一章 经贸合作\n表 1 贸易额（单位：亿美元）\n年份\t金额\n2019\t1107,6\n\n\
//!             附录\n2019 年第二季度至 2020 年第一季度中俄关系大事记\n\n政治关系\n\n\
//!             2019 年 6 月 5 日\t习近平主席对俄罗斯进行国事访问 两国元首签署联合声明。\n";
//! let doc = crdoc::convert_bytes(text.as_bytes(), "example.txt")?;
//! assert_eq!(doc.metadata.title.as_deref(), Some("中俄对话：2020模式"));
//!
//! for (category, entry) in doc.entries() {
//!     println!("{} {} {:?} {}", entry.id, category.name, entry.date.start, entry.title);
//! }
//! let (category, entry) = doc.entries().next().expect("one entry");
//! assert_eq!((category.name.as_str(), entry.id.as_str()), ("政治关系", "chron.c1.e1"));
//! assert_eq!(entry.date.start.as_deref(), Some("2019-06-05"));
//!
//! for (place, table) in doc.tables() {
//!     let chapter = place.chapter().map(|c| c.title.as_str());
//!     println!("{} in {chapter:?}: {} rows, unit {:?}", table.id, table.rows.len(), table.unit);
//! }
//! let (_, table) = doc.tables().next().expect("one table");
//! assert_eq!(table.rows[0].cells[1].value, Some(1107.6));
//!
//! // Every document validates against the checked-in schema.
//! let json = serde_json::to_value(&doc)?;
//! assert!(crdoc::schema::validate(&json).is_ok());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

pub mod error;
pub mod model;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod quality;

pub use model::{records, schema};
pub use pipeline::convert_bytes;
pub use quality::{check, diff, eval};
