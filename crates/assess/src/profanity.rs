//! rustrict's profanity analysis, as a feature only.
//!
//! rustrict is good at disguise ("f u c k", "sh1t") but flags news vocabulary ("rape charges",
//! "the Nazi regime", "assassin", "Dick Cheney"), so it never censors and never holds a comment
//! by itself, except for a severe, evasive offensive word: a disguised slur.
//!
//! Cost: rustrict reads about 6–7 MB/s, some 30 µs for a 200-character comment, more than the
//! rest of the assessment together. It runs only where it can add something: on text with a
//! sign of disguise (non-ASCII letters, symbols or digits inside words, letters spelled out or
//! stretched) or obscene words, and on at most the first `PREFIX` bytes. Plain text is read by
//! the lexicon and the linear model, which see plain swearing as well as rustrict does.
//!
//! Numbers as news writes them ("10:30", "1950s", "1,200") are blanked before either look:
//! rustrict reads digits as letters, and a time next to a decade was held as a disguised slur.

use std::borrow::Cow;

use rustrict::{Censor, Type};

/// Bytes of a comment rustrict reads at most; the disguise it exists for shows up early or
/// is repeated, and cost must stay bounded on long comments.
const PREFIX: usize = 1024;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Profanity {
    /// 0 none, 0.3 mild, 0.6 moderate, 0.9 severe (profane, offensive or sexual).
    pub score: f32,
    /// A severe offensive word in disguise: a slur written to slip past filters.
    pub evasive_slur: bool,
    /// Whether rustrict ran at all.
    pub ran: bool,
}

/// Signs that a word may be disguised.
pub(crate) fn looks_disguised(text: &str) -> bool {
    let b = text.as_bytes();
    let mut single_letters = 0;
    for (k, &c) in b.iter().enumerate() {
        if !c.is_ascii() {
            return true;
        }
        let prev = if k > 0 { b[k - 1] } else { b' ' };
        let next = b.get(k + 1).copied().unwrap_or(b' ');
        match c {
            // "3rd", "10th" and "@name" are common and harmless; rustrict reads them
            // correctly, the cost is all there is.
            b'*' | b'@' | b'$' | b'#' | b'%' | b'|' | b'!' | b'0'..=b'9'
                if prev.is_ascii_alphabetic() || next.is_ascii_alphabetic() =>
            {
                return true;
            }
            b'a'..=b'z' | b'A'..=b'Z' => {
                if k >= 2 && b[k - 1] == c && b[k - 2] == c {
                    return true;
                }
                let alone = !prev.is_ascii_alphanumeric() && !next.is_ascii_alphanumeric();
                if alone && prev != b'\'' {
                    single_letters += 1;
                    if single_letters >= 3 {
                        return true;
                    }
                } else {
                    single_letters = 0;
                }
            }
            _ => {}
        }
    }
    false
}

/// Suffixes a number takes in news talk: decades, ordinals, times, amounts, units.
const NUMBER_SUFFIXES: &[&str] = &[
    "s", "st", "nd", "rd", "th", "am", "pm", "k", "m", "bn", "km", "kg", "mph", "ft", "cm", "mm",
];

/// Whether `token` is a number as news writes it, with at least two digits: "10:30",
/// "1950s", "1,200", "15th", "4.5bn". A lone digit stays: readers spell letters with them.
fn is_number(token: &str) -> bool {
    let digits_end = token
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ':' | '.' | ',')))
        .unwrap_or(token.len());
    let (number, suffix) = token.split_at(digits_end);
    number.bytes().filter(u8::is_ascii_digit).count() >= 2
        && number.starts_with(|c: char| c.is_ascii_digit())
        && (suffix.is_empty() || NUMBER_SUFFIXES.contains(&suffix))
}

/// `text` with its numbers blanked out. rustrict reads digits as letters, and times, dates
/// and decades then spell words: "the day 10 1950s" came out as a disguised slur, held.
fn without_numbers(text: &str) -> Cow<'_, str> {
    let numbers: Vec<(usize, usize)> = text
        .split(|c: char| {
            c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '"' | ';' | '!' | '?')
        })
        // A sentence's full stop or a list's comma is not part of the number.
        .map(|token| token.trim_end_matches(['.', ',', ':']))
        .filter(|token| is_number(token))
        .map(|token| {
            let start = token.as_ptr() as usize - text.as_ptr() as usize;
            (start, start + token.len())
        })
        .collect();
    if numbers.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut blanked = text.to_owned();
    for (start, end) in numbers.into_iter().rev() {
        blanked.replace_range(start..end, &" ".repeat(end - start));
    }
    Cow::Owned(blanked)
}

