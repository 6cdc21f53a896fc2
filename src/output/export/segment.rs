//! The text of the SQLite `search` table cut into the tokens FTS5's built-in `unicode61`
//! tokenizer reads: words separated by spaces. `unicode61` alone reads a run of Chinese
//! characters as one token (a whole sentence), and `trigram` matches nothing shorter than three
//! characters, while most Chinese words have two (普京, 北极, 能源); neither needs an extension, so
//! the search works from the plain `sqlite3` CLI when the words are cut before they are stored:
//!
//! - `words`: the text cut into words by jieba (the dictionary and its HMM for unknown names),
//!   punctuation kept, so the column reads like the text and `snippet()` highlights whole words;
//! - `chars`: every Chinese character, in order: a one-character query (`俄`) finds every text
//!   holding it, and a phrase of characters (`"能 源 合 作"`) any substring;
//! - `grams`: every pair of adjacent Chinese characters, so a two-character query finds every text
//!   holding it wherever jieba put its word boundaries, and the words of three characters or more
//!   that jieba's search mode finds inside longer words (`合作组织` in `上海合作组织`).

use jieba_rs::Jieba;
use std::sync::OnceLock;

/// The searchable columns of one text.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Segmented {
    /// Words separated by spaces, punctuation kept.
    pub words: String,
    /// Every Chinese character, separated by spaces.
    pub chars: String,
    /// Every pair of adjacent Chinese characters, then the longer search-mode words and the
    /// compounds of two or three adjacent words.
    pub grams: String,
}

/// The most words joined into one compound token.
const JOINED: usize = 3;

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// A Chinese character (CJK unified ideographs, their extensions and compatibility forms).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// Cut one text into its searchable columns.
pub fn segment(text: &str) -> Segmented {
    let mut out = Segmented::default();
    let push = |s: &mut String, w: &str| {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(w);
    };
    let jieba = jieba();
    let words = jieba.cut(text, true);
    for token in &words {
        let w = token.word.trim();
        if !w.is_empty() {
            push(&mut out.words, w);
        }
    }
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if is_han(c) {
            let mut buf = [0u8; 4];
            push(&mut out.chars, c.encode_utf8(&mut buf));
            if let Some(p) = prev {
                if !out.grams.is_empty() {
                    out.grams.push(' ');
                }
                out.grams.push(p);
                out.grams.push(c);
            }
            prev = Some(c);
        } else {
            prev = None;
        }
    }
    for token in jieba.cut_for_search(text, true) {
        if token.word.chars().count() >= 3 && token.word.chars().all(is_han) {
            push(&mut out.grams, token.word);
        }
    }
    // Compounds typed as one word that jieba cuts (上海 + 合作 + 组织): two and three adjacent
    // Chinese words joined, when three characters or more.
    for (k, w) in words.iter().enumerate() {
        let mut end = w.byte_end;
        for next in words.iter().skip(k + 1).take(JOINED - 1) {
            if next.byte_start != end || !w.word.chars().all(is_han) || !next.word.chars().all(is_han) {
                break;
            }
            end = next.byte_end;
            if next.end - w.start >= 3 {
                push(&mut out.grams, &text[w.byte_start..end]);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_characters_and_pairs() {
        let s = segment("普京总统会见上海合作组织秘书长，Moscow 2020。");
        assert!(s.words.split(' ').any(|w| w == "普京"), "{}", s.words);
        assert!(s.words.contains("Moscow"), "{}", s.words);
        assert!(s.chars.starts_with("普 京 总 统"), "{}", s.chars);
        assert!(!s.chars.contains('M') && !s.chars.contains('，'));
        let grams: Vec<&str> = s.grams.split(' ').collect();
        assert!(grams.contains(&"普京") && grams.contains(&"京总") && grams.contains(&"组织"), "{grams:?}");
        assert!(grams.contains(&"上海合作组织"), "{grams:?}");
        // No pair across punctuation.
        assert!(!grams.contains(&"长M") && !grams.iter().any(|g| g.contains('，')));
        assert_eq!(segment(""), Segmented::default());
    }
}
