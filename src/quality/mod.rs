//! Measuring and checking conversions: [`eval`] scores a document against a hand-written gold
//! annotation, [`diff`] compares two runs element by element, and [`check`] holds the
//! invariants every converted document satisfies (used by the tests and the fuzz target).

pub mod check;
pub mod diff;
pub mod eval;
