//! Markdown to safe HTML.
//!
//! comrak parses (GFM, so bare URLs become links); ammonia then cleans the output against an
//! allowlist. ammonia is the security boundary: comrak already escapes raw HTML, but nothing
//! else in Tribune relies on that.
//!
//! Architecture invariant: every string these functions return is safe to insert into an
//! HTML page as it is; text is rendered once, at write time, and stored rendered.

use std::collections::HashSet;
use std::sync::OnceLock;

use ammonia::Builder;
use comrak::Options;
use comrak::nodes::NodeValue;

/// The tags a comment may contain: the Markdown subset readers use (paragraphs, emphasis,
/// links, quotations, lists, code).
const COMMENT_TAGS: &[&str] = &[
    "p",
    "br",
    "em",
    "strong",
    "del",
    "a",
    "blockquote",
    "ul",
    "ol",
    "li",
    "code",
    "pre",
];

/// Article bodies also carry subheadings and horizontal rules.
const ARTICLE_TAGS: &[&str] = &[
    "p",
    "br",
    "em",
    "strong",
    "del",
    "a",
    "blockquote",
    "ul",
    "ol",
    "li",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "hr",
];

fn markdown_options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.autolink = true;
    options.extension.strikethrough = true;
    // Raw HTML in the source shows as the text the person typed rather than vanishing.
    options.render.escape = true;
    options
}

fn cleaner(tags: &[&'static str], link_rel: &'static str) -> Builder<'static> {
    let mut builder = Builder::empty();
    builder
        .tags(tags.iter().copied().collect::<HashSet<_>>())
        .tag_attributes(
            [("a", ["href"].into_iter().collect())]
                .into_iter()
                .collect(),
        )
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some(link_rel))
        .strip_comments(true);
    builder
}

fn comment_cleaner() -> &'static Builder<'static> {
    static CLEANER: OnceLock<Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| cleaner(COMMENT_TAGS, "nofollow ugc noopener"))
}

fn article_cleaner() -> &'static Builder<'static> {
    static CLEANER: OnceLock<Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| cleaner(ARTICLE_TAGS, "noopener"))
}

/// Renders a reader's comment: the Markdown subset, links marked `nofollow ugc noopener`.
pub fn render_comment(markdown: &str) -> String {
    render(markdown, comment_cleaner())
}

/// Renders an article body or other newsroom-written Markdown (house rules).
pub fn render_article(markdown: &str) -> String {
    render(markdown, article_cleaner())
}

/// One top-level block of an article body: sanitized HTML and its plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedParagraph {
    pub html: String,
    pub text: String,
}

/// Renders an article body block by block (paragraphs, quotations, lists), so that each can
/// carry an anchor and quotations can be matched against its plain text.
pub fn render_paragraphs(markdown: &str) -> Vec<RenderedParagraph> {
    let options = markdown_options();
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, markdown, &options);
    let mut paragraphs = Vec::new();
    for block in root.children() {
        let mut html = String::new();
        if comrak::format_html(block, &options, &mut html).is_err() {
            continue;
        }
        let html = article_cleaner().clean(&html).to_string().trim().to_owned();
        let mut text = String::new();
        for node in block.descendants() {
            match &node.data().value {
                NodeValue::Text(t) => text.push_str(t),
                NodeValue::Code(code) => text.push_str(&code.literal),
                NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
                // Blocks inside the block (list items, quoted paragraphs) are separate words.
                NodeValue::Paragraph if !text.is_empty() => text.push(' '),
                _ => {}
            }
        }
        if !html.is_empty() {
            let text = text.trim().to_owned();
            paragraphs.push(RenderedParagraph { html, text });
        }
    }
    paragraphs
}

fn render(markdown: &str, cleaner: &Builder<'static>) -> String {
    let html = comrak::markdown_to_html(markdown, &markdown_options());
    cleaner.clean(&html).to_string().trim().to_owned()
}

/// Plain text of at most `max_chars` characters, cut at a word boundary, for summaries.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max_chars {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

/// Elements that separate words: their tags become spaces before the markup is dropped, so
/// `<p>one</p><p>two</p>` reads "one two", not "onetwo".
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

fn text_cleaner() -> &'static Builder<'static> {
    static CLEANER: OnceLock<Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut builder = Builder::empty();
        builder
            .clean_content_tags(["script", "style", "template"].into_iter().collect())
            .strip_comments(true);
        builder
    })
}

/// The plain text of an HTML fragment written elsewhere (a feed's description, title or
/// rights line): markup, comments and scripts dropped, entities decoded, control characters
/// removed, whitespace collapsed to single spaces. Parsed by ammonia's HTML parser, so broken
/// or hostile markup cannot leak through as tags; the result is text, to be escaped like any
/// other when shown.
pub fn plain_text(html: &str) -> String {
    let mut spaced = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        spaced.push_str(&rest[..at]);
        let tag = &rest[at + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if BLOCK_TAGS.contains(&name.as_str()) {
            spaced.push(' ');
        }
        spaced.push('<');
        rest = tag;
    }
    spaced.push_str(rest);
    let cleaned = text_cleaner().clean(&spaced).to_string();
    // What remains is text as HTML serializes it: only these are escaped.
    let decoded = cleaned
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    decoded
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn import_cleaner() -> &'static Builder<'static> {
    static CLEANER: OnceLock<Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut builder = cleaner(COMMENT_TAGS, "nofollow ugc noopener");
        builder.clean_content_tags(["script", "style", "template"].into_iter().collect());
        builder
    })
}

