//! Throughput of `Assessor::assess` on a realistic mix of ~200-character comments.
//!
//! Run with `cargo bench -p tribune-assess`. The target is at least 20,000 assessments per
//! second on one core (under 50 µs each).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tribune_assess::{Assessor, Signals, Thresholds, fingerprint};

const MIX: &[&str] = &[
    "The shelling of the eastern district went on for three nights and nobody in the ministry seems able to say who ordered it. If the report is right, that is a war crime. Somebody has to answer for it.",
    "@Kestrel you make a fair point about the budget, but the figures in the article are from 2022 and the council has since cut the library hours again. The library matters to the town.",
    "The minister is a liar and his own emails prove it. He should resign today, and the party should stop pretending this is a media invention. Nobody believes the spin.",
    "Rape charges were filed against the coach on Tuesday; let the trial run its course before this comment section convicts him. Courts exist for a reason. Let the jury do its job.",
    "You are an idiot and everyone in this thread knows it. Go back to whatever hole you crawled out of and stop wasting our time with this nonsense. Honestly.",
    "Sarcasm aside, the new transport secretary has done more in a month than the last one did in a year. Still, the trains were late again this morning. Small mercies.",
    "Great article! Cheap watches and pills at https://deals.example.ru/buy and http://pills.example.com/x, visit now for 90% off, limited offer today only!!! Click now!!!",
    "I h0pe y0u d1e, y0u pathetic l1ttle tr0ll. N0b0dy here wants y0ur c0mments and every0ne w0uld be better off if y0u just disappeared f0r g00d. G0 aw4y.",
    "The Nazi regime kept detailed records, which is exactly why historians can document what happened. Calling today's opponents Nazis cheapens all of it. Words matter here.",
    "Dick Cheney said much the same in 2003, and we know how that went. The county fair had a hoe down that weekend, which got more attention locally. History repeats itself.",
];

fn bench(c: &mut Criterion) {
    let assessor = Assessor::new(Thresholds::default(), &["example.ru".to_string()]);
    let signals = Signals {
        account_age_hours: 2000.0,
        approved_comments: 12,
        ..Signals::default()
    };
    let mut group = c.benchmark_group("assess");
    group.throughput(Throughput::Elements(MIX.len() as u64));
    group.bench_function("mix of 10 comments", |b| {
        b.iter(|| {
            for text in MIX {
                black_box(assessor.assess(black_box(text), &signals));
            }
        })
    });
    group.finish();
    // rustrict alone on the whole mix, as if it ran on every comment: the reason it runs only
    // on text that looks disguised (see `profanity.rs`).
    c.bench_function("rustrict alone, mix of 10", |b| {
        b.iter(|| {
            for text in MIX {
                black_box(rustrict::Censor::from_str(black_box(text)).analyze());
            }
        })
    });
    c.bench_function("fingerprint", |b| {
        b.iter(|| black_box(fingerprint(black_box(MIX[0]))))
    });
    c.bench_function("new assessor", |b| {
        b.iter(|| black_box(Assessor::new(Thresholds::default(), &[])))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
