//! The sentences of errors, in the reader's language.
//!
//! The use-case layer and the domain explain a refusal in English (`Invalid::message`,
//! `tribune_app::Error`'s display, `tribune_assess::Reason::message`) and know nothing of
//! translation. Here each one is matched to a catalogue message (`errors.ftl`): fixed
//! sentences by their exact English text, domain validation errors by `(field, code)` and the
//! field's label, assessment reasons by their `code`. Numbers travel as Fluent arguments
//! (`Invalid::count`, `Invalid::limit`, or read back from the English sentence for the few
//! sentences whose numbers are computed). A sentence with no catalogue entry stays English,
//! and the tests below list every one the code can produce.

use tribune_app::Error as AppError;
use tribune_domain::Invalid;
use tribune_domain::article::ClosedReason;
use tribune_i18n::FluentValue;

use crate::i18n::{text, text_with};

/// Fixed English sentences of the use-case layer and the domain, with their message ids.
/// The English catalogue repeats each sentence word for word (a test checks it).
const SENTENCES: &[(&str, &str)] = &[
    // tribune_app::Error::Forbidden
    (
        "A deleted comment cannot be edited.",
        "forbidden-deleted-comment-edit",
    ),
    (
        "You cannot report your own comment.",
        "forbidden-report-own-comment",
    ),
    (
        "You cannot react to your own comment.",
        "forbidden-react-own-comment",
    ),
    (
        "You cannot moderate your own account.",
        "forbidden-moderate-own-account",
    ),
    (
        "You can only edit your own comments.",
        "forbidden-edit-others-comment",
    ),
    (
        "You can only delete your own comments.",
        "forbidden-delete-others-comment",
    ),
    (
        "This comment has been deleted already.",
        "forbidden-already-deleted",
    ),
    ("Only moderators can do that.", "forbidden-moderators-only"),
    (
        "Only administrators can import comments.",
        "forbidden-admins-import",
    ),
    ("Only administrators can do that.", "forbidden-admins-only"),
    (
        "A deleted comment cannot take reactions.",
        "forbidden-deleted-comment-react",
    ),
    (
        "You cannot change your own role; ask another administrator.",
        "forbidden-own-role",
    ),
    (
        "You can edit or delete a comment only from the browser that posted it, within the edit window.",
        "forbidden-guest-edit",
    ),
    (
        "Verify your email address first: the link we send proves the comments are yours.",
        "forbidden-verify-first",
    ),
    (
        "This site takes comments only from signed-in readers: log in to Tribune to take part.",
        "forbidden-signed-in-only",
    ),
    (
        "This address is not on a site this Tribune serves: its operator lists the sites whose pages may have discussions in embed.allowed_origins.",
        "forbidden-origin-not-allowed",
    ),
    (
        "The time for editing this comment has passed. You can post a new comment instead.",
        "forbidden-edit-window-passed",
    ),
    (
        "That API token is not valid, or has been revoked.",
        "forbidden-token-not-valid",
    ),
    (
        "Only moderators can see the history of a comment.",
        "forbidden-history-moderators-only",
    ),
    (
        "Only administrators can manage newsroom feeds.",
        "forbidden-feeds-admins-only",
    ),
    (
        "Only administrators and newsroom editors can publish articles.",
        "forbidden-publish-editors-only",
    ),
    (
        "Only a published comment can be featured; approve it first.",
        "forbidden-feature-unpublished",
    ),
    (
        "No site may show discussions yet: the operator lists them in embed.allowed_origins.",
        "forbidden-no-origins",
    ),
    (
        "Moderators and administrators cannot be banned or marked trusted; an administrator can change their role first.",
        "forbidden-ban-staff",
    ),
    (
        "An administrator's account cannot be deleted here: make someone else an administrator, and ask them to make you a reader first.",
        "forbidden-delete-admin",
    ),
    // Taken
    ("This feed is already followed.", "taken-feed"),
    (
        "This feed is being polled right now; look again in a moment.",
        "taken-feed-polling",
    ),
    // EmailDisabled, LinkNotValid
    (
        "This site does not send email, so email addresses cannot be verified here.",
        "email-disabled-verification",
    ),
    (
        "This site does not send email, so a password cannot be reset by email. Ask the site's administrators for help.",
        "email-disabled-reset",
    ),
    (
        "This verification link has expired or was already used. If your address is not verified yet, log in and ask for a new link on your account page.",
        "link-not-valid-verification",
    ),
    (
        "This password-reset link has expired or was already used. Ask for a new one on the “Forgot your password?” page.",
        "link-not-valid-reset",
    ),
    (
        "This sign-in was used already or took too long. Please sign in again.",
        "link-not-valid-sign-in",
    ),
    // SsoRefused
    (
        "The news site's sign-in token lacks sub, name, email or exp.",
        "sso-token-incomplete",
    ),
    (
        "The news site's sign-in token is not valid.",
        "sso-token-not-valid",
    ),
    (
        "The news site's sign-in token has a wrong signature.",
        "sso-token-wrong-signature",
    ),
    (
        "The news site's sign-in names no usable email address.",
        "sso-no-email",
    ),
    (
        "The news site's sign-in names no usable display name.",
        "sso-no-display-name",
    ),
    (
        "This site does not accept single sign-on from newsroom sites.",
        "sso-disabled",
    ),
    (
        "The news site's sign-in token must be signed with HS256.",
        "sso-token-algorithm",
    ),
    (
        "The news site's sign-in has expired: reload the page.",
        "sso-expired",
    ),
    (
        "No free display name was found for this reader; try again.",
        "sso-no-free-name",
    ),
    (
        "The news site's sign-in token must be short-lived (an hour at most) and issued now.",
        "sso-token-lifetime",
    ),
    (
        "A Tribune account already uses this email address. Sign in with it instead (Sign in, in the discussion).",
        "sso-email-taken",
    ),
    // Invalid, fixed sentences
    (
        "Give the number of days of the suspension, or leave it empty for a permanent ban.",
        "invalid-suspension-days-number",
    ),
    (
        "Write the time as RFC 3339, for example 2026-11-24T07:30:00Z.",
        "invalid-rfc3339-time",
    ),
    (
        "The status must be published, held, rejected or all.",
        "invalid-unknown-status",
    ),
    (
        "This form needs your browser to solve a small puzzle first, which keeps out automated abuse: it needs JavaScript. Reload the page and send it again.",
        "invalid-proof-of-work-required",
    ),
    (
        "The puzzle's answer is not valid: send the form again.",
        "invalid-proof-of-work",
    ),
    (
        "The puzzle expired before the form was sent: send it again.",
        "invalid-proof-of-work-expired",
    ),
    (
        "That puzzle was answered already: send the form again for a new one.",
        "invalid-proof-of-work-used",
    ),
    (
        "Choose immediately, daily or never.",
        "invalid-email-unknown-preference",
    ),
    (
        "Your comment is empty. Write something before posting.",
        "invalid-comment-empty",
    ),
    (
        "Your comment contains a NUL character; please remove it.",
        "invalid-comment-nul",
    ),
    (
        "The sort must be oldest, newest or liked.",
        "invalid-unknown-sort",
    ),
    ("The view must be flat or threaded.", "invalid-unknown-view"),
    (
        "The comment policy must be open, post-moderated, pre-moderated, pre-moderate-untrusted or closed.",
        "invalid-unknown-policy",
    ),
    (
        "The closing time must come after the publication time.",
        "invalid-closes-before-publication",
    ),
    ("An address is required.", "invalid-address-empty"),
    (
        "The address must be a full web address starting with https:// or http://.",
        "invalid-address",
    ),
    (
        "The address must not contain a user name or password.",
        "invalid-address-credentials",
    ),
    (
        "Choose why you report this comment: spam, abuse, off_topic or illegal.",
        "invalid-unknown-report-reason",
    ),
    (
        "Say what is illegal in this comment and why, so moderators can act on it.",
        "invalid-report-details-empty",
    ),
    (
        "The role must be reader, moderator or admin.",
        "invalid-unknown-role",
    ),
    (
        "A display name needs at least one letter or digit.",
        "invalid-display-name-no-letters",
    ),
    (
        "Enter an email address such as name@example.org.",
        "invalid-email",
    ),
    (
        "That password is too easy to guess. Try a short sentence or several unrelated words.",
        "invalid-password-too-common",
    ),
    (
        "The page must give its headline (data-title) so that its discussion can open.",
        "invalid-embed-title-empty",
    ),
    (
        "The address answered 304 Not Modified to a plain request; it is not a feed.",
        "invalid-feed-not-modified",
    ),
    (
        "Give the address of the feed, such as https://news.example/rss.xml.",
        "invalid-feed-url-empty",
    ),
    ("That address is too long.", "invalid-feed-url-too-long"),
    (
        "The feed's address must be a full web address starting with https:// or http://.",
        "invalid-feed-url",
    ),
    (
        "The feed's address must not contain a user name or password.",
        "invalid-feed-url-credentials",
    ),
    (
        "There is nothing to learn from yet: moderators have decided on no comment, and no labelled file was given.",
        "invalid-no-examples",
    ),
    (
        "The queue must be held, reported, recent, rejected or all.",
        "invalid-unknown-queue",
    ),
    (
        "A suspension lasts 1 to 3650 days; leave the days empty for a permanent ban.",
        "invalid-suspension-days",
    ),
    (
        "Search for at most 200 characters.",
        "invalid-search-too-long",
    ),
    (
        "That is not your password: your account is not deleted.",
        "invalid-wrong-password",
    ),
    (
        "The thread's uri must be a path on the site, such as /news/story.",
        "invalid-isso-uri",
    ),
    ("Please give your name.", "invalid-isso-author-empty"),
    (
        "Please give your email address.",
        "invalid-isso-email-empty",
    ),
    (
        "The website must be an address such as https://example.org.",
        "invalid-isso-website",
    ),
    (
        "Choose one of: disqus, wordpress, commento, remark42, isso.",
        "invalid-unknown-import-format",
    ),
    (
        "An Isso database is imported on the server: tribune import isso comments.db.",
        "invalid-isso-upload",
    ),
    (
        "Choose an export file to import.",
        "invalid-import-file-empty",
    ),
    ("API tokens have the role editor.", "invalid-token-role"),
    (
        "That page cursor is not valid; start from the first page.",
        "invalid-cursor",
    ),
    (
        "The comment you are replying to does not exist.",
        "invalid-no-such-parent",
    ),
    (
        "You can only reply to a comment under the same article.",
        "invalid-parent-elsewhere",
    ),
    (
        "The comment you are replying to has been deleted; post your reply as a new comment.",
        "invalid-parent-deleted",
    ),
];

