//! The comment assessor (`tribune_assess::Assessor::assess`): any text with any account
//! signals gets an assessment, never a panic, with scores that are numbers between 0 and 1.
//!
//! Input: the first 8 bytes set the account signals, the rest is the comment.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tribune_assess::{Assessor, Signals, Thresholds};

fn assessor() -> &'static Assessor {
    static ASSESSOR: OnceLock<Assessor> = OnceLock::new();
    ASSESSOR.get_or_init(|| {
        Assessor::new(
            Thresholds::default(),
            &[
                "spam.example".to_owned(),
                "xn--bcher-kva.example".to_owned(),
            ],
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let (head, body) = data.split_at(data.len().min(8));
    let Ok(text) = std::str::from_utf8(body) else {
        return;
    };
    let byte = |i: usize| u32::from(head.get(i).copied().unwrap_or(0));
    let signals = Signals {
        account_age_hours: f64::from(byte(0)) * 10.0,
        approved_comments: byte(1),
        rejected_comments: byte(2) % 16,
        reports_against: byte(3) % 16,
        trusted: byte(4) & 1 == 1,
        recent_by_account: byte(5) % 32,
        recent_by_address: byte(6) % 32,
        near_duplicates: byte(7) % 8,
        exact_duplicates: byte(7) / 32,
    };
    let assessment = assessor().assess(text, &signals);
    let s = &assessment.scores;
    for (name, value) in [
        ("risk", s.risk),
        ("abuse", s.abuse),
        ("spam", s.spam),
        ("toxicity_model", s.toxicity_model),
        ("profanity", s.profanity),
        ("shouting", s.shouting),
    ] {
        assert!(
            (0.0..=1.0).contains(&value),
            "{name} = {value} for {text:?}"
        );
    }
    for value in [s.base_model, s.site_model].into_iter().flatten() {
        assert!((0.0..=1.0).contains(&value), "model {value} for {text:?}");
    }
    assert!(
        s.account.is_finite() && s.account > 0.0,
        "account = {}",
        s.account
    );
});
