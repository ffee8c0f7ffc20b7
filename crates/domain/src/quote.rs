//! Quotations: readers quoting the article word for word, and whether the article says it.
//!
//! A reader answers a sentence of the article by quoting it, in quotation marks or as a
//! Markdown blockquote. [`find_quotes`] finds those quotations and checks each against the
//! article's paragraphs, so a page can show "quoted from the article" only when it was. The
//! check is deliberately strict: differences of case, whitespace, typographic versus straight
//! quotation marks and a trailing comma or full stop are forgiven, nothing else — a quotation
//! shortened with an ellipsis or misremembered is not what the article says.
//!
//! Never panics, whatever the comment; a huge quotation is reported unverified without
//! matching work.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::mention::{CodeSpans, lines, unindent};

/// Quotations longer than this are not matched against the article: nobody quotes a whole
/// article to answer it, and matching costs time proportional to the quotation.
pub const MAX_QUOTE_CHARS: usize = 2_000;

/// Text in quotation marks shorter than this is a word or a phrase in scare quotes
/// (`"experts"`), not a quotation of the article.
const MIN_QUOTED_CHARS: usize = 12;

/// A quotation found in a comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted text as the reader wrote it (without the quotation marks / `>` markers),
    /// trimmed.
    pub text: String,
    /// Whether it matches the article text.
    pub verified: bool,
    /// 0-based index of the article paragraph it matches, when verified.
    pub paragraph: Option<usize>,
}

/// Finds the quotations in a comment's Markdown and checks each against the article's
/// paragraphs (plain text, one string per paragraph). At most `max` quotes; a quotation longer
/// than `MAX_QUOTE_CHARS` (2,000) is reported unverified without matching work, so a 100 KB
/// quotation costs little.
///
/// Quotations are text of at least 12 characters between `"…"`, `“…”`, `„…“` (or `„…”`) or
/// `«…»`, within one paragraph, and blockquotes (consecutive lines starting with `>`, joined
/// with spaces). Quotation marks inside a blockquote or inside another quotation belong to it;
/// code (inline or fenced) holds no quotations.
pub fn find_quotes(comment: &str, paragraphs: &[String], max: usize) -> Vec<Quote> {
    let mut normalized_paragraphs: Option<Vec<String>> = None;
    quotations(comment, max)
        .into_iter()
        .map(|text| {
            let paragraph = matching_paragraph(&text, paragraphs, &mut normalized_paragraphs);
            Quote {
                text,
                verified: paragraph.is_some(),
                paragraph,
            }
        })
        .collect()
}

/// The form used for matching: lowercase; typographic quotes/apostrophes (“ ” „ ‟ ″ ‘ ’ ‚ ‛ ′
/// « ») mapped to straight ones or removed as appropriate; all whitespace runs collapsed to one
/// space; trimmed; a trailing comma or full stop (and surrounding quotation marks) removed.
///
/// Double marks become `"` and single ones `'`; marks are removed only around the whole text
/// (`“I understand the anger.”` → `i understand the anger`), where they delimit the
/// quotation rather than belong to it. NFKC is applied as well, so compatibility forms (a
/// no-break space, a full-width letter) compare equal to the plain ones.
pub fn normalize(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(straighten)
        .flat_map(char::to_lowercase)
        .nfkc()
        .collect();
    let collapsed = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    strip_edges(&collapsed).to_owned()
}

/// Straight quotation marks and apostrophes, as normalized text has them.
const STRAIGHT_MARKS: [char; 2] = ['"', '\''];

/// Maps a typographic quotation mark or apostrophe to its straight form.
fn straighten(c: char) -> char {
    match c {
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
        '‘' | '’' | '‚' | '‛' | '′' => '\'',
        other => other,
    }
}