/// Validation errors whose sentence carries numbers or names: `(field, code, how the English
/// sentence starts, message id)`; an empty field stands for any. The message gets `$count` and `$limit` from the error, and
/// `$detail`, the English sentence, where a part of it cannot be translated.
const PATTERNS: &[(&str, &str, &str, &str)] = &[
    (
        "body",
        "too_long",
        "Your comment is ",
        "invalid-comment-too-long",
    ),
    ("slug", "invalid_slug", "A slug is ", "invalid-slug"),
    (
        "tags",
        "too_many",
        "An article takes at most ",
        "invalid-too-many-tags",
    ),
    (
        "details",
        "too_long",
        "The details are ",
        "invalid-report-details-too-long",
    ),
    (
        "password",
        "too_short",
        "Choose a password ",
        "invalid-password-too-short",
    ),
    (
        "password",
        "too_long",
        "Passwords are limited ",
        "invalid-password-too-long",
    ),
    (
        "url",
        "too_many",
        "Ask for at most ",
        "invalid-embed-too-many-urls",
    ),
    ("url", "feed_unreadable", "", "invalid-feed-unreadable"),
    (
        "title",
        "no_title",
        "Cannot create new thread",
        "invalid-isso-no-title",
    ),
    ("file", "unreadable_import", "", "invalid-unreadable-import"),
    ("file", "too_large", "", "invalid-import-too-large"),
    (
        "",
        "too_long",
        "An address may be at most ",
        "invalid-address-too-long",
    ),
];

