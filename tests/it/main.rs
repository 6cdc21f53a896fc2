//! The integration tests, as one test binary: each module below was its own `tests/*.rs` file.
//! One binary links the crate and its dependencies once instead of once per file, which was most
//! of the README's test command on a fresh clone (docs/performance.md#build), and its tests run
//! in parallel with each other instead of one file after another.
//!
//! Run one module with `cargo test --release --test it sample::` (any test-name filter works).
//! The memory bounds are a binary of their own (`tests/memory.rs` says why).

mod common;

mod accuracy;
mod architecture;
mod cli;
mod cli_edges;
mod conform;
mod diff;
mod export;
mod fixtures;
mod fuzz_regressions;
mod gold_corpus;
mod json;
mod metamorphic;
mod pdf;
mod properties;
mod readme;
mod report;
mod robustness;
mod sample;
