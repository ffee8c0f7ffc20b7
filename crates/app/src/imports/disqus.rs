//! Disqus's XML export: `<thread dsq:id>` records (address, title, time, deleted) first, then
//! `<post dsq:id>` records that name their thread and parent by `dsq:id`, with the message in
//! HTML, the author, and `isDeleted` / `isSpam`. A post without a `dsq:id` gets one from a
//! hash of its content.

use std::io::BufRead;

use super::xml::{Node, Walker, attribute};
use super::{Author, Emit, ParseError, Post, Record, State, Text, Thread, parse_time};

#[derive(Default)]
struct PostFields {
    id: Option<String>,
    thread: String,
    parent: Option<String>,
    author: Author,
    message: String,
    created_at: String,
    deleted: Option<bool>,
    spam: Option<bool>,
}

#[derive(Default)]
struct ThreadFields {
    id: Option<String>,
    link: String,
    title: String,
    created_at: String,
    deleted: Option<bool>,
}

pub(crate) fn parse(reader: impl BufRead, emit: &Emit) -> Result<(), ParseError> {
    let mut walker = Walker::new(reader);
    let mut path: Vec<String> = Vec::new();
    let mut thread: Option<ThreadFields> = None;
    let mut post: Option<PostFields> = None;
    while let Some(node) = walker.next()? {
        match node {
            Node::Open { name, attributes } => {
                let id = || attribute(&attributes, "dsq:id").map(str::to_owned);
                match (path.len(), name.as_str()) {
                    (1, "thread") => {
                        thread = Some(ThreadFields {
                            id: id(),
                            deleted: Some(false),
                            ..ThreadFields::default()
                        })
                    }
                    (1, "post") => {
                        post = Some(PostFields {
                            id: id(),
                            deleted: Some(false),
                            spam: Some(false),
                            ..PostFields::default()
                        })
                    }
                    (2, "thread") => {
                        if let Some(post) = &mut post {
                            post.thread = id().unwrap_or_default();
                        }
                    }
                    (2, "parent") => {
                        if let Some(post) = &mut post {
                            post.parent = id();
                        }
                    }
                    _ => {}
                }
                path.push(name);
            }
            Node::Close { name, text } => {
                path.pop();
                let depth = path.len();
                if let Some(fields) = &mut thread {
                    match (depth, name.as_str()) {
                        (2, "link") => fields.link = text,
                        (2, "title") => fields.title = text,
                        (2, "createdAt") => fields.created_at = text,
                        (2, "isDeleted") => fields.deleted = flag(&text),
                        (1, "thread") => {
                            if let Some(fields) = thread.take() {
                                send(emit, thread_record(fields))?;
                            }
                        }
                        _ => {}
                    }
                } else if let Some(fields) = &mut post {
                    match (depth, name.as_str()) {
                        (2, "message") => fields.message = text,
                        (2, "createdAt") => fields.created_at = text,
                        (2, "isDeleted") => fields.deleted = flag(&text),
                        (2, "isSpam") => fields.spam = flag(&text),
                        (3, "email") if path.last().is_some_and(|p| p == "author") => {
                            fields.author.email = text
                        }
                        (3, "name") if path.last().is_some_and(|p| p == "author") => {
                            fields.author.name = text
                        }
                        (3, "username") if path.last().is_some_and(|p| p == "author") => {
                            fields.author.username = text
                        }
                        (1, "post") => {
                            if let Some(fields) = post.take() {
                                send(emit, post_record(fields))?;
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    Ok(())
}

fn send(emit: &Emit, record: Record) -> Result<(), ParseError> {
    // The import stopped (it failed): nothing more to read.
    emit.send(record)
        .map_err(|_| ParseError::new(super::At::File, "the import stopped"))
}

/// `true` or `false` (an absent flag is false); anything else is unreadable.
fn flag(text: &str) -> Option<bool> {
    match text.trim() {
        "true" => Some(true),
        "false" | "" => Some(false),
        _ => None,
    }
}

fn thread_record(fields: ThreadFields) -> Record {
    let Some(id) = fields.id else {
        return Record::Skip("threads without an id in the source");
    };
    let Some(deleted) = fields.deleted else {
        return Record::Skip("threads with unreadable fields");
    };
    Record::Thread(Thread {
        id,
        url: fields.link.trim().to_owned(),
        title: fields.title.trim().to_owned(),
        created_at: parse_time(&fields.created_at).ok(),
        deleted,
    })
}

fn post_record(fields: PostFields) -> Record {
    let (Some(deleted), Some(spam)) = (fields.deleted, fields.spam) else {
        return Record::Skip("comments with unreadable fields (isDeleted, isSpam)");
    };
    let id = Some(fields.id.clone().unwrap_or_else(|| content_id(&fields)));
    Record::Post(Post {
        id,
        thread: fields.thread,
        parent: fields.parent,
        author: fields.author,
        text: Text::Html(fields.message),
        created_at: parse_time(&fields.created_at),
        state: if spam { State::Spam } else { State::Published },
        deleted,
    })
}

/// An id for a post that has none (some exports lack `dsq:id`): a hash of what it is, so that
/// importing the file again still finds it.
fn content_id(fields: &PostFields) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for part in [
        fields.thread.as_str(),
        fields.created_at.trim(),
        fields.author.email.trim(),
        fields.author.name.trim(),
        fields.author.username.trim(),
        fields.message.trim(),
    ] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    let digest = hash.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("content:{hex}")
}