/// A comment written as HTML in another comment system (Disqus, WordPress, Remark42), for
/// import: its plain text (searched, assessed, and the source of an edit) and its HTML cleaned
/// against the comment allowlist (other tags dropped, their text kept; scripts and styles
/// dropped with their content; links `nofollow ugc noopener`, http, https and mailto only).
/// Text with no block markup gets paragraphs at blank lines and line breaks at single
/// newlines, as WordPress shows its comments.
pub fn import_html(html: &str) -> (String, String) {
    let html = html.trim().replace("\r\n", "\n");
    let lower = html.to_ascii_lowercase();
    let has_blocks = ["<p", "<br", "<div", "<blockquote", "<ul", "<ol", "<pre"]
        .iter()
        .any(|tag| lower.contains(tag));
    let shaped = if has_blocks || html.is_empty() {
        html
    } else {
        html.split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| format!("<p>{}</p>", p.replace('\n', "<br>\n")))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let cleaned = import_cleaner().clean(&shaped).to_string();
    (plain_text(&cleaned), cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imported_html_is_cleaned_and_wordpress_text_gets_paragraphs() {
        let (text, html) = import_html(
            "<p>Fine <b>bold</b> <a href=\"javascript:alert(1)\">x</a></p>\
             <script>alert(2)</script><img src=x onerror=alert(3)>",
        );
        assert_eq!(
            html,
            "<p>Fine bold <a rel=\"nofollow ugc noopener\">x</a></p>"
        );
        assert_eq!(text, "Fine bold x");
        let (text, html) = import_html("First line\nsecond line\n\nNew <em>para</em>");
        assert_eq!(
            html,
            "<p>First line<br>\nsecond line</p>\n<p>New <em>para</em></p>"
        );
        assert_eq!(text, "First line second line New para");
    }

    #[test]
    fn plain_text_of_feed_html() {
        for (html, text) in [
            ("<p>One.</p><p>Two &amp; three.</p>", "One. Two & three."),
            ("A <b>bold</b> move", "A bold move"),
            ("Caf&eacute; &#8217;s &lt;menu&gt;", "Café ’s <menu>"),
            ("<script>alert(1)</script>Safe", "Safe"),
            ("<style>p{}</style><!-- c -->Kept", "Kept"),
            ("line one<br>line two", "line one line two"),
            ("  lots \n\t of   space\u{7} ", "lots of space"),
            ("Fish & chips < 3 > 2", "Fish & chips < 3 > 2"),
            ("<img src=x onerror=alert(1)>Pictured", "Pictured"),
            ("<a href=\"https://x.example\">link</a> text", "link text"),
            ("non&nbsp;breaking", "non breaking"),
            ("", ""),
        ] {
            assert_eq!(plain_text(html), text, "{html:?}");
        }
    }

    fn check(markdown: &str, expected: &str) {
        assert_eq!(render_comment(markdown), expected, "input: {markdown:?}");
    }

    #[test]
    fn markdown_subset() {
        check("Hello *there*", "<p>Hello <em>there</em></p>");
        check(
            "> quoted\n\nreply",
            "<blockquote>\n<p>quoted</p>\n</blockquote>\n<p>reply</p>",
        );
        check("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>");
        check(
            "see https://example.org/x",
            "<p>see <a href=\"https://example.org/x\" rel=\"nofollow ugc noopener\">https://example.org/x</a></p>",
        );
        check("# Big", "Big");
    }

    #[test]
    fn nothing_executable_survives() {
        for attack in [
            "<script>alert(1)</script>",
            "[x](javascript:alert(1))",
            "<img src=x onerror=alert(1)>",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "<a href=\"javascript:alert(1)\">x</a>",
            "![x](https://example.org/a.png\" onerror=\"alert(1))",
            "<iframe src=https://evil.example></iframe>",
        ] {
            let html = render_comment(attack).to_lowercase();
            // Escaped text (`&lt;script&gt;`) is harmless; only real tags are inspected.
            let tags = html
                .split('<')
                .skip(1)
                .filter_map(|t| t.split_once('>').map(|(tag, _)| tag));
            for tag in tags {
                let name = tag
                    .trim_start_matches('/')
                    .split(' ')
                    .next()
                    .unwrap_or_default();
                assert!(
                    COMMENT_TAGS.contains(&name),
                    "tag {name}: {attack} → {html}"
                );
                assert!(
                    !tag.contains(" on"),
                    "event handler in {tag}: {attack} → {html}"
                );
                assert!(!tag.contains("javascript:"), "{attack} → {html}");
                assert!(!tag.contains("data:"), "{attack} → {html}");
            }
        }
    }

    #[test]
    fn article_paragraphs_with_plain_text() {
        let paragraphs = render_paragraphs(
            "“We faced a *choice*,” said Aurel\nStanwick.\n\n> A quote\n\n- one\n- `two`\n",
        );
        let texts: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "“We faced a choice,” said Aurel Stanwick.",
                "A quote",
                "one two"
            ]
        );
        assert_eq!(
            paragraphs[0].html,
            "<p>“We faced a <em>choice</em>,” said Aurel\nStanwick.</p>"
        );
        assert!(render_paragraphs("").is_empty());
    }

    #[test]
    fn raw_html_shows_as_text() {
        check("<b>bold</b>", "<p>&lt;b&gt;bold&lt;/b&gt;</p>");
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("one two three", 20), "one two three");
        assert_eq!(excerpt("one two three four", 10), "one two…");
    }
}
