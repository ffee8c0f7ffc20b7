//! HTML templates (minijinja), embedded in the binary and compiled once at start-up.
//! Auto-escaping is on for every `.html` template; only HTML that the text crate sanitized is
//! marked `|safe`.

use std::sync::Arc;

use minijinja::{Environment, UndefinedBehavior, Value, context};
use serde::Serialize;

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("front.html", include_str!("../templates/front.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("comment.html", include_str!("../templates/comment.html")),
    (
        "comment_list.html",
        include_str!("../templates/comment_list.html"),
    ),
    (
        "comment_card.html",
        include_str!("../templates/comment_card.html"),
    ),
    (
        "comment_edit.html",
        include_str!("../templates/comment_edit.html"),
    ),
    (
        "comment_history.html",
        include_str!("../templates/comment_history.html"),
    ),
    ("signup.html", include_str!("../templates/signup.html")),
    ("login.html", include_str!("../templates/login.html")),
    ("account.html", include_str!("../templates/account.html")),
    (
        "password_reset.html",
        include_str!("../templates/password_reset.html"),
    ),
    (
        "password_new.html",
        include_str!("../templates/password_new.html"),
    ),
    ("notice.html", include_str!("../templates/notice.html")),
    ("profile.html", include_str!("../templates/profile.html")),
    ("account.html", include_str!("../templates/account.html")),
    ("rules.html", include_str!("../templates/rules.html")),
    ("error.html", include_str!("../templates/error.html")),
    (
        "embed_sign_in.html",
        include_str!("../templates/embed_sign_in.html"),
    ),
    ("report.html", include_str!("../templates/report.html")),
    (
        "notifications.html",
        include_str!("../templates/notifications.html"),
    ),
    (
        "unsubscribe.html",
        include_str!("../templates/unsubscribe.html"),
    ),
    (
        "moderation/entry.html",
        include_str!("../templates/moderation/entry.html"),
    ),
    (
        "moderation/queue.html",
        include_str!("../templates/moderation/queue.html"),
    ),
    (
        "moderation/comment.html",
        include_str!("../templates/moderation/comment.html"),
    ),
    (
        "moderation/user.html",
        include_str!("../templates/moderation/user.html"),
    ),
    (
        "moderation/search.html",
        include_str!("../templates/moderation/search.html"),
    ),
    (
        "admin/audit.html",
        include_str!("../templates/admin/audit.html"),
    ),
    (
        "admin/index.html",
        include_str!("../templates/admin/index.html"),
    ),
    (
        "admin/newsroom_feeds.html",
        include_str!("../templates/admin/newsroom_feeds.html"),
    ),
    (
        "admin/imports.html",
        include_str!("../templates/admin/imports.html"),
    ),
    (
        "admin/articles.html",
        include_str!("../templates/admin/articles.html"),
    ),
    (
        "admin/article_form.html",
        include_str!("../templates/admin/article_form.html"),
    ),
    (
        "admin/users.html",
        include_str!("../templates/admin/users.html"),
    ),
];

/// Every template's name and source, for tests that read them.
#[cfg(test)]
pub(crate) fn sources() -> impl Iterator<Item = (&'static str, &'static str)> {
    TEMPLATES.iter().copied()
}

/// A template's source with each line's indentation taken out. The indentation is there for
/// whoever edits the templates; in a page it was only bytes that every reader downloads and
/// the server copies (8-9% of a 200-comment discussion page). The line breaks stay, so what was
/// separated by white space still is, and HTML renders the same: no template holds literal
/// text whose leading spaces would show (a `pre` or `textarea` holds one value, on one line,
/// as the test below checks).
fn without_indentation(source: &str) -> String {
    source
        .split('\n')
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The compiled templates, with the site's name and tagline as globals.
#[derive(Clone, Debug)]
pub struct Templates {
    env: Arc<Environment<'static>>,
}

#[derive(Serialize)]
struct SiteGlobals<'a> {
    name: &'a str,
    tagline: &'a str,
}

impl Templates {
    pub fn new(settings: &tribune_app::Settings) -> Result<Self, minijinja::Error> {
        let mut env = Environment::new();
        // Printing an undefined value is a bug, but `{% if x %}` on one is fine.
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        for (name, source) in TEMPLATES {
            env.add_template_owned(*name, without_indentation(source))?;
        }
        // Whether sign-up forms carry a proof-of-work puzzle (`static/pow.js`).
        env.add_global(
            "proof_of_work_signups",
            Value::from(settings.proof_of_work.signups),
        );
        // Whether this page is shown in a frame on a newsroom's page (see `embed`).
        env.add_function("in_frame", crate::embed::framed);
        // Translation (see `i18n`): `t("id", name=value)`, the page's language and the
        // languages a reader may choose, and the messages the page's scripts use.
        env.add_function("t", crate::i18n::template_text);
        env.add_function("lang", || crate::i18n::current().code());
        env.add_function("dir", || crate::i18n::current().direction());
        env.add_function("languages", || {
            Value::from(minijinja::value::Serde(crate::i18n::choices()))
        });
        // JSON text, escaped like any other value where the page puts it (an attribute).
        env.add_function("script_messages", || {
            serde_json::to_string(&crate::i18n::script_messages()).unwrap_or_default()
        });
        env.add_global(
            "site",
            Value::from(minijinja::value::Serde(SiteGlobals {
                name: &settings.site.name,
                tagline: &settings.site.tagline,
            })),
        );
        Ok(Self { env: Arc::new(env) })
    }

    /// Renders a page. A template error is a bug: it is logged, and the reader gets the
    /// error page rather than a half-rendered one.
    pub fn render(&self, name: &str, ctx: Value) -> Result<String, minijinja::Error> {
        self.env.get_template(name)?.render(ctx).inspect_err(|e| {
            tracing::error!(template = name, error = %e, "template failed to render");
        })
    }

    pub fn render_error(&self, title: &str, message: &str) -> String {
        self.render("error.html", context! { title, message })
            .unwrap_or_else(|_| {
                format!(
                    "<!doctype html><title>{}</title><p>{}</p>",
                    crate::i18n::text("error-page-title"),
                    crate::i18n::text("error-unexpected")
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_is_taken_out_and_line_breaks_stay() {
        let source = "<ul>\n  {% for x in xs %}\n  <li>{{ x }}</li>\n\t{% endfor %}\n</ul>\n";
        assert_eq!(
            without_indentation(source),
            "<ul>\n{% for x in xs %}\n<li>{{ x }}</li>\n{% endfor %}\n</ul>\n"
        );
    }

    /// Where white space shows as it is written, taking out indentation would change the page.
    #[test]
    fn no_template_has_text_whose_indentation_shows() {
        for (name, source) in sources() {
            for tag in ["<pre", "<textarea"] {
                let close = format!("</{}>", &tag[1..]);
                for (start, _) in source.match_indices(tag) {
                    let rest = &source[start..];
                    let end = rest
                        .find(&close)
                        .unwrap_or_else(|| panic!("{name}: {tag} is not closed"));
                    let element = &rest[..end];
                    // The opening tag's attributes may span lines; its content may not.
                    let content_start = element
                        .find('>')
                        .unwrap_or_else(|| panic!("{name}: {tag} is not closed"));
                    assert!(
                        !element[content_start..].contains('\n'),
                        "{name}: the content of {tag} spans lines, and its indentation would be lost"
                    );
                }
            }
        }
    }
}
