//! Who is targeted, and how.
//!
//! News discussion borrows the vocabulary of war and crime (killed, war crimes, Nazis,
//! shelling, genocide, rape charges) and criticises public figures harshly, and all of that is
//! civil. Abuse is a matter of frame: an insult noun aimed at the reader ("you idiot") or
//! pinned on a person ("the author is a clown"), a group called vermin, harm wished on
//! someone, a slur, swearing at someone. The patterns below look for those frames over folded
//! words (see `normalize`), never across a clause, and give the matched phrase as evidence.
//! Words inside quotation marks or a block quote are reported speech and are skipped.

use crate::lexicon::{Lexicon, role::*};
use crate::normalize::{Word, words};

/// Kinds of abuse, each with a stable reason code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Slur,
    Threat,
    Dehumanising,
    Insult,
    Obscenity,
    Profanity,
}

impl Kind {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Kind::Slur => "slur",
            Kind::Threat => "threat",
            Kind::Dehumanising => "dehumanising",
            Kind::Insult => "insult",
            Kind::Obscenity => "obscenity",
            Kind::Profanity => "profanity",
        }
    }

    pub(crate) fn message(self) -> &'static str {
        match self {
            Kind::Slur => "Uses a slur against a group of people.",
            Kind::Threat => "Threatens someone or wishes them harm.",
            Kind::Dehumanising => "Describes people as vermin, animals or less than human.",
            Kind::Insult => "Insults the reader, another commenter or a named person.",
            Kind::Obscenity => "Swears at someone.",
            Kind::Profanity => "Contains swearing that is not aimed at anyone.",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Finding {
    pub kind: Kind,
    /// How sure the frame makes us, 0..1.
    pub strength: f32,
    pub evidence: String,
}

/// What the analysis found, plus the cues the assessor uses to weigh the linear model.
#[derive(Debug, Clone, Default)]
pub(crate) struct Targeting {
    /// At most one finding per kind, the strongest.
    pub findings: Vec<Finding>,
    /// The comment addresses the reader.
    pub second_person: bool,
    /// Words from the insult, slur or obscenity lists, outside quotations.
    pub hostile_words: u32,
}

const MAX_EVIDENCE: usize = 120;

struct Ctx<'a> {
    text: &'a str,
    words: &'a [Word],
    roles: Vec<u32>,
    out: Targeting,
}

impl Ctx<'_> {
    fn is(&self, i: usize, role: u32) -> bool {
        self.roles.get(i).is_some_and(|r| r & role != 0)
    }

    fn w(&self, i: usize) -> &str {
        self.words.get(i).map_or("", |w| w.text.as_str())
    }

    fn same_clause(&self, i: usize, j: usize) -> bool {
        match (self.words.get(i), self.words.get(j)) {
            (Some(a), Some(b)) => a.clause == b.clause,
            _ => false,
        }
    }

    /// The word ends its clause, or a comma or a joining word follows it: a noun there is
    /// not the first half of a compound ("animal rights", "rat poison", "Dick Cheney").
    fn ends_phrase(&self, i: usize) -> bool {
        let j = i + 1;
        if j >= self.words.len() || !self.same_clause(i, j) {
            return true;
        }
        let between = &self.text[self.words[i].end..self.words[j].start];
        between.contains(',') || between.contains('(') || self.is(j, BREAK) || self.is(j, YOU)
    }

    fn evidence(&self, from: usize, to: usize) -> String {
        let start = self.words[from].start;
        let end = self.words[to].end;
        let s = self.text[start..end].trim();
        if s.len() <= MAX_EVIDENCE {
            return s.to_string();
        }
        let mut cut = MAX_EVIDENCE;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}…", &s[..cut])
    }

    fn find(&mut self, kind: Kind, strength: f32, from: usize, to: usize) {
        let evidence = self.evidence(from, to);
        match self.out.findings.iter_mut().find(|f| f.kind == kind) {
            Some(f) if f.strength >= strength => {}
            Some(f) => {
                f.strength = strength;
                f.evidence = evidence;
            }
            None => self.out.findings.push(Finding {
                kind,
                strength,
                evidence,
            }),
        }
    }

    /// Reported speech: a reporting verb earlier in the clause ("he called them vermin").
    fn reported(&self, i: usize) -> bool {
        let clause = self.words[i].clause;
        (0..i)
            .rev()
            .take_while(|&k| self.words[k].clause == clause)
            .any(|k| self.is(k, REPORTING))
    }
}