/// `text` with a second space after punctuation that ends a word of two letters or more.
/// rustrict joins letters across punctuation to catch "n. i. g. g. a", and so read the end of
/// "building. A" or "talking, a" as a slur: in a comment with a sign of disguise (a "café"
/// will do) a civil sentence was held. Two spaces part words for it; single letters between
/// dots (the disguise) are left as they are.
fn apart_at_punctuation(text: &str) -> Cow<'_, str> {
    let mut spaced = String::new();
    let mut copied = 0;
    let mut letters = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_alphabetic() {
            letters += 1;
            continue;
        }
        let word_ended = letters >= 2 && matches!(c, '.' | ',' | ';' | ':' | '!' | '?');
        letters = 0;
        if word_ended && chars.peek().is_some_and(|&(_, next)| next.is_whitespace()) {
            let end = at + c.len_utf8();
            spaced.push_str(&text[copied..end]);
            spaced.push(' ');
            copied = end;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    spaced.push_str(&text[copied..]);
    Cow::Owned(spaced)
}

pub(crate) fn analyse(text: &str, force: bool) -> Profanity {
    let text = &*without_numbers(text);
    let disguised = looks_disguised(text);
    if !force && !disguised {
        return Profanity::default();
    }
    let text = &*apart_at_punctuation(text);
    let mut end = text.len().min(PREFIX);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let t = Censor::from_str(&text[..end]).analyze();
    let any = Type::PROFANE | Type::OFFENSIVE | Type::SEXUAL;
    let score = if t.is(any & Type::SEVERE) {
        0.9
    } else if t.is(any & Type::MODERATE) {
        0.6
    } else if t.is(any & Type::MILD) {
        0.3
    } else {
        0.0
    };
    Profanity {
        score,
        // rustrict calls some plain words evasive ("bastard"); disguise must be visible too.
        evasive_slur: disguised && t.is(Type::OFFENSIVE & Type::SEVERE) && t.is(Type::EVASIVE),
        ran: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_suspicious_text() {
        assert!(!looks_disguised(
            "The council met on Tuesday. It was fine, I think."
        ));
        assert!(looks_disguised("f u c k this"));
        assert!(looks_disguised("sh1t"));
        assert!(looks_disguised("fuuuck"));
        assert!(looks_disguised("naïve"));
        assert!(!analyse("A plain sentence.", false).ran);
        assert!(analyse("f u c k this", false).score > 0.0);
    }

    #[test]
    fn words_are_not_joined_across_punctuation() {
        // Each was held as a disguised slur: the "café" makes rustrict read the whole text.
        for civil in [
            "Bike racks look far too few for such a large building. A quiet study floor \
             upstairs would be welcome, and a café.",
            "We were talking, a café owner and I, about the depot.",
            "Among, a café, two shops and a bank, the choice is thin.",
            "Nothing! A café would do.",
        ] {
            let read = analyse(civil, false);
            assert_eq!(read.score, 0.0, "{civil}");
            assert!(!read.evasive_slur, "{civil}");
        }
        // A disguise spelled between dots or with digits is still read.
        for slur in [
            "you n. i. g. g. a",
            "you are a n1gga, honestly",
            "n.i.g.g.a",
        ] {
            assert!(analyse(slur, false).score >= 0.9, "{slur}");
        }
        assert!(analyse("f u c k this", false).score > 0.0);
        assert_eq!(apart_at_punctuation("n. i. g"), "n. i. g");
        assert_eq!(apart_at_punctuation("built. A, b"), "built.  A, b");
        assert_eq!(apart_at_punctuation("naïve, é."), "naïve,  é.");
    }

    #[test]
    fn numbers_are_not_disguise() {
        for civil in [
            "today 10:30 1950s",
            "day 10 1950s",
            "Checked that notice again today, 10:30. Some shelving in our old branch dates \
             from the 1950s and deserves keeping if movers can manage it.",
            "Turnout was 1,200 on the 15th, up from the 1990s (4.5bn spent since).",
        ] {
            let read = analyse(civil, false);
            assert_eq!(read.score, 0.0, "{civil}");
            assert!(!read.evasive_slur, "{civil}");
        }
        // Letters spelled with digits are still read as letters.
        assert!(looks_disguised(&without_numbers("sh1t")));
        assert!(looks_disguised(&without_numbers("f 4 c k")));
        assert_eq!(
            without_numbers("at 10:30, in the 1950s."),
            "at      , in the      ."
        );
        assert_eq!(without_numbers("the 3rd and 5"), "the 3rd and 5");
    }
}
