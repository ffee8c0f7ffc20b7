//! Markdown to sanitized HTML (comrak, then ammonia), as every comment and article is rendered
//! once when written.
//!
//! Run with `cargo bench -p tribune-text`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// A typical comment: a quotation, emphasis, a bare link, a short list.
const COMMENT: &str = "> the spillway gates were opened at dawn without warning\n\n\
Were they, though? The council's own timeline says the sirens were tested at *nine*, \
an hour **after** the release. See https://council.example.org/minutes/2026-11 for the \
minutes.\n\n- who ordered the release?\n- why was the valley not warned?\n";

/// What a hostile reader sends: raw HTML, script and event handlers, deep nesting.
const HOSTILE: &str = "<script>alert(1)</script><img src=x onerror=alert(2)> \
[click](javascript:alert(3)) <a href=\"data:text/html,x\">x</a> \
>>>>>>>>>>>>>>>> nested ******emphasis****** `code` <iframe src=//evil.example>";

fn article() -> String {
    (0..12)
        .map(|n| {
            format!(
                "Paragraph {n} of the report: the council met on Thursday and heard from \
                 residents of the lower valley, who asked why the *gates* opened before the \
                 sirens sounded and who will pay for the damage to the school.\n\n"
            )
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    group.throughput(Throughput::Bytes(COMMENT.len() as u64));
    group.bench_function("typical comment", |b| {
        b.iter(|| black_box(tribune_text::render_comment(black_box(COMMENT))))
    });
    group.throughput(Throughput::Bytes(HOSTILE.len() as u64));
    group.bench_function("hostile comment", |b| {
        b.iter(|| black_box(tribune_text::render_comment(black_box(HOSTILE))))
    });
    let long = COMMENT.repeat(40);
    group.throughput(Throughput::Bytes(long.len() as u64));
    group.bench_function("comment at 16 KB", |b| {
        b.iter(|| black_box(tribune_text::render_comment(black_box(&long))))
    });
    let article = article();
    group.throughput(Throughput::Bytes(article.len() as u64));
    group.bench_function("article of 12 paragraphs, with its paragraphs", |b| {
        b.iter(|| {
            black_box(tribune_text::render_article(black_box(&article)));
            black_box(tribune_text::render_paragraphs(black_box(&article)));
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
