//! WordPress's export (WXR, an RSS feed): each `<item>` (a post or page) with its `<link>`,
//! `<title>` and `<wp:post_id>`, then its `<wp:comment>` elements (`wp:comment_id`, author,
//! email, URL, `wp:comment_date_gmt`, content in HTML, `wp:comment_approved`: 1, 0, spam or
//! trash, `wp:comment_type`, `wp:comment_parent`: 0 for none). Comment ids are taken per post,
//! as some exports repeat them across posts.

use std::io::BufRead;

use super::xml::{Node, Walker};
use super::{Author, Emit, ParseError, Post, Record, State, Text, Thread, parse_time};

#[derive(Default)]
struct ItemFields {
    post_id: String,
    link: String,
    title: String,
    date: String,
    /// The thread has been sent (at the item's first comment).
    sent: bool,
}

#[derive(Default)]
struct CommentFields {
    id: String,
    author: Author,
    date_gmt: String,
    date: String,
    content: String,
    approved: String,
    kind: String,
    parent: String,
}

pub(crate) fn parse(reader: impl BufRead, emit: &Emit) -> Result<(), ParseError> {
    let mut walker = Walker::new(reader);
    let mut path: Vec<String> = Vec::new();
    let mut item: Option<ItemFields> = None;
    let mut comment: Option<CommentFields> = None;
    while let Some(node) = walker.next()? {
        match node {
            Node::Open { name, .. } => {
                match name.as_str() {
                    "item" => item = Some(ItemFields::default()),
                    "wp:comment" => {
                        if let Some(item) = &mut item {
                            if !item.sent {
                                item.sent = true;
                                send(emit, thread_record(item))?;
                            }
                            comment = Some(CommentFields::default());
                        }
                    }
                    _ => {}
                }
                path.push(name);
            }
            Node::Close { name, text } => {
                path.pop();
                if let Some(fields) = &mut comment {
                    match name.as_str() {
                        "wp:comment_id" => fields.id = text,
                        "wp:comment_author" => fields.author.name = text,
                        "wp:comment_author_email" => fields.author.email = text,
                        "wp:comment_author_url" => fields.author.website = text,
                        "wp:comment_date_gmt" => fields.date_gmt = text,
                        "wp:comment_date" => fields.date = text,
                        "wp:comment_content" => fields.content = text,
                        "wp:comment_approved" => fields.approved = text,
                        "wp:comment_type" => fields.kind = text,
                        "wp:comment_parent" => fields.parent = text,
                        "wp:comment" => {
                            if let (Some(fields), Some(item)) = (comment.take(), &item) {
                                send(emit, comment_record(item, fields))?;
                            }
                        }
                        _ => {}
                    }
                } else if let Some(fields) = &mut item {
                    match (path.last().map(String::as_str), name.as_str()) {
                        (Some("item"), "title") => fields.title = text,
                        (Some("item"), "link") => fields.link = text,
                        (Some("item"), "wp:post_id") => fields.post_id = text,
                        (Some("item"), "wp:post_date_gmt") => fields.date = text,
                        (_, "item") => item = None,
                        _ => {}
                    }
                }
            }
        }
    }
    Ok(())
}

fn send(emit: &Emit, record: Record) -> Result<(), ParseError> {
    emit.send(record)
        .map_err(|_| ParseError::new(super::At::File, "the import stopped"))
}

/// What identifies an item: its `wp:post_id`, else its link.
fn item_key(item: &ItemFields) -> &str {
    match item.post_id.trim() {
        "" => item.link.trim(),
        id => id,
    }
}

fn thread_record(item: &ItemFields) -> Record {
    Record::Thread(Thread {
        id: item_key(item).to_owned(),
        url: item.link.trim().to_owned(),
        title: item.title.trim().to_owned(),
        created_at: parse_time(&item.date).ok(),
        deleted: false,
    })
}

fn comment_record(item: &ItemFields, fields: CommentFields) -> Record {
    let post_id = item_key(item);
    if !matches!(fields.kind.trim(), "" | "comment") {
        return Record::Skip("pingbacks and trackbacks");
    }
    let (state, deleted) = match fields.approved.trim() {
        "1" | "approve" | "approved" => (State::Published, false),
        "spam" => (State::Spam, false),
        "trash" => (State::Published, true),
        _ => (State::Pending, false),
    };
    let id = fields.id.trim();
    let parent = fields.parent.trim();
    // A never-set GMT date is written as zeros: the local date is all there is.
    let date = match fields.date_gmt.trim() {
        "" | "0000-00-00 00:00:00" => fields.date,
        _ => fields.date_gmt,
    };
    Record::Post(Post {
        id: (!id.is_empty() && !post_id.is_empty()).then(|| format!("{post_id}/{id}")),
        thread: post_id.to_owned(),
        parent: (!parent.is_empty() && parent != "0").then(|| format!("{post_id}/{parent}")),
        author: fields.author,
        text: Text::Html(fields.content),
        created_at: parse_time(&date),
        state,
        deleted,
    })
}