/// Removes the quotation marks around `text` and one trailing comma or full stop, inside or
/// outside the closing mark (`anger.”`, `anger”.`). Only one: `now...` keeps two dots, so an
/// ellipsis still does not match.
fn strip_edges(text: &str) -> &str {
    let text = text.trim_end_matches(STRAIGHT_MARKS).trim_end();
    let text = text.strip_suffix([',', '.']).unwrap_or(text).trim_end();
    let text = text.trim_end_matches(STRAIGHT_MARKS).trim_end();
    text.trim_start_matches(STRAIGHT_MARKS).trim_start()
}

/// The first paragraph that contains `quote`, comparing normalized forms. The paragraphs are
/// normalized once per comment, and only if something needs matching.
fn matching_paragraph(
    quote: &str,
    paragraphs: &[String],
    normalized: &mut Option<Vec<String>>,
) -> Option<usize> {
    if quote.chars().nth(MAX_QUOTE_CHARS).is_some() {
        return None;
    }
    let needle = normalize(quote);
    // Every paragraph contains the empty string; a quotation of nothing but marks and dots
    // quotes nothing.
    if needle.is_empty() {
        return None;
    }
    normalized
        .get_or_insert_with(|| paragraphs.iter().map(|p| normalize(p)).collect())
        .iter()
        .position(|paragraph| paragraph.contains(&needle))
}

/// The quotations of `comment`, in order, at most `max`.
fn quotations(comment: &str, max: usize) -> Vec<String> {
    let mut found = Found {
        comment,
        code: CodeSpans::find(comment),
        texts: Vec::new(),
        max,
    };
    let mut paragraph: Option<(usize, usize)> = None;
    let mut blockquote: Vec<&str> = Vec::new();
    for (start, line) in lines(comment) {
        if found.is_full() {
            break;
        }
        // A line that begins inside a multi-line code span continues the paragraph, whatever
        // it starts with.
        let quoted = if found.code.contains(start) {
            None
        } else {
            blockquote_content(line)
        };
        if found.code.in_fence(start) || line.trim().is_empty() {
            found.paragraph(paragraph.take());
            found.blockquote(&mut blockquote);
        } else if let Some(content) = quoted {
            found.paragraph(paragraph.take());
            blockquote.push(content);
        } else {
            found.blockquote(&mut blockquote);
            let end = start + line.len();
            paragraph = Some((paragraph.map_or(start, |(from, _)| from), end));
        }
    }
    found.paragraph(paragraph);
    found.blockquote(&mut blockquote);
    found.texts.truncate(max);
    found.texts
}

/// The quotations collected so far, and what collecting them needs.
struct Found<'a> {
    comment: &'a str,
    code: CodeSpans,
    texts: Vec<String>,
    max: usize,
}

impl Found<'_> {
    fn is_full(&self) -> bool {
        self.texts.len() >= self.max
    }

    /// Takes the blockquote made of `lines` (their content after the markers) as one quotation.
    fn blockquote(&mut self, lines: &mut Vec<&str>) {
        if lines.is_empty() {
            return;
        }
        let text = lines
            .iter()
            .map(|line| line.trim())
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        lines.clear();
        if !text.is_empty() && !self.is_full() {
            self.texts.push(text);
        }
    }

    /// Takes the quotations in quotation marks from the paragraph at `range` of the comment.
    ///
    /// An opening mark pairs with the next closing mark of its kind in the paragraph; the
    /// quotation ends there, so marks nested inside it are part of its text. An opening mark
    /// without a closing one is an ordinary character.
    fn paragraph(&mut self, range: Option<(usize, usize)>) {
        let Some((from, to)) = range else {
            return;
        };
        let Some(paragraph) = self.comment.get(from..to) else {
            return;
        };
        let mut closers = Closers::default();
        let mut pos = 0;
        while !self.is_full() {
            let Some(c) = paragraph.get(pos..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let after = pos + c.len_utf8();
            let mark = Mark::opening(c).filter(|_| !self.code.contains(from + pos));
            let closing = mark.and_then(|mark| {
                closers.next(mark, paragraph, after, |i| self.code.contains(from + i))
            });
            let Some((close, close_len)) = closing else {
                pos = after;
                continue;
            };
            let inner = paragraph.get(after..close).unwrap_or_default().trim();
            if inner.chars().nth(MIN_QUOTED_CHARS - 1).is_some() {
                self.texts.push(inner.to_owned());
            }
            pos = close + close_len;
        }
    }
}

