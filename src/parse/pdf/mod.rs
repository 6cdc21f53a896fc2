//! PDF input (feature `pdf`): [`spans`] reads the positioned text and ruling lines of every page
//! with `pdf_oxide`; [`layout`] turns them into the derived text, the text the other stages read
//! (spans of a PDF's document point into it; `crdoc text report.pdf` prints it).

pub mod layout;
pub mod spans;
