//! A reader's Markdown → sanitized HTML (`tribune_text::render_comment`, and the article
//! renderers, which share the cleaner's design): never panics, and the output holds only the
//! allowed tags, no event-handler attributes and no `javascript:` (or other script) URL.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The tags `tribune_text` allows in comments and articles (its ARTICLE_TAGS, a superset of
/// COMMENT_TAGS).
const ALLOWED: &[&str] = &[
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

fuzz_target!(|data: &[u8]| {
    let Ok(markdown) = std::str::from_utf8(data) else {
        return;
    };
    check(&tribune_text::render_comment(markdown), markdown);
    check(&tribune_text::render_article(markdown), markdown);
    for paragraph in tribune_text::render_paragraphs(markdown) {
        check(&paragraph.html, markdown);
    }
});

/// Walks the tags of sanitized HTML. In ammonia's output every `<` in text is escaped as
/// `&lt;`, so each literal `<` opens a tag, and attribute values are double-quoted with `"`
/// escaped.
fn check(html: &str, markdown: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(
        !lower.contains("<script"),
        "script tag from {markdown:?}: {html}"
    );
    let mut rest = lower.as_str();
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let close = after
            .find('>')
            .unwrap_or_else(|| panic!("unclosed tag from {markdown:?}: {html}"));
        let tag = &after[..close];
        rest = &after[close + 1..];
        if tag.starts_with("!--") {
            panic!("comment kept from {markdown:?}: {html}");
        }
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let tag = tag.strip_suffix('/').unwrap_or(tag);
        let name_end = tag
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(tag.len());
        let name = &tag[..name_end];
        assert!(
            ALLOWED.contains(&name),
            "tag <{name}> from {markdown:?}: {html}"
        );
        check_attributes(name, &tag[name_end..], markdown, html);
    }
}

fn check_attributes(tag: &str, mut attributes: &str, markdown: &str, html: &str) {
    loop {
        attributes = attributes.trim_start();
        if attributes.is_empty() {
            return;
        }
        let name_end = attributes
            .find(|c: char| c == '=' || c.is_ascii_whitespace())
            .unwrap_or(attributes.len());
        let name = &attributes[..name_end];
        assert!(
            !name.starts_with("on"),
            "handler {name} from {markdown:?}: {html}"
        );
        // `title` and `lang` are ammonia's generic attributes (harmless on any tag).
        assert!(
            matches!((tag, name), ("a", "href" | "rel") | (_, "title" | "lang")),
            "attribute {name} on <{tag}> from {markdown:?}: {html}"
        );
        attributes = &attributes[name_end..];
        let Some(value) = attributes.strip_prefix("=\"") else {
            continue;
        };
        let end = value
            .find('"')
            .unwrap_or_else(|| panic!("unterminated attribute from {markdown:?}: {html}"));
        if name == "href" {
            check_url(&value[..end], markdown, html);
        }
        attributes = &value[end + 1..];
    }
}

/// A link is relative or http(s)/mailto (so never `javascript:`, `data:` or `vbscript:`):
/// browsers ignore ASCII whitespace and control characters inside a scheme, and entities are
/// decoded before the URL is read.
fn check_url(href: &str, markdown: &str, html: &str) {
    let decoded = href
        .replace("&amp;", "&")
        .replace("&#x3a;", ":")
        .replace("&#58;", ":")
        .replace("&colon;", ":");
    let compact: String = decoded
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect();
    if let Some((scheme, _)) = compact.split_once(':') {
        // A scheme starts with a letter; anything else before the colon makes a relative URL.
        let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if is_scheme {
            assert!(
                matches!(scheme, "http" | "https" | "mailto"),
                "link scheme {scheme:?} from {markdown:?}: {html}"
            );
        }
    }
}