/// The labels the domain names fields with in its general sentences (`{label} is required.`).
const LABELS: &[(&str, &str)] = &[
    ("A headline", "label-headline"),
    ("A tag", "label-tag"),
    ("The byline", "label-byline"),
    ("The dateline", "label-dateline"),
    ("The source", "label-source"),
    ("The lead", "label-lead"),
    ("The body", "label-article-body"),
    ("The credit line", "label-credit"),
    ("The rights notice", "label-rights"),
    ("A display name", "label-display-name"),
    ("An email address", "label-email"),
    ("A token name", "label-token-name"),
    ("The reason", "label-reason"),
    ("The moderator's note", "label-moderator-note"),
    ("The note", "label-note"),
];

/// The codes of the general sentences, with their message ids.
const GENERAL: &[(&str, &str)] = &[
    ("empty", "invalid-required"),
    ("invalid_characters", "invalid-characters"),
    ("too_long", "invalid-too-long"),
];

fn sentence(english: &str) -> Option<String> {
    SENTENCES
        .iter()
        .find(|(sentence, _)| *sentence == english)
        .map(|(_, id)| text(id))
}

/// A domain validation error, in the reader's language.
pub fn invalid_message(invalid: &Invalid) -> String {
    if let Some(message) = sentence(&invalid.message) {
        return message;
    }
    let mut args: Vec<(&str, FluentValue)> = vec![("detail", invalid.message.as_str().into())];
    // Numbers are written as the English sentence writes them (no digit grouping); the
    // excess is also given as a number, for plurals.
    if let Some(count) = invalid.count {
        args.push(("count", count.to_string().into()));
    }
    if let Some(limit) = invalid.limit {
        args.push(("limit", limit.to_string().into()));
    }
    if let (Some(count), Some(limit)) = (invalid.count, invalid.limit) {
        args.push(("over", (count - limit).to_string().into()));
        args.push(("overCount", (count - limit).into()));
    }
    if let Some((_, _, _, id)) = PATTERNS.iter().find(|(field, code, start, _)| {
        (field.is_empty() || *field == invalid.field)
            && *code == invalid.code
            && invalid.message.starts_with(start)
    }) {
        return text_with(id, &args);
    }
    let general = GENERAL.iter().find(|(code, _)| *code == invalid.code);
    let label = LABELS.iter().find(|(label, _)| {
        invalid
            .message
            .strip_prefix(label)
            .is_some_and(|rest| rest.starts_with(' '))
    });
    if let (Some((_, id)), Some((_, label))) = (general, label) {
        // Article texts that span lines refuse control characters only.
        let id = if *id == "invalid-characters" && !invalid.message.contains("invisible") {
            "invalid-control-characters"
        } else {
            id
        };
        args.push(("label", text(label).into()));
        return text_with(id, &args);
    }
    tracing::warn!(
        field = invalid.field,
        code = invalid.code,
        "validation message not in the catalogue"
    );
    invalid.message.clone()
}