/// Runs every pattern over the text.
pub(crate) fn analyse(lexicon: &Lexicon, text: &str) -> Targeting {
    let words = words(text);
    let roles = words
        .iter()
        .map(|w| {
            let r = lexicon.roles(&w.text);
            // "what a f a g": the article joined the spelled-out word; try without it.
            match w.text.strip_prefix(['a', 'i']) {
                Some(rest) if r == 0 && w.spelled => lexicon.roles(rest),
                _ => r,
            }
        })
        .collect();
    let mut cx = Ctx {
        text,
        words: &words,
        roles,
        out: Targeting::default(),
    };
    for (i, word) in words.iter().enumerate() {
        if word.quoted {
            continue;
        }
        if cx.is(i, YOU) {
            cx.out.second_person = true;
        }
        if cx.is(i, INSULT | SLUR | OBSCENE | INSULT_ADJ | INSULT_FRAMED) {
            cx.out.hostile_words += 1;
        }
        slur(&mut cx, i);
        copula(&mut cx, i);
        second_person(&mut cx, i);
        pointed(&mut cx, i);
        threat(&mut cx, i);
        obscenity(&mut cx, i);
    }
    cx.out.findings.sort_by_key(|f| f.kind);
    cx.out
}

fn slur(cx: &mut Ctx, i: usize) {
    // "a chink in the armour", "a chink of light" are idioms.
    if cx.w(i).starts_with("chink") && matches!(cx.w(i + 1), "in" | "of") {
        return;
    }
    if cx.is(i, SLUR) {
        // Naming a slur to report it ("he was banned for calling a player a …") still needs
        // a moderator's eye, so it is weaker but not dropped.
        let s = if cx.reported(i) { 0.6 } else { 0.95 };
        cx.find(Kind::Slur, s, i, i);
    }
}

/// "X is a moron", "you are trash", "they are vermin".
fn copula(cx: &mut Ctx, i: usize) {
    if !cx.is(i, COPULA) || cx.is(i, SELF) {
        return;
    }
    let subject = i.checked_sub(1).filter(|&s| cx.same_clause(s, i));
    let subject_word = subject.map_or("", |s| cx.w(s));
    if subject.is_some_and(|s| cx.is(s, SELF)) {
        return;
    }
    let you = cx.w(i) == "youre" || subject.is_some_and(|s| cx.is(s, YOU));
    let plural = matches!(cx.w(i), "are" | "r" | "re" | "were" | "theyre");
    // "it is", "this is", "that's": said of a thing, not a person.
    let thing = matches!(
        subject_word,
        "it" | "this" | "that" | "which" | "what" | "there" | "bill" | "plan"
    ) || matches!(cx.w(i), "its" | "thats");
    if cx.reported(i) {
        return;
    }
    let mut j = i + 1;
    let mut steps = 0;
    while j < cx.words.len() && cx.same_clause(i, j) && steps < 8 {
        if cx.is(j, NEGATION) {
            return;
        }
        // Insult nouns name people only, so even "this is a moron" means a person.
        if cx.is(j, INSULT) {
            let s = if you { 0.9 } else { 0.8 };
            cx.find(Kind::Insult, s, subject.unwrap_or(i), j);
            return;
        }
        // Strong dehumanising nouns need no end of phrase: "parasites feeding off our taxes".
        let noun_ends = cx.ends_phrase(j) || adjective_like(cx.w(j + 1));
        if (cx.is(j, DEHUMAN_STRONG) || (cx.is(j, DEHUMAN) && noun_ends)) && plural && !thing {
            cx.find(Kind::Dehumanising, 0.88, subject.unwrap_or(i), j);
            return;
        }
        if cx.is(j, INSULT_FRAMED) && !thing && cx.ends_phrase(j) {
            let s = if you { 0.85 } else { 0.75 };
            cx.find(Kind::Insult, s, subject.unwrap_or(i), j);
            return;
        }
        if let Some(end) = piece_of(cx, j) {
            let s = if thing { 0.45 } else { 0.85 };
            cx.find(Kind::Insult, s, subject.unwrap_or(i), end);
            return;
        }
        // "you are stupid", "you're too stupid to ..."; "ignorant of the facts" is not.
        if cx.is(j, INSULT_ADJ) && you && cx.w(j + 1) != "of" {
            cx.find(Kind::Insult, 0.75, subject.unwrap_or(i), j);
            return;
        }
        if !cx.is(j, FILLER | INSULT_ADJ) && !adjective_like(cx.w(j)) {
            return;
        }
        j += 1;
        steps += 1;
    }
}

