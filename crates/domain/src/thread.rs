//! Threads: comments nested under what they answer, to a depth cap after which replies
//! continue flat at the deepest level.

use std::collections::HashMap;

use serde::Serialize;

use crate::comment::{Comment, CommentSort};

/// A comment with the replies shown under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThreadNode {
    pub comment: Comment,
    /// How deep it is shown: its depth, but never more than the cap.
    pub level: usize,
    pub replies: Vec<ThreadNode>,
    /// On a top-level comment: how many of its replies were left out by [`cap_replies`].
    pub hidden_replies: usize,
}

/// Keeps at most `max` replies under each thread, the first ones in reading order (depth
/// first, oldest first), and counts what it left out on the thread's top-level comment: a
/// thread of hundreds of replies must not make the whole page heavy.
pub fn cap_replies(threads: &mut [ThreadNode], max: usize) {
    for thread in threads {
        let mut budget = max;
        let total = count_replies(&thread.replies);
        keep_first(&mut thread.replies, &mut budget);
        thread.hidden_replies = total - count_replies(&thread.replies);
    }
}

fn count_replies(nodes: &[ThreadNode]) -> usize {
    let mut count = 0;
    let mut stack: Vec<&ThreadNode> = nodes.iter().collect();
    while let Some(node) = stack.pop() {
        count += 1;
        stack.extend(node.replies.iter());
    }
    count
}

fn keep_first(nodes: &mut Vec<ThreadNode>, budget: &mut usize) {
    // Depth is capped by `assemble`, so this recursion is as deep as the depth cap at most.
    let mut kept = 0;
    for node in nodes.iter_mut() {
        if *budget == 0 {
            break;
        }
        *budget -= 1;
        kept += 1;
        keep_first(&mut node.replies, budget);
    }
    nodes.truncate(kept);
}

/// The top-level comments among `comments`, in the order of `sort`.
pub fn roots_in_order(comments: &[Comment], sort: CommentSort) -> Vec<Comment> {
    let mut roots: Vec<Comment> = comments
        .iter()
        .filter(|c| c.parent_id.is_none())
        .cloned()
        .collect();
    match sort {
        CommentSort::Oldest => roots.sort_by_key(|c| c.id),
        CommentSort::Newest => roots.sort_by_key(|c| std::cmp::Reverse(c.id)),
        CommentSort::Liked => {
            roots.sort_by_key(|c| (std::cmp::Reverse(c.reaction_count), c.id));
        }
    }
    roots
}

/// Nests `comments` (whole threads) under their parents: threads in the order of `sort`,
/// replies oldest first. Replies deeper than `depth_cap` are shown at the cap, in order, as
/// the last level; a reply whose parent is not among `comments` (held, say) is shown under
/// its thread's top-level comment.
pub fn assemble(comments: &[Comment], sort: CommentSort, depth_cap: usize) -> Vec<ThreadNode> {
    let present: HashMap<i64, &Comment> = comments.iter().map(|c| (c.id, c)).collect();
    let mut replies: HashMap<i64, Vec<&Comment>> = HashMap::new();
    let mut by_id: Vec<&Comment> = comments.iter().collect();
    by_id.sort_by_key(|c| c.id);
    for comment in by_id {
        let Some(parent_id) = comment.parent_id else {
            continue;
        };
        let attach_to = if present.contains_key(&parent_id) {
            parent_id
        } else {
            comment.root_id
        };
        if attach_to != comment.id {
            replies.entry(attach_to).or_default().push(comment);
        }
    }
    roots_in_order(comments, sort)
        .into_iter()
        .map(|root| node(root, 0, depth_cap.max(1), &replies))
        .collect()
}

fn node(
    comment: Comment,
    level: usize,
    depth_cap: usize,
    replies: &HashMap<i64, Vec<&Comment>>,
) -> ThreadNode {
    let children = if level + 1 >= depth_cap {
        // At the cap, every deeper reply joins this level's list, oldest first.
        let mut flat = Vec::new();
        collect_descendants(comment.id, replies, &mut flat);
        flat.sort_by_key(|c| c.id);
        flat.into_iter()
            .map(|c| ThreadNode {
                comment: c.clone(),
                level: depth_cap,
                replies: Vec::new(),
                hidden_replies: 0,
            })
            .collect()
    } else {
        replies
            .get(&comment.id)
            .into_iter()
            .flatten()
            .map(|c| node((*c).clone(), level + 1, depth_cap, replies))
            .collect()
    };
    ThreadNode {
        comment,
        level,
        replies: children,
        hidden_replies: 0,
    }
}