/// The content of a blockquote line: after at most three spaces, a `>` and one following space
/// removed. Nested markers (`> > text`) are removed too: a quotation of a quotation is still
/// the quoted text.
fn blockquote_content(line: &str) -> Option<&str> {
    let mut content = unindent(line)?.strip_prefix('>')?;
    loop {
        content = content.strip_prefix(' ').unwrap_or(content);
        match unindent(content).and_then(|rest| rest.strip_prefix('>')) {
            Some(inner) => content = inner,
            None => return Some(content),
        }
    }
}

/// A kind of quotation, by its opening mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// `"…"`
    Straight,
    /// `“…”`
    Curly,
    /// `„…“`, and `„…”` as written in Polish.
    Low,
    /// `«…»`
    Guillemet,
}

impl Mark {
    /// The kind `c` opens. Single marks open nothing: they are apostrophes too often.
    fn opening(c: char) -> Option<Self> {
        match c {
            '"' => Some(Mark::Straight),
            '“' => Some(Mark::Curly),
            '„' => Some(Mark::Low),
            '«' => Some(Mark::Guillemet),
            _ => None,
        }
    }

    fn is_closed_by(self, c: char) -> bool {
        match self {
            Mark::Straight => c == '"',
            Mark::Curly => c == '”',
            Mark::Low => c == '“' || c == '”',
            Mark::Guillemet => c == '»',
        }
    }

    fn index(self) -> usize {
        match self {
            Mark::Straight => 0,
            Mark::Curly => 1,
            Mark::Low => 2,
            Mark::Guillemet => 3,
        }
    }
}

/// The last closing mark found for each kind, so that a paragraph full of opening marks that
/// never close is searched once, not once per mark (linear, not quadratic, time).
#[derive(Default)]
struct Closers {
    /// Per kind: not searched yet, or the result of the last search (valid for any later
    /// start up to the position found, or for every later start when nothing was found).
    last: [Option<Option<usize>>; 4],
}