/// Words shaped like adjectives ("thieving", "bloated", "useless") may stand between a
/// copula and an insult noun; the noun is still required.
fn adjective_like(w: &str) -> bool {
    w.len() > 4
        && ["ing", "ed", "less", "ous", "ful", "ish"]
            .iter()
            .any(|s| w.ends_with(s))
}

/// "you idiot", "you people are all morons", "shut up, moron".
fn second_person(cx: &mut Ctx, i: usize) {
    if !cx.is(i, YOU) || matches!(cx.w(i), "yourself" | "yourselves" | "urself") {
        return;
    }
    // "thank you", "if you": the next words are not what the reader is called.
    let mut j = i + 1;
    let mut steps = 0;
    while j < cx.words.len() && cx.same_clause(i, j) && steps < 5 {
        if cx.is(j, NEGATION | SELF) || cx.words[j].quoted {
            return;
        }
        if cx.is(j, INSULT) {
            cx.find(Kind::Insult, 0.9, i, j);
            return;
        }
        if cx.is(j, INSULT_FRAMED | DEHUMAN) && cx.ends_phrase(j) {
            cx.find(Kind::Insult, 0.85, i, j);
            return;
        }
        if let Some(end) = piece_of(cx, j) {
            cx.find(Kind::Insult, 0.88, i, end);
            return;
        }
        if cx.is(j, INSULT_ADJ) && j == i + 1 && cx.ends_phrase(j) {
            // "you stupid." / "you pathetic, ..."
            cx.find(Kind::Insult, 0.75, i, j);
            return;
        }
        let w = cx.w(j);
        let allowed = cx.is(j, FILLER | INSULT_ADJ | COPULA)
            || matches!(
                w,
                "people" | "guys" | "lot" | "lots" | "folks" | "lefties" | "righties"
            );
        if !allowed {
            return;
        }
        j += 1;
        steps += 1;
    }
}