fn collect_descendants<'a>(
    id: i64,
    replies: &HashMap<i64, Vec<&'a Comment>>,
    out: &mut Vec<&'a Comment>,
) {
    // Iterative, so a pathological chain of replies cannot overflow the stack.
    let mut stack = vec![id];
    while let Some(current) = stack.pop() {
        for child in replies.get(&current).into_iter().flatten() {
            out.push(child);
            stack.push(child.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comment::CommentStatus;
    use time::macros::datetime;

    fn comment(id: i64, parent: Option<i64>, root: i64, likes: i64) -> Comment {
        Comment {
            id,
            article_id: 1,
            author_id: 1,
            author_name: format!("reader {id}"),
            author_guest: false,
            author_website: None,
            parent_id: parent,
            parent_author: None,
            root_id: root,
            depth: 0,
            body_markdown: String::new(),
            body_html: String::new(),
            mentions: Vec::new(),
            quotes: Vec::new(),
            status: CommentStatus::Published,
            reaction_count: likes,
            created_at: datetime!(2026-11-24 07:30 UTC),
            edited_at: None,
            deleted: false,
            featured: false,
            moderator_note: None,
            rejection_reason: None,
        }
    }

    fn shape(nodes: &[ThreadNode]) -> String {
        nodes
            .iter()
            .map(|n| {
                if n.replies.is_empty() {
                    format!("{}", n.comment.id)
                } else {
                    format!("{}({})", n.comment.id, shape(&n.replies))
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn nests_replies_under_parents_to_the_cap() {
        // 1 ← 2 ← 3 ← 4 ← 5, and 1 ← 6; 7 alone; 8 answers a comment not present (held).
        let comments = vec![
            comment(1, None, 1, 0),
            comment(2, Some(1), 1, 0),
            comment(3, Some(2), 1, 0),
            comment(4, Some(3), 1, 0),
            comment(5, Some(4), 1, 0),
            comment(6, Some(1), 1, 0),
            comment(7, None, 7, 5),
            comment(8, Some(99), 7, 0),
        ];
        assert_eq!(
            shape(&assemble(&comments, CommentSort::Oldest, 10)),
            "1(2(3(4(5))) 6) 7(8)"
        );
        assert_eq!(
            shape(&assemble(&comments, CommentSort::Oldest, 2)),
            "1(2(3 4 5) 6) 7(8)"
        );
        assert_eq!(
            shape(&assemble(&comments, CommentSort::Liked, 2)),
            "7(8) 1(2(3 4 5) 6)"
        );
        assert_eq!(
            shape(&assemble(&comments, CommentSort::Newest, 1)),
            "7(8) 1(2 3 4 5 6)"
        );
        let capped = assemble(&comments, CommentSort::Oldest, 2);
        assert_eq!(capped[0].replies[0].replies[2].level, 2);
    }

    #[test]
    fn long_threads_show_their_first_replies() {
        let comments = vec![
            comment(1, None, 1, 0),
            comment(2, Some(1), 1, 0),
            comment(3, Some(2), 1, 0),
            comment(4, Some(1), 1, 0),
            comment(5, Some(4), 1, 0),
            comment(6, None, 6, 0),
        ];
        let mut threads = assemble(&comments, CommentSort::Oldest, 10);
        cap_replies(&mut threads, 3);
        assert_eq!(shape(&threads), "1(2(3) 4) 6");
        assert_eq!(
            (threads[0].hidden_replies, threads[1].hidden_replies),
            (1, 0)
        );
    }

    #[test]
    fn a_long_chain_does_not_overflow() {
        let mut comments = vec![comment(1, None, 1, 0)];
        for id in 2..20_000 {
            comments.push(comment(id, Some(id - 1), 1, 0));
        }
        let threads = assemble(&comments, CommentSort::Oldest, 4);
        let mut count = 0;
        let mut stack: Vec<&ThreadNode> = threads.iter().collect();
        while let Some(n) = stack.pop() {
            count += 1;
            stack.extend(n.replies.iter());
        }
        assert_eq!(count, 19_999, "every comment appears exactly once");
    }
}
