//! Mentions: readers naming each other in comments, the informal way they really do it.
//!
//! Readers write `@navigator` for `The Navigator`, `@ronin` for `m_y__ronin` and
//! `@harbour hand` for `old harbour hand`. [`scan`] finds such `@tokens` in a comment's Markdown
//! and resolves each against the discussion's participants, preferring an exact name over a
//! whole word of a name over a prefix of one; a token that means nobody, or several people
//! equally, is handed back unresolved so the caller can look it up by exact name elsewhere.
//! [`addressee`] recognizes the other habit, `Kestrel, you are wrong`, and [`link_mentions`]
//! turns what was found into Markdown links.
//!
//! Everything here works on byte offsets into the comment, always at character boundaries,
//! and never panics whatever the text: comments are written by anyone.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::user::DisplayName;

/// Someone who can be mentioned: usually a participant of the discussion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub user_id: i64,
    pub display_name: String,
}

/// A resolved mention: what was written and whom it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The text as written, including the leading `@` (or, for an addressee, the name without
    /// the comma).
    pub written: String,
    pub user_id: i64,
    pub display_name: String,
    /// Byte range of `written` in the comment text.
    pub start: usize,
    pub end: usize,
}

/// An `@token` that matched no participant (or several): the caller may look it up by exact
/// name elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unresolved {
    /// The one-word form as written, with its `@`.
    pub written: String,
    /// Byte range of `written` in the comment text.
    pub start: usize,
    pub end: usize,
}

/// What [`scan`] found, each list in the order of the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionScan {
    pub resolved: Vec<Mention>,
    pub unresolved: Vec<Unresolved>,
}

/// Names are at most this many words (`@old harbour hand`); longer runs are ordinary prose.
const MAX_WORDS: usize = 4;

/// Finds @mentions in `text` (Markdown) and resolves them against `participants`; at most `max`
/// mentions are returned in all (a comment with 1,000 mentions gives a bounded result quickly).
///
/// `max` counts resolved and unresolved tokens together: both cost the caller work (a link, or
/// a lookup by name), so both are bounded.
pub fn scan(text: &str, participants: &[Participant], max: usize) -> MentionScan {
    let mut found = MentionScan::default();
    if max == 0 {
        return found;
    }
    // Normalized once, not once per token: a comment may hold hundreds of tokens.
    let names: Vec<Name<'_>> = participants.iter().filter_map(Name::new).collect();
    let code = CodeSpans::find(text);
    let mut from = 0;
    while let Some(offset) = text.get(from..).and_then(|rest| rest.find('@')) {
        let at = from + offset;
        // `@` is one byte, so the byte after it is a character boundary.
        from = at + 1;
        if code.contains(at) || !may_start_mention(text, at) {
            continue;
        }
        let ends = word_ends(text, at + 1);
        let Some(&first_end) = ends.first() else {
            continue;
        };
        // Of the spans that mean exactly one person, the closest match wins (exact, then
        // words, then prefix), so `@kestrel I disagree` means `Kestrel` and not the prefix
        // of `Kestrel Isle`; between equally close matches the longest span wins, so
        // `@harbour hand` is not cut short to `@harbour`.
        // The mention then covers the longest span that means that same person
        // (`@old harb` rather than `@old`).
        let candidates: Vec<(usize, u8, &Name<'_>)> = ends
            .iter()
            .rev()
            .filter_map(|&end| {
                let (level, name) = resolve(&names, text.get(at + 1..end)?)?;
                Some((end, level, name))
            })
            .collect();
        let resolved = candidates
            .iter()
            .min_by_key(|(_, level, _)| *level)
            .and_then(|(_, _, chosen)| {
                candidates
                    .iter()
                    .find(|(_, _, name)| name.user_id == chosen.user_id)
                    .map(|(end, _, name)| (*end, *name))
            });
        match resolved {
            Some((end, name)) => {
                found.resolved.push(Mention {
                    written: text.get(at..end).unwrap_or_default().to_owned(),
                    user_id: name.user_id,
                    display_name: name.display_name.to_owned(),
                    start: at,
                    end,
                });
                from = end;
            }
            None => {
                found.unresolved.push(Unresolved {
                    written: text.get(at..first_end).unwrap_or_default().to_owned(),
                    start: at,
                    end: first_end,
                });
                from = first_end;
            }
        }
        if found.resolved.len() + found.unresolved.len() >= max {
            break;
        }
    }
    found
}

/// A display name written at the very start of the comment and followed by a comma (`Kestrel,
/// you are wrong`) addresses that participant: exact name, any case, ignoring spaces/underscores
/// (not prefixes). None otherwise.
///
/// Leading whitespace is skipped. Only exact names count because the first word of many
/// comments is followed by a comma (`Well, …`, `Agreed, …`) and must not become a mention.
pub fn addressee(text: &str, participants: &[Participant]) -> Option<Mention> {
    let (start, written, key) = addressed_phrase(text)?;
    let mut matched: Option<&Participant> = None;
    for participant in participants {
        if exact_key(&participant.display_name) != key {
            continue;
        }
        match matched {
            Some(previous) if previous.user_id != participant.user_id => return None,
            _ => matched = Some(participant),
        }
    }
    let participant = matched?;
    Some(Mention {
        written: written.to_owned(),
        user_id: participant.user_id,
        display_name: participant.display_name.clone(),
        start,
        end: start + written.len(),
    })
}

/// Which of the discussion's participants [`scan`] and [`addressee`] need to see to find
/// everyone `text` mentions or addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParticipantsNeeded {
    /// Nobody: the text can mention or address no one, whoever takes part.
    Nobody,
    /// Only the participant, if any, whose name has this [`DisplayName::key`]. Without an
    /// `@`, a text can only address someone by exact name, an exact name has exactly one key,
    /// and keys are unique: one look-up stands in for listing a long discussion's
    /// participants.
    Named(String),
    /// Every participant: the text holds an `@`, which may match part of a name.
    Everyone,
}