/// "There is no such comment…", naming the thing in the reader's language.
pub fn not_found(what: &str) -> String {
    let id = match what {
        "account" => "not-found-account",
        "action" => "not-found-action",
        "article" => "not-found-article",
        "comment" => "not-found-comment",
        "feed" => "not-found-feed",
        "notification" => "not-found-notification",
        "page" => "not-found-page",
        "reader" => "not-found-reader",
        "user" => "not-found-user",
        "unsubscribe link" => "not-found-unsubscribe-link",
        _ => return text_with("not-found-other", &[("what", what.into())]),
    };
    text(id)
}

/// The sentence of a use-case error, in the reader's language.
pub fn app_message(err: &AppError) -> String {
    match err {
        AppError::Invalid(invalid) => invalid_message(invalid),
        AppError::Taken { message, .. } => sentence(message).unwrap_or_else(|| {
            let what = message
                .strip_prefix("That ")
                .and_then(|rest| rest.strip_suffix(" is already taken."));
            match what {
                Some("email") => text("taken-email"),
                Some("display name") => text("taken-display-name"),
                Some("slug") => text("taken-slug"),
                Some("url") => text("taken-url"),
                Some("subject") => text("taken-subject"),
                _ => message.clone(),
            }
        }),
        AppError::NotFound(what) => not_found(what),
        AppError::Unauthenticated => text("error-unauthenticated"),
        AppError::SessionExpired => text("error-session-expired"),
        AppError::BadCredentials => text("error-bad-credentials"),
        AppError::EmailNotVerified(email) => text_with(
            "error-email-not-verified",
            &[("email", email.as_str().into())],
        ),
        AppError::LikelyAbusive(_) => text("error-likely-abusive"),
        AppError::CommentsClosed(ClosedReason::Closed) => text("error-comments-closed"),
        AppError::CommentsClosed(ClosedReason::ClosingTimePassed) => {
            text("error-discussion-closed")
        }
        AppError::RateLimited {
            retry_after,
            message,
        } => rate_limited(*retry_after, message),
        AppError::Banned(message) => banned(message),
        AppError::Forbidden(message)
        | AppError::EmailDisabled(message)
        | AppError::LinkNotValid(message)
        | AppError::SsoRefused(message) => {
            sentence(message).unwrap_or_else(|| (*message).to_owned())
        }
        AppError::Store(_) | AppError::Internal(_) => text("error-unexpected"),
    }
}

