//! A streaming walk over an XML export: elements as they open (with their attributes) and
//! close (with the text directly inside them), in bounded memory.
//!
//! Lenient where real exports are sloppy and the meaning is clear: names are compared as
//! written (`wp:comment_id`), so a prefix used without its declaration (as some WordPress
//! exports do) is read like a declared one; attribute values without quotes are accepted;
//! stray text before the root element (a backtick before `<?xml`) is ignored. Anything that
//! is not well-formed beyond that (mismatched or unclosed tags, a truncated file) is an error
//! with its byte position.

use std::io::BufRead;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::{At, ParseError};

pub(crate) enum Node {
    Open {
        name: String,
        attributes: Vec<(String, String)>,
    },
    Close {
        name: String,
        text: String,
    },
}

pub(crate) struct Walker<R: BufRead> {
    reader: Reader<R>,
    buf: Vec<u8>,
    depth: usize,
    text: String,
    /// An empty element's close, to hand out after its open.
    pending_close: Option<String>,
    seen_root: bool,
}

impl<R: BufRead> Walker<R> {
    pub fn new(reader: R) -> Self {
        let mut reader = Reader::from_reader(reader);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.trim_text(false);
        Self {
            reader,
            buf: Vec::with_capacity(8 * 1024),
            depth: 0,
            text: String::new(),
            pending_close: None,
            seen_root: false,
        }
    }

    /// Where the reader is, for errors found in a record's content.
    pub fn position(&self) -> At {
        At::Byte(self.reader.buffer_position())
    }

    fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError::new(At::Byte(self.reader.error_position()), message)
    }

    /// The next element opened or closed; `None` at the end of a complete document.
    pub fn next(&mut self) -> Result<Option<Node>, ParseError> {
        if let Some(name) = self.pending_close.take() {
            self.depth -= 1;
            return Ok(Some(Node::Close {
                name,
                text: String::new(),
            }));
        }
        loop {
            self.buf.clear();
            let event = match self.reader.read_event_into(&mut self.buf) {
                Ok(event) => event,
                Err(e) => {
                    let message = e.to_string();
                    return Err(self.error(message));
                }
            };
            match event {
                Event::Start(start) => {
                    let (name, attributes) = open(&start).map_err(|m| self.error(m))?;
                    self.depth += 1;
                    self.seen_root = true;
                    self.text.clear();
                    return Ok(Some(Node::Open { name, attributes }));
                }
                Event::Empty(start) => {
                    let (name, attributes) = open(&start).map_err(|m| self.error(m))?;
                    self.depth += 1;
                    self.seen_root = true;
                    self.text.clear();
                    self.pending_close = Some(name.clone());
                    return Ok(Some(Node::Open { name, attributes }));
                }
                Event::End(end) => {
                    let name = end.name().as_ref().to_owned();
                    self.depth = self.depth.saturating_sub(1);
                    let text = std::mem::take(&mut self.text);
                    return Ok(Some(Node::Close { name, text }));
                }
                Event::Text(text) if self.depth > 0 => {
                    self.text.push_str(&text.xml10_content());
                }
                Event::CData(data) if self.depth > 0 => {
                    self.text.push_str(&data.xml10_content());
                }
                Event::GeneralRef(reference) if self.depth > 0 => {
                    match reference.resolve_char_ref() {
                        Ok(Some(c)) => self.text.push(c),
                        Ok(None) => match resolve_predefined_entity(&reference) {
                            Some(s) => self.text.push_str(s),
                            None => {
                                let message = format!("unknown entity &{};", &*reference);
                                return Err(self.error(message));
                            }
                        },
                        Err(e) => {
                            let message = e.to_string();
                            return Err(self.error(message));
                        }
                    }
                }
                Event::Eof => {
                    if !self.seen_root {
                        return Err(ParseError::new(At::File, "the file holds no XML element"));
                    }
                    if self.depth > 0 {
                        let at = self.position();
                        return Err(ParseError::new(
                            at,
                            "the file ends before its elements are closed (is it truncated?)",
                        ));
                    }
                    return Ok(None);
                }
                // Declarations, comments, processing instructions, text outside the root.
                _ => {}
            }
        }
    }
}

fn open(start: &BytesStart<'_>) -> Result<(String, Vec<(String, String)>), String> {
    let name = start.name().as_ref().to_owned();
    let mut attributes = Vec::new();
    for attribute in start.html_attributes() {
        let attribute = attribute.map_err(|e| format!("in <{name}>: {e}"))?;
        let key = attribute.key.as_ref().to_owned();
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| format!("in <{name}>: {e}"))?
            .into_owned();
        attributes.push((key, value));
    }
    Ok((name, attributes))
}

/// The value of attribute `key`, if present.
pub(crate) fn attribute<'a>(attributes: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}