/// What [`scan`] and [`addressee`] need to know of the participants to read `text`.
pub fn participants_needed(text: &str) -> ParticipantsNeeded {
    if text.contains('@') {
        return ParticipantsNeeded::Everyone;
    }
    match addressed_phrase(text) {
        Some((_, written, _)) => ParticipantsNeeded::Named(DisplayName::key_of(written)),
        None => ParticipantsNeeded::Nobody,
    }
}

/// The phrase before a comma at the start of the first line that could be a display name: its
/// byte offset, as written, and its exact key.
fn addressed_phrase(text: &str) -> Option<(usize, &str, String)> {
    let start = text.len() - text.trim_start().len();
    let line = text.get(start..)?.lines().next()?;
    let (before_comma, _) = line.split_once(',')?;
    let written = before_comma.trim_end();
    // A name padded with spaces or underscores is still a name, but nothing this long is:
    // stop before normalizing a whole paragraph.
    if written.chars().nth(2 * DisplayName::MAX_CHARS).is_some() {
        return None;
    }
    let key = exact_key(written);
    if key.is_empty() {
        return None;
    }
    Some((start, written, key))
}

/// Rewrites the Markdown so each mention becomes a link `[@written](/users/ID)` (addressee:
/// `[Name](/users/ID)`), working from the end so byte offsets stay valid; the written text is
/// Markdown-escaped inside the link text.
///
/// The link text is always what the reader wrote (an addressee written `kestrel` stays
/// `kestrel`): linking must not put words in a reader's mouth. Mentions that do not fit the text
/// (out of range, not at character boundaries, `written` not found at their offsets, or
/// overlapping one already linked) are skipped, so stale offsets cannot corrupt the comment.
pub fn link_mentions(text: &str, mentions: &[Mention]) -> String {
    let mut ordered: Vec<&Mention> = mentions.iter().collect();
    ordered.sort_by(|a, b| b.start.cmp(&a.start).then(b.end.cmp(&a.end)));
    let mut linked = text.to_owned();
    // Everything before `untouched` is still byte-for-byte the original text.
    let mut untouched = text.len();
    for mention in ordered {
        let fits = !mention.written.is_empty()
            && mention.end <= untouched
            && text.get(mention.start..mention.end) == Some(mention.written.as_str());
        if !fits {
            continue;
        }
        let link = format!(
            "[{}](/users/{})",
            escape_markdown(&mention.written),
            mention.user_id
        );
        linked.replace_range(mention.start..mention.end, &link);
        untouched = mention.start;
    }
    linked
}

/// Backslash-escapes the ASCII punctuation that could end the link text or start emphasis,
/// code, HTML or another link inside it (`m_y__ronin` must not turn bold).
fn escape_markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '('
                | ')'
                | '<'
                | '>'
                | '!'
                | '&'
                | '|'
                | '~'
                | '#'
        ) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// An `@` opens a mention at the start of the text, after whitespace, or after opening
/// punctuation; anything else (`ann@example.org`, `path/@x`, `\@x`) is not one.
fn may_start_mention(text: &str, at: usize) -> bool {
    match text.get(..at).and_then(|before| before.chars().next_back()) {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '"' | '\'' | '“' | '‘'),
    }
}

/// Letters (with their combining marks, so a decomposed `ë` stays in the word), digits, and the
/// separators people put in names.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || matches!(c, '_' | '-' | '.')
}

/// The end offsets of the 1 to [`MAX_WORDS`] words starting at `start`, each separated from the
/// previous by one space. Empty when no word starts there.
fn word_ends(text: &str, start: usize) -> Vec<usize> {
    let mut ends = Vec::with_capacity(MAX_WORDS);
    let mut pos = start;
    while ends.len() < MAX_WORDS {
        let Some(end) = word_end(text, pos) else {
            break;
        };
        ends.push(end);
        if !text.get(end..).is_some_and(|rest| rest.starts_with(' ')) {
            break;
        }
        pos = end + 1;
    }
    ends
}