/// Insult nouns used as a vocative or with a pointer: "Moron.", "shut up, idiot",
/// "this clown", "these parasites", "what a moron"; and weaker, bare insult nouns.
fn pointed(cx: &mut Ctx, i: usize) {
    let strong_dehuman = cx.is(i, DEHUMAN_STRONG);
    if !cx.is(i, INSULT | INSULT_FRAMED) && !strong_dehuman {
        return;
    }
    if cx.reported(i) {
        return;
    }
    let prev = i.checked_sub(1).filter(|&p| cx.same_clause(p, i));
    // "I feel like an idiot", "he is not an idiot": the author or a denial.
    let clause = cx.words[i].clause;
    if (0..i)
        .rev()
        .take_while(|&k| cx.words[k].clause == clause)
        .any(|k| cx.is(k, SELF | NEGATION))
    {
        return;
    }
    let pointer = prev.filter(|&p| cx.is(p, POINTER)).or_else(|| {
        // "what a moron", "this total clown"
        let p2 = i.checked_sub(2).filter(|&p| cx.same_clause(p, i))?;
        (cx.is(p2, POINTER) && cx.is(i - 1, FILLER | INSULT_ADJ)).then_some(p2)
    });
    let subhuman = matches!(
        cx.w(i),
        "subhuman" | "subhumans" | "untermensch" | "untermenschen"
    );
    if subhuman {
        cx.find(Kind::Dehumanising, 0.85, i, i);
        return;
    }
    if let Some(p) = pointer {
        if strong_dehuman {
            cx.find(Kind::Dehumanising, 0.85, p, i);
        } else if cx.is(i, INSULT) || cx.ends_phrase(i) {
            cx.find(Kind::Insult, 0.8, p, i);
        }
        return;
    }
    let framed_only = !cx.is(i, INSULT);
    // "a fool like you", "animals like you"
    if cx.w(i + 1) == "like" && cx.is(i + 2, YOU) && cx.same_clause(i, i + 2) {
        cx.find(Kind::Insult, 0.85, i, i + 2);
        return;
    }
    // A short clause that is the insult, or opens or closes with it: a vocative.
    let first = (0..=i)
        .rev()
        .take_while(|&k| cx.words[k].clause == clause)
        .last()
        .unwrap_or(i);
    let last = (i..cx.words.len())
        .take_while(|&k| cx.words[k].clause == clause)
        .last()
        .unwrap_or(i);
    let shut_up = first + 1 < i && cx.w(first) == "shut" && cx.w(first + 1) == "up";
    // Set off by commas or the clause's edges: "Moron, ...", "..., idiot.", "Listen, dipshit,".
    let comma_before = i == first || cx.text[cx.words[i - 1].end..cx.words[i].start].contains(',');
    let comma_after = i == last || cx.text[cx.words[i].end..cx.words[i + 1].start].contains(',');
    let set_off = comma_before && comma_after && last > first;
    let vocative = shut_up || set_off || (last - first < 2 && !framed_only);
    if vocative && (!framed_only || i == last) {
        cx.find(Kind::Insult, 0.8, first, last);
    } else if strong_dehuman {
        cx.find(Kind::Dehumanising, 0.4, i, i);
    } else if !framed_only {
        // A bare insult noun with no frame: an idiom ("the bastard child of two policies")
        // as often as abuse. It only lifts the linear model's weight a little; a second one
        // ("leftard nonsense from a moron") is no idiom.
        let earlier = cx
            .out
            .findings
            .iter()
            .find(|f| f.kind == Kind::Insult && f.strength < 0.5)
            .map(|f| f.evidence.clone());
        match earlier {
            Some(e) if e != cx.words[i].text && !e.eq_ignore_ascii_case(cx.w(i)) => {
                let from = (0..i)
                    .rev()
                    .find(|&k| cx.text[cx.words[k].start..cx.words[k].end] == *e)
                    .unwrap_or(i);
                cx.find(Kind::Insult, 0.7, from, i);
            }
            _ => cx.find(Kind::Insult, 0.3, i, i),
        }
    }
}

