//! A real SMTP server on loopback (mailin-embedded: RFC 5321 sessions, dot-unstuffing,
//! 8BITMIME) that keeps what it receives for the test to read, parsed. It refuses recipients
//! whose address starts with `bounce` (550, a permanent failure).
//!
//! ```ignore
//! let (app, mut smtp) = TestApp::with_mail(backend, |_| {}).await;
//! let mail = smtp.next().await;           // fails the test after a while
//! assert_eq!(mail.subject, "…");
//! let link = mail.link("/verify-email/"); // the first URL with that path
//! ```

use std::net::{SocketAddr, TcpListener};
use std::time::Duration;

use mailin_embedded::{Handler, Response, Server, response};
use mailparse::MailHeaderMap;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tribune_app::Settings;

use super::{Backend, TestApp};

/// How long [`SmtpSink::next`] waits for a message.
const WAIT: Duration = Duration::from_secs(30);

/// A message as the SMTP server received it.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// The envelope recipients (`RCPT TO`).
    pub envelope_to: Vec<String>,
    /// The `To` header.
    pub to: String,
    pub from: String,
    pub subject: String,
    /// Every header, decoded, in order.
    pub headers: Vec<(String, String)>,
    /// The plain-text body (the `text/plain` part of a multipart message).
    pub text: String,
    /// The HTML alternative, when there is one.
    pub html: Option<String>,
    /// The message as it came over the wire.
    pub raw: String,
}

impl ReceivedMail {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The first URL in the text whose path starts with `path`.
    pub fn link(&self, path: &str) -> String {
        self.text
            .split_whitespace()
            .find(|word| {
                word.starts_with("http")
                    && word
                        .split_once("://")
                        .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
                        .is_some_and(|p| p.starts_with(path))
            })
            .unwrap_or_else(|| panic!("no link to {path} in:\n{}", self.text))
            .to_owned()
    }

    fn parse(envelope_to: Vec<String>, raw: Vec<u8>) -> Self {
        let parsed = mailparse::parse_mail(&raw).expect("a well-formed message");
        let headers: Vec<(String, String)> = parsed
            .headers
            .iter()
            .map(|h| (h.get_key(), h.get_value()))
            .collect();
        let value = |name: &str| parsed.headers.get_first_value(name).unwrap_or_default();
        let part = |mime: &str| {
            if parsed.subparts.is_empty() {
                (parsed.ctype.mimetype == mime).then(|| parsed.get_body().expect("a body"))
            } else {
                parsed
                    .subparts
                    .iter()
                    .find(|p| p.ctype.mimetype == mime)
                    .map(|p| p.get_body().expect("a body"))
            }
        };
        ReceivedMail {
            envelope_to,
            to: value("To"),
            from: value("From"),
            subject: value("Subject"),
            text: part("text/plain").unwrap_or_default(),
            html: part("text/html"),
            headers,
            raw: String::from_utf8_lossy(&raw).into_owned(),
        }
    }
}

/// The SMTP server and what it received. Its thread runs until the test process ends.
pub struct SmtpSink {
    pub address: SocketAddr,
    received: UnboundedReceiver<ReceivedMail>,
}

impl SmtpSink {
    /// Starts a server on a free loopback port.
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        Self::serve(listener)
    }

    /// A loopback address where no server listens yet (start one later with
    /// [`SmtpSink::start_at`]): for mail sent while the SMTP server is down.
    pub fn unused_address() -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.local_addr().expect("an address")
    }

    /// Starts a server at `address`.
    pub fn start_at(address: SocketAddr) -> Self {
        let listener = TcpListener::bind(address).expect("the address is free");
        Self::serve(listener)
    }

    fn serve(listener: TcpListener) -> Self {
        let address = listener.local_addr().expect("an address");
        let (sender, received) = unbounded_channel();
        let mut server = Server::new(Collector {
            sender,
            to: Vec::new(),
            data: Vec::new(),
        });
        server
            .with_name("smtp.test")
            .with_num_threads(4)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            if let Err(err) = server.serve() {
                eprintln!("the test SMTP server stopped: {err}");
            }
        });
        Self { address, received }
    }

    /// Points a site's `[email]` settings at this server, polling the outbox every second.
    pub fn configure(&self, settings: &mut Settings) {
        configure(settings, self.address);
    }

    /// The next message received; fails the test if none comes within 30 seconds.
    pub async fn next(&mut self) -> ReceivedMail {
        tokio::time::timeout(WAIT, self.received.recv())
            .await
            .expect("a message arrives in time")
            .expect("the SMTP server is running")
    }

    /// Fails the test if a message arrives within `wait`.
    pub async fn assert_none_within(&mut self, wait: Duration) {
        if let Ok(Some(mail)) = tokio::time::timeout(wait, self.received.recv()).await {
            panic!(
                "no message was expected, but one came to {:?}: {}",
                mail.envelope_to, mail.subject
            );
        }
    }
}

impl TestApp {
    /// A server that sends its mail to a new [`SmtpSink`].
    pub async fn with_mail(
        backend: Backend,
        configure: impl FnOnce(&mut Settings),
    ) -> (Self, SmtpSink) {
        let smtp = SmtpSink::start();
        let app = Self::spawn_with(backend, |settings| {
            smtp.configure(settings);
            configure(settings);
        })
        .await;
        (app, smtp)
    }
}

/// Points a site's `[email]` settings at an SMTP server at `address`, polling every second
/// and retrying a failed message after a second.
pub fn configure(settings: &mut Settings, address: SocketAddr) {
    settings.email.smtp_url = format!("smtp://{address}");
    settings.email.from = "The Test Tribune <news@tribune.test>".to_owned();
    settings.email.poll_secs = 1;
    settings.email.retry_secs = 1;
}

/// Collects each message of a session and hands it over at the end of `DATA`.
#[derive(Clone)]
struct Collector {
    sender: UnboundedSender<ReceivedMail>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Collector {
    fn rcpt(&mut self, to: &str) -> Response {
        if to.starts_with("bounce") {
            response::NO_MAILBOX
        } else {
            response::OK
        }
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let mail =
            ReceivedMail::parse(std::mem::take(&mut self.to), std::mem::take(&mut self.data));
        let _ = self.sender.send(mail);
        response::OK
    }
}
