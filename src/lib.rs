//! crdoc: turns raw text dumps of the China–Russia dialogue reports into structured,
//! validated JSON with a source span on every element.
//!
//! Pipeline, one module per stage: [`decode`] (bytes → text) → [`lex`] (lines and nom line
//! classifiers) → [`outline`] (front matter, TOC, parts, chapters, sections) → [`blocks`]
//! (paragraphs, tables, figures, lists) and [`chronology`] (dated events) → [`model`] (the JSON
//! contract) → [`schema`] (generation and validation). [`eval`] measures accuracy against gold
//! annotations; [`cli`] is the command line.

pub mod blocks;
pub mod check;
pub mod chronology;
pub mod cli;
pub mod dates;
pub mod decode;
pub mod error;
pub mod eval;
pub mod ids;
pub mod lex;
pub mod model;
pub mod outline;
pub mod pipeline;
pub mod records;
pub mod schema;

pub use pipeline::convert_bytes;