/// Wishes of harm and threats: "I hope you die", "someone should shoot him", "kill yourself".
fn threat(cx: &mut Ctx, i: usize) {
    let w = cx.w(i);
    let next = cx.w(i + 1);
    let same_next = cx.same_clause(i, i + 1);
    if w == "kys" {
        cx.find(Kind::Threat, 0.95, i, i);
        return;
    }
    if (cx.is(i, HARM_VERB) || matches!(w, "go" | "neck"))
        && same_next
        && matches!(next, "yourself" | "urself" | "yourselves")
    {
        cx.find(Kind::Threat, 0.95, i, i + 1);
        return;
    }
    if (w == "go" || w == "drop") && same_next && matches!(next, "die" | "dead") {
        cx.find(Kind::Threat, 0.9, i, i + 1);
        return;
    }
    // "worthless, just like you"
    if w == "like"
        && cx.is(i + 1, YOU)
        && cx.ends_phrase(i + 1)
        && (i.saturating_sub(3)..i).any(|k| cx.same_clause(k, i) && cx.is(k, INSULT_ADJ))
    {
        cx.find(Kind::Insult, 0.75, i.saturating_sub(3), i + 1);
        return;
    }
    if w == "jump" && next == "off" && cx.same_clause(i, i + 3) {
        cx.find(Kind::Threat, 0.85, i, (i + 3).min(cx.words.len() - 1));
        return;
    }
    if w == "put" && next == "a" && cx.w(i + 2) == "bullet" && !cx.reported(i) {
        cx.find(Kind::Threat, 0.9, i, i + 2);
        return;
    }
    if (w == "breed" || w == "breeding") && next == "like" && cx.is(i + 2, DEHUMAN) {
        cx.find(Kind::Dehumanising, 0.85, i, i + 2);
        return;
    }
    if w == "waste" && next == "of" && matches!(cx.w(i + 2), "oxygen" | "space" | "skin" | "air") {
        cx.find(Kind::Insult, 0.85, i, i + 2);
        return;
    }
    let starts_clause = i == 0 || !cx.same_clause(i - 1, i);
    // An imperative "Die in a ditch", "Get cancer": at the start of a clause "die" is an
    // order (but "Die Hard", "Die Welt").
    if starts_clause
        && ((w == "die" && same_next && matches!(next, "in" | "slowly" | "already" | "alone"))
            || (w == "get" && matches!(next, "cancer" | "aids" | "shot" | "raped")))
    {
        cx.find(Kind::Threat, 0.85, i, i + 1);
        return;
    }
    if w == "die" && starts_clause && same_next {
        let between = &cx.text[cx.words[i].end..cx.words[i + 1].start];
        if cx.is(i + 1, YOU) && (between.contains(',') || cx.is(i + 2, INSULT | INSULT_FRAMED)) {
            cx.find(Kind::Threat, 0.85, i, (i + 2).min(cx.words.len() - 1));
            return;
        }
    }
    if w == "death" && next == "to" && same_next && !cx.reported(i) {
        cx.find(Kind::Threat, 0.85, i, (i + 2).min(cx.words.len() - 1));
        return;
    }
    if w == "know" && next == "where" && cx.is(i + 2, YOU | TARGET) && cx.w(i + 3) == "live" {
        cx.find(Kind::Threat, 0.9, i, i + 3);
        return;
    }
    // Wishes: hope/wish/pray ... target ... fate, in one clause, no negation.
    if matches!(w, "hope" | "hopes" | "wish" | "pray" | "praying" | "hoping") {
        let mut target = false;
        let mut j = i + 1;
        while j < cx.words.len() && cx.same_clause(i, j) && j <= i + 6 {
            if cx.is(j, NEGATION) || cx.w(j) == "nobody" || cx.w(j) == "no" {
                return;
            }
            if cx.is(j, YOU | TARGET) || matches!(cx.w(j), "someone" | "somebody") {
                target = true;
            }
            let fate = is_fate(cx, j) || (target && cx.is(j, HARM_VERB));
            if fate && target && !rots_in_jail(cx, j) {
                cx.find(Kind::Threat, 0.88, i, j);
                return;
            }
            j += 1;
        }
        return;
    }
    // Modal threats by the author or an indefinite someone: "I will kill you",
    // "someone should shoot him", "we should hang them all".
    let actor = matches!(
        w,
        "i" | "ill" | "im" | "id" | "we" | "someone" | "somebody" | "anyone" | "people"
    );
    if actor {
        let mut j = i + 1;
        let mut steps = 0;
        while j < cx.words.len() && cx.same_clause(i, j) && steps < 4 {
            if cx.is(j, NEGATION) {
                return;
            }
            // Lighter violence counts only against a person named by a pronoun: "break your
            // legs", but "break the deadlock".
            let light = matches!(
                cx.w(j),
                "break" | "smash" | "beat" | "slap" | "kick" | "hit"
            ) && matches!(
                cx.w(j + 1),
                "you" | "your" | "u" | "ur" | "him" | "his" | "her"
            );
            if light && cx.same_clause(j, j + 1) {
                cx.find(Kind::Threat, 0.85, i, j + 1);
                return;
            }
            if cx.is(j, HARM_VERB) && person_object(cx, j + 1) {
                cx.find(Kind::Threat, 0.9, i, j + 1);
                return;
            }
            if cx.w(j) == "find" && cx.is(j + 1, YOU) && matches!(w, "i" | "ill" | "im" | "we") {
                cx.find(Kind::Threat, 0.8, i, j + 1);
                return;
            }
            if !matches!(
                cx.w(j),
                "will"
                    | "should"
                    | "would"
                    | "ll"
                    | "gonna"
                    | "going"
                    | "to"
                    | "need"
                    | "needs"
                    | "ought"
                    | "must"
                    | "could"
                    | "can"
                    | "shall"
                    | "just"
                    | "really"
                    | "and"
                    | "personally"
                    | "d"
                    | "want"
                    | "wanna"
                    | "happily"
                    | "gladly"
            ) {
                // "someone should put him against a wall and shoot him": after a modal, the
                // violent verb may come later in the clause, unless a new subject takes over.
                let modal = (i + 1..j).any(|k| {
                    matches!(
                        cx.w(k),
                        "should" | "will" | "ll" | "gonna" | "must" | "ought"
                    )
                });
                if modal {
                    for k in j..(j + 10).min(cx.words.len()) {
                        if !cx.same_clause(i, k)
                            || matches!(
                                cx.w(k),
                                "they"
                                    | "he"
                                    | "she"
                                    | "it"
                                    | "who"
                                    | "which"
                                    | "army"
                                    | "police"
                                    | "government"
                                    | "troops"
                                    | "soldiers"
                            )
                            || cx.is(k, NEGATION)
                        {
                            break;
                        }
                        if cx.is(k, HARM_VERB) && person_object(cx, k + 1) {
                            cx.find(Kind::Threat, 0.85, i, k + 1);
                            return;
                        }
                    }
                }
                break;
            }
            j += 1;
            steps += 1;
        }
    }
    // "(they) should be shot", "deserves to die", "needs to be hanged".
    if matches!(
        w,
        "should" | "must" | "deserve" | "deserves" | "needs" | "ought"
    ) {
        let mut j = i + 1;
        let mut steps = 0;
        while j < cx.words.len() && cx.same_clause(i, j) && steps < 4 {
            if cx.is(j, NEGATION) {
                return;
            }
            let strung = matches!((cx.w(j), cx.w(j + 1)), ("strung", "up") | ("put", "down"));
            if (is_fate(cx, j) || strung) && !rots_in_jail(cx, j) && !cx.reported(i) {
                let subject = i.checked_sub(1).filter(|&s| cx.same_clause(s, i));
                let person = subject.is_none_or(|s| !matches!(cx.w(s), "it" | "this" | "that"));
                // "should burn" said of a bill or a flag is not a threat to a person.
                if person && !(cx.w(j) == "burn" || cx.w(j) == "burns") {
                    cx.find(Kind::Threat, 0.85, subject.unwrap_or(i), j);
                }
                return;
            }
            if !matches!(
                cx.w(j),
                "be" | "to" | "all" | "get" | "just" | "simply" | "publicly" | "been"
            ) {
                return;
            }
            j += 1;
            steps += 1;
        }
    }
    // Imperatives: "Kill them all", "hang him".
    let clause_start = i == 0 || !cx.same_clause(i - 1, i);
    if clause_start && cx.is(i, HARM_VERB) && person_object(cx, i + 1) {
        cx.find(Kind::Threat, 0.85, i, i + 1);
    }
}

