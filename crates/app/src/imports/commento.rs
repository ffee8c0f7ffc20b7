//! Commento's JSON export: `{"version": 1, "comments": […], "commenters": […]}`. Comments name
//! their commenter by `commenterHex`, and the commenters come after the comments, so the file
//! is read twice, streaming both times: first the commenters (few: one per person), then each
//! comment as it comes. Comment text is Markdown; `parentHex` is `root` for a top-level
//! comment (exports that leave `markdown` empty carry `html`); `state` is `approved`, `unapproved` or `flagged` (held for a moderator).

use std::collections::HashMap;
use std::fmt;
use std::io::BufRead;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{At, Author, Emit, Input, ParseError, Post, Record, State, Text, Thread, parse_time};

#[derive(Deserialize)]
struct Commenter {
    #[serde(rename = "commenterHex")]
    hex: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    link: String,
}

#[derive(Deserialize)]
struct Commenters {
    #[serde(default)]
    commenters: Vec<Commenter>,
    #[serde(default)]
    #[allow(dead_code)]
    comments: IgnoredAny,
}

#[derive(Deserialize)]
struct Comment {
    #[serde(rename = "commentHex", default)]
    hex: String,
    #[serde(default)]
    domain: String,
    #[serde(default)]
    url: String,
    #[serde(rename = "commenterHex", default)]
    commenter: String,
    #[serde(default)]
    markdown: String,
    #[serde(default)]
    html: String,
    #[serde(rename = "parentHex", default)]
    parent: String,
    #[serde(default)]
    state: String,
    #[serde(rename = "creationDate", default)]
    created: String,
    #[serde(default)]
    deleted: bool,
}

fn json_error(e: &serde_json::Error) -> ParseError {
    let message = e.to_string();
    // serde_json appends " at line L column C"; the position is given apart.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m)
        .to_owned();
    if e.line() == 0 {
        ParseError::new(At::File, message)
    } else {
        ParseError::new(At::Line(e.line() as u64, e.column() as u64), message)
    }
}

pub(crate) fn parse(
    input: &Input,
    reader: Box<dyn BufRead + Send>,
    emit: &Emit,
) -> Result<(), ParseError> {
    let first: Commenters = serde_json::from_reader(reader).map_err(|e| json_error(&e))?;
    let people: HashMap<String, Author> = first
        .commenters
        .into_iter()
        .map(|c| {
            (
                c.hex,
                Author {
                    name: c.name,
                    email: c.email,
                    username: String::new(),
                    website: c.link,
                },
            )
        })
        .collect();
    let reader = input
        .open()
        .map_err(|e| ParseError::new(At::File, format!("cannot be read again: {e}")))?;
    let mut de = serde_json::Deserializer::from_reader(reader);
    let mut stopped = false;
    let seed = Top {
        people: &people,
        emit,
        stopped: &mut stopped,
    };
    match seed.deserialize(&mut de) {
        Ok(()) => de.end().map_err(|e| json_error(&e)),
        Err(_) if stopped => Ok(()),
        Err(e) => Err(json_error(&e)),
    }
}

struct Top<'a> {
    people: &'a HashMap<String, Author>,
    emit: &'a Emit,
    stopped: &'a mut bool,
}

impl<'de> DeserializeSeed<'de> for Top<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Top<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Commento export (an object with `comments`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "comments" {
                map.next_value_seed(Comments {
                    people: self.people,
                    emit: self.emit,
                    stopped: &mut *self.stopped,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct Comments<'a> {
    people: &'a HashMap<String, Author>,
    emit: &'a Emit,
    stopped: &'a mut bool,
}

impl<'de> DeserializeSeed<'de> for Comments<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Comments<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of comments")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(comment) = seq.next_element::<Comment>()? {
            for record in records(self.people, comment) {
                if self.emit.send(record).is_err() {
                    *self.stopped = true;
                    return Err(serde::de::Error::custom("the import stopped"));
                }
            }
        }
        Ok(())
    }
}

fn records(people: &HashMap<String, Author>, c: Comment) -> [Record; 2] {
    let url = if c.url.contains("://") || c.domain.trim().is_empty() {
        c.url.clone()
    } else {
        let path = if c.url.starts_with('/') {
            c.url.clone()
        } else {
            format!("/{}", c.url)
        };
        format!("https://{}{path}", c.domain.trim())
    };
    let thread = Record::Thread(Thread {
        id: url.clone(),
        url: url.clone(),
        title: String::new(),
        created_at: None,
        deleted: false,
    });
    let state = match c.state.as_str() {
        "approved" => State::Published,
        _ => State::Pending,
    };
    let parent = c.parent.trim();
    let post = Record::Post(Post {
        id: (!c.hex.trim().is_empty()).then(|| c.hex.trim().to_owned()),
        thread: url,
        parent: (!parent.is_empty() && parent != "root").then(|| parent.to_owned()),
        author: people.get(&c.commenter).cloned().unwrap_or_default(),
        // Some exports carry only the rendered HTML.
        text: if c.markdown.trim().is_empty() {
            Text::Html(c.html)
        } else {
            Text::Markdown(c.markdown)
        },
        created_at: parse_time(&c.created),
        state,
        deleted: c.deleted,
    });
    [thread, post]
}