/// The end of the word starting at `start`, without a trailing `.` or `-` (the end of a
/// sentence or a dash, not part of the name). None unless it holds a letter or digit: `@…` and
/// `@__` are not names.
fn word_end(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start..)?;
    let raw_len = rest
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(rest.len(), |(i, _)| i);
    let word = rest.get(..raw_len)?.trim_end_matches(['.', '-']);
    word.chars()
        .any(char::is_alphanumeric)
        .then_some(start + word.len())
}

/// Lowercase, NFKC, without spaces, underscores, hyphens and dots: the form in which written
/// and display names are compared.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .nfkc()
        .filter(|&c| !(c.is_whitespace() || matches!(c, '_' | '-' | '.')))
        .collect()
}

/// The addressee comparison: lowercase, NFKC, without spaces and underscores.
fn exact_key(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .nfkc()
        .filter(|&c| !(c.is_whitespace() || c == '_'))
        .collect()
}

/// A participant's display name, prepared for matching.
struct Name<'a> {
    user_id: i64,
    display_name: &'a str,
    /// The folded words without a leading "the".
    words: Vec<String>,
    /// `words` joined: the normalized name.
    full: String,
}

impl<'a> Name<'a> {
    /// None for a name with nothing to match on (no letters or digits).
    fn new(participant: &'a Participant) -> Option<Self> {
        let mut words: Vec<String> = participant
            .display_name
            .split(|c: char| c.is_whitespace() || matches!(c, '_' | '-'))
            .map(fold)
            .filter(|word| !word.is_empty())
            .collect();
        // "The" carries no identity (`@navigator` is `The Navigator`), unless it is the whole
        // name.
        if words.len() > 1 && words.first().is_some_and(|word| word == "the") {
            words.remove(0);
        }
        let full = words.concat();
        (!full.is_empty()).then_some(Self {
            user_id: participant.user_id,
            display_name: &participant.display_name,
            words,
            full,
        })
    }

    /// How well a folded written form matches: 1 the whole name, 2 whole words of it, 3 a
    /// prefix of at least three characters.
    fn level(&self, form: &str) -> Option<u8> {
        if form.is_empty() {
            None
        } else if form == self.full {
            Some(1)
        } else if self.has_word_run(form) {
            Some(2)
        } else if form.chars().nth(2).is_some() && self.full.starts_with(form) {
            Some(3)
        } else {
            None
        }
    }

    /// Whether `form` is one word of the name or several consecutive ones (`harbour hand` in
    /// `old harbour hand`; a whole word is what "one word" means for a two-word mention). A
    /// bare "the" never counts.
    fn has_word_run(&self, form: &str) -> bool {
        if form == "the" {
            return false;
        }
        (0..self.words.len()).any(|first| {
            let mut rest = form;
            for word in self.words.iter().skip(first) {
                match rest.strip_prefix(word.as_str()) {
                    Some("") => return true,
                    Some(remaining) => rest = remaining,
                    None => return false,
                }
            }
            false
        })
    }
}

