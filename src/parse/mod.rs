//! The parsing stages, in the order a conversion runs them: [`decode`] (bytes → text) → [`lex`]
//! (the line table and the nom line classifiers; [`boxes`] and [`pipes`] undo two dump shapes) → [`pages`] (page furniture, footnotes, page
//! breaks) → [`outline`] (front matter, TOC, parts, chapters, sections) → [`blocks`]
//! (paragraphs, tables, figures, lists; [`aligned`] reads tables laid out with spaces, [`brackets`]
//! mends header names wrapped inside their bracket) and
//! [`chronology`] (dated events, with [`dates`] for the date grammar). A PDF goes through
//! `pdf` first (feature `pdf`: positioned spans → the derived text), then the same stages.
//!
//! Each stage reads what the one before it made and nothing above it: no stage imports the
//! pipeline, the outputs or the command line. The stages are public for the benchmarks, the fuzz
//! target and the tests; their signatures carry no stability promise (use
//! [`crate::convert_bytes`]).

pub mod aligned;
pub mod blocks;
pub mod boxes;
pub mod brackets;
pub mod chronology;
pub mod cut;
pub mod dates;
pub mod decode;
pub mod lex;
pub mod outline;
pub mod pages;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod pipes;
