//! Remark42's backup: one JSON object per line. The first line holds the site's metadata
//! (`version`, `users`, `posts`); each other line is a comment: `id`, `pid` (its parent, empty
//! for none), `text` (HTML), `user` (`id`, `name`), `locator.url` (the page), `time`, and
//! `delete` when it was deleted.

use std::io::BufRead;

use serde::Deserialize;

use super::{At, Author, Emit, ParseError, Post, Record, State, Text, Thread, parse_time};

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    version: Option<serde_json::Value>,
    #[serde(default)]
    pid: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    user: User,
    #[serde(default)]
    locator: Locator,
    #[serde(default)]
    time: String,
    #[serde(default)]
    delete: bool,
}

#[derive(Deserialize, Default)]
struct User {
    #[serde(default)]
    id: String,
    #[serde(default)]
    name: String,
}

#[derive(Deserialize, Default)]
struct Locator {
    #[serde(default)]
    url: String,
}

pub(crate) fn parse(reader: impl BufRead, emit: &Emit) -> Result<(), ParseError> {
    let mut any = false;
    for (index, line) in reader.lines().enumerate() {
        let number = index as u64 + 1;
        let line = line.map_err(|e| ParseError::new(At::Line(number, 1), e.to_string()))?;
        if line.trim().is_empty() {
            continue;
        }
        any = true;
        let parsed: Line = serde_json::from_str(&line).map_err(|e| {
            let message = e.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m)
                .to_owned();
            ParseError::new(At::Line(number, e.column() as u64), message)
        })?;
        let Some(id) = parsed.id else {
            if parsed.version.is_some() {
                // The metadata line.
                continue;
            }
            send(emit, Record::Skip("comments without an id in the source"))?;
            continue;
        };
        let url = parsed.locator.url.trim().to_owned();
        send(
            emit,
            Record::Thread(Thread {
                id: url.clone(),
                url: url.clone(),
                title: String::new(),
                created_at: None,
                deleted: false,
            }),
        )?;
        let parent = parsed.pid.trim();
        send(
            emit,
            Record::Post(Post {
                id: Some(id),
                thread: url,
                parent: (!parent.is_empty()).then(|| parent.to_owned()),
                author: Author {
                    name: parsed.user.name,
                    email: String::new(),
                    username: parsed.user.id,
                    website: String::new(),
                },
                text: Text::Html(parsed.text),
                created_at: parse_time(&parsed.time),
                state: State::Published,
                deleted: parsed.delete,
            }),
        )?;
    }
    if !any {
        return Err(ParseError::new(At::File, "the file is empty"));
    }
    Ok(())
}

fn send(emit: &Emit, record: Record) -> Result<(), ParseError> {
    emit.send(record)
        .map_err(|_| ParseError::new(At::File, "the import stopped"))
}