impl Closers {
    /// The byte offset and length of the first mark closing `mark` at or after `from` in
    /// `paragraph`, skipping marks for which `in_code` holds.
    fn next(
        &mut self,
        mark: Mark,
        paragraph: &str,
        from: usize,
        in_code: impl Fn(usize) -> bool,
    ) -> Option<(usize, usize)> {
        let slot = self.last.get_mut(mark.index())?;
        let close = match *slot {
            Some(None) => None,
            Some(Some(close)) if close >= from => Some(close),
            _ => {
                let close = paragraph.get(from..).and_then(|rest| {
                    rest.char_indices()
                        .find(|&(i, c)| mark.is_closed_by(c) && !in_code(from + i))
                        .map(|(i, _)| from + i)
                });
                *slot = Some(close);
                close
            }
        }?;
        let length = paragraph.get(close..)?.chars().next()?.len_utf8();
        Some((close, length))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A short original article in three paragraphs.
    fn article() -> Vec<String> {
        [
            "The harbour bridge will close for eighteen months from March, the city council \
             announced on Tuesday. “We faced a choice,” said Aurel Stanwick, the council’s head \
             of transport. “Repair the bridge now, or replace it in five years at twice the \
             cost.”",
            "Shopkeepers on Quay Street say the closure will cost them dearly. “I understand the \
             anger.” Stanwick added that a free ferry would cross every ten minutes while the \
             works last.",
            "Residents can comment on the plans until 30 January at the council’s offices on \
             Mill Lane.",
        ]
        .map(str::to_owned)
        .to_vec()
    }

    fn quotes(comment: &str) -> Vec<Quote> {
        find_quotes(comment, &article(), 20)
    }

    /// `(text, paragraph)` of each quote; `paragraph` is None when unverified.
    fn found(comment: &str) -> Vec<(String, Option<usize>)> {
        quotes(comment)
            .into_iter()
            .map(|q| {
                assert_eq!(q.verified, q.paragraph.is_some(), "{q:?}");
                (q.text, q.paragraph)
            })
            .collect()
    }

    fn quote(text: &str, paragraph: Option<usize>) -> (String, Option<usize>) {
        (text.to_owned(), paragraph)
    }

    #[test]
    fn typographic_quotation_marks() {
        assert_eq!(
            found("“We faced a choice,” he says. Did they?"),
            vec![quote("We faced a choice,", Some(0))]
        );
        assert_eq!(
            found("“I understand the anger,” my foot."),
            vec![quote("I understand the anger,", Some(1))]
        );
        assert_eq!(
            found("Er sagte: „Repair the bridge now“ – really?"),
            vec![quote("Repair the bridge now", Some(0))]
        );
        assert_eq!(
            found("„Repair the bridge now” in Polish style"),
            vec![quote("Repair the bridge now", Some(0))]
        );
        assert_eq!(
            found("Il dit : « the council's head of transport », non ?"),
            vec![quote("the council's head of transport", Some(0))],
            "a straight apostrophe matches the article's typographic one"
        );
    }

    #[test]
    fn straight_quotation_marks_and_trailing_punctuation() {
        assert_eq!(
            found("\"We faced a choice,\" he says, but nobody asked us."),
            vec![quote("We faced a choice,", Some(0))]
        );
        assert_eq!(
            found("\"I understand the anger\" is cheap."),
            vec![quote("I understand the anger", Some(1))]
        );
        assert_eq!(
            found("\"I understand the anger.\" Sure."),
            vec![quote("I understand the anger.", Some(1))]
        );
        assert_eq!(
            found("\"We faced a choice.\" A choice?"),
            vec![quote("We faced a choice.", Some(0))],
            "a full stop where the article has a comma"
        );
        assert_eq!(
            found("\"at twice the cost.\""),
            vec![quote("at twice the cost.", Some(0))],
            "the end of a paragraph"
        );
    }

    #[test]
    fn case_and_whitespace_are_ignored() {
        assert_eq!(
            found("\"REPAIR  the bridge\nnow, or REPLACE it\" — fine."),
            vec![quote("REPAIR  the bridge\nnow, or REPLACE it", Some(0))]
        );
        assert_eq!(
            found("\"Repair\u{a0}the bridge now\""),
            vec![quote("Repair\u{a0}the bridge now", Some(0))]
        );
    }

    #[test]
    fn the_first_matching_paragraph_is_reported() {
        assert_eq!(
            found("\"the council’s\" again"),
            vec![quote("the council’s", Some(0))]
        );
        assert_eq!(
            found("\"at the council’s offices\""),
            vec![quote("at the council’s offices", Some(2))]
        );
    }

    #[test]
    fn misquotes_and_ellipses_are_not_verified() {
        for comment in [
            "\"Repair the bridge now or replace it later\"",
            "\"Repair the bridge now … at twice the cost\"",
            "\"Repair the bridge now...\"",
            "\"We faced a hard choice\"",
            "\"I understand your anger\"",
        ] {
            let found = quotes(comment);
            assert_eq!(found.len(), 1, "{comment}");
            assert!(!found[0].verified, "{comment}");
            assert_eq!(found[0].paragraph, None, "{comment}");
        }
    }

    #[test]
    fn short_quoted_text_is_not_a_quotation() {
        assert!(quotes("They call it \"a choice\".").is_empty());
        assert!(quotes("\"abcdefghijk\"").is_empty(), "11 characters");
        assert_eq!(quotes("\"abcdefghijkl\"").len(), 1, "12 characters");
        assert!(
            quotes("\"     a choice     \"").is_empty(),
            "counted trimmed"
        );
        assert!(quotes("\"\"").is_empty());
    }

    #[test]
    fn single_quotes_do_not_delimit() {
        assert!(quotes("'We faced a choice,' he said").is_empty());
        assert!(quotes("‘We faced a choice,’ he said").is_empty());
        assert!(quotes("It's the council's choice, isn't it? It's theirs.").is_empty());
    }

    #[test]
    fn nested_quotation_marks_belong_to_the_outer_quotation() {
        assert_eq!(
            found("\"Stanwick told us “we faced a choice” and left\""),
            vec![quote("Stanwick told us “we faced a choice” and left", None)]
        );
        assert_eq!(
            found("“He said \"I understand the anger\" twice”"),
            vec![quote("He said \"I understand the anger\" twice", None)]
        );
    }

    #[test]
    fn unbalanced_quotation_marks() {
        assert_eq!(
            found("“We faced a choice, he claims. And \"I understand the anger\" is hollow."),
            vec![quote("I understand the anger", Some(1))],
            "an opening mark that never closes is skipped"
        );
        assert!(quotes("It ends here” for nothing, and here» too").is_empty());
        assert_eq!(
            found("\"a\" \"Repair the bridge now\" \" dangling"),
            vec![quote("Repair the bridge now", Some(0))]
        );
        assert!(
            quotes("\"Repair the bridge now,\n\nor replace it in five years\"").is_empty(),
            "quotations do not cross paragraphs"
        );
        let many_openers = "“".repeat(50_000);
        assert!(quotes(&many_openers).is_empty());
        let many_straight = format!("{}\"", "\" ".repeat(20_000));
        assert!(quotes(&many_straight).is_empty(), "all too short");
    }

    #[test]
    fn blockquotes() {
        assert_eq!(
            found(
                "> Repair the bridge now,\n> or replace it in five years at twice the cost.\n\n\
                 Which one would you choose?"
            ),
            vec![quote(
                "Repair the bridge now, or replace it in five years at twice the cost.",
                Some(0)
            )]
        );
        assert_eq!(
            found("   > Residents can comment on the plans"),
            vec![quote("Residents can comment on the plans", Some(2))],
            "indented up to three spaces"
        );
        assert!(
            quotes("    > Residents can comment on the plans").is_empty(),
            "four spaces make code"
        );
        assert_eq!(
            found("> “I understand the anger.”\n\nDo you?"),
            vec![quote("“I understand the anger.”", Some(1))]
        );
        assert_eq!(
            found("> “We faced a choice,” said Aurel Stanwick, the council’s head of transport."),
            vec![quote(
                "“We faced a choice,” said Aurel Stanwick, the council’s head of transport.",
                Some(0)
            )],
            "marks inside a blockquote are part of it"
        );
        assert_eq!(
            found("> > “I understand the anger.”\r\n>\r\n>Stanwick added that"),
            vec![quote(
                "“I understand the anger.” Stanwick added that",
                Some(1)
            )]
        );
        assert_eq!(
            found("> Yes\n\n> The bridge will close for a year."),
            vec![
                quote("Yes", None),
                quote("The bridge will close for a year.", None)
            ]
        );
        assert!(quotes(">\n>   \n>").is_empty());
    }

    #[test]
    fn quotes_keep_the_order_of_the_comment() {
        let comment = "> I understand the anger.\n\nAnd \"Repair the bridge now,\" he says.\n\
                       > Residents can comment on the plans\n\
                       Yet \"a free ferry would cross every ten minutes\" and «not one more \
                       minute».";
        assert_eq!(
            found(comment),
            vec![
                quote("I understand the anger.", Some(1)),
                quote("Repair the bridge now,", Some(0)),
                quote("Residents can comment on the plans", Some(2)),
                quote("a free ferry would cross every ten minutes", Some(1)),
                quote("not one more minute", None),
            ]
        );
        let texts: Vec<String> = find_quotes(comment, &article(), 2)
            .into_iter()
            .map(|q| q.text)
            .collect();
        assert_eq!(
            texts,
            vec!["I understand the anger.", "Repair the bridge now,"]
        );
        assert!(find_quotes(comment, &article(), 0).is_empty());
    }

    #[test]
    fn code_holds_no_quotations() {
        assert!(quotes("Try `\"We faced a choice,\" he said` in a shell").is_empty());
        assert!(
            quotes("```\n> We faced a choice\nlet s = \"Repair the bridge now\";\n```").is_empty()
        );
        assert_eq!(
            found("`x` \"Repair the bridge now\" `y`"),
            vec![quote("Repair the bridge now", Some(0))]
        );
        assert!(
            quotes("\"Repair the `bridge\" now` or later").is_empty(),
            "a closing mark inside code does not close"
        );
    }

    #[test]
    fn long_quotations_are_not_matched() {
        let huge = "word ".repeat(20_000);
        let found = quotes(&format!("\"{huge}\""));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, huge.trim());
        assert!(!found[0].verified);

        let blockquoted = format!("> {huge}\n> {huge}");
        let found = quotes(&blockquoted);
        assert_eq!(found.len(), 1);
        assert!(!found[0].verified);

        // Even when the article does say it.
        let long_paragraph = "x".repeat(MAX_QUOTE_CHARS + 1);
        let article = vec![long_paragraph.clone()];
        let found = find_quotes(&format!("\"{long_paragraph}\""), &article, 5);
        assert_eq!(found.len(), 1);
        assert!(!found[0].verified);
        let at_limit = "x".repeat(MAX_QUOTE_CHARS);
        let found = find_quotes(&format!("\"{at_limit}\""), &article, 5);
        assert!(found[0].verified);
    }

