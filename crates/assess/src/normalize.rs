//! Turning a comment into words that resist disguise.
//!
//! Abusers disguise words (`1d10t`, `f.u.c.k`, `idiooot`, Cyrillic look-alikes, accents), so
//! matching runs on folded words: compatibility decomposition without accents, lowercase,
//! look-alike letters folded to Latin, leetspeak folded inside words that hold letters, runs of
//! single letters joined. Each word keeps its byte span in the original text, so evidence can
//! quote what the author actually wrote.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// One word of a comment, folded for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// Folded form: lowercase ASCII letters and digits in practice; `*` stands for a letter
    /// the author masked.
    pub text: String,
    /// Byte span in the original text.
    pub start: usize,
    pub end: usize,
    /// Index of the clause (split at `. ! ? ; :` and line breaks); patterns do not cross it.
    pub clause: u32,
    /// Inside quotation marks or a Markdown block quote: reported speech, not the author's.
    pub quoted: bool,
    /// Joined from letters spelled out one by one ("f a g").
    pub spelled: bool,
}

/// Look-alike letters from other scripts that pass for Latin ones.
fn fold_confusable(c: char) -> char {
    match c {
        'а' | 'α' => 'a',
        'в' | 'β' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ε' | 'ё' => 'e',
        'ɡ' => 'g',
        'һ' | 'н' => 'h',
        'і' | 'ι' | 'ї' | 'ı' => 'i',
        'ј' => 'j',
        'κ' | 'к' => 'k',
        'м' => 'm',
        'η' | 'п' => 'n',
        'о' | 'ο' | 'σ' => 'o',
        'р' | 'ρ' => 'p',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' | 'μ' => 'u',
        'ν' => 'v',
        'ш' | 'ω' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        _ => c,
    }
}

/// Digits and symbols that stand for letters inside a word.
fn leet(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' | '!' | '|' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' | '+' => 't',
        '8' => 'b',
        // "fa66ot", "bi6ot": 6 passes for a g as often as 9 does.
        '6' | '9' => 'g',
        // "g¥ppo": the yen sign is a Y with bars.
        '¥' => 'y',
        _ => return None,
    })
}

