//! Thread assembly: nesting a page of comments under their parents to the depth cap, as every
//! threaded page and its JSON do.
//!
//! Run with `cargo bench -p tribune-domain`.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use time::macros::datetime;
use tribune_domain::comment::{CommentSort, CommentStatus};
use tribune_domain::{Comment, thread};

/// `count` comments in threads of a hot discussion: a third top-level, the rest replies to a
/// recent comment, some of them long chains.
fn discussion(count: i64) -> Vec<Comment> {
    let mut comments: Vec<Comment> = Vec::with_capacity(count as usize);
    for id in 1..=count {
        let parent = (id % 3 != 1).then(|| {
            let back = if id % 7 == 0 { 1 } else { 1 + id % 11 };
            (id - back).max(1)
        });
        let (root, depth) = match parent.and_then(|p| comments.get(p as usize - 1)) {
            Some(p) => (p.root_id, p.depth + 1),
            None => (id, 0),
        };
        comments.push(Comment {
            id,
            article_id: 1,
            author_id: id % 40,
            author_name: format!("reader {}", id % 40),
            author_guest: false,
            author_website: None,
            parent_id: parent.filter(|_| depth > 0),
            parent_author: None,
            root_id: root,
            depth,
            body_markdown: String::new(),
            body_html: String::new(),
            mentions: Vec::new(),
            quotes: Vec::new(),
            status: CommentStatus::Published,
            reaction_count: id % 13,
            created_at: datetime!(2026-11-24 07:30 UTC),
            edited_at: None,
            deleted: false,
            featured: false,
            moderator_note: None,
            rejection_reason: None,
        });
    }
    comments
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("assemble threads");
    for count in [200, 10_000] {
        let comments = discussion(count);
        group.throughput(Throughput::Elements(count as u64));
        for sort in [CommentSort::Oldest, CommentSort::Liked] {
            group.bench_with_input(
                BenchmarkId::new(sort.as_str(), count),
                &comments,
                |b, comments| b.iter(|| black_box(thread::assemble(black_box(comments), sort, 6))),
            );
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
