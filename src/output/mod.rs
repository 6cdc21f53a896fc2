//! What a conversion writes: the JSON text ([`json`]), one JSON file per input ([`batch`], the
//! library side of `crdoc convert`), every file complete or absent
//! ([`atomic`]; stale temporary files of killed runs removed), the run's interrupted flag
//! ([`interrupt`]), the flat record exports ([`export`], feature `export`) and the HTML review page
//! ([`report`], feature `report`).

pub mod atomic;
pub mod batch;
#[cfg(feature = "export")]
pub mod export;
pub mod interrupt;
pub mod json;
#[cfg(feature = "report")]
pub mod report;
