//! An email to send: what a use case hands to the outbox. Rendering and delivery happen
//! elsewhere (the outbox is in the store, the SMTP client in the app).

/// One outgoing message to one recipient. Bodies are plain text, with an optional HTML
/// alternative whose every interpolated value the writer has escaped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mail {
    /// The recipient's address, as stored on the account.
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    /// A one-click unsubscribe address: sent as `List-Unsubscribe` (with
    /// `List-Unsubscribe-Post`), so mail clients can offer it.
    pub unsubscribe_url: Option<String>,
}