/// `What happened. Please wait N seconds before trying again.`
fn rate_limited(retry_after: u64, english: &str) -> String {
    const WHAT: &[(&str, &str)] = &[
        (
            "You are posting comments faster than this site allows.",
            "rate-limited-comments",
        ),
        (
            "Too many accounts were created from your network.",
            "rate-limited-sign-ups",
        ),
        ("Too many log-in attempts.", "rate-limited-log-ins"),
        (
            "You have sent many reports in a short time.",
            "rate-limited-reports",
        ),
        (
            "Too many password resets were asked for from your network.",
            "rate-limited-resets",
        ),
        (
            "Several emails were sent to this address already.",
            "rate-limited-mail",
        ),
    ];
    let Some((_, id)) = WHAT.iter().find(|(what, _)| english.starts_with(what)) else {
        return english.to_owned();
    };
    let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    let wait = if retry_after > 90 {
        text_with(
            "wait-minutes",
            &[("count", count(retry_after.div_ceil(60)).into())],
        )
    } else {
        text_with(
            "wait-seconds",
            &[("count", count(retry_after.max(1)).into())],
        )
    };
    text_with(
        "rate-limited",
        &[("what", text(id).into()), ("wait", wait.into())],
    )
}

/// `Your account is banned…` / `…suspended until 2026-12-01 10:00 UTC.`, with the
/// moderator's reason as they wrote it.
pub fn banned(english: &str) -> String {
    const BANNED: &str = "Your account is banned from taking part.";
    const SUSPENDED: &str = "Your account is suspended until ";
    let (sentence, rest) = if let Some(rest) = english.strip_prefix(BANNED) {
        (text("banned"), rest)
    } else if let Some(rest) = english.strip_prefix(SUSPENDED)
        && let Some((until, rest)) = rest.split_once(" UTC.")
    {
        (text_with("suspended", &[("until", until.into())]), rest)
    } else {
        return english.to_owned();
    };
    match rest.strip_prefix(" Reason: ") {
        Some(reason) => text_with(
            "banned-reason",
            &[("sentence", sentence.into()), ("reason", reason.into())],
        ),
        None if rest.is_empty() => sentence,
        None => english.to_owned(),
    }
}

