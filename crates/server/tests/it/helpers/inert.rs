//! Whether HTML is inert: parsed as a browser parses it (html5ever, the parser ammonia uses),
//! it holds no script but the site's own files, no event handler, no javascript:, vbscript:
//! or data: URL, and nothing that loads or embeds another document.

use scraper::Html;

/// Attributes a browser follows or loads as a URL.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "srcset",
    "cite",
    "ping",
    "manifest",
];

/// Elements that never belong in what Tribune renders from other people's text.
const FORBIDDEN: &[&str] = &[
    "iframe", "object", "embed", "frame", "frameset", "applet", "base", "svg", "math",
];

/// The problems in a page or fragment; empty when inert.
pub fn problems(html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    let mut found = Vec::new();
    for node in document.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let name = element.name();
        if name == "script" {
            let own = element
                .attr("src")
                .is_some_and(|src| src.starts_with("/static/") || src == "/embed.js");
            let inline = node.children().any(|c| c.value().is_text());
            if !own || inline {
                found.push(format!("a <script> ({:?})", element.attr("src")));
            }
        }
        if FORBIDDEN.contains(&name) {
            found.push(format!("a <{name}>"));
        }
        if name == "meta" && element.attr("http-equiv").is_some() {
            found.push("a <meta http-equiv>".to_owned());
        }
        for (attribute, value) in element.attrs() {
            let attribute = attribute.to_ascii_lowercase();
            if attribute.starts_with("on") {
                found.push(format!("<{name} {attribute}=…>"));
            }
            if URL_ATTRIBUTES.contains(&attribute.as_str()) {
                // The parser decoded character references; browsers also ignore whitespace
                // and control characters in the scheme.
                let scheme: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .take(11)
                    .collect::<String>()
                    .to_ascii_lowercase();
                if ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|bad| scheme.starts_with(bad))
                {
                    found.push(format!("<{name} {attribute}={value:?}>"));
                }
            }
        }
    }
    found
}

/// Fails the test, saying where, unless `html` is inert.
pub fn assert_inert(html: &str, context: &str) {
    let found = problems(html);
    assert!(found.is_empty(), "{context}: {found:?}");
}

#[test]
fn the_checker_sees_what_a_browser_would_run() {
    for bad in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"https://example.org\"></iframe>",
        "<form><button formaction=\"javascript:alert(1)\">x</button></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<script src=\"https://evil.example/x.js\"></script>",
    ] {
        assert!(!problems(bad).is_empty(), "{bad}");
    }
    for good in [
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        "<a href=\"https://example.org\" rel=\"nofollow\">x</a>",
        "<script src=\"/static/tribune.js\" defer></script>",
        "<p>javascript:alert(1) as text</p>",
    ] {
        assert!(problems(good).is_empty(), "{good}");
    }
}