/// The one participant `written` (a mention without its `@`) means, if exactly one, with how
/// closely it matches (lower is closer).
fn resolve<'n, 'a>(names: &'n [Name<'a>], written: &str) -> Option<(u8, &'n Name<'a>)> {
    let folded = fold(written);
    // `@thenavigator` drops "the" like the display name does; `@theodore` must still mean
    // `Theodore`, so both forms are tried and the better match counts.
    let without_the = folded.strip_prefix("the").filter(|rest| !rest.is_empty());
    let mut best: Option<(u8, &Name<'a>)> = None;
    let mut ambiguous = false;
    for name in names {
        let level = [Some(folded.as_str()), without_the]
            .into_iter()
            .flatten()
            .filter_map(|form| name.level(form))
            .min();
        let Some(level) = level else {
            continue;
        };
        match best {
            Some((best_level, _)) if level > best_level => {}
            Some((best_level, best_name)) if level == best_level => {
                // The same account listed twice is still one person.
                if best_name.user_id != name.user_id {
                    ambiguous = true;
                }
            }
            _ => {
                best = Some((level, name));
                ambiguous = false;
            }
        }
    }
    if ambiguous { None } else { best }
}

/// The byte ranges of code in Markdown — fenced code blocks and inline code spans — where `@`
/// and quotation marks are literal characters, not mentions or quotations.
///
/// A close reading of CommonMark, not a parser: fences open with three or more backticks or
/// tildes indented at most three spaces and close with a run at least as long (or at the end
/// of the text); an inline span is a backtick run closed by the next run of the same length
/// within the same paragraph. Shared with [`crate::quote`].
#[derive(Debug, Default)]
pub(crate) struct CodeSpans {
    /// Whole lines, from the opening fence to the end of the closing one. Sorted, disjoint.
    fenced: Vec<(usize, usize)>,
    /// Backtick to backtick inclusive. Sorted, disjoint.
    inline: Vec<(usize, usize)>,
}

impl CodeSpans {
    pub(crate) fn find(text: &str) -> Self {
        let mut spans = Self::default();
        let mut open_fence: Option<(char, usize, usize)> = None;
        let mut paragraph: Option<(usize, usize)> = None;
        for (start, line) in lines(text) {
            let end = start + line.len();
            if let Some((fence, length, from)) = open_fence {
                if closes_fence(line, fence, length) {
                    spans.fenced.push((from, end));
                    open_fence = None;
                }
                continue;
            }
            if let Some((fence, length)) = opens_fence(line) {
                if let Some(range) = paragraph.take() {
                    spans.add_inline(text, range);
                }
                open_fence = Some((fence, length, start));
            } else if line.trim().is_empty() {
                if let Some(range) = paragraph.take() {
                    spans.add_inline(text, range);
                }
            } else {
                paragraph = Some((paragraph.map_or(start, |(from, _)| from), end));
            }
        }
        if let Some(range) = paragraph {
            spans.add_inline(text, range);
        }
        if let Some((_, _, from)) = open_fence {
            spans.fenced.push((from, text.len()));
        }
        spans
    }

    /// Whether the byte at `pos` is code of either kind.
    pub(crate) fn contains(&self, pos: usize) -> bool {
        in_ranges(&self.fenced, pos) || in_ranges(&self.inline, pos)
    }

    /// Whether the byte at `pos` is inside a fenced code block.
    pub(crate) fn in_fence(&self, pos: usize) -> bool {
        in_ranges(&self.fenced, pos)
    }

    /// Records the inline code spans of the paragraph at `from..to`.
    fn add_inline(&mut self, text: &str, (from, to): (usize, usize)) {
        let Some(paragraph) = text.get(from..to) else {
            return;
        };
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let bytes = paragraph.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes.get(i) == Some(&b'`') {
                let length = bytes
                    .get(i..)
                    .map_or(0, |rest| rest.iter().take_while(|&&b| b == b'`').count());
                runs.push((i, length));
                i += length;
            } else {
                i += 1;
            }
        }
        // For each run, the next run of the same length: found in one pass from the end, so
        // a paragraph of unmatched backticks costs linear time, not quadratic.
        let mut next_same: Vec<Option<usize>> = vec![None; runs.len()];
        let mut last_of_length = std::collections::HashMap::new();
        for (index, &(_, length)) in runs.iter().enumerate().rev() {
            if let Some(slot) = next_same.get_mut(index) {
                *slot = last_of_length.get(&length).copied();
            }
            last_of_length.insert(length, index);
        }
        let mut index = 0;
        while let Some(&(start, _)) = runs.get(index) {
            let closing = next_same.get(index).copied().flatten();
            match closing.and_then(|close| runs.get(close).map(|run| (close, run))) {
                Some((close, &(close_start, close_length))) => {
                    self.inline
                        .push((from + start, from + close_start + close_length));
                    index = close + 1;
                }
                None => index += 1,
            }
        }
    }
}

/// Whether `pos` falls in one of the sorted, disjoint, end-exclusive `ranges`.
fn in_ranges(ranges: &[(usize, usize)], pos: usize) -> bool {
    let index = ranges.partition_point(|&(_, end)| end <= pos);
    ranges.get(index).is_some_and(|&(start, _)| start <= pos)
}

/// Each line with its byte offset, without the `\n` (a `\r` before it stays in the line and
/// counts as trailing whitespace).
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split('\n').map(move |line| {
        let start = offset;
        offset += line.len() + 1;
        (start, line)
    })
}

/// A line's content after at most three spaces of indentation; None when indented further
/// (an indented code block, not a fence or a blockquote).
pub(crate) fn unindent(line: &str) -> Option<&str> {
    let content = line.trim_start_matches(' ');
    (line.len() - content.len() <= 3).then_some(content)
}

/// The fence character and length when `line` opens a fenced code block.
fn opens_fence(line: &str) -> Option<(char, usize)> {
    let content = unindent(line)?;
    let fence = content.chars().next().filter(|&c| c == '`' || c == '~')?;
    let length = content.chars().take_while(|&c| c == fence).count();
    if length < 3 {
        return None;
    }
    // A backtick fence's info string may not contain backticks (it would be inline code).
    let info = content.get(length..).unwrap_or_default();
    if fence == '`' && info.contains('`') {
        return None;
    }
    Some((fence, length))
}