/// The object of a violent verb is a person: a pronoun ("him"), a person word ("the
/// author"), or a determiner and a noun that is not a thing ("the minister", but not "the
/// bill": "kill the bill" is politics).
fn person_object(cx: &Ctx, j: usize) -> bool {
    if j >= cx.words.len() || !cx.same_clause(j - 1, j) {
        return false;
    }
    if cx.is(j, YOU | TARGET) {
        return true;
    }
    // "this" and "that" mostly point at things ("hang this cartoon", "kill that idea").
    if matches!(cx.w(j), "the" | "those" | "these" | "every" | "all") && cx.same_clause(j, j + 1) {
        let noun = cx.w(j + 1);
        return !noun.is_empty()
            && !matches!(
                noun,
                "bill"
                    | "plan"
                    | "idea"
                    | "deal"
                    | "project"
                    | "proposal"
                    | "motion"
                    | "law"
                    | "scheme"
                    | "tax"
                    | "policy"
                    | "story"
                    | "lights"
                    | "engine"
                    | "game"
                    | "mood"
                    | "vibe"
                    | "debate"
                    | "budget"
                    | "reform"
                    | "treaty"
                    | "process"
            );
    }
    false
}

/// "piece of shit", "piece of garbage": returns the last word of the phrase.
fn piece_of(cx: &Ctx, j: usize) -> Option<usize> {
    let filth = |k: usize| {
        cx.is(k, OBSCENE) || matches!(cx.w(k), "garbage" | "trash" | "crap" | "filth" | "dirt")
    };
    let container = matches!(cx.w(j), "piece" | "sack" | "bag" | "pile" | "lump");
    (container && cx.w(j + 1) == "of" && filth(j + 2) && cx.same_clause(j, j + 2)).then_some(j + 2)
}

