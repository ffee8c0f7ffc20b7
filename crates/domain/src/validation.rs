//! The one error type of the domain: a value a person supplied breaks a rule.

/// A rejected input, with the field it belongs to and a sentence the person can act on.
///
/// `message` is English. The web layer shows readers a translation, chosen by `field` and
/// `code` (and by `message` where one pair has several sentences); the numbers a sentence
/// names travel in `count` and `limit` so that a translation can name them too.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Invalid {
    /// The form field or JSON key at fault (`display_name`, `body`, …).
    pub field: &'static str,
    /// A stable machine-readable code (`too_long`, `empty`, …).
    pub code: &'static str,
    /// A sentence for the person who typed it.
    pub message: String,
    /// The size of what was given, when the sentence names it (characters, items).
    pub count: Option<i64>,
    /// The bound it broke, when the sentence names it (a maximum or a minimum).
    pub limit: Option<i64>,
}

impl Invalid {
    pub fn new(field: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            code,
            message: message.into(),
            count: None,
            limit: None,
        }
    }

    /// Records the bound the sentence names.
    pub fn with_limit(mut self, limit: usize) -> Self {
        self.limit = Some(i64::try_from(limit).unwrap_or(i64::MAX));
        self
    }

    /// Records the size the sentence names.
    pub fn with_count(mut self, count: usize) -> Self {
        self.count = Some(i64::try_from(count).unwrap_or(i64::MAX));
        self
    }
}

/// Characters that must never appear in names or single-line fields: C0/C1 controls and the
/// invisible formatting characters used to disguise text (bidi overrides, zero-width joiners).
pub fn is_disallowed_in_line(c: char) -> bool {
    c.is_control() || is_invisible_format(c)
}

/// Invisible formatting characters; allowed nowhere in names, stripped from nothing silently.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// Trims a single-line field, rejecting control and invisible characters, and enforcing
/// a length in characters.
pub fn single_line(
    field: &'static str,
    label: &str,
    raw: &str,
    required: bool,
    max_chars: usize,
) -> Result<String, Invalid> {
    let value = raw.trim();
    if value.is_empty() {
        if required {
            return Err(Invalid::new(
                field,
                "empty",
                format!("{label} is required."),
            ));
        }
        return Ok(String::new());
    }
    if value.chars().any(is_disallowed_in_line) {
        return Err(Invalid::new(
            field,
            "invalid_characters",
            format!("{label} contains control or invisible characters; please remove them."),
        ));
    }
    within_length(field, label, value.to_owned(), max_chars)
}

/// `value` if it has at most `max_chars` characters.
pub fn within_length(
    field: &'static str,
    label: &str,
    value: String,
    max_chars: usize,
) -> Result<String, Invalid> {
    let count = value.chars().count();
    if count > max_chars {
        return Err(Invalid::new(
            field,
            "too_long",
            format!("{label} is {count} characters long; the limit is {max_chars}."),
        )
        .with_count(count)
        .with_limit(max_chars));
    }
    Ok(value)
}