/// One assessment reason, in the reader's language. Scores and counts the English sentence
/// names are carried over as written.
pub fn reason_message(reason: &tribune_assess::Reason) -> String {
    let english = reason.message.as_str();
    let numbers: Vec<String> = english
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|n| n.trim_matches('.'))
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect();
    let id = match reason.code.as_str() {
        "profanity" if english.contains("disguised") => "reason-profanity-disguised",
        "profanity" if english == "Contains profanity." => "reason-profanity-general",
        "blocked_domain" => {
            let domain = english
                .strip_prefix("Links to a blocked domain (")
                .and_then(|rest| rest.strip_suffix(")."))
                .unwrap_or_default();
            return text_with("reason-blocked-domain", &[("domain", domain.into())]);
        }
        "slur" => "reason-slur",
        "threat" => "reason-threat",
        "dehumanising" => "reason-dehumanising",
        "sexual_harassment" => "reason-sexual-harassment",
        "identity_attack" => "reason-identity-attack",
        "insult" => "reason-insult",
        "obscenity" => "reason-obscenity",
        "profanity" => "reason-profanity",
        "toxicity_model" => "reason-toxicity-model",
        "learned_model" => "reason-learned-model",
        "site_model" => "reason-site-model",
        "link_spam" => "reason-link-spam",
        "duplicate" => "reason-duplicate",
        "near_duplicate" => "reason-near-duplicate",
        "burst_account" => "reason-burst-account",
        "burst_address" => "reason-burst-address",
        "shouting" => "reason-shouting",
        "repetition" => "reason-repetition",
        "new_account" => "reason-new-account",
        "reported_account" => "reason-reported-account",
        "rejected_history" => "reason-rejected-history",
        "trusted_account" => "reason-trusted-account",
        _ => return english.to_owned(),
    };
    let first = numbers.first().cloned().unwrap_or_default();
    let second = numbers.get(1).cloned().unwrap_or_default();
    let count = first.parse::<i64>().unwrap_or(0);
    text_with(
        id,
        &[
            ("score", first.as_str().into()),
            ("count", count.into()),
            ("percent", second.as_str().into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use tribune_domain::validation::{single_line, within_length};

    /// Outside a request the language is English: every English message must read as the
    /// sentence it replaces, word for word.
    #[test]
    fn english_sentences_are_unchanged() {
        for (english, id) in SENTENCES {
            assert_eq!(text(id), *english, "{id}");
        }
        let mut ids: Vec<_> = SENTENCES.iter().map(|(_, id)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), SENTENCES.len(), "an id is used twice");
    }

    #[test]
    fn english_validation_messages_are_unchanged() {
        let mut errors: Vec<Invalid> = Vec::new();
        for (label, _) in LABELS {
            errors.push(single_line("f", label, " ", true, 5).unwrap_err());
            errors.push(single_line("f", label, "a\u{200B}b", true, 5).unwrap_err());
            errors.push(within_length("f", label, "abcdefghijk".into(), 5).unwrap_err());
            errors.push(Invalid::new(
                "f",
                "invalid_characters",
                format!("{label} contains control characters; please remove them."),
            ));
        }
        for (raw, max) in [("x".repeat(10_001), 10_000), ("x".repeat(12_500), 10_000)] {
            errors.push(tribune_domain::CommentBody::parse(&raw, max).unwrap_err());
        }
        errors.push(tribune_domain::CommentBody::parse("  ", 10).unwrap_err());
        errors.push(tribune_domain::Slug::parse("Not A Slug").unwrap_err());
        errors.push(
            tribune_domain::moderation::Report::parse("spam", &"x".repeat(5_000)).unwrap_err(),
        );
        errors.push(tribune_domain::moderation::Report::parse("illegal", "").unwrap_err());
        errors
            .push(tribune_domain::password::NewPassword::parse("short", "a@b.c", "A").unwrap_err());
        errors.push(
            tribune_domain::password::NewPassword::parse(&"x".repeat(300), "a@b.c", "A")
                .unwrap_err(),
        );
        errors.push(tribune_domain::CanonicalUrl::parse(&"x".repeat(10_000), "url").unwrap_err());
        errors.push(tribune_domain::CanonicalUrl::parse("ftp:/x", "url").unwrap_err());
        for invalid in errors {
            assert_eq!(invalid_message(&invalid), invalid.message, "{invalid:?}");
        }
    }

    /// Every assessment reason reads in English as the assessor wrote it.
    #[test]
    fn english_reasons_are_unchanged() {
        let reasons = [
            ("slur", "Uses a slur against a group of people."),
            ("threat", "Threatens someone or wishes them harm."),
            (
                "dehumanising",
                "Describes people as vermin, animals or less than human.",
            ),
            ("sexual_harassment", "Sexually harasses or demeans someone."),
            (
                "identity_attack",
                "Attacks people for their religion, origin, sex or sexuality.",
            ),
            (
                "insult",
                "Insults the reader, another commenter or a named person.",
            ),
            ("obscenity", "Swears at someone."),
            (
                "profanity",
                "Contains swearing that is not aimed at anyone.",
            ),
            (
                "profanity",
                "Contains a severe offensive word in disguised spelling.",
            ),
            ("profanity", "Contains profanity."),
            (
                "toxicity_model",
                "The language model rates the wording as offensive (0.73).",
            ),
            (
                "learned_model",
                "The learned base model rates the comment as abusive (0.61).",
            ),
            (
                "site_model",
                "Moderators here rejected similar comments (0.50).",
            ),
            ("link_spam", "Contains 4 links (37% of the text)."),
            (
                "blocked_domain",
                "Links to a blocked domain (spam.example).",
            ),
            ("duplicate", "The same text was posted recently."),
            (
                "near_duplicate",
                "Nearly the same text was posted recently.",
            ),
            (
                "burst_account",
                "Many comments from this account in the last 10 minutes.",
            ),
            (
                "burst_address",
                "Many comments from this address in the last 10 minutes.",
            ),
            ("shouting", "Written mostly in capital letters."),
            ("repetition", "Repeats a character or a word many times."),
            ("new_account", "New account with no approved comments."),
            (
                "reported_account",
                "Readers have reported this account several times.",
            ),
            (
                "rejected_history",
                "Most of this account's comments were rejected.",
            ),
            ("trusted_account", "Trusted account."),
        ];
        for (code, message) in reasons {
            let reason = tribune_assess::Reason {
                code: code.to_owned(),
                message: message.to_owned(),
                evidence: None,
            };
            assert_eq!(reason_message(&reason), message);
        }
    }

    /// The other sentences made here read in English as before.
    #[test]
    fn english_app_errors_are_unchanged() {
        let errors = [
            AppError::NotFound("comment"),
            AppError::NotFound("unsubscribe link"),
            AppError::NotFound("something"),
            AppError::Unauthenticated,
            AppError::SessionExpired,
            AppError::BadCredentials,
            AppError::EmailNotVerified("a@example.org".into()),
            AppError::LikelyAbusive(Vec::new()),
            AppError::CommentsClosed(ClosedReason::Closed),
            AppError::CommentsClosed(ClosedReason::ClosingTimePassed),
            AppError::Taken {
                field: "display_name",
                message: "That display name is already taken.".into(),
            },
            AppError::Taken {
                field: "email",
                message: "That email is already taken.".into(),
            },
            AppError::Banned("Your account is banned from taking part.".into()),
            AppError::Banned("Your account is banned from taking part. Reason: spam".into()),
            AppError::Banned(
                "Your account is suspended until 2026-12-01 10:00 UTC. Reason: heat".into(),
            ),
        ];
        for err in errors {
            let expected = match &err {
                AppError::NotFound(what) => format!(
                    "There is no such {what}. It may have been removed, or the address may be mistyped."
                ),
                other => other.to_string(),
            };
            assert_eq!(app_message(&err), expected);
        }
        for (seconds, wait) in [(1, "a second"), (30, "30 seconds"), (200, "4 minutes")] {
            let message =
                format!("Too many log-in attempts. Please wait {wait} before trying again.");
            let err = AppError::RateLimited {
                retry_after: seconds,
                message: message.clone(),
            };
            assert_eq!(app_message(&err), message);
        }
    }

    #[test]
    fn messages_with_numbers_are_translated() {
        let invalid = within_length("f", "A headline", "x".repeat(12), 10).unwrap_err();
        let french = crate::i18n::Lang::from_code("fr").unwrap();
        let translated = futures_lite_block(crate::i18n::with_language(french, async {
            invalid_message(&invalid)
        }));
        assert_eq!(
            translated,
            "Le titre compte 12 caractères\u{a0}; la limite est de 10."
        );
    }

    fn futures_lite_block<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
            .block_on(future)
    }

    /// Every `Invalid::new` in the domain and use-case crates has a message: a fixed sentence
    /// is in `SENTENCES`, a composed one in `PATTERNS` or among the general sentences.
    #[test]
    fn every_validation_error_has_a_message() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let mut missing = Vec::new();
        let mut files = Vec::new();
        for dir in [
            "domain/src",
            "app/src",
            "app/src/imports",
            "web/src",
            "web/src/pages",
            "web/src/api",
        ] {
            for entry in std::fs::read_dir(format!("{root}/{dir}"))
                .unwrap()
                .flatten()
            {
                if entry.path().extension().is_some_and(|e| e == "rs") {
                    files.push(entry.path());
                }
            }
        }
        for path in files {
            let source = std::fs::read_to_string(&path).unwrap();
            for (at, _) in source.match_indices("Invalid::new(") {
                let args = arguments(&source[at + "Invalid::new(".len()..]);
                let [field, code, message] = &args[..] else {
                    continue;
                };
                let literal = |s: &str| {
                    s.strip_prefix('"')
                        .and_then(|s| s.strip_suffix('"'))
                        .map(unescape)
                };
                if let Some(message) = literal(message) {
                    if !SENTENCES.iter().any(|(sentence, _)| *sentence == message) {
                        missing.push(format!("{}: {message}", path.display()));
                    }
                    continue;
                }
                let (Some(field), Some(code), true) = (
                    literal(field),
                    literal(code),
                    message.starts_with("format!"),
                ) else {
                    continue;
                };
                let known = PATTERNS
                    .iter()
                    .any(|(f, c, _, _)| *f == field && *c == code)
                    || GENERAL.iter().any(|(c, _)| *c == code);
                if !known {
                    missing.push(format!("{}: ({field}, {code})", path.display()));
                }
            }
        }
        assert!(missing.is_empty(), "not in the catalogue: {missing:#?}");
    }

    /// The top-level arguments of a call, from just after its `(`.
    fn arguments(source: &str) -> Vec<String> {
        let mut args = vec![String::new()];
        let (mut depth, mut in_string, mut escaped) = (0, false, false);
        for c in source.chars() {
            if in_string {
                in_string = c != '"' || escaped;
                escaped = c == '\\' && !escaped;
            } else {
                match c {
                    '"' => in_string = true,
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' if depth == 0 => break,
                    ')' | ']' | '}' => depth -= 1,
                    ',' if depth == 0 => {
                        args.push(String::new());
                        continue;
                    }
                    _ => {}
                }
            }
            args.last_mut().unwrap().push(c);
        }
        args.into_iter()
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .collect()
    }

    /// A Rust string literal's text: line continuations joined, `\"` and `\\` unescaped.
    fn unescape(literal: &str) -> String {
        let mut out = String::new();
        let mut chars = literal.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('\n') => {
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                Some(other) => out.push(other),
                None => {}
            }
        }
        out
    }
}
