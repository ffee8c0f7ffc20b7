//! Quotations (`tribune_domain::quote`): finding quoted text in a comment and matching it
//! against the article's paragraphs. Never panics; at most `max` quotes; a verified quote names
//! a paragraph that exists.
//!
//! Input: the comment, then a line `===`, then the article's paragraphs, one a line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tribune_domain::quote;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (comment, article) = input.split_once("\n===\n").unwrap_or((input, ""));
    let paragraphs: Vec<String> = article.lines().map(str::to_owned).collect();
    for max in [1, 10] {
        let quotes = quote::find_quotes(comment, &paragraphs, max);
        assert!(quotes.len() <= max);
        for q in &quotes {
            assert_eq!(q.verified, q.paragraph.is_some(), "{q:?}");
            if let Some(index) = q.paragraph {
                assert!(index < paragraphs.len(), "{q:?}");
            }
            assert_eq!(q.text, q.text.trim(), "{q:?}");
        }
    }
    let _ = quote::normalize(comment);
});