/// Whether `line` closes a fence of `length` × `fence`.
fn closes_fence(line: &str, fence: char, length: usize) -> bool {
    let Some(content) = unindent(line) else {
        return false;
    };
    let run = content.chars().take_while(|&c| c == fence).count();
    run >= length
        && content
            .get(run * fence.len_utf8()..)
            .is_some_and(|rest| rest.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn participant(user_id: i64, display_name: &str) -> Participant {
        Participant {
            user_id,
            display_name: display_name.to_owned(),
        }
    }

    /// The regulars of a discussion about the harbour bridge.
    fn regulars() -> Vec<Participant> {
        vec![
            participant(1, "The Navigator"),
            participant(2, "Kestrel"),
            participant(3, "m_y__ronin"),
            participant(4, "old harbour hand"),
            participant(5, "Zoë"),
            participant(6, "مريم"),
        ]
    }

    /// `(written, user_id)` of every resolved mention.
    fn resolved(text: &str, participants: &[Participant]) -> Vec<(String, i64)> {
        scan(text, participants, 100)
            .resolved
            .into_iter()
            .map(|m| (m.written, m.user_id))
            .collect()
    }

    fn one(text: &str) -> Option<(String, i64)> {
        let found = resolved(text, &regulars());
        assert!(found.len() <= 1, "{text}: {found:?}");
        found.into_iter().next()
    }

    fn written(text: &str, user_id: i64) -> Option<(String, i64)> {
        Some((text.to_owned(), user_id))
    }

    /// Offsets must point at exactly the written text, at character boundaries.
    fn assert_offsets(text: &str, found: &MentionScan) {
        for m in &found.resolved {
            assert_eq!(text.get(m.start..m.end), Some(m.written.as_str()), "{m:?}");
        }
        for u in &found.unresolved {
            assert_eq!(text.get(u.start..u.end), Some(u.written.as_str()), "{u:?}");
        }
    }

    #[test]
    fn informal_forms_mean_the_participant() {
        assert_eq!(one("@navigator has a point"), written("@navigator", 1));
        assert_eq!(one("@kestrel is right"), written("@kestrel", 2));
        assert_eq!(one("ask @ronin"), written("@ronin", 3));
        assert_eq!(one("@The_Navigator"), written("@The_Navigator", 1));
        assert_eq!(one("@thenavigator"), written("@thenavigator", 1));
        assert_eq!(one("@the_navigator"), written("@the_navigator", 1));
        assert_eq!(one("@THE NAVIGATOR said so"), written("@THE NAVIGATOR", 1));
        assert_eq!(one("@The-Navigator"), written("@The-Navigator", 1));
        assert_eq!(
            one("@myronin"),
            written("@myronin", 3),
            "exact after folding"
        );
        assert_eq!(one("@m_y__ronin"), written("@m_y__ronin", 3));
    }

    #[test]
    fn longest_span_that_resolves_wins() {
        assert_eq!(
            one("@harbour hand is right about the ferry"),
            written("@harbour hand", 4)
        );
        assert_eq!(one("@old harbour hand"), written("@old harbour hand", 4));
        assert_eq!(one("@old harb, surely not"), written("@old harb", 4));
        assert_eq!(one("@navig is wrong"), written("@navig", 1), "prefix");
        assert_eq!(one("@kes"), written("@kes", 2), "three characters suffice");
        assert!(
            one("@ke").is_none(),
            "two characters are too few for a prefix"
        );
    }

    #[test]
    fn an_exact_name_beats_a_longer_prefix() {
        let people = vec![participant(2, "Kestrel"), participant(7, "Kestrel Isle")];
        assert_eq!(
            resolved("@kestrel I disagree", &people),
            vec![("@kestrel".to_owned(), 2)]
        );
        assert_eq!(
            resolved("@kestrel isle knows", &people),
            vec![("@kestrel isle".to_owned(), 7)]
        );
    }

    #[test]
    fn longer_ambiguous_span_falls_back_to_a_shorter_unique_one() {
        let people = vec![
            participant(2, "Kestrel"),
            participant(7, "Kestrel Isle"),
            participant(8, "Kestrel Islay"),
        ];
        assert_eq!(
            resolved("@kestrel isl would know", &people),
            vec![("@kestrel".to_owned(), 2)]
        );
        assert_eq!(
            resolved("@kestrel isle would know", &people),
            vec![("@kestrel isle".to_owned(), 7)]
        );
    }

    #[test]
    fn exact_beats_word_beats_prefix() {
        let people = vec![
            participant(10, "Ann"),
            participant(11, "Ann Lee"),
            participant(12, "Ann Marsh"),
            participant(13, "Annabel"),
        ];
        assert_eq!(resolved("@ann", &people), vec![("@ann".to_owned(), 10)]);
        let without_ann = &people[1..];
        let found = scan("@ann", without_ann, 10);
        assert!(found.resolved.is_empty(), "two whole-word matches");
        assert_eq!(found.unresolved.len(), 1);
        assert_eq!(resolved("@marsh", &people), vec![("@marsh".to_owned(), 12)]);
        assert_eq!(resolved("@annab", &people), vec![("@annab".to_owned(), 13)]);

        let word_and_prefix = vec![
            participant(4, "old harbour hand"),
            participant(14, "Handel"),
        ];
        assert_eq!(
            resolved("@hand", &word_and_prefix),
            vec![("@hand".to_owned(), 4)],
            "a whole word beats a prefix"
        );
    }

    #[test]
    fn ambiguous_and_unknown_tokens_stay_unresolved() {
        let people = vec![participant(1, "The Navigator"), participant(15, "Navarre")];
        let found = scan("@nav what do you think?", &people, 10);
        assert!(found.resolved.is_empty());
        assert_eq!(
            found.unresolved,
            vec![Unresolved {
                written: "@nav".to_owned(),
                start: 0,
                end: 4
            }]
        );

        let found = scan("thanks @nobody at all", &regulars(), 10);
        assert!(found.resolved.is_empty());
        assert_eq!(found.unresolved.len(), 1);
        assert_eq!(found.unresolved[0].written, "@nobody", "the one-word form");
        assert_offsets("thanks @nobody at all", &found);
    }

    #[test]
    fn the_same_account_listed_twice_is_one_person() {
        let people = vec![participant(2, "Kestrel"), participant(2, "Kestrel")];
        assert_eq!(
            resolved("@kestrel", &people),
            vec![("@kestrel".to_owned(), 2)]
        );
    }

    #[test]
    fn a_leading_the_is_not_an_identity() {
        let people = vec![participant(1, "The Navigator"), participant(16, "Theodore")];
        assert_eq!(
            resolved("@theodore", &people),
            vec![("@theodore".to_owned(), 16)]
        );
        assert_eq!(resolved("@theo", &people), vec![("@theo".to_owned(), 16)]);
        assert!(
            resolved("@the", &[participant(1, "The Navigator")]).is_empty(),
            "`the` alone means nobody"
        );
        assert_eq!(
            resolved("@the", &[participant(17, "The")]),
            vec![("@the".to_owned(), 17)],
            "unless it is the whole name"
        );
        assert!(
            resolved("@the", &[participant(18, "Keeper of the Flame")]).is_empty(),
            "nor is it a word of a name"
        );
    }

    #[test]
    fn punctuation_after_the_name_is_not_part_of_it() {
        for text in [
            "@kestrel, no",
            "@kestrel: no",
            "@kestrel. No",
            "@kestrel!",
            "@kestrel?",
            "@kestrel...",
            "@kestrel - no",
            "@kestrel—no",
            "@kestrel) no",
        ] {
            assert_eq!(one(text), written("@kestrel", 2), "{text}");
        }
        let text = "I read @kestrel's point twice";
        let found = scan(text, &regulars(), 10);
        assert_eq!(found.resolved.len(), 1);
        assert_eq!(found.resolved[0].written, "@kestrel");
        assert_eq!(found.resolved[0].end, text.find('\'').unwrap_or_default());
        assert_eq!(one("@kestrel’s point"), written("@kestrel", 2));
        assert_eq!(one("@m_y__ronin."), written("@m_y__ronin", 3));
    }

    #[test]
    fn words_are_separated_by_single_spaces() {
        assert_eq!(
            one("@harbour  hand"),
            written("@harbour", 4),
            "two spaces end the name"
        );
        assert_eq!(one("@old harbour\nhand"), written("@old harbour", 4));
        assert_eq!(one("@old\tharbour hand"), written("@old", 4));
    }

    #[test]
    fn where_an_at_sign_starts_a_mention() {
        assert_eq!(one("(@kestrel)"), written("@kestrel", 2));
        assert_eq!(one("[@kestrel]"), written("@kestrel", 2));
        assert_eq!(one("\"@kestrel\""), written("@kestrel", 2));
        assert_eq!(one("'@kestrel'"), written("@kestrel", 2));
        assert_eq!(one("“@kestrel”"), written("@kestrel", 2));
        assert_eq!(one("‘@kestrel’"), written("@kestrel", 2));
        assert_eq!(one("yes\n@kestrel"), written("@kestrel", 2));
        for text in [
            "write to kestrel@example.org",
            "ann@example.org",
            "see example.org/@kestrel",
            "\\@kestrel",
            "x@kestrel",
            "@@kestrel",
        ] {
            let found = scan(text, &regulars(), 10);
            assert_eq!(found, MentionScan::default(), "{text}");
        }
    }

    #[test]
    fn code_is_not_scanned() {
        let text = "Try `@kestrel` or ``a ` @navigator`` here, @ronin";
        assert_eq!(resolved(text, &regulars()), vec![("@ronin".to_owned(), 3)]);

        let fenced =
            "Look:\n\n```rust\nlet who = \"@kestrel\";\n```\n\n~~~\n@navigator\n~~~\nthanks @ronin";
        assert_eq!(
            resolved(fenced, &regulars()),
            vec![("@ronin".to_owned(), 3)]
        );

        let unclosed = "```\n@kestrel\n@navigator";
        assert!(resolved(unclosed, &regulars()).is_empty());

        let unmatched_backtick = "a ` b @kestrel";
        assert_eq!(one(unmatched_backtick), written("@kestrel", 2));

        let spans_are_per_paragraph = "a `b\n\n@kestrel` c";
        assert_eq!(one(spans_are_per_paragraph), written("@kestrel", 2));
    }

    #[test]
    fn mentions_keep_their_order_and_repeat() {
        let text = "@kestrel and @navigator agree; @Kestrel, though, wavers.";
        let found = scan(text, &regulars(), 10);
        let ids: Vec<i64> = found.resolved.iter().map(|m| m.user_id).collect();
        assert_eq!(ids, vec![2, 1, 2]);
        assert_ne!(found.resolved[0].start, found.resolved[2].start);
        assert_eq!(found.resolved[1].display_name, "The Navigator");
        assert_offsets(text, &found);
    }

    #[test]
    fn multi_byte_text_is_handled() {
        assert_eq!(one("merci @Zoë !"), written("@Zoë", 5));
        assert_eq!(one("@zoë"), written("@zoë", 5));
        assert_eq!(one("@Zoe\u{308}"), written("@Zoe\u{308}", 5), "decomposed");
        assert_eq!(one("شكرا @مريم!"), written("@مريم", 6));
        assert_eq!(one("🦅 @kestrel🦅"), written("@kestrel", 2));
        assert_eq!(
            one("@ＫＥＳＴＲＥＬ"),
            written("@ＫＥＳＴＲＥＬ", 2),
            "NFKC"
        );

        let texts = [
            "",
            "@",
            "end @",
            "@@@@",
            "@ @ @",
            "@🦅",
            "@...",
            "@__",
            "@-",
            "@.@.@",
            "(@",
            "“@",
            "`@",
            "```",
            "`",
            "é@é @é",
            "\u{202E}@kestrel\u{202C}",
            "@\u{308}",
            "日本語 @日本 テスト",
        ];
        for text in texts {
            let found = scan(text, &regulars(), 10);
            assert_offsets(text, &found);
            let _ = addressee(text, &regulars());
            let _ = link_mentions(text, &found.resolved);
        }
        assert_eq!(scan("@@@@", &regulars(), 10), MentionScan::default());
        assert_eq!(scan("@__", &regulars(), 10), MentionScan::default());
    }

    #[test]
    fn a_thousand_mentions_are_bounded() {
        let text = "@kestrel ".repeat(1_000);
        let found = scan(&text, &regulars(), 1_000);
        assert_eq!(found.resolved.len(), 1_000);
        assert_offsets(&text, &found);

        let found = scan(&text, &regulars(), 25);
        assert_eq!(found.resolved.len(), 25);

        let mixed = "@kestrel @nobody ".repeat(1_000);
        let found = scan(&mixed, &regulars(), 50);
        assert_eq!(found.resolved.len() + found.unresolved.len(), 50);
        assert_eq!(found.resolved.len(), 25);

        assert_eq!(scan(&text, &regulars(), 0), MentionScan::default());

        let long_name = format!("@{}", "a".repeat(100_000));
        let found = scan(&long_name, &regulars(), 10);
        assert_eq!(found.unresolved.len(), 1);
    }

    #[test]
    fn a_body_needs_only_the_participants_it_could_name() {
        use ParticipantsNeeded::{Everyone, Named, Nobody};
        let key = |name: &str| DisplayName::parse(name).unwrap().key();
        assert_eq!(participants_needed("I agree with @kestrel here"), Everyone);
        assert_eq!(participants_needed("Kestrel, @old, hi"), Everyone);
        assert_eq!(
            participants_needed("  Kestrel, you are wrong"),
            Named(key("Kestrel"))
        );
        assert_eq!(
            participants_needed("Well, that is one view"),
            Named(key("Well")),
            "any short opening phrase"
        );
        assert_eq!(
            participants_needed("The council should publish the reports."),
            Nobody
        );
        assert_eq!(
            participants_needed(&format!("{}, no", "word ".repeat(200))),
            Nobody
        );
        let people = regulars();
        for text in ["The council should publish the reports.", "A, b"] {
            if participants_needed(text) == Nobody {
                assert!(scan(text, &people, 10).resolved.is_empty());
                assert!(addressee(text, &people).is_none());
            }
        }
        // Whoever the text addresses, the participant with the needed key is found among
        // any others: the one look-up finds what the whole list would.
        for text in [
            "Kestrel, you are wrong about the ferry",
            "KESTREL, no",
            "old_harbour_hand, fair point",
            "the navigator, fair point",
            "  Kestrel , really?",
            "m_y__ronin, agreed",
            "ZOË, welcome",
            "مريم, thank you",
        ] {
            let Named(needed) = participants_needed(text) else {
                panic!("{text} addresses someone");
            };
            let named: Vec<Participant> = people
                .iter()
                .filter(|p| key(&p.display_name) == needed)
                .cloned()
                .collect();
            let everyone = addressee(text, &people);
            assert!(everyone.is_some(), "{text}");
            assert_eq!(addressee(text, &named), everyone, "{text}");
        }
    }

    #[test]
    fn addressee_is_an_exact_name_before_a_comma() {
        let people = regulars();
        let kestrel = addressee("Kestrel, you are wrong about the ferry", &people);
        assert_eq!(
            kestrel,
            Some(Mention {
                written: "Kestrel".to_owned(),
                user_id: 2,
                display_name: "Kestrel".to_owned(),
                start: 0,
                end: 7,
            })
        );
        assert_eq!(
            addressee("KESTREL, no", &people).map(|m| m.user_id),
            Some(2)
        );
        assert_eq!(
            addressee("old_harbour_hand, fair point", &people).map(|m| m.user_id),
            Some(4)
        );
        assert_eq!(
            addressee("the navigator, fair point", &people).map(|m| m.user_id),
            Some(1)
        );
        let padded = addressee("  Kestrel , really?", &people);
        assert_eq!(
            padded.map(|m| (m.written, m.start, m.end)),
            Some(("Kestrel".to_owned(), 2, 9))
        );
        for text in [
            "Kes, you are wrong",
            "Navigator, you are wrong",
            "Kestrel you are wrong",
            "Well, Kestrel is wrong",
            "@Kestrel, you are wrong",
            "I think Kestrel, like me, is wrong",
            "Hello\nKestrel, you",
            ", Kestrel",
            "",
            ",",
        ] {
            assert_eq!(addressee(text, &people), None, "{text}");
        }
        let twins = vec![participant(2, "Kestrel"), participant(20, "kestrel")];
        assert_eq!(addressee("Kestrel, hi", &twins), None, "ambiguous");
    }

    #[test]
    fn links_replace_mentions_from_the_end() {
        let text = "Kestrel, ask @m_y__ronin and @navigator.";
        let mut mentions = scan(text, &regulars(), 10).resolved;
        mentions.extend(addressee(text, &regulars()));
        assert_eq!(
            link_mentions(text, &mentions),
            "[Kestrel](/users/2), ask [@m\\_y\\_\\_ronin](/users/3) and \
             [@navigator](/users/1)."
        );
        assert_eq!(link_mentions(text, &[]), text);
    }

    #[test]
    fn links_skip_mentions_that_do_not_fit() {
        let text = "hi @kestrel and @zoë";
        let good = Mention {
            written: "@kestrel".to_owned(),
            user_id: 2,
            display_name: "Kestrel".to_owned(),
            start: 3,
            end: 11,
        };
        let stale = Mention {
            written: "@navigator".to_owned(),
            start: 3,
            end: 13,
            ..good.clone()
        };
        let out_of_range = Mention {
            start: 100,
            end: 108,
            ..good.clone()
        };
        let mid_char = Mention {
            written: "@zo".to_owned(),
            start: 16,
            end: 20,
            ..good.clone()
        };
        let overlapping = Mention {
            written: "@kest".to_owned(),
            start: 3,
            end: 8,
            ..good.clone()
        };
        let linked = link_mentions(
            text,
            &[
                stale,
                good.clone(),
                out_of_range,
                mid_char,
                overlapping,
                good,
            ],
        );
        assert_eq!(linked, "hi [@kestrel](/users/2) and @zoë");
    }

    #[test]
    fn link_text_is_escaped() {
        let text = "*[x]*, hi";
        let mention = Mention {
            written: "*[x]*".to_owned(),
            user_id: 9,
            display_name: "*[x]*".to_owned(),
            start: 0,
            end: 5,
        };
        assert_eq!(
            addressee(text, &[participant(9, "*[x]*")]),
            Some(mention.clone())
        );
        assert_eq!(
            link_mentions(text, &[mention]),
            "[\\*\\[x\\]\\*](/users/9), hi"
        );
    }

    #[test]
    fn code_spans_are_found() {
        let text = "a `x` b\n```\ncode\n```\n``y`` `";
        let code = CodeSpans::find(text);
        assert!(code.contains(2) && code.contains(4));
        assert!(!code.contains(5) && !code.contains(1));
        assert!(code.in_fence(8) && code.in_fence(12));
        assert!(
            !code.contains(text.len() - 1),
            "an unmatched backtick is literal"
        );
        assert!(opens_fence("   ```rust").is_some());
        assert!(
            opens_fence("    ```").is_none(),
            "indented code, not a fence"
        );
        assert!(opens_fence("``` a`b").is_none());
        assert!(closes_fence("````  ", '`', 3));
        assert!(!closes_fence("``", '`', 3));
        assert!(!closes_fence("``` x", '`', 3));
    }
}
