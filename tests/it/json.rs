//! `crdoc::output::json` (the compact writer of `convert`) writes the bytes serde_json writes: for the
//! sample, every corpus document, fixture and fuzz regression, and for generated text.

use proptest::prelude::*;
use std::path::Path;

fn inputs() -> Vec<std::path::PathBuf> {
    let mut files = vec![Path::new("input/china-russia-dialogue-2020.zh.txt").to_path_buf()];
    for dir in ["tests/corpus", "tests/fixtures", "tests/fuzz_regressions"] {
        let mut found: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

#[test]
fn documents_are_written_byte_for_byte_as_serde_json_writes_them() {
    let mut compared = 0;
    for path in inputs() {
        let bytes = std::fs::read(&path).expect("read");
        let Ok(doc) = crdoc::convert_bytes(&bytes, &path.display().to_string()) else { continue };
        let ours = crdoc::output::json::to_vec(&doc).expect("writes");
        let theirs = serde_json::to_vec(&doc).expect("writes");
        if ours != theirs {
            let at = ours.iter().zip(&theirs).position(|(a, b)| a != b).unwrap_or(ours.len().min(theirs.len()));
            let show =
                |v: &[u8]| String::from_utf8_lossy(&v[at.saturating_sub(60)..(at + 60).min(v.len())]).into_owned();
            panic!("{}: differs at byte {at}:\n ours:   {}\n theirs: {}", path.display(), show(&ours), show(&theirs));
        }
        compared += 1;
    }
    assert!(compared >= 20, "only {compared} documents compared");
}

proptest! {
    #[test]
    fn any_text_and_numbers_are_written_as_serde_json_writes_them(
        texts in proptest::collection::vec(any::<String>(), 0..8),
        numbers in proptest::collection::vec(any::<f64>(), 0..8),
        counts in proptest::collection::vec(any::<i64>(), 0..8),
    ) {
        let value = (&texts, &numbers, &counts);
        prop_assert_eq!(crdoc::output::json::to_vec(&value).ok(), serde_json::to_vec(&value).ok());
    }

    #[test]
    fn text_with_escapes_anywhere_is_written_as_serde_json_writes_it(
        text in "[a-z\"\\\\\u{0}-\u{1f}中俄 ]{0,40}",
    ) {
        prop_assert_eq!(crdoc::output::json::to_vec(&text).ok(), serde_json::to_vec(&text).ok());
    }
}