fn is_mask(c: char) -> bool {
    matches!(c, '*' | '#' | '%')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`')
}

/// Characters that may sit inside a word before folding.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || leet(c).is_some() || is_mask(c) || is_apostrophe(c) || c == '_'
}

fn is_clause_break(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | ':' | '\n' | '…')
}

/// Folds one raw character into zero or more plain lowercase characters.
fn fold_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    decompose_compatible(c, |d| {
        if !is_combining_mark(d) {
            for l in d.to_lowercase() {
                out.push(fold_confusable(l));
            }
        }
    });
}

/// Splits and folds a comment into words.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut words = Vec::with_capacity(text.len() / 5 + 1);
    let mut clause = 0u32;
    let mut quoted = false;
    let mut line_quoted = false;
    let mut at_line_start = true;
    let single = single_quoted_spans(text);
    let mut iter = text.char_indices().peekable();
    while let Some(&(i, c)) = iter.peek() {
        // A `!` or `|` starts a word only when a letter or digit follows ("!diot"); otherwise
        // it is punctuation.
        let starts_word = is_word_char(c)
            && !is_apostrophe(c)
            && (!matches!(c, '!' | '|')
                || text[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_alphanumeric()));
        if starts_word {
            let start = i;
            let mut end = i;
            let mut raw = String::new();
            while let Some(&(j, d)) = iter.peek() {
                if !is_word_char(d) {
                    break;
                }
                // A trailing `!` or `|` ends a sentence rather than spelling an `i`.
                if matches!(d, '!' | '|') {
                    let rest = &text[j..];
                    let next = rest[d.len_utf8()..].chars().next();
                    if !next.is_some_and(|n| n.is_alphanumeric()) {
                        break;
                    }
                }
                raw.push(d);
                end = j + d.len_utf8();
                iter.next();
            }
            if let Some(folded) = fold_word(&raw) {
                words.push(Word {
                    text: folded,
                    start,
                    end,
                    clause,
                    quoted: quoted
                        || line_quoted
                        || single.iter().any(|&(a, b)| a <= start && start < b),
                    spelled: false,
                });
            }
            at_line_start = false;
            continue;
        }
        iter.next();
        match c {
            '\n' => {
                clause += 1;
                line_quoted = false;
                at_line_start = true;
                // A blank line or a new paragraph closes a quotation left open.
                quoted = false;
            }
            '>' if at_line_start => line_quoted = true,
            '"' | '“' | '”' | '«' | '»' | '„' => {
                // Straight quotes toggle; curly ones say which side they are on.
                quoted = match c {
                    '“' | '«' | '„' => true,
                    '”' | '»' => false,
                    _ => !quoted,
                };
            }
            c if is_clause_break(c) => clause += 1,
            c if c.is_whitespace() => {}
            _ => at_line_start = false,
        }
    }
    join_spelled_out(text, &mut words);
    words
}

/// Byte spans of reported speech in single quotes (British style): "the officer said 'shut
/// up, you idiot' to the driver". A quote opens after the start, a space, a colon or a
/// bracket, before a letter; it closes after a letter or punctuation, before a space,
/// punctuation or the end, on the same line. Apostrophes inside or after a word ("don't",
/// "Wales'", "the wasps' nest") open nothing, and an opening mark with no close ("kill 'em
/// all") quotes nothing.
fn single_quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    if !text.contains(['\'', '‘']) {
        return spans;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let opens = matches!(c, '\'' | '‘')
            && prev.is_none_or(|p| p.is_whitespace() || matches!(p, ':' | '(' | '[' | '"' | '—'))
            && next.is_some_and(|n| n.is_alphanumeric());
        if !opens {
            k += 1;
            continue;
        }
        let mut m = k + 1;
        let mut close = None;
        while m < chars.len() && chars[m].1 != '\n' {
            let (_, d) = chars[m];
            let before = chars[m - 1].1;
            let after = chars.get(m + 1).map(|&(_, n)| n);
            if matches!(d, '\'' | '’')
                && (before.is_alphanumeric() || matches!(before, '.' | ',' | '!' | '?'))
                && after.is_none_or(|a| {
                    a.is_whitespace() || matches!(a, '.' | ',' | ';' | ':' | '!' | '?' | ')' | '"')
                })
            {
                close = Some(m);
                break;
            }
            m += 1;
        }
        match close {
            Some(m) => {
                spans.push((i, chars[m].0));
                k = m + 1;
            }
            None => k += 1,
        }
    }
    spans
}

/// Folds one raw word; `None` when nothing is left (a lone apostrophe).
fn fold_word(raw: &str) -> Option<String> {
    let mut plain = String::with_capacity(raw.len());
    for c in raw.chars() {
        if is_apostrophe(c) {
            continue;
        }
        fold_into(c, &mut plain);
    }
    let has_letter = plain.chars().any(|c| c.is_alphabetic());
    if !has_letter {
        // Numbers stay numbers: "2020", "5" are not leetspeak.
        return (!plain.is_empty()).then_some(plain);
    }
    let mut out = String::with_capacity(plain.len());
    let mut first = true;
    for c in plain.chars() {
        // A leading `@` is a mention, not an `a`.
        if first && c == '@' {
            first = false;
            continue;
        }
        first = false;
        if is_mask(c) {
            out.push('*');
        } else if let Some(l) = leet(c) {
            out.push(l);
        } else if c == '_' {
            // Underscores separate letters ("i_d_i_o_t") or words; keep a marker to split on.
            out.push('_');
        } else {
            out.push(c);
        }
    }
    if out.is_empty() { None } else { Some(out) }
}

/// Joins runs of three or more one-letter words in a clause ("f u c k", "n.i.g.g.e.r") and
/// splits words at underscores. Only the joined form is kept: a list of single letters
/// carries no other meaning the patterns look for.
fn join_spelled_out(text: &str, words: &mut Vec<Word>) {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let letter = |w: &Word| w.text.chars().count() == 1;
        if letter(&words[i]) {
            let mut j = i;
            // Letters spelled out are one short separator apart ("f u c k", "f.u.c.k"), which
            // may look like a clause break.
            while j < words.len()
                && letter(&words[j])
                && (j == i || {
                    let gap = &text[words[j - 1].end..words[j].start];
                    gap.len() <= 3 && !gap.contains('\n')
                })
            {
                j += 1;
            }
            if j - i >= 3 {
                let text: String = words[i..j].iter().map(|w| w.text.as_str()).collect();
                out.push(Word {
                    text,
                    start: words[i].start,
                    end: words[j - 1].end,
                    clause: words[i].clause,
                    quoted: words[i].quoted,
                    spelled: true,
                });
                i = j;
                continue;
            }
        }
        let w = &words[i];
        if w.text.contains('_') {
            let parts: Vec<&str> = w.text.split('_').filter(|p| !p.is_empty()).collect();
            if parts.iter().all(|p| p.chars().count() == 1) && parts.len() >= 3 {
                out.push(Word {
                    text: parts.concat(),
                    ..w.clone()
                });
            } else {
                for p in parts {
                    out.push(Word {
                        text: p.to_string(),
                        ..w.clone()
                    });
                }
            }
        } else {
            out.push(w.clone());
        }
        i += 1;
    }
    *words = out;
}

/// Lowercase, accent-free, look-alike-folded text (no leetspeak), for hashing and site-model
/// features.
pub(crate) fn plain_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && !is_apostrophe(c))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut s = String::with_capacity(w.len());
            for c in w.chars() {
                if !is_apostrophe(c) {
                    fold_into(c, &mut s);
                }
            }
            s
        })
        .filter(|w| !w.is_empty())
}

/// Candidate spellings of a folded word against a lexicon stored without elongation: a run of
/// three or more letters may stand for one or two ("idiooot", "fuuuck"), a run of one or two
/// is taken as written, so "Niger" never matches a word spelled with a double g.
pub(crate) fn spellings(word: &str, mut f: impl FnMut(&str) -> bool) -> bool {
    let bytes = word.as_bytes();
    let mut has_long_run = false;
    let mut run = 1;
    for k in 1..bytes.len() {
        if bytes[k] == bytes[k - 1] {
            run += 1;
            if run >= 3 {
                has_long_run = true;
                break;
            }
        } else {
            run = 1;
        }
    }
    if !has_long_run {
        return f(word);
    }
    // Runs of the word, as (char, length); elongated runs get both readings.
    let mut runs: Vec<(char, usize)> = Vec::new();
    for c in word.chars() {
        match runs.last_mut() {
            Some((p, n)) if *p == c => *n += 1,
            _ => runs.push((c, 1)),
        }
    }
    let long: Vec<usize> = (0..runs.len()).filter(|&k| runs[k].1 >= 3).collect();
    // Bounded: at most 2^4 readings, the rest of the long runs read as single letters.
    let choices = long.len().min(4);
    let mut buf = String::with_capacity(word.len());
    for mask in 0..(1u32 << choices) {
        buf.clear();
        for (k, &(c, n)) in runs.iter().enumerate() {
            let times = if n >= 3 {
                match long.iter().position(|&l| l == k) {
                    Some(p) if p < choices && mask & (1 << p) != 0 => 2,
                    _ => 1,
                }
            } else {
                n
            };
            for _ in 0..times {
                buf.push(c);
            }
        }
        if f(&buf) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        words(s).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn folds_disguise() {
        assert_eq!(texts("You 1d10t!"), ["you", "idiot"]);
        assert_eq!(texts("f.u.c.k you"), ["fuck", "you"]);
        assert_eq!(texts("m0r0n$ everywhere"), ["morons", "everywhere"]);
        assert_eq!(texts("іdіоt"), ["idiot"]);
        assert_eq!(texts("Crème brûlée"), ["creme", "brulee"]);
        assert_eq!(
            texts("you're a f***ing clown"),
            ["youre", "a", "f***ing", "clown"]
        );
        assert_eq!(
            texts("@Kestrel agreed in 2020"),
            ["kestrel", "agreed", "in", "2020"]
        );
        assert_eq!(texts("i_d_i_o_t"), ["idiot"]);
    }

    #[test]
    fn keeps_spans_and_clauses() {
        let w = words("Shut up. Moron");
        assert_eq!(w[2].text, "moron");
        assert_eq!(&"Shut up. Moron"[w[2].start..w[2].end], "Moron");
        assert_eq!(w[0].clause, w[1].clause);
        assert_ne!(w[1].clause, w[2].clause);
    }

    #[test]
    fn marks_quotes() {
        let w = words("He called them \"vermin\" on air.\n> you idiot\nFine.");
        let q: Vec<bool> = w.iter().map(|w| w.quoted).collect();
        assert_eq!(
            q,
            [false, false, false, true, false, false, true, true, false]
        );
    }

    #[test]
    fn marks_single_quotes_not_apostrophes() {
        let quoted = |s: &str| -> Vec<String> {
            words(s)
                .into_iter()
                .filter(|w| w.quoted)
                .map(|w| w.text)
                .collect()
        };
        assert_eq!(
            quoted("the officer said 'shut up, you idiot' to the driver"),
            ["shut", "up", "you", "idiot"]
        );
        assert_eq!(quoted("The word ‘retard’ is a slur."), ["retard"]);
        assert_eq!(quoted("He said: 'die, you scum'."), ["die", "you", "scum"]);
        assert!(quoted("Don't touch the wasps' nest in Wales' oldest barn.").is_empty());
        assert_eq!(quoted("rock 'n' roll, you idiot"), ["n"]);
        assert!(quoted("kill 'em all").is_empty());
        assert!(quoted("It's the lads' night, isn't it? You idiot.").is_empty());
    }

    #[test]
    fn elongated_spellings() {
        let mut seen = Vec::new();
        spellings("idiooot", |s| {
            seen.push(s.to_string());
            false
        });
        assert_eq!(seen, ["idiot", "idioot"]);
        assert!(!spellings("niger", |s| s == "nigger"));
        assert!(spellings("niggggger", |s| s == "nigger"));
    }
}