/// Harm befalling someone; "beaten" only as violence ("beaten to death"), not in sport.
fn is_fate(cx: &Ctx, j: usize) -> bool {
    cx.is(j, HARM_FATE)
        && (cx.w(j) != "beaten" || matches!(cx.w(j + 1), "to" | "up" | "senseless" | "bloody"))
}

/// "rot in jail", "suffer in prison": a wish for punishment, not for harm.
fn rots_in_jail(cx: &Ctx, j: usize) -> bool {
    (j + 1..(j + 4).min(cx.words.len())).any(|k| {
        matches!(
            cx.w(k),
            "jail" | "prison" | "cell" | "gaol" | "court" | "custody" | "poverty"
        )
    })
}

/// Swearing at someone ("f*** you", "stfu", "screw you") and, weaker, swearing at nobody.
fn obscenity(cx: &mut Ctx, i: usize) {
    let w = cx.w(i);
    if matches!(w, "stfu" | "gfy" | "gtfo")
        || ((w == "f" || w == "fu") && cx.is(i + 1, YOU) && cx.same_clause(i, i + 1))
    {
        cx.find(Kind::Obscenity, 0.85, i, i);
        return;
    }
    let next = i + 1;
    let same = cx.same_clause(i, next);
    let fword = cx.is(i, OBSCENE) && (w.starts_with('f') || w == "screw");
    if (fword || w == "screw") && same {
        let n = cx.w(next);
        if cx.is(next, YOU) || matches!(n, "off" | "him" | "her" | "them" | "yourself" | "u") {
            cx.find(Kind::Obscenity, 0.88, i, next);
            return;
        }
        if fword && matches!(n, "the" | "these" | "those" | "all") && !cx.reported(i) {
            cx.find(Kind::Obscenity, 0.5, i, (next + 1).min(cx.words.len() - 1));
            return;
        }
    }
    if (i == 0 || !cx.same_clause(i - 1, i))
        && let Some(end) = piece_of(cx, i)
    {
        cx.find(Kind::Insult, 0.85, i, end);
        return;
    }
    if w == "piss" && cx.w(i + 1) == "off" && same {
        cx.find(Kind::Obscenity, 0.8, i, i + 1);
        return;
    }
    if w == "shut" && cx.w(i + 1) == "the" && cx.is(i + 2, OBSCENE) && cx.w(i + 3) == "up" {
        cx.find(Kind::Obscenity, 0.88, i, i + 3);
        return;
    }
    if w == "suck" && cx.w(i + 1) == "my" {
        cx.find(Kind::Obscenity, 0.85, i, (i + 2).min(cx.words.len() - 1));
        return;
    }
    if w == "eat" && cx.w(i + 1) == "shit" {
        cx.find(Kind::Obscenity, 0.85, i, i + 1);
        return;
    }
    // Insult nouns that are also swearwords ("bastard") are weighed once, as insults.
    if cx.is(i, OBSCENE) && !cx.is(i, INSULT) {
        cx.find(Kind::Profanity, 0.3, i, i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, f32, String)> {
        let l = Lexicon::new();
        analyse(&l, text)
            .findings
            .into_iter()
            .map(|f| (f.kind, f.strength, f.evidence))
            .collect()
    }

    fn strongest(text: &str) -> Option<Kind> {
        kinds(text)
            .into_iter()
            .filter(|k| k.1 >= 0.5)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|k| k.0)
    }

    #[test]
    fn frames() {
        assert_eq!(strongest("You are an idiot."), Some(Kind::Insult));
        assert_eq!(strongest("you people are all morons"), Some(Kind::Insult));
        assert_eq!(strongest("Shut up, moron."), Some(Kind::Insult));
        assert_eq!(strongest("The author is a clown"), Some(Kind::Insult));
        assert_eq!(strongest("They are animals."), Some(Kind::Dehumanising));
        assert_eq!(
            strongest("These parasites are bleeding us dry"),
            Some(Kind::Dehumanising)
        );
        assert_eq!(strongest("I hope you die"), Some(Kind::Threat));
        assert_eq!(strongest("Someone should shoot him."), Some(Kind::Threat));
        assert_eq!(strongest("kill yourself"), Some(Kind::Threat));
        assert_eq!(strongest("F*** you"), Some(Kind::Obscenity));
        assert_eq!(strongest("what a n1gg3r"), Some(Kind::Slur));
        assert_eq!(strongest("you 1d10t"), Some(Kind::Insult));
    }

    #[test]
    fn civil_news_vocabulary() {
        for civil in [
            "The shelling killed twelve people and the army denied war crimes.",
            "Dick Cheney spoke at the dinner.",
            "The assassin was caught; rape charges were filed against the coach.",
            "The Nazi regime murdered millions; calling it a genocide is accurate.",
            "I'm an idiot for believing the polls.",
            "Prisoners were treated like animals, the report said.",
            "The minister called migrants \"vermin\" and was rightly sacked.",
            "He is not an idiot, he knows exactly what he is doing.",
            "I hope he rots in jail for what he did.",
            "We should beat them at the ballot box.",
            "The rats in the subway are a public health problem.",
            "Animal rights activists protested.",
            "That bill is garbage and the senator is a liar.",
            "I hope nobody else dies in this war.",
            "Niger and Nigeria signed the deal.",
        ] {
            assert_eq!(strongest(civil), None, "{civil}: {:?}", kinds(civil));
        }
    }

    #[test]
    fn evidence_quotes_the_author() {
        let k = kinds("Honestly, you are a total 1d10t.");
        assert_eq!(k[0].2, "you are a total 1d10t");
    }
}