    #[test]
    fn a_quotation_of_only_marks_quotes_nothing() {
        let found = quotes("\"““““““““““““\"");
        assert_eq!(found.len(), 1);
        assert!(!found[0].verified);
    }

    #[test]
    fn normalized_form() {
        assert_eq!(
            normalize("  “I understand   the\nanger.”  "),
            "i understand the anger"
        );
        assert_eq!(normalize("We faced a choice,"), "we faced a choice");
        assert_eq!(normalize("“We faced a choice”."), "we faced a choice");
        assert_eq!(normalize("‘We faced a choice,’"), "we faced a choice");
        assert_eq!(normalize("The Council’s Head"), "the council's head");
        assert_eq!(
            normalize("«Il a dit „oui“ et ″non″»"),
            "il a dit \"oui\" et \"non"
        );
        assert_eq!(normalize("now..."), "now..", "one full stop only");
        assert_eq!(normalize("now…"), "now..", "an ellipsis is three dots");
        assert_eq!(normalize("“”"), "");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn never_panics() {
        let paragraphs = article();
        for comment in [
            "",
            "\"",
            "“",
            "„“",
            "«»",
            ">",
            "> ",
            "   >",
            "\r\n> x\r\n",
            "\"\"\"\"",
            "\"🦅🦅🦅🦅🦅🦅🦅🦅🦅🦅🦅🦅\"",
            "\"שלום עולם, מה שלומכם היום\"",
            "«\u{202F}Stanwick a raison\u{202F}»",
            "`\"`\"`",
            "```",
            "> ```\n> \"abc\"",
            "\u{0}\"\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\"",
        ] {
            let _ = find_quotes(comment, &paragraphs, 10);
            let _ = find_quotes(comment, &[], 10);
            let _ = normalize(comment);
        }
    }
}
