//! Mentions (`tribune_domain::mention`): scanning a comment for `@names`, recognizing an
//! addressee (`Kestrel, …`) and linking what was found. Never panics, and every offset handed
//! back points at exactly the text it claims, within the bound asked for.
//!
//! Input: the first line lists participants separated by `|` (user ids 1, 2, …; a name may
//! repeat, as two people may share one), the rest is the comment.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tribune_domain::mention::{self, Participant};

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (names, text) = input.split_once('\n').unwrap_or(("", input));
    let participants: Vec<Participant> = names
        .split('|')
        .filter(|name| !name.is_empty())
        .zip(1..)
        .map(|(name, user_id)| Participant {
            user_id,
            display_name: name.to_owned(),
        })
        .collect();

    for max in [1, 3, 50] {
        let found = mention::scan(text, &participants, max);
        assert!(found.resolved.len() + found.unresolved.len() <= max);
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for m in &found.resolved {
            assert_eq!(text.get(m.start..m.end), Some(m.written.as_str()), "{m:?}");
            assert!(m.written.starts_with('@'), "{m:?}");
            assert!(
                participants
                    .iter()
                    .any(|p| p.user_id == m.user_id && p.display_name == m.display_name),
                "{m:?} is nobody"
            );
            spans.push((m.start, m.end));
        }
        for u in &found.unresolved {
            assert_eq!(text.get(u.start..u.end), Some(u.written.as_str()), "{u:?}");
            assert!(u.written.starts_with('@'), "{u:?}");
            spans.push((u.start, u.end));
        }
        spans.sort_unstable();
        for pair in spans.windows(2) {
            assert!(
                pair[0].1 <= pair[1].0,
                "overlapping mentions {pair:?} in {text:?}"
            );
        }

        let linked = mention::link_mentions(text, &found.resolved);
        for m in &found.resolved {
            let link = format!("](/users/{})", m.user_id);
            assert!(linked.contains(&link), "{m:?} not linked in {linked:?}");
        }
    }

    if let Some(m) = mention::addressee(text, &participants) {
        assert_eq!(text.get(m.start..m.end), Some(m.written.as_str()), "{m:?}");
        let _ = mention::link_mentions(text, std::slice::from_ref(&m));
    }
    assert_eq!(mention::link_mentions(text, &[]), text);
});
