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

mod indirect;
use indirect::compounds;

/// Kinds of abuse, each with a stable reason code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Slur,
    Threat,
    Dehumanising,
    Sexual,
    Identity,
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
            Kind::Sexual => "sexual_harassment",
            Kind::Identity => "identity_attack",
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
            Kind::Sexual => "Sexually harasses or demeans someone.",
            Kind::Identity => "Attacks people for their religion, origin, sex or sexuality.",
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
    /// Words that insult a person (`NEG_PERSON`), outside quotations and not denied.
    pub neg_person: u32,
}

const MAX_EVIDENCE: usize = 120;

struct Ctx<'a> {
    text: &'a str,
    words: &'a [Word],
    roles: Vec<u32>,
    /// Per word: a reporting verb comes earlier in its clause; computed once, since most
    /// patterns ask.
    reported_at: Vec<bool>,
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
        let between = self.gap(i, j);
        between.contains(',')
            || between.contains('(')
            || self.is(j, BREAK)
            || self.is(j, YOU)
            || is_interjection(self.w(j))
    }

    /// Records a finding whose evidence is not a run of words (emoji, symbols).
    fn find_text(&mut self, kind: Kind, strength: f32, evidence: &str) {
        let evidence: String = evidence.chars().take(MAX_EVIDENCE).collect();
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

    /// The text between two words; empty for the parts of one word split at underscores,
    /// which share a span.
    fn gap(&self, i: usize, j: usize) -> &str {
        match (self.words.get(i), self.words.get(j)) {
            (Some(a), Some(b)) => self.text.get(a.end..b.start).unwrap_or(""),
            _ => "",
        }
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
        self.reported_at.get(i).copied().unwrap_or(false)
    }
}

/// Runs every pattern over the text.
pub(crate) fn analyse(lexicon: &Lexicon, text: &str) -> Targeting {
    let mut words = words(text);
    let mut roles: Vec<u32> = words
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
    // Hyphenated compounds ("brain-dead", "dim-witted", "money-grabbing") are read as one
    // word: the head carries the compound's roles, the first half stands aside as a filler.
    for k in 1..words.len() {
        let (a, b) = (&words[k - 1], &words[k]);
        // Words split at underscores share one span, so the gap is read with `get`.
        if a.clause != b.clause || text.get(a.end..b.start) != Some("-") {
            continue;
        }
        let joined = lexicon.roles(&format!("{}{}", a.text, b.text));
        if joined != 0 {
            roles[k] |= joined;
            roles[k - 1] |= FILLER;
        } else if adjective_like(&b.text) {
            // "money-grabbing", "blood-sucking": an adjective, whatever the first half is.
            roles[k - 1] |= FILLER;
        } else if adjective_like(&a.text) && matches!(b.text.as_str(), "up" | "out" | "off") {
            // "juiced-up", "washed-up", "stuck-up": an adjective too.
            roles[k - 1] |= FILLER;
            roles[k] |= FILLER;
        } else if roles[k] == 0 && roles[k - 1] & (GROUP | YOU | SELF) == 0 {
            // "publicity-hungry", "two-faced", "self-serving": a compound of unknown words
            // before a noun qualifies it, so an insult window reads past it.
            roles[k - 1] |= FILLER;
            roles[k] |= FILLER;
        }
    }
    compounds(lexicon, text, &words, &mut roles);
    // "breeding stock" said of people is a dehumanising noun.
    for k in 1..words.len() {
        if words[k].text == "stock" && words[k - 1].text == "breeding" {
            roles[k] |= DEHUMAN;
            roles[k - 1] |= FILLER;
        }
    }
    mentions(text, &mut words, &mut roles);
    let words = words;
    let mut reported_at = Vec::with_capacity(words.len());
    let mut seen = false;
    for (k, w) in words.iter().enumerate() {
        if k > 0 && words[k - 1].clause != w.clause {
            seen = false;
        }
        reported_at.push(seen);
        // "the so-called victim is a liar" sneers, and "just saying, …" hedges the author's
        // own words; neither reports anyone else's.
        let idiom = k > 0
            && matches!(
                (words[k - 1].text.as_str(), w.text.as_str()),
                ("so", "called") | ("just", "saying")
            );
        // A capitalised reporting verb inside a clause is part of a name ("the Brantle Says
        // Enough organiser"), not a report.
        let titled = k > 0
            && words[k - 1].clause == w.clause
            && text[w.start..].starts_with(|c: char| c.is_ascii_uppercase());
        seen |= roles[k] & REPORTING != 0 && !idiom && !titled;
    }
    let mut cx = Ctx {
        text,
        words: &words,
        roles,
        reported_at,
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
        if cx.is(i, NEG_PERSON) && !(i > 0 && cx.same_clause(i - 1, i) && cx.is(i - 1, NEGATION)) {
            cx.out.neg_person += 1;
        }
        slur(&mut cx, i);
        copula(&mut cx, i);
        second_person(&mut cx, i);
        pointed(&mut cx, i);
        of_a_person(&mut cx, i);
        bare_epithet(&mut cx, i);
        qualified(&mut cx, i);
        threat(&mut cx, i);
        violence_frames(&mut cx, i);
        sexual(&mut cx, i);
        identity(&mut cx, i);
        reader_put_downs(&mut cx, i);
        obscenity(&mut cx, i);
        broad_threats(&mut cx, i);
        broad_put_downs(&mut cx, i);
        broad_sexual(&mut cx, i);
        scorned_kind(&mut cx, i);
        veiled(&mut cx, i);
        indirect::frames(&mut cx, i);
    }
    if !text.is_ascii() || text.contains('=') {
        symbols(&mut cx);
    }
    indirect::whole(&mut cx);
    cx.out.findings.sort_by_key(|f| f.kind);
    cx.out
}

/// Words named rather than used, and words that name something else.
///
/// A word the sentence names or condemns is a mention, read like a quotation: "the word
/// retard", "the term X", "use of cockroaches for migrants", "X is a slur". A quotation the
/// author then endorses ("'Cockroaches', he called them, and they are.") is the author's own
/// again. An insult noun that is the subject of "was my first film" is a title ("Dumbo"), and
/// "bitch" beside puppies or a litter is a dog.
fn mentions(text: &str, words: &mut [Word], roles: &mut [u32]) {
    let n = words.len();
    let hostile = INSULT | INSULT_FRAMED | SLUR | DEHUMAN | DEHUMAN_STRONG | OBSCENE;
    let same = |words: &[Word], a: usize, b: usize| b < n && words[a].clause == words[b].clause;
    for k in 0..n {
        if roles[k] & hostile == 0 || words[k].quoted {
            continue;
        }
        let prev = |d: usize| {
            k.checked_sub(d)
                .filter(|&p| words[p].clause == words[k].clause)
                .map_or("", |p| words[p].text.as_str())
        };
        let named = matches!(
            prev(1),
            "word" | "term" | "words" | "terms" | "epithet" | "slur"
        ) || (prev(1) == "of" && matches!(prev(2), "use" | "usage"));
        let condemned = same(words, k, k + 2)
            && matches!(words[k + 1].text.as_str(), "is" | "was")
            && (matches!(words[k + 2].text.as_str(), "offensive" | "derogatory")
                || (matches!(words[k + 2].text.as_str(), "a" | "an")
                    && same(words, k, k + 3)
                    && matches!(words[k + 3].text.as_str(), "slur" | "insult" | "racial")));
        if named || condemned {
            words[k].quoted = true;
        }
    }
    // Endorsement: "..., and they are." closes a comment that quotes a hostile word.
    let endorsed = (0..n.saturating_sub(2)).any(|k| {
        matches!(words[k].text.as_str(), "and" | "which")
            && matches!(words[k + 1].text.as_str(), "they" | "he" | "she")
            && matches!(words[k + 2].text.as_str(), "are" | "is")
            && (k + 3 >= n || words[k + 3].clause != words[k + 2].clause)
    });
    if endorsed {
        for (w, r) in words.iter_mut().zip(roles.iter()) {
            if w.quoted && r & hostile != 0 && !text[..w.start].trim_end().ends_with('"') {
                w.quoted = false;
            }
        }
    }
    let animals = words.iter().any(|w| {
        matches!(
            w.text.as_str(),
            "puppies"
                | "puppy"
                | "pups"
                | "litter"
                | "whelped"
                | "breeder"
                | "kennel"
                | "dogs"
                | "dog"
        )
    });
    for k in 0..n {
        if roles[k] & (INSULT | INSULT_FRAMED) == 0 {
            continue;
        }
        let after_you = k > 0 && roles[k - 1] & YOU != 0;
        let dog = animals && words[k].text.starts_with("bitch") && !after_you;
        // "Dumbo was my first film": the word is the name of a thing.
        let title = same(words, k, k + 1)
            && matches!(words[k + 1].text.as_str(), "is" | "was")
            && (k + 2..(k + 5).min(n)).any(|m| {
                words[m].clause == words[k].clause
                    && (is_thing(&words[m].text)
                        || matches!(
                            words[m].text.as_str(),
                            "movie" | "book" | "song" | "cartoon" | "album"
                        ))
            });
        if dog || title {
            roles[k] &= !(INSULT | INSULT_FRAMED | NEG_PERSON | OBSCENE);
        }
    }
}

fn slur(cx: &mut Ctx, i: usize) {
    // "a chink in the armour", "a chink of light" are idioms.
    if cx.w(i).starts_with("chink") && matches!(cx.w(i + 1), "in" | "of") {
        return;
    }
    // Faggots are also meatballs ("faggots and mushy peas"); a dyke is also a bank or a
    // surname ("Offa's Dyke", "Greg Dyke"); spastic is also medical ("spastic paralysis").
    let w = cx.w(i);
    if w.starts_with("faggot") {
        let food = cx.words.iter().any(|x| {
            matches!(
                x.text.as_str(),
                "peas" | "gravy" | "pork" | "menu" | "butcher" | "mash" | "onion" | "dinner"
            )
        });
        if food {
            return;
        }
    }
    if w.starts_with("dyke") {
        // "dykes and pumps", "the sea dyke": flood defence.
        let water = cx.words.iter().any(|x| {
            matches!(
                x.text.as_str(),
                "pumps"
                    | "flood"
                    | "floods"
                    | "flooding"
                    | "sea"
                    | "polders"
                    | "canals"
                    | "levees"
                    | "drainage"
                    | "tide"
                    | "dams"
                    | "dry"
            )
        });
        if water {
            return;
        }
        let capital = cx.text[cx.words[i].start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        let place = i > 0 && matches!(cx.w(i - 1), "offas" | "devils" | "dutch" | "great");
        if (capital && i > 0 && cx.same_clause(i - 1, i)) || (place && !cx.is(i + 1, TARGET)) {
            return;
        }
    }
    if w.starts_with("spastic")
        && matches!(
            cx.w(i + 1),
            "paralysis" | "diplegia" | "quadriplegia" | "colon" | "cerebral" | "muscles"
        )
    {
        return;
    }
    if cx.is(i, SLUR) {
        // Naming a slur to report it ("he was banned for calling a player a …") still needs
        // a moderator's eye, so it is weaker but not dropped.
        let s = if cx.reported(i) { 0.6 } else { 0.95 };
        cx.find(Kind::Slur, s, i, i);
    }
}

/// "X is a moron", "you are trash", "they are vermin", "Muslims are a disease".
fn copula(cx: &mut Ctx, i: usize) {
    if !cx.is(i, COPULA) || cx.is(i, SELF) {
        return;
    }
    let subject = i.checked_sub(1).filter(|&s| cx.same_clause(s, i));
    let subject_word = subject.map_or("", |s| cx.w(s));
    if subject.is_some_and(|s| cx.is(s, SELF)) {
        return;
    }
    // "you lot are", "you people are", "you guys are".
    let you_lot = subject.is_some_and(|s| {
        matches!(
            cx.w(s),
            "lot" | "people" | "guys" | "lads" | "folk" | "lefties" | "righties"
        ) && s > 0
            && cx.is(s - 1, YOU)
    });
    // "ur" is "you're" as often as "your"; only an insult after it counts, as for "youre".
    let you =
        matches!(cx.w(i), "youre" | "ur") || subject.is_some_and(|s| cx.is(s, YOU)) || you_lot;
    let plural = matches!(cx.w(i), "are" | "r" | "re" | "were" | "theyre");
    // "it is", "this is", "that's", "the budget is": said of a thing, not a person. ("The
    // men who did this are animals": a plural verb cannot have "this" for its subject.)
    // "there are rats in the alley" says what exists, of no one.
    let thing = (!plural
        && matches!(
            subject_word,
            "it" | "this" | "that" | "which" | "what" | "there"
        ))
        || subject_word == "there"
        || is_thing(subject_word)
        || matches!(cx.w(i), "its" | "thats");
    // Animals and pests are literally pests: "pigeons are pests".
    let literal = is_creature(subject_word);
    // A group of people by religion, origin, sex or sexuality as the subject: "Muslims are",
    // "trans people are", "women like her are", "every Jew is".
    let group = (i.saturating_sub(3)..i)
        .any(|k| cx.same_clause(k, i) && cx.is(k, GROUP) && !(k + 1..i).any(|m| cx.is(m, BREAK)));
    if cx.reported(i) {
        return;
    }
    let mut j = i + 1;
    let mut steps = 0;
    let mut skipped = false;
    let mut degraded = false;
    while j < cx.words.len() && cx.same_clause(i, j) && steps < 8 {
        if cx.is(j, NEGATION) {
            // "Roma are not people": denied their humanity.
            let k = if cx.w(j + 1) == "even" { j + 2 } else { j + 1 };
            if group
                && matches!(cx.w(k), "people" | "human" | "humans" | "persons")
                && cx.ends_phrase(k)
            {
                cx.find(Kind::Dehumanising, 0.85, subject.unwrap_or(i), k);
            }
            return;
        }
        // Insult nouns name people only, so even "this is a moron" means a person; but
        // "a clown show" said of a budget is the show.
        if cx.is(j, INSULT) {
            if thing && !cx.ends_phrase(j) {
                return;
            }
            let s = if skipped {
                0.7
            } else if you {
                0.9
            } else {
                0.8
            };
            cx.find(Kind::Insult, s, subject.unwrap_or(i), j);
            return;
        }
        if skipped {
            // Past an unknown word only an insult noun is sure enough to count.
            if cx.is(j, BREAK) && cx.w(j) != "and" {
                return;
            }
            j += 1;
            steps += 1;
            continue;
        }
        // Strong dehumanising nouns need no end of phrase: "parasites feeding off our taxes".
        let noun_ends = cx.ends_phrase(j)
            || adjective_like(cx.w(j + 1))
            || matches!(
                cx.w(j + 1),
                "on" | "in"
                    | "upon"
                    | "to"
                    | "for"
                    | "from"
                    | "that"
                    | "everywhere"
                    | "problem"
                    | "race"
                    | "breed"
                    | "species"
            );
        if (cx.is(j, DEHUMAN_STRONG) || (cx.is(j, DEHUMAN) && noun_ends))
            && (plural || group)
            && !thing
            && !literal
        {
            cx.find(Kind::Dehumanising, 0.88, subject.unwrap_or(i), j);
            return;
        }
        if group && !thing && (cx.is(j, CRIME_NOUN) || (degraded && cx.is(j, PERSON_WEAK))) {
            cx.find(Kind::Identity, 0.85, subject.unwrap_or(i), j);
            return;
        }
        if cx.is(j, INSULT_FRAMED) && !thing && cx.ends_phrase(j) {
            let s = if you || degraded { 0.85 } else { 0.75 };
            cx.find(Kind::Insult, s, subject.unwrap_or(i), j);
            return;
        }
        if you && cx.is(j, YOU_ONLY) && cx.ends_phrase(j) {
            cx.find(Kind::Insult, 0.85, subject.unwrap_or(i), j);
            return;
        }
        // "a brainless puppet", "a braindead hack".
        if degraded && !thing && cx.is(j, PERSON_WEAK) && noun_ends {
            cx.find(Kind::Insult, 0.8, subject.unwrap_or(i), j);
            return;
        }
        if let Some(end) = piece_of(cx, j) {
            let s = if thing { 0.3 } else { 0.85 };
            cx.find(Kind::Insult, s, subject.unwrap_or(i), end);
            return;
        }
        let qualifier = !matches!(cx.w(j + 1), "of" | "to" | "about" | "with" | "from" | "at");
        // "you are stupid", "you're too stupid to ..."; "ignorant of the facts" is not.
        if cx.is(j, INSULT_ADJ) && you && cx.w(j + 1) != "of" {
            cx.find(Kind::Insult, 0.75, subject.unwrap_or(i), j);
            return;
        }
        // "Chinese are dirty", "gays are sick perverts"; "immigrants are sick of being
        // blamed" is not.
        if group && !thing && cx.is(j, DEGRADE_ADJ | INSULT_ADJ) && qualifier && cx.ends_phrase(j) {
            cx.find(Kind::Identity, 0.8, subject.unwrap_or(i), j);
            return;
        }
        if cx.is(j, DEGRADE_ADJ | INSULT_ADJ) && qualifier {
            degraded = true;
        }
        let adverb = cx.w(j).len() > 4 && cx.w(j).ends_with("ly");
        // "a fascist creep", "a brainwashed Lensk bot": a political epithet or a proper
        // adjective qualifies the noun after it.
        let proper = cx.text[cx.words[j].start..].starts_with(|c: char| c.is_ascii_uppercase());
        if !cx.is(j, FILLER | INSULT_ADJ | DEGRADE_ADJ | YOU_ONLY | NEG_PERSON)
            && !adjective_like(cx.w(j))
            && !adverb
            && !proper
        {
            if cx.is(j, BREAK | YOU) || thing {
                return;
            }
            // "the ref is a bent scumbag": an unknown word may qualify an insult noun.
            skipped = true;
        }
        j += 1;
        steps += 1;
    }
}

/// Subjects that are things, not people: "the budget is a clown show".
fn is_thing(w: &str) -> bool {
    matches!(
        w,
        "bill"
            | "plan"
            | "budget"
            | "scheme"
            | "policy"
            | "idea"
            | "article"
            | "piece"
            | "story"
            | "law"
            | "decision"
            | "proposal"
            | "report"
            | "column"
            | "deal"
            | "system"
            | "show"
            | "film"
            | "match"
            | "game"
            | "argument"
            | "speech"
            | "strategy"
            | "reform"
            | "project"
            | "website"
            | "paper"
            | "headline"
            | "take"
    )
}

/// Animals and pests, which may literally be vermin or a plague.
fn is_creature(w: &str) -> bool {
    matches!(
        w,
        "rats"
            | "mice"
            | "pigeons"
            | "foxes"
            | "deer"
            | "squirrels"
            | "gulls"
            | "seagulls"
            | "rabbits"
            | "badgers"
            | "slugs"
            | "insects"
            | "mosquitoes"
            | "wasps"
            | "weeds"
            | "locusts"
            | "pests"
            | "cockroaches"
            | "bugs"
            | "flies"
            | "ants"
            | "termites"
            | "boars"
            | "geese"
            | "crows"
            | "tumours"
            | "tumors"
            | "cells"
            | "bacteria"
            | "viruses"
    )
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
    while j < cx.words.len() && cx.same_clause(i, j) && steps < 7 {
        if cx.is(j, NEGATION | SELF) || cx.words[j].quoted {
            return;
        }
        if cx.is(j, INSULT) {
            cx.find(Kind::Insult, 0.9, i, j);
            return;
        }
        if cx.is(j, INSULT_FRAMED | DEHUMAN)
            && (cx.ends_phrase(j) || (adjective_like(cx.w(j + 1)) && cx.same_clause(j, j + 1)))
        {
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
        // "are you actually this thick", "ur actually dumb": said of the reader, not of
        // what they know ("dense with detail", "ignorant of the rules").
        let asked = i > 0 && cx.same_clause(i - 1, i) && matches!(cx.w(i - 1), "are" | "r");
        if cx.is(j, INSULT_ADJ)
            && (asked || cx.w(i) == "ur" || (i + 1..j).any(|k| cx.is(k, COPULA)))
            && !matches!(cx.w(j + 1), "of" | "with" | "on")
        {
            cx.find(Kind::Insult, 0.75, i, j);
            return;
        }
        if cx.is(j, YOU_ONLY) && cx.ends_phrase(j) && (i + 1..j).any(|k| cx.is(k, COPULA)) {
            // "you're a joke", "you are a fascist".
            cx.find(Kind::Insult, 0.85, i, j);
            return;
        }
        if cx.is(j, PERSON_WEAK)
            && cx.ends_phrase(j)
            && (i + 1..j).any(|k| cx.is(k, DEGRADE_ADJ | INSULT_ADJ))
        {
            // "you sanctimonious creep", "you brainwashed sheep".
            cx.find(Kind::Insult, 0.85, i, j);
            return;
        }
        let w = cx.w(j);
        let adverb = w.len() > 4 && w.ends_with("ly");
        let allowed = cx.is(j, FILLER | INSULT_ADJ | COPULA | DEGRADE_ADJ)
            || adjective_like(w)
            || adverb
            || (w == "this" && cx.is(j + 1, INSULT_ADJ))
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
    // "a$$hole ref", "idiot author": the insult noun qualifies the person named next.
    if cx.is(i, INSULT) && person_noun(cx.w(i + 1)) && cx.same_clause(i, i + 1) {
        cx.find(Kind::Insult, 0.75, i, i + 1);
        return;
    }
    let pointer = prev
        .filter(|&p| cx.is(p, POINTER))
        .or_else(|| {
            // "what a moron", "this total clown", "this crybaby libtard"
            let p2 = i.checked_sub(2).filter(|&p| cx.same_clause(p, i))?;
            (cx.is(p2, POINTER) && cx.is(i - 1, FILLER | INSULT_ADJ | DEGRADE_ADJ)).then_some(p2)
        })
        .or_else(|| {
            // "those Durnosi cockroaches": a people's name may stand between.
            if !strong_dehuman {
                return None;
            }
            (i.saturating_sub(3)..i.saturating_sub(1)).find(|&p| {
                cx.same_clause(p, i)
                    && matches!(cx.w(p), "these" | "those")
                    && !(p + 1..i).any(|m| cx.is(m, BREAK))
            })
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
    let comma_before = i == first || cx.gap(i - 1, i).contains(',');
    let comma_after = i == last || cx.gap(i, i + 1).contains(',');
    let set_off = comma_before && comma_after && last > first;
    let vocative = shut_up || set_off || (last - first < 2 && !framed_only);
    if vocative && (!framed_only || i == last) {
        cx.find(Kind::Insult, 0.8, first, last);
    } else if strong_dehuman {
        // Said of many ("Parasites.", "cockroaches in human skin"), outside a story about
        // real pests, it is about people; one "greedy parasite" is criticism of one person.
        let many = cx.w(i).ends_with('s') || cx.w(i) == "vermin" || cx.w(i) == "lice";
        let s = if many && !literal_pests(cx, i) {
            0.6
        } else {
            0.4
        };
        cx.find(Kind::Dehumanising, s, i, i);
    } else if !framed_only && (cx.ends_phrase(i) || verb_follows(cx, i)) && !cx.reported(i) {
        // An insult noun that ends its phrase names a person: "written by a complete moron",
        // "Only an idiot would believe this"; "the bastard child of" and "idiot-proof" do not.
        cx.find(Kind::Insult, 0.55, i, i);
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

/// Nouns for a person in a role the comments talk about: the object of "idiot ref" or "a
/// weasel of a man".
fn person_noun(w: &str) -> bool {
    matches!(
        w,
        "man"
            | "woman"
            | "person"
            | "human"
            | "bloke"
            | "guy"
            | "ref"
            | "referee"
            | "author"
            | "writer"
            | "journalist"
            | "reporter"
            | "editor"
            | "columnist"
            | "correspondent"
            | "presenter"
            | "minister"
            | "councillor"
            | "mp"
            | "mayor"
            | "judge"
            | "manager"
            | "coach"
            | "moderator"
            | "mod"
            | "poster"
            | "commenter"
    )
}

/// "a festering sore of a man", "a weasel of a referee", "a slug of a woman": an insulting
/// noun (or any noun a degrading adjective qualifies) "of a" person. "A giant of a man",
/// "a bear of a man" are praise, so the noun or its adjective must insult.
fn of_a_person(cx: &mut Ctx, i: usize) {
    if cx.w(i + 1) != "of"
        || !matches!(cx.w(i + 2), "a" | "an")
        || !person_noun(cx.w(i + 3))
        || !cx.same_clause(i, i + 3)
        || cx.reported(i)
    {
        return;
    }
    let insulting =
        cx.is(
            i,
            INSULT | INSULT_FRAMED | PERSON_WEAK | NEG_PERSON | DEHUMAN,
        ) || (i > 0 && cx.same_clause(i - 1, i) && cx.is(i - 1, DEGRADE_ADJ | INSULT_ADJ));
    if insulting {
        let from = if i > 0 && cx.same_clause(i - 1, i) && cx.is(i - 1, DEGRADE_ADJ) {
            i - 1
        } else {
            i
        };
        cx.find(Kind::Insult, 0.8, from, i + 3);
    }
}

/// A clause that is only an epithet: "Useless tool.", "Filthy creatures.", "Typical leftie
/// snowflake." A degrading adjective or a sneering opener makes the noun a put-down;
/// "Absolute garbage." of an article is about the article.
fn bare_epithet(cx: &mut Ctx, i: usize) {
    let clause = cx.words[i].clause;
    if i > 0 && cx.words[i - 1].clause == clause {
        return;
    }
    let end = (i..cx.words.len())
        .take_while(|&k| cx.words[k].clause == clause)
        .last()
        .unwrap_or(i);
    if end == i || end - i > 3 || cx.words[end].quoted {
        return;
    }
    let last = cx.w(end);
    if matches!(last, "trash" | "garbage" | "filth" | "rubbish") {
        return;
    }
    let noun = cx.is(end, INSULT_FRAMED | PERSON_WEAK | DEHUMAN);
    let degraded = (i..end).any(|k| cx.is(k, DEGRADE_ADJ | INSULT_ADJ));
    let sneer = matches!(
        cx.w(i),
        "typical" | "absolute" | "total" | "utter" | "complete" | "proper"
    ) && cx.is(end, INSULT_FRAMED);
    let plain = (i..end).all(|k| {
        cx.is(k, FILLER | DEGRADE_ADJ | INSULT_ADJ) || adjective_like(cx.w(k)) || k == i + 1
    });
    if noun && plain && (degraded || sneer) {
        cx.find(Kind::Insult, 0.75, i, end);
    }
}

/// A verb follows the noun, so it is the subject, not the first half of a compound: "only an
/// idiot would", "some moron thinks".
fn verb_follows(cx: &Ctx, i: usize) -> bool {
    cx.same_clause(i, i + 1)
        && matches!(
            cx.w(i + 1),
            "would"
                | "will"
                | "wont"
                | "should"
                | "could"
                | "can"
                | "cant"
                | "is"
                | "was"
                | "has"
                | "had"
                | "does"
                | "did"
                | "thinks"
                | "says"
                | "wrote"
                | "believes"
                | "keeps"
                | "needs"
                | "get"
                | "gets"
        )
}

/// Real pests: "lice in schools", "cockroaches in the kitchen", "vermin control".
fn literal_pests(cx: &Ctx, i: usize) -> bool {
    let clause = cx.words[i].clause;
    // "parasites in the trout population": an animal word about animals is literal.
    let about_animals = cx
        .words
        .iter()
        .enumerate()
        .any(|(k, w)| k != i && w.clause == clause && is_animal(&w.text));
    about_animals
        || cx
            .words
            .iter()
            .filter(|w| w.clause == clause || w.clause + 1 == clause || w.clause == clause + 1)
            .any(|w| {
                matches!(
                    w.text.as_str(),
                    "kitchen"
                        | "kitchens"
                        | "restaurant"
                        | "hygiene"
                        | "infestation"
                        | "bins"
                        | "bin"
                        | "food"
                        | "hair"
                        | "school"
                        | "schools"
                        | "nits"
                        | "traps"
                        | "poison"
                        | "inspectors"
                        | "inspector"
                        | "sewer"
                        | "sewers"
                        | "drains"
                        | "crops"
                        | "farm"
                        | "pest"
                )
            })
}

/// Animals people keep, farm, fish or watch: a pest or a "bitch" among them is literal.
fn is_animal(w: &str) -> bool {
    matches!(
        w,
        "trout"
            | "salmon"
            | "fish"
            | "cattle"
            | "cows"
            | "sheep"
            | "lambs"
            | "pigs"
            | "hens"
            | "chickens"
            | "horses"
            | "ponies"
            | "dog"
            | "dogs"
            | "cats"
            | "puppies"
            | "puppy"
            | "pups"
            | "litter"
            | "kennel"
            | "breeder"
            | "vet"
            | "bees"
            | "hive"
            | "hives"
            | "birds"
            | "wildlife"
            | "herd"
            | "flock"
    )
}

/// Household things, food and chores: the objects of "hang the washing", "nuke the
/// leftovers", "kill the lights".
fn is_household(w: &str) -> bool {
    matches!(
        w,
        "washing"
            | "laundry"
            | "picture"
            | "pictures"
            | "painting"
            | "mirror"
            | "curtains"
            | "wallpaper"
            | "shelf"
            | "shelves"
            | "decorations"
            | "bunting"
            | "leftovers"
            | "soup"
            | "pizza"
            | "meat"
            | "chicken"
            | "food"
            | "popcorn"
            | "nest"
            | "weeds"
            | "heating"
            | "radio"
            | "telly"
            | "tv"
            | "music"
    )
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
    // Urging a person to harm themselves: "tell him to kill himself", "he should kill
    // himself", "hope she hangs herself". Describing the act ("it is wrong to tell someone to
    // kill themselves") is left alone: the one urged is nobody in particular.
    if cx.is(i, HARM_VERB)
        && same_next
        && matches!(next, "himself" | "herself" | "themselves" | "themself")
    {
        let urged_person = (i.saturating_sub(4)..i).any(|k| {
            cx.same_clause(k, i)
                && matches!(
                    cx.w(k),
                    "him" | "her" | "them" | "should" | "hope" | "hopes" | "wish" | "needs"
                )
        });
        // Described, not urged: the telling has nobody in particular as its object ("tell
        // someone to…"), or is itself condemned ("it is wrong to tell…", "never tell…").
        let described = (i.saturating_sub(4)..i).any(|t| {
            cx.same_clause(t, i)
                && matches!(
                    cx.w(t),
                    "tell"
                        | "tells"
                        | "telling"
                        | "told"
                        | "urge"
                        | "urging"
                        | "encourage"
                        | "encouraging"
                )
                && (matches!(cx.w(t + 1), "someone" | "somebody" | "anyone" | "people")
                    || (t.saturating_sub(3)..t)
                        .any(|k| matches!(cx.w(k), "wrong" | "not" | "never" | "illegal")))
        });
        if urged_person && !described {
            cx.find(Kind::Threat, 0.9, i.saturating_sub(3), i + 1);
            return;
        }
    }
    // "drop-dead gorgeous": the hyphenated compound is an adjective, not an order.
    if (w == "go" || w == "drop")
        && same_next
        && matches!(next, "die" | "dead")
        && cx.gap(i, i + 1) != "-"
    {
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
        let between = cx.gap(i, i + 1);
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
        while j < cx.words.len() && cx.same_clause(i, j) && j <= i + 8 {
            // "I hope they catch whoever shot him": the harm is the news, the wish is justice.
            if cx.is(j, NEGATION)
                || matches!(
                    cx.w(j),
                    "nobody" | "no" | "whoever" | "who" | "catch" | "find" | "arrest" | "caught"
                )
            {
                return;
            }
            if cx.is(j, YOU | TARGET) || matches!(cx.w(j), "someone" | "somebody") {
                target = true;
            }
            // "wish a bus would flatten you": the victim comes after the verb.
            let strikes = matches!(
                cx.w(j),
                "flatten"
                    | "flattens"
                    | "hit"
                    | "hits"
                    | "crush"
                    | "crushes"
                    | "maul"
                    | "mauls"
                    | "kill"
                    | "kills"
                    | "eat"
                    | "eats"
            ) && cx.is(j + 1, YOU | TARGET)
                && cx.same_clause(j, j + 1);
            if strikes {
                cx.find(Kind::Threat, 0.88, i, j + 1);
                return;
            }
            // "hope the reporter gets what's coming".
            let coming = target && cx.w(j) == "whats" && cx.w(j + 1) == "coming";
            let fate = coming
                || is_fate(cx, j)
                || (target && violence(cx, j).is_some())
                || (target && cx.is(j, HARM_VERB));
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
    // "to tell someone to kill themselves", "telling people to die": the someone is the
    // object of a telling the comment describes, not a threat by its author.
    let told = i > 0
        && cx.same_clause(i - 1, i)
        && (matches!(
            cx.w(i - 1),
            "telling" | "told" | "urging" | "urged" | "encouraging" | "encouraged"
        ) || (matches!(cx.w(i - 1), "tell" | "tells" | "urge" | "encourage")
            && i > 1
            && matches!(cx.w(i - 2), "to" | "not" | "never" | "who" | "that")));
    if actor && !told {
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
                // "this policy needs to be killed off": a thing for a subject.
                let person = subject.is_none_or(|s| {
                    !matches!(cx.w(s), "it" | "this" | "that") && !is_thing(cx.w(s))
                });
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

/// Any earlier word of the clause satisfies `f`.
fn earlier_in_clause(cx: &Ctx, i: usize, f: impl Fn(usize) -> bool) -> bool {
    (0..i).rev().take_while(|&k| cx.same_clause(k, i)).any(f)
}

/// The first of the next `n` words of the clause that satisfies `f`.
fn later_in_clause(cx: &Ctx, i: usize, n: usize, f: impl Fn(usize) -> bool) -> Option<usize> {
    (i + 1..(i + 1 + n).min(cx.words.len()))
        .take_while(|&k| cx.same_clause(i, k))
        .find(|&k| f(k))
}

/// Violence done to a person, starting at `j`: "shot", "strung up", "run over", "kicked to
/// death", "beaten to a pulp". Returns the last word of the phrase.
fn violence(cx: &Ctx, j: usize) -> Option<usize> {
    let w = cx.w(j);
    let next = cx.w(j + 1);
    let same = cx.same_clause(j, j + 1);
    if same && next == "to" && cx.w(j + 2) == "death" && cx.same_clause(j, j + 2) {
        let violent = matches!(
            w,
            "kicked"
                | "kick"
                | "beaten"
                | "beat"
                | "stabbed"
                | "stab"
                | "stoned"
                | "stone"
                | "hacked"
                | "bludgeoned"
                | "battered"
                | "clubbed"
                | "tortured"
                | "whipped"
                | "flogged"
                | "burned"
                | "burnt"
                | "stamped"
                | "stomped"
        );
        if violent {
            return Some(j + 2);
        }
    }
    if same
        && matches!(
            (w, next),
            ("strung", "up") | ("string", "up") | ("put", "down") | ("run", "over")
        )
    {
        return Some(j + 1);
    }
    // "a shot at the title", "the killed and wounded": participles after an article are
    // nouns, not what is done to someone.
    let after_article = j > 0 && matches!(cx.w(j - 1), "a" | "another" | "the" | "fair" | "good");
    if after_article {
        return None;
    }
    if is_fate(cx, j) {
        return Some(j);
    }
    if cx.is(j, VIOLENT_PASSIVE) {
        return Some(j);
    }
    // "locked up and beaten": a beating at the end of a list of what should be done.
    if w == "beaten"
        && j > 0
        && cx.w(j - 1) == "and"
        && !matches!(next, "at" | "in" | "on" | "by" | "to")
    {
        return Some(j);
    }
    None
}

/// Degrading adjectives and person nouns: "a brainless puppet", "senile old fool", "sick
/// perverts", "dirty g_y_p_s_y".
fn qualified(cx: &mut Ctx, i: usize) {
    let noun = cx.is(i, PERSON_WEAK | INSULT | INSULT_FRAMED);
    let group = cx.is(i, GROUP);
    if !noun && !group {
        return;
    }
    if !cx.ends_phrase(i) && !matches!(cx.w(i + 1), "like" | "with") && !verb_follows(cx, i) {
        return;
    }
    if cx.reported(i) || earlier_in_clause(cx, i, |k| cx.is(k, SELF | NEGATION)) {
        return;
    }
    // The adjective, up to three words back, with only fillers and adjectives between.
    let mut found = None;
    for k in (i.saturating_sub(3)..i).rev() {
        if !cx.same_clause(k, i) {
            break;
        }
        if cx.is(k, DEGRADE_ADJ | INSULT_ADJ) {
            found = Some(k);
        } else if !cx.is(k, FILLER) && !adjective_like(cx.w(k)) {
            break;
        }
    }
    let Some(k) = found else {
        return;
    };
    if group {
        // "dirty gypsy", "filthy Muslims": only adjectives of disgust; "stupid" said of a
        // people is rarer than "poor women".
        if matches!(
            cx.w(k),
            "dirty" | "filthy" | "stinking" | "smelly" | "disgusting" | "vile" | "inbred"
        ) {
            cx.find(Kind::Identity, 0.85, k, i);
        }
        return;
    }
    // "sick cows", "an old dog": farm animals may be literally sick or old.
    let animal = matches!(
        cx.w(i),
        "pig" | "pigs" | "cow" | "cows" | "dog" | "dogs" | "sheep" | "rat" | "rats"
    );
    if animal && matches!(cx.w(k), "sick" | "old" | "dead" | "ill") {
        return;
    }
    cx.find(Kind::Insult, 0.7, k, i);
}

/// Threats and wishes of harm beyond the plain modal frames in `threat`: "should be lined up
/// and shot", "deserves the rope", "I'd pay to see him strung up", "line them up against a
/// wall", "burn down their mosque", "a brick through her window", "wait until we catch you".
fn violence_frames(cx: &mut Ctx, i: usize) {
    let w = cx.w(i);
    if cx.reported(i) {
        return;
    }
    // "(he) should be lined up and shot", "deserves to be kicked to death", "deserve the
    // rope", "they should gas the lot of them".
    if matches!(
        w,
        "should" | "must" | "deserve" | "deserves" | "needs" | "ought" | "shd"
    ) {
        let subject = i.checked_sub(1).filter(|&s| cx.same_clause(s, i));
        // "this policy needs to be killed off": a thing for a subject.
        if subject.is_some_and(|s| matches!(cx.w(s), "it" | "this" | "that") || is_thing(cx.w(s))) {
            return;
        }
        let from = subject.unwrap_or(i);
        let mut j = i + 1;
        let mut steps = 0;
        while j < cx.words.len() && cx.same_clause(i, j) && steps < 8 {
            if cx.is(j, NEGATION) {
                return;
            }
            if let Some(end) = violence(cx, j) {
                // "should burn" said of a bill, "should rot in jail": not harm to a person.
                if !rots_in_jail(cx, j) && !matches!(cx.w(j), "burn" | "burns" | "die") {
                    cx.find(Kind::Threat, 0.85, from, end);
                }
                return;
            }
            if matches!(cx.w(j), "a" | "the") && cx.is(j + 1, DOOM) && cx.same_clause(j, j + 1) {
                cx.find(Kind::Threat, 0.85, from, j + 1);
                return;
            }
            if cx.w(j) == "against" && cx.w(j + 2) == "wall" && cx.same_clause(j, j + 2) {
                cx.find(Kind::Threat, 0.85, from, j + 2);
                return;
            }
            if cx.is(j, HARM_VERB) && person_object(cx, j + 1) {
                cx.find(Kind::Threat, 0.85, from, j + 1);
                return;
            }
            let v = cx.w(j);
            let ok = matches!(
                v,
                "be" | "to"
                    | "all"
                    | "get"
                    | "just"
                    | "simply"
                    | "been"
                    | "them"
                    | "him"
                    | "her"
                    | "up"
                    | "out"
                    | "outside"
                    | "off"
                    | "away"
                    | "and"
                    | "taken"
                    | "lined"
                    | "dragged"
                    | "locked"
                    | "marched"
                    | "put"
                    | "thrown"
                    | "frogmarched"
                    | "tied"
                    | "still"
                    | "also"
                    | "really"
                    | "rounded"
                    | "line"
                    | "take"
                    | "drag"
                    | "round"
            ) || (v.len() > 4 && v.ends_with("ly"));
            if !ok {
                return;
            }
            j += 1;
            steps += 1;
        }
        return;
    }
    // "I'd pay to see him strung up", "would love to watch them hang".
    if matches!(w, "see" | "watch" | "watching" | "seeing")
        && earlier_in_clause(cx, i, |k| {
            k + 5 > i
                && matches!(
                    cx.w(k),
                    "pay"
                        | "love"
                        | "like"
                        | "want"
                        | "wait"
                        | "enjoy"
                        | "glad"
                        | "happy"
                        | "dream"
                        | "wanna"
                        | "cheer"
                )
        })
        && !earlier_in_clause(cx, i, |k| cx.is(k, NEGATION))
    {
        let mut j = i + 1;
        while j < cx.words.len() && cx.same_clause(i, j) && j <= i + 7 {
            if is_thing(cx.w(j)) || cx.is(j, NEGATION) {
                return;
            }
            if let Some(end) = violence(cx, j) {
                if j > i + 1 && !rots_in_jail(cx, j) {
                    cx.find(Kind::Threat, 0.85, i, end);
                }
                return;
            }
            j += 1;
        }
        return;
    }
    let clause_start = i == 0 || !cx.same_clause(i - 1, i);
    let after_modal = i > 0
        && cx.same_clause(i - 1, i)
        && matches!(
            cx.w(i - 1),
            "should" | "will" | "ll" | "gonna" | "lets" | "let" | "must" | "to" | "and" | "d"
        );
    let blocked = earlier_in_clause(cx, i, |k| {
        cx.is(k, NEGATION)
            || matches!(
                cx.w(k),
                "threatened"
                    | "threatening"
                    | "threaten"
                    | "vowed"
                    | "plotted"
                    | "tried"
                    | "attempted"
                    | "planned"
                    | "planning"
                    | "police"
            )
    });
    // "line them all up against a wall", "put him up against the wall".
    if matches!(w, "line" | "put" | "stand") && (clause_start || after_modal) && !blocked {
        let target = later_in_clause(cx, i, 3, |k| cx.is(k, TARGET) || cx.w(k) == "all");
        let wall = later_in_clause(cx, i, 7, |k| {
            cx.w(k) == "wall" && cx.w(k.saturating_sub(2)) == "against"
        });
        if let (Some(_), Some(end)) = (target, wall) {
            cx.find(Kind::Threat, 0.85, i, end);
            return;
        }
    }
    // "burn down their mosque", "torch the camp".
    if matches!(w, "burn" | "torch" | "firebomb") && (clause_start || after_modal) && !blocked {
        let building = later_in_clause(cx, i, 4, |k| {
            matches!(
                cx.w(k),
                "mosque"
                    | "mosques"
                    | "church"
                    | "churches"
                    | "synagogue"
                    | "synagogues"
                    | "temple"
                    | "temples"
                    | "house"
                    | "houses"
                    | "home"
                    | "homes"
                    | "camp"
                    | "camps"
                    | "shop"
                    | "shops"
                    | "office"
                    | "offices"
            ) && matches!(
                cx.w(k - 1),
                "their" | "his" | "her" | "your" | "ur" | "the" | "every" | "that" | "those"
            )
        });
        if let Some(end) = building {
            cx.find(Kind::Threat, 0.85, i, end);
            return;
        }
    }
    // "a brick through her window".
    if matches!(
        w,
        "brick" | "bricks" | "rock" | "rocks" | "stone" | "molotov" | "firebomb"
    ) && cx.w(i + 1) == "through"
        && matches!(cx.w(i + 2), "her" | "his" | "your" | "ur" | "their")
        && matches!(cx.w(i + 3), "window" | "windows" | "door")
        && cx.same_clause(i, i + 3)
    {
        let news = earlier_in_clause(cx, i, |k| {
            matches!(
                cx.w(k),
                "threw" | "thrown" | "was" | "were" | "hurled" | "police" | "said"
            )
        });
        if !news {
            cx.find(Kind::Threat, 0.85, i, i + 3);
            return;
        }
    }
    // "just wait until we catch you alone", "wait till I find you".
    if matches!(w, "until" | "till" | "til" | "untill") && i > 0 && cx.w(i - 1) == "wait" {
        let hunt = later_in_clause(cx, i, 3, |k| {
            matches!(cx.w(k), "catch" | "find" | "get" | "see" | "meet")
                && cx.is(k + 1, YOU | TARGET)
        });
        if let Some(k) = hunt {
            cx.find(Kind::Threat, 0.85, i - 1, k + 1);
            return;
        }
    }
    if matches!(w, "catch" | "find" | "get" | "corner")
        && cx.is(i + 1, YOU | TARGET)
        && cx.w(i + 2) == "alone"
        && cx.same_clause(i, i + 2)
    {
        cx.find(Kind::Threat, 0.85, i, i + 2);
        return;
    }
    // "🔪 coming for u 🔪", "I'm coming for you".
    if w == "coming"
        && cx.w(i + 1) == "for"
        && matches!(cx.w(i + 2), "you" | "u" | "ya")
        && cx.same_clause(i, i + 2)
    {
        let weapon = cx
            .text
            .contains(['🔪', '🔫', '🗡', '🪓', '💣', '⚰', '☠', '💀']);
        let me = i > 0 && matches!(cx.w(i - 1), "im" | "were" | "ill");
        if weapon || me {
            cx.find(Kind::Threat, 0.85, i, i + 2);
            return;
        }
    }
    // "teach that mayor a lesson with a baseball bat".
    if w == "lesson" {
        let weapon = later_in_clause(cx, i, 6, |k| {
            matches!(
                cx.w(k),
                "bat"
                    | "crowbar"
                    | "machete"
                    | "hammer"
                    | "knife"
                    | "fists"
                    | "brick"
                    | "belt"
                    | "bullet"
                    | "gun"
                    | "axe"
                    | "boot"
                    | "boots"
            )
        });
        if let Some(end) = weapon {
            cx.find(Kind::Threat, 0.85, i, end);
            return;
        }
    }
    // "someone should run that protester over".
    if w == "run" && !blocked {
        let over = later_in_clause(cx, i, 4, |k| cx.w(k) == "over");
        let modal = earlier_in_clause(cx, i, |k| {
            matches!(
                cx.w(k),
                "should" | "will" | "ll" | "gonna" | "wish" | "hope" | "would" | "must" | "needs"
            )
        });
        if let Some(o) = over
            && o > i + 1
            && modal
            && (i + 1..o).all(|k| !is_thing(cx.w(k)))
            && (i + 1..o).any(|k| cx.is(k, TARGET | YOU) || !cx.is(k, FILLER | POINTER))
        {
            cx.find(Kind::Threat, 0.85, i, o);
        }
    }
}

/// Sexual harassment: "on her knees", "DM me your pics", "slept with the editor to get the
/// job", "do the news topless", "wear a shorter skirt", "show her what a real man is".
fn sexual(cx: &mut Ctx, i: usize) {
    let w = cx.w(i);
    if cx.reported(i) {
        return;
    }
    let next = cx.w(i + 1);
    let third = cx.w(i + 2);
    let in_clause = |k: usize| k < cx.words.len() && cx.same_clause(i, k);
    let clause_has = |words: &[&str]| {
        let clause = cx.words[i].clause;
        cx.words
            .iter()
            .filter(|x| x.clause == clause)
            .any(|x| words.contains(&x.text.as_str()))
    };
    if w == "on"
        && matches!(next, "her" | "your" | "ur")
        && third == "knees"
        && in_clause(i + 2)
        && !clause_has(&[
            "pray",
            "praying",
            "prayer",
            "beg",
            "begging",
            "scrub",
            "scrubbing",
            "garden",
            "fell",
            "injured",
            "weeding",
            "planting",
            "floor",
        ])
    {
        cx.find(Kind::Sexual, 0.85, i, i + 2);
        return;
    }
    if matches!(w, "dm" | "send" | "show" | "pm" | "message" | "snap")
        && next == "me"
        && matches!(third, "your" | "ur" | "some" | "those")
        && matches!(
            cx.w(i + 3),
            "pics" | "pictures" | "photos" | "nudes" | "tits" | "boobs" | "body" | "feet" | "pic"
        )
        && in_clause(i + 3)
    {
        cx.find(Kind::Sexual, 0.9, i, i + 3);
        return;
    }
    if w == "send" && next == "nudes" {
        cx.find(Kind::Sexual, 0.9, i, i + 1);
        return;
    }
    if w == "on" && next == "my" && in_clause(i + 2) {
        let part = matches!(third, "face" | "cock" | "dick" | "knob" | "lap" | "knee");
        let literal = clause_has(&[
            "cat",
            "dog",
            "baby",
            "laptop",
            "kid",
            "son",
            "daughter",
            "grandchild",
            "puppy",
            "kitten",
            "grandson",
            "granddaughter",
            "book",
            "tray",
            "fell",
            "spilled",
        ]);
        if part && !literal {
            cx.find(Kind::Sexual, 0.85, i, i + 2);
            return;
        }
    }
    if matches!(
        w,
        "slept" | "sleeping" | "sleeps" | "sleep" | "shagged" | "shagging" | "bonked"
    ) && next == "with"
        && matches!(third, "the" | "her" | "his" | "their")
        && matches!(
            cx.w(i + 3),
            "editor"
                | "editors"
                | "boss"
                | "producer"
                | "producers"
                | "director"
                | "owner"
                | "manager"
                | "chief"
        )
    {
        let job = cx.words.iter().any(|x| {
            matches!(
                x.text.as_str(),
                "job"
                    | "story"
                    | "stories"
                    | "promotion"
                    | "role"
                    | "position"
                    | "career"
                    | "gig"
                    | "got"
                    | "get"
            )
        });
        if job {
            cx.find(Kind::Sexual, 0.85, i, i + 3);
            return;
        }
    }
    if matches!(
        w,
        "topless" | "nude" | "bikini" | "lingerie" | "underwear" | "naked"
    ) && earlier_in_clause(cx, i, |k| {
        matches!(
            cx.w(k),
            "should" | "could" | "would" | "wear" | "do" | "read" | "present" | "try"
        )
    }) && !earlier_in_clause(cx, i, |k| cx.is(k, NEGATION))
        && !matches!(
            next,
            "truth" | "eye" | "greed" | "ambition" | "aggression" | "power"
        )
    {
        cx.find(Kind::Sexual, 0.8, i, i);
        return;
    }
    if w == "wear"
        && matches!(
            if next == "a" { third } else { next },
            "shorter" | "tighter" | "lower" | "smaller" | "skimpier" | "less" | "shorts"
        )
        && (i + 2..i + 5).any(|k| {
            matches!(
                cx.w(k),
                "skirt" | "skirts" | "top" | "dress" | "clothes" | "clothing" | "neckline"
            )
        })
    {
        cx.find(Kind::Sexual, 0.8, i, (i + 3).min(cx.words.len() - 1));
        return;
    }
    if w == "at"
        && matches!(next, "her" | "your" | "ur")
        && matches!(
            third,
            "legs"
                | "tits"
                | "boobs"
                | "ass"
                | "arse"
                | "body"
                | "rack"
                | "chest"
                | "cleavage"
                | "bum"
                | "butt"
                | "figure"
        )
        && earlier_in_clause(cx, i, |k| {
            k + 4 > i
                && matches!(
                    cx.w(k),
                    "look" | "looks" | "looking" | "stare" | "staring" | "ogle"
                )
        })
    {
        cx.find(Kind::Sexual, 0.8, i, i + 2);
        return;
    }
    if w == "real"
        && next == "man"
        && earlier_in_clause(cx, i, |k| {
            (cx.w(k) == "show" && matches!(cx.w(k + 1), "her" | "you" | "u" | "them"))
                || (matches!(cx.w(k), "she" | "shes" | "her")
                    && matches!(cx.w(k + 1), "needs" | "need" | "wants"))
        })
    {
        cx.find(Kind::Sexual, 0.85, i, i + 1);
        return;
    }
    if w == "asking"
        && next == "for"
        && third == "it"
        && (i.saturating_sub(3)..i).any(|k| {
            cx.same_clause(k, i) && matches!(cx.w(k), "shes" | "she" | "youre" | "was" | "were")
        })
    {
        cx.find(Kind::Sexual, 0.8, i.saturating_sub(1), i + 2);
        return;
    }
    if w == "know"
        && next == "you"
        && matches!(third, "want" | "like" | "love")
        && cx.w(i + 3) == "it"
        && cx.ends_phrase(i + 3)
    {
        cx.find(Kind::Sexual, 0.85, i, i + 3);
        return;
    }
    if w == "get"
        && matches!(next, "her" | "your" | "ur" | "them")
        && matches!(third, "tits" | "boobs" | "kit" | "clothes")
        && matches!(cx.w(i + 3), "out" | "off")
    {
        cx.find(Kind::Sexual, 0.9, i, i + 3);
    }
}

/// Attacks on a group of people by identity beyond the copula frames: "go back to where you
/// came from", "women shouldn't be allowed to vote", "Muslims should be banned".
fn identity(cx: &mut Ctx, i: usize) {
    let w = cx.w(i);
    if cx.reported(i) {
        return;
    }
    if matches!(w, "go" | "goback" | "send") && cx.w(i + 1) == "back" {
        let k = i + 2;
        let to = cx.w(k) == "to";
        let place = cx.w(k + 1);
        // An order or a demand, not a wish: "they want to go back to their country one day".
        let prev = if i > 0 && cx.same_clause(i - 1, i) {
            cx.w(i - 1)
        } else {
            ""
        };
        let demand = matches!(prev, "should" | "must" | "can" | "cant" | "need" | "needs");
        let order =
            prev.is_empty() || demand || matches!(prev, "just" | "now" | "you" | "u" | "and");
        let home = order
            && (matches!(place, "where" | "your" | "ur") || (demand && place == "their"))
            && later_in_clause(cx, k, 6, |m| {
                matches!(
                    cx.w(m),
                    "came"
                        | "come"
                        | "country"
                        | "countries"
                        | "jungle"
                        | "desert"
                        | "cave"
                        | "village"
                        | "africa"
                        | "island"
                )
            })
            .is_some();
        if to && home && cx.same_clause(i, k + 1) {
            cx.find(Kind::Identity, 0.85, i, k + 1);
            return;
        }
    }
    if !cx.is(i, GROUP) {
        return;
    }
    // "[group] shouldn't be allowed to vote", "[group] should be banned".
    let mut j = i + 1;
    while j < cx.words.len() && cx.same_clause(i, j) && j <= i + 10 {
        let v = cx.w(j);
        let denied = matches!(v, "shouldnt" | "mustnt" | "cant")
            || (matches!(v, "should" | "must") && cx.w(j + 1) == "not");
        if denied {
            let be = if cx.w(j + 1) == "not" { j + 2 } else { j + 1 };
            if cx.w(be) == "be" && matches!(cx.w(be + 1), "allowed" | "trusted" | "let") {
                cx.find(Kind::Identity, 0.8, i, be + 1);
            } else if matches!(cx.w(be), "exist" | "breed" | "reproduce")
                || (cx.w(be) == "be" && cx.w(be + 1) == "born")
            {
                // "autistic kids shouldn't exist": denied existence, not a right.
                cx.find(Kind::Identity, 0.85, i, be);
            }
            return;
        }
        if matches!(v, "should" | "must") && cx.w(j + 1) == "be" {
            if matches!(
                cx.w(j + 2),
                "banned"
                    | "expelled"
                    | "rounded"
                    | "sterilised"
                    | "sterilized"
                    | "kicked"
                    | "thrown"
                    | "exterminated"
                    | "gassed"
                    | "wiped"
            ) {
                cx.find(Kind::Identity, 0.85, i, j + 2);
            }
            return;
        }
        if cx.is(j, BREAK | NEGATION) && v != "and" {
            return;
        }
        j += 1;
    }
}

/// Put-downs of the reader or a person without an insult noun: "as thick as you", "your one
/// brain cell", "crawl back under your rock", "your mum's basement", "pathetic excuse for a
/// human", "human garbage", "eat a bag of dicks".
fn reader_put_downs(cx: &mut Ctx, i: usize) {
    let w = cx.w(i);
    if cx.reported(i) {
        return;
    }
    if w == "as"
        && cx.is(i + 1, INSULT_ADJ | DEGRADE_ADJ)
        && cx.w(i + 2) == "as"
        && cx.is(i + 3, YOU)
        && cx.same_clause(i, i + 3)
    {
        cx.find(Kind::Insult, 0.8, i, i + 3);
        return;
    }
    if (w == "brain" && matches!(cx.w(i + 1), "cell" | "cells"))
        || matches!(w, "braincell" | "braincells")
    {
        let counted = i > 0
            && matches!(
                cx.w(i - 1),
                "one"
                    | "two"
                    | "single"
                    | "only"
                    | "last"
                    | "remaining"
                    | "both"
                    | "1"
                    | "2"
                    | "functioning"
                    | "lonely"
            );
        if counted {
            cx.find(Kind::Insult, 0.75, i - 1, i + usize::from(w == "brain"));
            return;
        }
    }
    if w == "brain"
        && cx.w(i + 1) == "the"
        && cx.w(i + 2) == "size"
        && matches!(
            cx.w(i + 5),
            "pea" | "peanut" | "walnut" | "raisin" | "grape"
        )
    {
        cx.find(Kind::Insult, 0.75, i, i + 5);
        return;
    }
    if matches!(w, "crawl" | "crawled" | "slither" | "slithered" | "scuttle") {
        let back = later_in_clause(cx, i, 2, |k| matches!(cx.w(k), "back" | "out"));
        let lair = later_in_clause(cx, i, 6, |k| {
            matches!(
                cx.w(k),
                "rock" | "hole" | "cave" | "sewer" | "swamp" | "gutter" | "pit" | "bridge"
            )
        });
        if let (Some(_), Some(end)) = (back, lair) {
            cx.find(Kind::Insult, 0.8, i, end);
            return;
        }
    }
    if w == "basement"
        && i > 0
        && matches!(
            cx.w(i - 1),
            "mums" | "moms" | "mothers" | "mommys" | "mummys" | "parents" | "nans" | "grans"
        )
        && cx
            .words
            .iter()
            .any(|x| matches!(x.text.as_str(), "you" | "your" | "youre" | "u" | "ur"))
    {
        cx.find(Kind::Insult, 0.75, i - 1, i);
        return;
    }
    if w == "excuse"
        && cx.w(i + 1) == "for"
        && matches!(cx.w(i + 2), "a" | "an")
        && matches!(
            cx.w(i + 3),
            "human"
                | "man"
                | "woman"
                | "person"
                | "journalist"
                | "reporter"
                | "writer"
                | "being"
                | "politician"
                | "mp"
                | "minister"
                | "leader"
                | "manager"
                | "father"
                | "mother"
                | "referee"
                | "ref"
                | "judge"
                | "lawyer"
                | "mayor"
                | "pm"
        )
        && i > 0
        && matches!(
            cx.w(i - 1),
            "pathetic" | "sorry" | "poor" | "miserable" | "pitiful"
        )
    {
        cx.find(Kind::Insult, 0.8, i - 1, i + 3);
        return;
    }
    // "human garbage", "human trash"; "human waste" is sewage.
    if w == "human"
        && matches!(
            cx.w(i + 1),
            "garbage"
                | "trash"
                | "filth"
                | "scum"
                | "debris"
                | "excrement"
                | "refuse"
                | "rubbish"
                | "vermin"
        )
        && cx.same_clause(i, i + 1)
    {
        cx.find(Kind::Dehumanising, 0.85, i, i + 1);
        return;
    }
    if w == "eat"
        && matches!(cx.w(i + 1), "a" | "my")
        && matches!(cx.w(i + 2), "bag" | "sack" | "box")
        && cx.w(i + 3) == "of"
        && matches!(
            cx.w(i + 4),
            "dicks" | "cocks" | "dick" | "cock" | "shit" | "crap"
        )
    {
        cx.find(Kind::Obscenity, 0.85, i, i + 4);
    }
}

/// Chat fillers that end a phrase: "a braindead sheep lmao".
fn is_interjection(w: &str) -> bool {
    matches!(
        w,
        "lol"
            | "lmao"
            | "lmfao"
            | "rofl"
            | "haha"
            | "hahaha"
            | "smh"
            | "tbh"
            | "imo"
            | "mate"
            | "buddy"
            | "pal"
            | "innit"
            | "bro"
            | "fam"
            | "pmsl"
            | "kek"
    )
}

/// The comment speaks to someone in it: "you", or "the guy above me".
fn addresses_reader(cx: &Ctx) -> bool {
    cx.words.iter().enumerate().any(|(k, w)| {
        !w.quoted
            && ((cx.is(k, YOU) && !matches!(w.text.as_str(), "yourself" | "yourselves"))
                || (w.text == "above" && matches!(cx.w(k + 1), "me" | "you"))
                || (matches!(w.text.as_str(), "guy" | "poster" | "commenter" | "op")
                    && cx.w(k + 1) == "above"))
    })
}

/// Body parts that a wish of harm breaks.
fn body_part(w: &str) -> bool {
    matches!(
        w,
        "knee"
            | "knees"
            | "legs"
            | "leg"
            | "arms"
            | "neck"
            | "spine"
            | "bones"
            | "skull"
            | "jaw"
            | "teeth"
            | "kneecaps"
            | "ribs"
            | "face"
            | "nose"
            | "fingers"
    )
}

/// Threats beyond the verb frames: veiled menace ("accidents happen to…", "would be a shame
/// if something happened to…", "watch her back", "say that to my face"), wishes that a
/// vehicle crash or a disaster strike, "let them drown", "deserves a car bomb", "if I see
/// him he's going to hospital", "slap the grin off his face".
fn broad_threats(cx: &mut Ctx, i: usize) {
    if cx.reported(i) || cx.words[i].quoted {
        return;
    }
    let w = cx.w(i);
    let negated = earlier_in_clause(cx, i, |k| cx.is(k, NEGATION));
    let news = |cx: &Ctx| {
        earlier_in_clause(cx, i, |k| {
            matches!(
                cx.w(k),
                "police" | "threatened" | "threatening" | "warned" | "allegedly" | "accused"
            )
        })
    };
    // "accidents happen to councillors who…", "accidents happen, don't they".
    if matches!(w, "accidents" | "accident")
        && matches!(cx.w(i + 1), "happen" | "happens" | "can")
        && (later_in_clause(cx, i, 4, |k| {
            cx.w(k) == "to" && (cx.is(k + 1, YOU | TARGET) || !cx.is(k + 1, FILLER))
        })
        .is_some()
            || cx.text.contains(['😉', '😏', '🔪', '🔥']))
        && !news(cx)
    {
        cx.find(Kind::Threat, 0.8, i, i + 1);
        return;
    }
    // "would be a shame if something happened to your kids".
    if w == "shame" && cx.w(i + 1) == "if" && !negated {
        let happened = later_in_clause(cx, i, 6, |k| {
            cx.w(k).starts_with("happen") && matches!(cx.w(k + 1), "to" | "")
        });
        if let Some(end) = happened {
            cx.find(Kind::Threat, 0.85, i, end);
            return;
        }
    }
    // "should watch her back", "better watch your back".
    if w == "watch"
        && matches!(cx.w(i + 1), "his" | "her" | "your" | "ur" | "their" | "yer")
        && matches!(cx.w(i + 2), "back" | "backs")
        && !news(cx)
        && !negated
        // "better watch your back", "watch your back." (but "watch your back on the ice").
        && (earlier_in_clause(cx, i, |k| {
            matches!(
                cx.w(k),
                "should" | "better" | "had" | "must" | "gonna" | "needs" | "need" | "ll" | "will"
            )
        }) || !cx.same_clause(i, i + 3)
            || matches!(cx.w(i + 3), "round" | "around" | "mate" | "pal" | "son"))
    {
        cx.find(Kind::Threat, 0.75, i, i + 2);
        return;
    }
    // "better not show his face at our ground", "say that to my face".
    if w == "show"
        && matches!(cx.w(i + 1), "his" | "her" | "your" | "ur" | "their")
        && matches!(cx.w(i + 2), "face" | "faces")
        && i >= 2
        && cx.w(i - 1) == "not"
        && matches!(cx.w(i - 2), "better" | "dare")
    {
        cx.find(Kind::Threat, 0.75, i - 2, i + 2);
        return;
    }
    if w == "say"
        && matches!(cx.w(i + 1), "that" | "it" | "this")
        && cx.w(i + 2) == "to"
        && cx.w(i + 3) == "my"
        && cx.w(i + 4) == "face"
        && !negated
    {
        cx.find(Kind::Threat, 0.75, i, i + 4);
        return;
    }
    if w == "see"
        && cx.w(i + 1) == "what"
        && matches!(cx.w(i + 2), "happens" | "happen")
        && cx.w(i + 3) == "to"
        && cx.is(i + 4, YOU | TARGET)
    {
        cx.find(Kind::Threat, 0.8, i, i + 4);
        return;
    }
    // "If I ever see that ref, he's going to the hospital / he won't walk again".
    if w == "if"
        && matches!(cx.w(i + 1), "i" | "we")
        && later_in_clause(cx, i + 1, 3, |k| {
            matches!(cx.w(k), "see" | "catch" | "meet" | "find" | "spot")
        })
        .is_some()
    {
        let clause = cx.words[i].clause;
        let harm = cx.words.iter().find(|x| {
            x.clause >= clause
                && x.clause <= clause + 1
                && matches!(
                    x.text.as_str(),
                    "hospital"
                        | "ambulance"
                        | "wheelchair"
                        | "morgue"
                        | "regret"
                        | "dead"
                        | "teeth"
                        | "kneecaps"
                        | "hurt"
                        | "pay"
                )
        });
        if let Some(h) = harm {
            let ev = cx.text[cx.words[i].start..h.end].to_string();
            cx.find_text(Kind::Threat, 0.85, &ev);
            return;
        }
    }
    // "He won't walk out of there", "won't leave here alive".
    if w == "wont"
        && ((cx.w(i + 1) == "walk" && matches!(cx.w(i + 2), "out" | "away"))
            || (cx.w(i + 1) == "leave" && cx.w(i + 3) == "alive"))
        && cx
            .words
            .iter()
            .any(|x| matches!(x.text.as_str(), "face" | "ground" | "show" | "see"))
    {
        cx.find(Kind::Threat, 0.75, i, (i + 3).min(cx.words.len() - 1));
        return;
    }
    // "let them drown", "let him rot in the desert" (but "let him rot in jail" is justice).
    if w == "let"
        && matches!(cx.w(i + 1), "them" | "him" | "her" | "em")
        && matches!(
            cx.w(i + 2),
            "drown" | "die" | "burn" | "starve" | "perish" | "rot" | "suffer" | "freeze"
        )
        && !rots_in_jail(cx, i + 2)
        && !negated
    {
        cx.find(Kind::Threat, 0.8, i, i + 2);
        return;
    }
    if w == "sink" && matches!(cx.w(i + 1), "the" | "their") && cx.w(i + 2).starts_with("boat") {
        cx.find(Kind::Threat, 0.7, i, i + 2);
        return;
    }
    // "deserves a car bomb", "needs a good beating", "earned himself a proper kicking".
    if matches!(
        w,
        "deserve" | "deserves" | "deserved" | "needs" | "need" | "earned"
    ) && !negated
    {
        let art = (i + 1..(i + 3).min(cx.words.len()))
            .find(|&k| matches!(cx.w(k), "a" | "the" | "another"));
        if let Some(a) = art {
            let doom = later_in_clause(cx, a, 3, |k| cx.is(k, DOOM));
            if let Some(d) = doom
                && (a + 1..d).all(|k| !cx.is(k, BREAK))
                && !matches!(cx.w(d + 1), "of" | "from" | "at")
            {
                let subject = i.checked_sub(1).filter(|&s| cx.same_clause(s, i));
                // "the bill deserves a proper kicking" is politics.
                if subject.is_none_or(|s| {
                    !matches!(cx.w(s), "it" | "this" | "that") && !is_thing(cx.w(s))
                }) {
                    cx.find(Kind::Threat, 0.8, subject.unwrap_or(i), d);
                    return;
                }
            }
        }
    }
    // "dragged out by his hair", "tarred and feathered".
    if w == "by"
        && matches!(cx.w(i + 1), "his" | "her" | "their" | "the")
        && matches!(cx.w(i + 2), "hair" | "neck" | "ears" | "throat" | "collar")
        && earlier_in_clause(cx, i, |k| cx.w(k).starts_with("drag"))
        && !news(cx)
    {
        cx.find(Kind::Threat, 0.8, i, i + 2);
        return;
    }
    if w == "tarred" && cx.w(i + 1) == "and" && cx.w(i + 2) == "feathered" {
        cx.find(Kind::Threat, 0.8, i, i + 2);
        return;
    }
    // "Somebody slap that smug grin off his face".
    if matches!(w, "slap" | "punch" | "smack" | "knock" | "kick") && !negated && !news(cx) {
        let off = later_in_clause(cx, i, 7, |k| {
            cx.w(k) == "off" && cx.w(k + 2) == "face" && cx.same_clause(k, k + 2)
        });
        if let Some(o) = off {
            cx.find(Kind::Threat, 0.8, i, o + 2);
            return;
        }
    }
    // "I'd throw my shoe at him" ("throw the book at him" is the court's job).
    if matches!(w, "throw" | "chuck" | "lob" | "hurl")
        && earlier_in_clause(cx, i, |k| {
            matches!(cx.w(k), "id" | "ill" | "i" | "someone" | "somebody" | "we")
        })
        && !negated
    {
        let at = later_in_clause(cx, i, 5, |k| {
            cx.w(k) == "at" && matches!(cx.w(k + 1), "him" | "her" | "them" | "you" | "u")
        });
        if let Some(a) = at
            && !(i + 1..a).any(|k| matches!(cx.w(k), "book" | "towel" | "money" | "party"))
        {
            cx.find(Kind::Threat, 0.7, i, a + 1);
            return;
        }
    }
    // "Someone should teach that referee a lesson".
    if w == "teach"
        && earlier_in_clause(cx, i, |k| {
            matches!(
                cx.w(k),
                "someone" | "somebody" | "id" | "ill" | "we" | "gonna" | "lets"
            )
        })
        && !negated
    {
        let lesson = later_in_clause(cx, i, 4, |k| cx.w(k) == "lesson");
        let civil = cx.words.iter().any(|x| {
            matches!(
                x.text.as_str(),
                "polls"
                    | "ballot"
                    | "election"
                    | "vote"
                    | "voters"
                    | "court"
                    | "economics"
                    | "history"
                    | "manners"
            )
        });
        if let Some(l) = lesson
            && !matches!(cx.w(l + 1), "in" | "about" | "on")
            && !civil
        {
            cx.find(Kind::Threat, 0.75, i, l);
            return;
        }
    }
    // "Someone needs to deal with the judge. Permanently."
    if w == "permanently" {
        let deal = (0..i).rev().take(12).find(|&k| {
            matches!(
                cx.w(k),
                "deal" | "silence" | "silenced" | "dealt" | "remove" | "removed"
            ) && (cx.w(k + 1) != "with" || person_object(cx, k + 2) || cx.is(k + 2, TARGET))
                && (0..k).any(|m| {
                    matches!(
                        cx.w(m),
                        "someone" | "somebody" | "needs" | "should" | "will"
                    )
                })
        });
        if let Some(k) = deal {
            cx.find(Kind::Threat, 0.8, k, i);
            return;
        }
    }
    // "his house would look nicer on fire".
    if w == "fire"
        && i > 0
        && cx.w(i - 1) == "on"
        && earlier_in_clause(cx, i, |k| matches!(cx.w(k), "would" | "should" | "look"))
        && earlier_in_clause(cx, i, |k| {
            matches!(
                cx.w(k),
                "house"
                    | "home"
                    | "office"
                    | "flat"
                    | "car"
                    | "he"
                    | "she"
                    | "they"
                    | "him"
                    | "her"
                    | "them"
            )
        })
        && !negated
    {
        cx.find(Kind::Threat, 0.8, i - 1, i);
        return;
    }
    // Wishes: "I hope both your knees snap", "hope his plane goes down", "wish the
    // earthquake had taken out the whole council", "hope he gets hit by a bus".
    if matches!(w, "hope" | "hopes" | "wish" | "hoping" | "pray" | "praying") {
        let mut j = i + 1;
        while j < cx.words.len() && cx.same_clause(i, j) && j <= i + 10 {
            let v = cx.w(j);
            if cx.is(j, NEGATION) || matches!(v, "nobody" | "no" | "whoever" | "catch") {
                return;
            }
            let breaks = matches!(
                v,
                "snap"
                    | "snaps"
                    | "break"
                    | "breaks"
                    | "broken"
                    | "shatter"
                    | "shatters"
                    | "shattered"
                    | "crack"
                    | "cracks"
                    | "smashed"
                    | "snapped"
            );
            if breaks && (i + 1..j + 3).any(|k| body_part(cx.w(k)) && cx.same_clause(i, k)) {
                cx.find(Kind::Threat, 0.85, i, j);
                return;
            }
            let vehicle = matches!(
                v,
                "plane" | "jet" | "helicopter" | "car" | "boat" | "yacht" | "train" | "chopper"
            );
            if vehicle {
                let crash = later_in_clause(cx, j, 3, |k| {
                    matches!(
                        cx.w(k),
                        "crashes" | "crash" | "explodes" | "explode" | "sinks" | "sink"
                    ) || (matches!(cx.w(k), "goes" | "go") && cx.w(k + 1) == "down")
                        || (matches!(cx.w(k), "blows" | "blow") && cx.w(k + 1) == "up")
                });
                if let Some(end) = crash {
                    cx.find(Kind::Threat, 0.85, i, end + 1);
                    return;
                }
            }
            let took = matches!(v, "taken" | "took" | "take" | "wiped" | "wipe" | "finished")
                && matches!(cx.w(j + 1), "out" | "off");
            if took && (i + 1..j).any(|k| !cx.is(k, SELF)) && cx.same_clause(j, j + 2) {
                cx.find(Kind::Threat, 0.8, i, j + 1);
                return;
            }
            if v == "hit"
                && cx.w(j + 1) == "by"
                && matches!(cx.w(j + 2), "a" | "an" | "the")
                && matches!(
                    cx.w(j + 3),
                    "bus" | "car" | "train" | "truck" | "lorry" | "van" | "tram" | "tractor"
                )
            {
                cx.find(Kind::Threat, 0.85, i, j + 3);
                return;
            }
            j += 1;
        }
    }
}

/// Put-downs without an insult frame: "imagine being this stupid", "the IQ of a houseplant",
/// "lowers the average intelligence", "if brains were petrol…", "how do you even tie your
/// shoes", "your brain is a dial-up modem", "did your mum drop you on your head", "a sad
/// little man", "looks like a melted candle", "disgrace of a human being", "moron alert",
/// and an insult noun anywhere in a comment that speaks to someone.
fn broad_put_downs(cx: &mut Ctx, i: usize) {
    if cx.reported(i) || cx.words[i].quoted {
        return;
    }
    let w = cx.w(i);
    let self_or_not = earlier_in_clause(cx, i, |k| cx.is(k, SELF | NEGATION));
    // "imagine being this stupid", "exhausting being this dense".
    if w == "being"
        && matches!(cx.w(i + 1), "this" | "that" | "so")
        && cx.is(i + 2, INSULT_ADJ | DEGRADE_ADJ)
        && !self_or_not
    {
        cx.find(Kind::Insult, 0.8, i, i + 2);
        return;
    }
    if w == "be"
        && matches!(cx.w(i + 1), "this" | "that" | "so")
        && cx.is(i + 2, INSULT_ADJ)
        && earlier_in_clause(cx, i, |k| cx.is(k, YOU) || cx.w(k) == "how")
        && !self_or_not
    {
        cx.find(Kind::Insult, 0.8, i, i + 2);
        return;
    }
    // "the IQ of a houseplant", "the attention span of a goldfish".
    let faculty = matches!(w, "iq" | "intelligence" | "brains" | "wits" | "braincells");
    let trait_ = matches!(
        w,
        "skills" | "span" | "memory" | "personality" | "charisma" | "sense" | "brain"
    );
    if (faculty || trait_) && cx.w(i + 1) == "of" && matches!(cx.w(i + 2), "a" | "an") {
        // Any IQ compared to a thing is low, if it is someone's ("the IQ of a nation" is a
        // measure).
        let someones = faculty && earlier_in_clause(cx, i, |k| cx.is(k, YOU | TARGET));
        let object = later_in_clause(cx, i + 2, 3, |k| {
            someones || cx.is(k, INSULT | INSULT_FRAMED | DEHUMAN) || put_down_object(cx.w(k))
        });
        if let Some(end) = object {
            cx.find(Kind::Insult, 0.8, i, end);
            return;
        }
    }
    // "lowers the average intelligence of this site".
    if matches!(w, "iq" | "intelligence")
        && earlier_in_clause(cx, i, |k| {
            cx.w(k).starts_with("lower") || cx.w(k).starts_with("drop") || cx.w(k) == "drags"
        })
    {
        cx.find(Kind::Insult, 0.8, i, i);
        return;
    }
    // "If brains were petrol…", "if stupidity was an Olympic sport…".
    if w == "if"
        && matches!(
            cx.w(i + 1),
            "brains" | "stupidity" | "ignorance" | "idiocy" | "dumbness" | "intelligence"
        )
        && matches!(cx.w(i + 2), "were" | "was")
        // "…you wouldn't have enough", not "if brains were all it took".
        && cx.words[i + 3..].iter().enumerate().any(|(k, x)| {
            matches!(x.text.as_str(), "wouldnt" | "couldnt" | "cant" | "enough")
                && (i + 3..i + 3 + k).any(|m| cx.is(m, YOU | TARGET))
        })
    {
        cx.find(Kind::Insult, 0.8, i, i + 2);
        return;
    }
    // "how many crayons did you eat", "licking windows", "dropped on your head".
    if matches!(w, "crayon" | "crayons" | "glue" | "paint")
        && (i.saturating_sub(4)..i + 4).any(|k| {
            matches!(
                cx.w(k),
                "eat" | "ate" | "eating" | "eaten" | "sniff" | "sniffing" | "sniffed" | "lick"
            )
        })
        && addresses_reader(cx)
    {
        cx.find(Kind::Insult, 0.75, i, i);
        return;
    }
    if matches!(w, "drop" | "dropped" | "drops")
        && cx.is(i + 1, YOU | TARGET)
        && cx.w(i + 2) == "on"
        && matches!(cx.w(i + 3), "your" | "his" | "her" | "their" | "ur")
        && cx.w(i + 4) == "head"
    {
        cx.find(Kind::Insult, 0.8, i, i + 4);
        return;
    }
    if w == "dropped" && cx.w(i + 1) == "on" && cx.w(i + 3) == "head" && cx.is(i + 2, TARGET) {
        cx.find(Kind::Insult, 0.75, i, i + 3);
        return;
    }
    // "how do you even tie your shoes", "that you can operate a keyboard is a miracle".
    if matches!(
        w,
        "tie" | "breathe" | "dress" | "operate" | "function" | "spell" | "feed" | "type"
    ) && earlier_in_clause(cx, i, |k| cx.is(k, YOU))
    {
        let even = earlier_in_clause(cx, i, |k| {
            matches!(cx.w(k), "even" | "manage" | "managed" | "remember")
        }) && earlier_in_clause(cx, i, |k| cx.w(k) == "how");
        let can = earlier_in_clause(cx, i, |k| matches!(cx.w(k), "can" | "could"))
            && cx.words.iter().any(|x| {
                matches!(
                    x.text.as_str(),
                    "miracle" | "amazed" | "astonished" | "impressed" | "surprised" | "amazing"
                )
            });
        if even || can {
            cx.find(Kind::Insult, 0.75, i, i);
            return;
        }
    }
    // "your brain is a dial-up modem".
    if matches!(w, "your" | "ur" | "yer")
        && matches!(cx.w(i + 1), "brain" | "brains" | "skull" | "head")
        && matches!(cx.w(i + 2), "is" | "s" | "are")
        && matches!(
            cx.w(i + 3),
            "a" | "an" | "mush" | "empty" | "smooth" | "hollow"
        )
        && !cx.is(i + 4, NEGATION)
    {
        cx.find(Kind::Insult, 0.7, i, i + 3);
        return;
    }
    // "your mum should have swallowed you", "should have been aborted".
    if matches!(w, "swallowed" | "aborted")
        && earlier_in_clause(cx, i, |k| {
            k + 5 > i && matches!(cx.w(k), "should" | "shoulda" | "shouldve" | "shouldnt")
        })
        && (cx.is(i + 1, YOU | TARGET)
            || earlier_in_clause(cx, i, |k| {
                matches!(
                    cx.w(k),
                    "mum"
                        | "mom"
                        | "mother"
                        | "dad"
                        | "father"
                        | "parents"
                        | "you"
                        | "he"
                        | "she"
                        | "u"
                        | "ur"
                )
            }))
    {
        cx.find(Kind::Insult, 0.85, i, i);
        return;
    }
    // "a sad, lonely little man".
    if w == "little"
        && matches!(
            cx.w(i + 1),
            "man" | "men" | "person" | "creature" | "thing" | "troll" | "twerp" | "worm" | "boy"
        )
        && (i.saturating_sub(3)..i).any(|k| {
            cx.same_clause(k, i)
                && (cx.is(k, DEGRADE_ADJ | INSULT_ADJ)
                    || matches!(
                        cx.w(k),
                        "sad"
                            | "lonely"
                            | "bitter"
                            | "angry"
                            | "petty"
                            | "silly"
                            | "insecure"
                            | "horrible"
                            | "odious"
                            | "nasty"
                            | "jumped"
                    ))
        })
        && !self_or_not
    {
        cx.find(Kind::Insult, 0.75, i, i + 1);
        return;
    }
    // "looks like a melted candle", "a face like a slapped arse".
    if (matches!(w, "looks" | "look" | "looked")
        || (w == "face" && (i == 0 || cx.w(i - 1) != "the")))
        && cx.w(i + 1) == "like"
        && matches!(cx.w(i + 2), "a" | "an")
    {
        let object = later_in_clause(cx, i + 2, 3, |k| {
            (cx.is(k, INSULT | INSULT_FRAMED) || put_down_object(cx.w(k))) && cx.ends_phrase(k)
        });
        if let Some(end) = object
            && !self_or_not
            && !earlier_in_clause(cx, i, |k| is_thing(cx.w(k)) || cx.w(k) == "it")
        {
            cx.find(Kind::Insult, 0.75, i, end);
            return;
        }
    }
    // "a disgrace of a human being", "waste of a man".
    if matches!(
        w,
        "disgrace" | "waste" | "embarrassment" | "excuse" | "joke"
    ) && matches!(cx.w(i + 1), "of" | "for")
        && matches!(cx.w(i + 2), "a" | "an")
        && matches!(
            cx.w(i + 3),
            "human" | "man" | "woman" | "person" | "being" | "humanbeing"
        )
    {
        cx.find(Kind::Insult, 0.8, i, i + 3);
        return;
    }
    // "M0R0N ALERT".
    if cx.is(i, INSULT) && cx.w(i + 1) == "alert" && cx.same_clause(i, i + 1) {
        cx.find(Kind::Insult, 0.75, i, i + 1);
        return;
    }
    // An insult noun in a comment that speaks to someone is aimed at them: "idiot of the
    // year award goes to you".
    if cx.is(i, INSULT) && !self_or_not && addresses_reader(cx) {
        let bare_idiom = matches!(cx.w(i + 1), "child" | "children" | "proof" | "savant");
        if !bare_idiom {
            cx.find(Kind::Insult, 0.65, i, i);
        }
    }
}

/// Contempt for "people like you", "your kind", "you lot": they "shouldn't be allowed to
/// vote", "ruin everything", "make me sick"; and "[group] belong in the kitchen / a zoo".
fn scorned_kind(cx: &mut Ctx, i: usize) {
    if cx.reported(i) || cx.words[i].quoted {
        return;
    }
    let w = cx.w(i);
    if w == "belong"
        && cx.w(i + 1) == "in"
        && matches!(cx.w(i + 2), "a" | "the" | "zoos" | "cages" | "kitchens")
    {
        let k = if matches!(cx.w(i + 2), "a" | "the") {
            i + 3
        } else {
            i + 2
        };
        let place = matches!(
            cx.w(k),
            "kitchen"
                | "kitchens"
                | "zoo"
                | "zoos"
                | "cage"
                | "cages"
                | "jungle"
                | "gutter"
                | "sewer"
                | "bin"
                | "trash"
                | "dustbin"
        );
        let group = (i.saturating_sub(3)..i).any(|m| cx.same_clause(m, i) && cx.is(m, GROUP));
        let person =
            (i.saturating_sub(3)..i).any(|m| cx.same_clause(m, i) && cx.is(m, YOU | TARGET));
        if place && group {
            cx.find(Kind::Identity, 0.85, i, k);
        } else if place && person && cx.w(k) != "kitchen" {
            cx.find(Kind::Insult, 0.75, i, k);
        }
        return;
    }
    let scorned = (matches!(w, "people" | "folk" | "types" | "morons" | "idiots")
        && cx.w(i + 1) == "like"
        && matches!(
            cx.w(i + 2),
            "you" | "u" | "him" | "her" | "them" | "yourself"
        )
        && cx.same_clause(i, i + 2))
        || (matches!(w, "your" | "ur" | "their" | "his")
            && cx.w(i + 1) == "kind"
            // "your kind ruin everything", but "your kind words".
            && (cx.ends_phrase(i + 1)
                || matches!(
                    cx.w(i + 2),
                    "ruin" | "are" | "should" | "shouldnt" | "make" | "disgust" | "breed"
                )))
        || (cx.is(i, YOU) && matches!(cx.w(i + 1), "lot" | "people") && cx.same_clause(i, i + 1));
    if !scorned {
        return;
    }
    let mut j = i + 2;
    while j < cx.words.len() && cx.same_clause(i, j) && j <= i + 9 {
        let v = cx.w(j);
        let denied = matches!(v, "shouldnt" | "mustnt" | "cant")
            || (matches!(v, "should" | "must") && cx.w(j + 1) == "not");
        let be = if cx.w(j + 1) == "not" { j + 2 } else { j + 1 };
        if denied
            && (cx.w(be) == "be" && matches!(cx.w(be + 1), "allowed" | "let")
                || matches!(cx.w(be), "vote" | "breed" | "exist" | "reproduce"))
        {
            cx.find(Kind::Insult, 0.75, i, be);
            return;
        }
        let contempt =
            matches!(
                v,
                "ruin"
                    | "ruined"
                    | "ruins"
                    | "disgust"
                    | "disgusts"
                    | "sicken"
                    | "sickens"
                    | "infest"
                    | "infesting"
                    | "pollute"
                    | "polluting"
                    | "breed"
            ) || (matches!(v, "make" | "makes") && cx.w(j + 1) == "me" && cx.w(j + 2) == "sick")
                || (matches!(v, "are" | "is") && cx.w(j + 1) == "the" && cx.w(j + 2) == "problem");
        if contempt {
            cx.find(Kind::Insult, 0.75, i, j);
            return;
        }
        if cx.is(j, NEGATION) && !denied {
            return;
        }
        j += 1;
    }
}

/// Objects of comparison that mock a mind or a face: "the IQ of a houseplant".
fn put_down_object(w: &str) -> bool {
    matches!(
        w,
        "houseplant"
            | "plant"
            | "potato"
            | "goldfish"
            | "brick"
            | "rock"
            | "plank"
            | "toddler"
            | "gnat"
            | "amoeba"
            | "turnip"
            | "doorknob"
            | "cabbage"
            | "lettuce"
            | "walnut"
            | "hamster"
            | "jellyfish"
            | "sponge"
            | "carrot"
            | "pebble"
            | "squirrel"
            | "chimp"
            | "teaspoon"
            | "thumb"
            | "toad"
            | "frog"
            | "walrus"
            | "hippo"
            | "scarecrow"
            | "corpse"
            | "candle"
            | "waxwork"
            | "gargoyle"
            | "pug"
            | "ferret"
            | "lizard"
            | "slug"
            | "bulldog"
            | "melon"
            | "fruitfly"
            | "peanut"
            | "pea"
            | "kettle"
            | "spoon"
            | "mushroom"
            | "ape"
            | "baboon"
    )
}

/// Sexual harassment beyond `sexual`: "I'd rail her", "MILF", "send more without the top",
/// "a real exclusive in my bedroom", "too pretty to be talking about economics", "you sound
/// tight, DM me".
fn broad_sexual(cx: &mut Ctx, i: usize) {
    if cx.reported(i) || cx.words[i].quoted {
        return;
    }
    let w = cx.w(i);
    let next = cx.w(i + 1);
    if matches!(
        w,
        "milf" | "milfs" | "dilf" | "fuckable" | "shaggable" | "bangable" | "dtf" | "smashable"
    ) {
        cx.find(Kind::Sexual, 0.75, i, i);
        return;
    }
    if matches!(
        w,
        "rail" | "smash" | "bang" | "shag" | "pound" | "bone" | "plough" | "plow" | "tap" | "hit"
    ) && i > 0
        && matches!(
            cx.w(i - 1),
            "id" | "would" | "wanna" | "gonna" | "ill" | "totally"
        )
        && cx.same_clause(i - 1, i)
    {
        let object = matches!(next, "her" | "you" | "u" | "ya" | "them")
            || (next == "that" && cx.ends_phrase(i + 1));
        let bare = cx.ends_phrase(i) && matches!(w, "rail" | "smash" | "bang" | "shag" | "bone");
        if (object && !matches!(w, "hit" | "pound") || (w == "hit" && next == "that")) || bare {
            cx.find(Kind::Sexual, 0.8, i - 1, (i + 1).min(cx.words.len() - 1));
            return;
        }
    }
    if w == "without"
        && matches!(next, "the" | "a" | "her" | "your" | "ur" | "any")
        && matches!(
            cx.w(i + 2),
            "top" | "clothes" | "bra" | "shirt" | "dress" | "bikini" | "knickers" | "panties"
        )
        && cx.ends_phrase(i + 2)
        && (cx.text.contains(['😉', '😘', '😍', '😏', '🍆', '💦'])
            || cx.words.iter().any(|x| {
                matches!(
                    x.text.as_str(),
                    "send" | "pic" | "pics" | "photo" | "photos" | "more" | "sexy" | "babe"
                )
            }))
    {
        cx.find(Kind::Sexual, 0.8, i, i + 2);
        return;
    }
    if matches!(w, "bed" | "bedroom" | "bedrooms")
        && i > 0
        && matches!(cx.w(i - 1), "my" | "our")
        && cx.words.iter().enumerate().any(|(k, x)| {
            matches!(
                x.text.as_str(),
                "show" | "take" | "give" | "join" | "come" | "get"
            ) && (cx.is(k + 1, YOU) || matches!(cx.w(k + 1), "her" | "me"))
        })
    {
        cx.find(Kind::Sexual, 0.8, i - 1, i);
        return;
    }
    if w == "too"
        && matches!(
            next,
            "pretty" | "hot" | "sexy" | "cute" | "beautiful" | "attractive" | "gorgeous" | "fit"
        )
        && cx.w(i + 2) == "to"
        && !cx.words.iter().any(|x| {
            is_thing(&x.text)
                || matches!(
                    x.text.as_str(),
                    "village"
                        | "town"
                        | "city"
                        | "garden"
                        | "view"
                        | "place"
                        | "it"
                        | "house"
                        | "car"
                        | "dress"
                        | "photo"
                        | "day"
                        | "weather"
                )
        })
    {
        cx.find(Kind::Sexual, 0.75, i, i + 2);
        return;
    }
    if matches!(w, "sound" | "sounds" | "look" | "looks")
        && i > 0
        && matches!(cx.w(i - 1), "you" | "u" | "she" | "ya")
        && matches!(
            next,
            "tight" | "sexy" | "hot" | "fuckable" | "tasty" | "delicious" | "juicy" | "thicc"
        )
    {
        cx.find(Kind::Sexual, 0.8, i - 1, i + 1);
        return;
    }
    if matches!(w, "dm" | "pm" | "message" | "inbox" | "snap")
        && next == "me"
        && (cx.text.contains(['😘', '😍', '😏', '🍆', '💦', '👅'])
            || cx.words.iter().any(|x| {
                matches!(
                    x.text.as_str(),
                    "babe"
                        | "baby"
                        | "sexy"
                        | "hot"
                        | "tight"
                        | "gorgeous"
                        | "sweetheart"
                        | "darling"
                        | "hun"
                )
            }))
    {
        cx.find(Kind::Sexual, 0.75, i, i + 1);
    }
}

/// A person is mentioned: the reader, a pronoun, a word for a person, or a capitalised word
/// inside a clause (a name).
fn someone(cx: &Ctx) -> bool {
    cx.words.iter().enumerate().any(|(k, w)| {
        !w.quoted
            && (cx.is(k, YOU | TARGET)
                || matches!(w.text.as_str(), "youll" | "youd" | "youve")
                || person_noun(&w.text)
                || (k > 0
                    && cx.same_clause(k - 1, k)
                    && cx.text[w.start..w.end].starts_with(|c: char| c.is_ascii_uppercase())))
    })
}

/// Frames that carry abuse without an insult or a harm verb: a menace added to a remark
/// ("final warning", "if you know what I mean"), knowing where someone is, indifference to
/// someone's misfortune ("wouldn't shed a tear if …"), "rot in hell", condescension
/// ("bless your heart", "sit down, sweetheart"), "stick it up your arse" and innuendo built on
/// a suggestive emoji. Each needs a person in the comment, so the same words about a bill or
/// a match stay civil.
fn veiled(cx: &mut Ctx, i: usize) {
    if cx.reported(i) || cx.words[i].quoted {
        return;
    }
    let w = cx.w(i);
    let next = cx.w(i + 1);
    let last = cx.words.len() - 1;
    let within = |k: usize| k.min(last);
    // Menace: a tail that turns a remark about someone into a warning.
    let menace = (w == "if"
        && cx.is(i + 1, YOU)
        && cx.w(i + 2) == "know"
        && cx.w(i + 3) == "what"
        && matches!(cx.w(i + 4), "i" | "we")
        && cx.w(i + 5) == "mean")
        || (matches!(w, "final" | "last") && next == "warning" && cx.ends_phrase(i + 1))
        || (w == "been" && next == "warned")
        || (w == "find" && next == "out" && cx.w(i + 2) == "what" && cx.w(i + 3) == "happens");
    if menace && someone(cx) {
        cx.find(Kind::Threat, 0.65, i, within(i + 5));
        return;
    }
    // "I know which gym he uses", "we know where the editor parks": someone's whereabouts.
    if w == "know"
        && i > 0
        && cx.is(i - 1, SELF)
        && matches!(next, "where" | "which")
        && (i + 2..within(i + 7) + 1).any(|k| {
            cx.same_clause(i, k)
                && matches!(
                    cx.w(k),
                    "live"
                        | "lives"
                        | "parks"
                        | "works"
                        | "drinks"
                        | "trains"
                        | "sleeps"
                        | "gym"
                        | "school"
                        | "house"
                        | "home"
                        | "street"
                        | "pub"
                        | "uses"
                        | "drops"
                        | "walks"
                )
        })
        && someone(cx)
    {
        cx.find(Kind::Threat, 0.65, i - 1, within(i + 3));
        return;
    }
    // Indifference to misfortune: "wouldn't shed a tear if …", "shame the bomb missed him".
    let shrug = (w == "shed" && next == "a" && cx.w(i + 2) == "tear")
        || (matches!(w, "cry" | "mourn" | "miss") && i > 0 && cx.is(i - 1, NEGATION))
        || (w == "lose" && next == "sleep" && i > 0 && cx.is(i - 1, NEGATION));
    if shrug
        && (i + 1..within(i + 4) + 1).any(|k| cx.same_clause(i, k) && cx.w(k) == "if")
        && someone(cx)
    {
        cx.find(Kind::Threat, 0.6, i, within(i + 3));
        return;
    }
    if matches!(w, "shame" | "pity")
        && (i + 1..within(i + 4) + 1).any(|k| {
            cx.same_clause(i, k)
                && matches!(
                    cx.w(k),
                    "bomb"
                        | "bullet"
                        | "bullets"
                        | "sniper"
                        | "shooter"
                        | "assassin"
                        | "missile"
                        | "grenade"
                        | "crash"
                        | "bus"
                        | "train"
                        | "lorry"
                        | "truck"
                        | "fall"
                        | "fell"
                        | "knife"
                        | "blast"
                )
        })
        && (i + 2..within(i + 7) + 1)
            .any(|k| cx.same_clause(i, k) && matches!(cx.w(k), "missed" | "didnt" | "failed"))
    {
        cx.find(Kind::Threat, 0.7, i, within(i + 4));
        return;
    }
    // "rot in hell", "burn in hell", "rot in a ditch" ("rot in prison" is a wish for justice).
    if matches!(w, "rot" | "burn" | "rots" | "burns")
        && next == "in"
        && (cx.w(i + 2) == "hell"
            || (cx.w(i + 2) == "a" && matches!(cx.w(i + 3), "ditch" | "gutter")))
        && !(i > 0 && cx.is(i - 1, NEGATION))
    {
        cx.find(Kind::Threat, 0.75, i, within(i + 3));
        return;
    }
    // Condescension: "bless your heart", "the adults are talking", "sit down, sweetheart".
    let pet = |k: usize| {
        matches!(
            cx.w(k),
            "sweetheart"
                | "sweetie"
                | "darling"
                | "honey"
                | "princess"
                | "petal"
                | "luv"
                | "love"
                | "sunshine"
                | "dear"
                | "babe"
                | "hun"
                | "kiddo"
                | "sonny"
        )
    };
    if (w == "bless" && matches!(next, "your" | "ur" | "his" | "her") && cx.w(i + 2) == "heart")
        || (matches!(w, "adults" | "grownups") && next == "are" && cx.w(i + 2) == "talking")
        || (matches!(w, "sit" | "calm" | "settle" | "pipe")
            && next == "down"
            && cx.words.get(i + 2).is_some()
            && pet(i + 2)
            && cx.ends_phrase(i + 2))
        || (w == "run" && next == "along" && cx.ends_phrase(i + 1))
    {
        cx.find(Kind::Insult, 0.6, i, within(i + 2));
        return;
    }
    // "stick your article up your arse", "kiss my arse".
    if matches!(w, "arse" | "ass" | "backside" | "jacksie")
        && i >= 2
        && matches!(cx.w(i - 1), "your" | "ur" | "his" | "her" | "their")
        && cx.w(i - 2) == "up"
        && (i.saturating_sub(7)..i).any(|k| {
            cx.same_clause(k, i) && matches!(cx.w(k), "stick" | "shove" | "stuff" | "ram" | "cram")
        })
    {
        cx.find(Kind::Obscenity, 0.8, i - 2, i);
        return;
    }
    if w == "kiss" && next == "my" && matches!(cx.w(i + 2), "arse" | "ass") {
        cx.find(Kind::Obscenity, 0.75, i, i + 2);
        return;
    }
    // Innuendo: a suggestive emoji in a remark about a woman or the reader, or a request for
    // pictures or a price.
    if (w == "send" && matches!(next, "pics" | "pix" | "nudes") && cx.ends_phrase(i + 1))
        || (w == "how"
            && next == "much"
            && cx.w(i + 2) == "for"
            && cx.w(i + 3) == "a"
            && matches!(cx.w(i + 4), "night" | "hour" | "go"))
        || (w == "freak" && next == "in" && cx.w(i + 2) == "bed")
        || (w == "turn" && next == "18" && someone(cx))
    {
        cx.find(Kind::Sexual, 0.7, i, within(i + 4));
        return;
    }
    if i == 0
        && cx
            .text
            .contains(['😏', '😉', '😘', '🥵', '🤤', '👅', '🍆', '💦'])
        && cx.words.iter().enumerate().any(|(k, x)| {
            !x.quoted
                && (matches!(
                    x.text.as_str(),
                    "she" | "her" | "girl" | "woman" | "presenter" | "reporter" | "legs" | "body"
                ) || cx.is(k, YOU))
        })
        && cx.words.iter().any(|x| {
            matches!(
                x.text.as_str(),
                "serve"
                    | "smash"
                    | "grunt"
                    | "wait"
                    | "legs"
                    | "body"
                    | "night"
                    | "bed"
                    | "dress"
                    | "skirt"
                    | "ride"
                    | "taste"
                    | "handle"
                    | "service"
                    | "fit"
            )
        })
    {
        cx.find_text(Kind::Sexual, 0.6, cx.text);
    }
}

/// Emoji and symbols: "🖕 Haldane 🖕", "🔫🔫 Quarrie", "⚰️ soon hopefully", "🐀🐀🐀
/// migrants", "Velasko = 🤡🤡🤡", "Immigrants = infestation".
fn symbols(cx: &mut Ctx) {
    let text = cx.text;
    let unquoted = cx.words.iter().any(|w| !w.quoted);
    if !unquoted {
        return;
    }
    let has_person = cx.words.iter().enumerate().any(|(k, w)| {
        cx.is(k, YOU | TARGET)
            || text[w.start..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    });
    let group = (0..cx.words.len()).any(|k| cx.is(k, GROUP));
    let count = |set: &[char]| text.chars().filter(|c| set.contains(c)).count();
    if count(&['🖕']) > 0 {
        cx.find_text(Kind::Obscenity, 0.8, "🖕");
    }
    let weapons = count(&['🔪', '🔫', '🗡', '🪓']);
    if weapons > 0 && has_person {
        cx.find_text(Kind::Threat, 0.8, text.trim());
    }
    if text.contains('⚰')
        && cx.words.iter().any(|w| {
            matches!(
                w.text.as_str(),
                "soon" | "hopefully" | "hope" | "next" | "wait" | "please" | "waiting"
            )
        })
    {
        cx.find_text(Kind::Threat, 0.75, text.trim());
    }
    let vermin = count(&['🐀', '🐁', '🪳', '🦠', '🐛', '🦟']);
    let beasts = count(&['🐷', '🐖', '🐒', '🦍', '🐵', '🐍', '🐀', '🪳']);
    if vermin > 0 && group {
        cx.find_text(Kind::Dehumanising, 0.85, text.trim());
    } else if (beasts >= 2 || (beasts > 0 && cx.words.iter().any(|w| w.text == "oink")))
        && has_person
    {
        cx.find_text(Kind::Insult, 0.75, text.trim());
    }
    let clowns = count(&['🤡']);
    if clowns >= 2 && has_person && (text.contains('=') || addresses_reader(cx)) {
        cx.find_text(Kind::Insult, 0.75, text.trim());
    }
    // "X = infestation", "Velasko = 🤡".
    if let Some(eq) = text.find('=') {
        let after = cx.words.iter().position(|w| w.start > eq);
        let before = cx.words.iter().rposition(|w| w.end <= eq);
        let clown = text[eq..].trim_start_matches(['=', ' ']).starts_with('🤡');
        if let (Some(b), true) = (before, clown) {
            cx.find(Kind::Insult, 0.75, b, b);
            return;
        }
        if let (Some(b), Some(a)) = (before, after)
            && cx.same_clause(b, a)
            && !cx.words[a].quoted
            && text[cx.words[b].end..cx.words[a].start].trim() == "="
        {
            let many = cx.is(b, GROUP) || cx.w(b).ends_with('s');
            if cx.is(a, DEHUMAN) && many && !is_creature(cx.w(b)) {
                cx.find(Kind::Dehumanising, 0.85, b, a);
            } else if cx.is(a, CRIME_NOUN) && cx.is(b, GROUP) {
                cx.find(Kind::Identity, 0.85, b, a);
            } else if cx.is(a, INSULT | SLUR) {
                cx.find(Kind::Insult, 0.8, b, a);
            }
        }
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
    // "this" and "that" mostly point at things ("hang this cartoon", "kill that idea"), but
    // not before a word for a person ("shoot that reporter").
    if matches!(cx.w(j), "this" | "that") && person_noun(cx.w(j + 1)) && cx.same_clause(j, j + 1) {
        return true;
    }
    if matches!(cx.w(j), "the" | "those" | "these" | "every" | "all") && cx.same_clause(j, j + 1) {
        let noun = cx.w(j + 1);
        // A threat needs a person: "hang the washing", "nuke the leftovers", "exterminate
        // the wasps' nest" are chores; a possessive ("the wasps' nest") points past itself.
        if is_thing(noun)
            || is_creature(noun)
            || is_animal(noun)
            || is_household(noun)
            || cx.text[..cx.words[j + 1].end].ends_with(['\'', '’'])
        {
            return false;
        }
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
        if cx.is(next, YOU)
            || matches!(
                n,
                "off"
                    | "him"
                    | "her"
                    | "them"
                    | "yourself"
                    | "u"
                    | "himself"
                    | "herself"
                    | "themselves"
            )
        {
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
    // "Get fucked, X": an imperative opening its clause; "we got fucked by the fees" is not.
    if w == "get"
        && (i == 0 || !cx.same_clause(i - 1, i))
        && same
        && cx.is(next, OBSCENE)
        && cx.w(next).starts_with('f')
        && cx.w(next).ends_with("ed")
    {
        cx.find(Kind::Obscenity, 0.85, i, next);
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

    /// Fails with what was missed unless each text is found to be its kind.
    fn assert_found(abusive: &[(&str, Kind)]) {
        let missed: Vec<_> = abusive
            .iter()
            .filter(|(text, kind)| !kinds(text).iter().any(|f| f.0 == *kind && f.1 >= 0.5))
            .map(|(text, _)| (text, kinds(text)))
            .collect();
        assert!(missed.is_empty(), "{missed:#?}");
    }

    /// Fails with what was held unless no text is found abusive.
    fn assert_civil(civil: &[&str]) {
        let held: Vec<_> = civil
            .iter()
            .filter(|text| strongest(text).is_some())
            .map(|text| (text, kinds(text)))
            .collect();
        assert!(held.is_empty(), "{held:#?}");
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
    fn categories_beyond_the_classic_frames() {
        let abusive = [
            // Wishes of harm and threats without "kill"/"die".
            (
                "That councillor should be dragged outside and shot.",
                Kind::Threat,
            ),
            ("Every one of them deserves a bullet.", Kind::Threat),
            ("I'd pay to watch that judge strung up.", Kind::Threat),
            ("Put them all up against a wall.", Kind::Threat),
            ("Torch their church and see who laughs then.", Kind::Threat),
            ("I hope a lorry hits you on the way home.", Kind::Threat),
            (
                "A rock through his window would sort him out.",
                Kind::Threat,
            ),
            ("Wait till we find you, grass.", Kind::Threat),
            ("The linesman should be stamped to death.", Kind::Threat),
            ("🔫 coming for you 🔫", Kind::Threat),
            // Dehumanising.
            ("Refugees are a plague on this town.", Kind::Dehumanising),
            ("Travellers are not even human.", Kind::Dehumanising),
            ("The rough sleepers are human trash.", Kind::Dehumanising),
            (
                "Let's clear out those Velmani parasites.",
                Kind::Dehumanising,
            ),
            // Name-calling of a person.
            ("The columnist is a smug, gutless weasel.", Kind::Insult),
            ("Another column from that talentless moron.", Kind::Insult),
            ("Look at this sniveling puppet.", Kind::Insult),
            ("What a deranged old witch.", Kind::Insult),
            // Second person.
            ("You are easily the dumbest poster here.", Kind::Insult),
            ("Nobody is as dense as you, honestly.", Kind::Insult),
            ("Use your last brain cell for once.", Kind::Insult),
            ("Slither back into your hole.", Kind::Insult),
            ("you're an embarrassment.", Kind::Insult),
            // Sexual harassment.
            ("Bet she'd look better on her knees.", Kind::Sexual),
            ("Send me your pics and I'll read your column.", Kind::Sexual),
            (
                "She only got the promotion by sleeping with the producer.",
                Kind::Sexual,
            ),
            ("She should present the weather in a bikini.", Kind::Sexual),
            // Identity attacks.
            ("Go back to your own country.", Kind::Identity),
            ("Every migrant is a criminal.", Kind::Identity),
            ("Jews shouldn't be allowed to hold office.", Kind::Identity),
            ("Muslims are filthy.", Kind::Identity),
            // Disguise.
            ("sh*thead.", Kind::Insult),
            ("go home, filthy g_y_p_s_i_e_s", Kind::Identity),
        ];
        assert_found(&abusive);
        let civil = [
            "The gunman was shot by police after a standoff.",
            "Forty civilians were killed in the strike, the ministry said.",
            "They should be prosecuted and the killers should rot in prison.",
            "The striker murdered them 5-0, what a game.",
            "This policy is a joke and the minister is a liar.",
            "The board deserves a shot at fixing it.",
            "Arsenal deserve to be beaten at home after that performance.",
            "I'd love to see this bill killed in committee.",
            "Pigeons are pests in the city centre.",
            "Corruption is a cancer on our politics.",
            "That CEO is a greedy parasite on the public purse, frankly.",
            "Lice in schools are a seasonal nuisance.",
            "Immigrants are sick of being blamed for the housing crisis.",
            "Most Muslims are not terrorists, and the article says so.",
            "Women are underrepresented on the board.",
            "The protesters threatened to burn down the parliament, police said.",
            "Protesters threw a brick through his window, police said.",
            "She was on her knees praying when the news came.",
            "The cat fell asleep on my lap during the debate.",
            "I hope they catch whoever shot him.",
            "The refugees I met just want to go back to their own country one day.",
            "Only a fool would trust that company again.",
            "It was the stupidest decision of the season.",
            "The sick cows were taken off the farm.",
        ];
        assert_civil(&civil);
    }

    /// Each broad rule with a civil sentence that shares its words.
    #[test]
    fn broad_rules_and_their_civil_counterparts() {
        let abusive = [
            ("Imagine being this stupid and still posting.", Kind::Insult),
            ("You've got the memory of a goldfish.", Kind::Insult),
            ("He has the IQ of a doorknob.", Kind::Insult),
            (
                "Every post you write lowers the average IQ here.",
                Kind::Insult,
            ),
            (
                "If brains were dynamite you couldn't blow your nose.",
                Kind::Insult,
            ),
            ("How do you even tie your shoes?", Kind::Insult),
            ("Your brain is a potato with wifi.", Kind::Insult),
            ("Did your mum drop you on your head?", Kind::Insult),
            ("Your mother should have swallowed you.", Kind::Insult),
            ("He's a nasty little man.", Kind::Insult),
            ("She looks like a melted candle.", Kind::Insult),
            ("A disgrace of a human being.", Kind::Insult),
            ("IDI0T ALERT", Kind::Insult),
            ("Prize for biggest moron goes to you.", Kind::Insult),
            ("u r a braindead sheep lmao", Kind::Insult),
            (
                "The mayor is a gutless coward hiding behind staff.",
                Kind::Insult,
            ),
            ("The so-called expert is a lying slut.", Kind::Insult),
            ("You lot are thick as mince.", Kind::Insult),
            (
                "People like you shouldn't be allowed to vote.",
                Kind::Insult,
            ),
            (
                "Accidents happen to people who talk like that.",
                Kind::Threat,
            ),
            (
                "Would be a shame if something happened to your car.",
                Kind::Threat,
            ),
            ("She'd better watch her back.", Kind::Threat),
            ("He better not show his face here again.", Kind::Threat),
            ("Come say that to my face.", Kind::Threat),
            ("If I see him in town he's going to hospital.", Kind::Threat),
            ("Let them drown.", Kind::Threat),
            ("He deserves a car bomb.", Kind::Threat),
            ("That ref needs a good hiding.", Kind::Threat),
            ("Somebody slap the grin off his face.", Kind::Threat),
            ("Someone should teach that referee a lesson.", Kind::Threat),
            ("I hope both your legs snap.", Kind::Threat),
            ("Hope her plane goes down.", Kind::Threat),
            ("Hope the author gets hit by a bus.", Kind::Threat),
            ("His house would look better on fire.", Kind::Threat),
            ("🔫 Quarrie", Kind::Threat),
            ("Tabbard ⚰️ soon hopefully", Kind::Threat),
            ("I'd rail her.", Kind::Sexual),
            ("Send more without the top 😉", Kind::Sexual),
            ("She's too pretty to be reading the news.", Kind::Sexual),
            ("you sound tight, DM me 😘", Kind::Sexual),
            ("Autistic kids shouldn't exist.", Kind::Identity),
            ("Disabled people are a drain on everyone.", Kind::Identity),
            ("Women belong in the kitchen.", Kind::Identity),
            ("Immigrants = infestation", Kind::Dehumanising),
            ("🐀🐀 migrants", Kind::Dehumanising),
            ("They are orcs.", Kind::Dehumanising),
            ("Gypos everywhere.", Kind::Slur),
            ("Who let a sp@stic run the council?", Kind::Slur),
            ("🖕 Haldane 🖕", Kind::Obscenity),
        ];
        assert_found(&abusive);
        let civil = [
            "Imagine being this rich and still refusing to pay tax.",
            "The IQ of a nation is a contested measure.",
            "She has the skills of a surgeon.",
            "If brains were all it took, he would have won.",
            "How do you tie a bowline knot?",
            "Your brain is amazing at patterns, the study says.",
            "A little girl was hurt in the crash.",
            "The new stadium looks like a spaceship.",
            "He had a face like thunder after the vote.",
            "The report was a disgrace to the department.",
            "Accidents happen on that road every winter.",
            "It would be a shame if the library closed.",
            "Watch your back on the ice near the station.",
            "Say what you like about him, he turned up.",
            "Let them decide at the ballot box.",
            "The bill deserves a proper kicking in committee.",
            "I hope the plane lands safely.",
            "I hope the price goes down.",
            "The house was on fire when crews arrived.",
            "Voters will teach them a lesson at the election.",
            "I'd smash the glass ceiling if I could.",
            "Our striker smashed it today.",
            "She went out without a coat.",
            "The village is too pretty to be spoiled by a bypass.",
            "Disabled people are a priority for the new budget.",
            "People like you keep this paper honest.",
            "Your kind words meant a lot.",
            "There are rats in the alley behind the bins.",
            "Faggots and mushy peas at the pub tonight.",
            "Greg Dyke ran the BBC.",
            "Just saying, the figures in paragraph three are wrong.",
            "We need to deal with the backlog permanently.",
            "2 + 2 = 4",
            "The minister lied and should be prosecuted.",
            "Lock him up.",
        ];
        assert_civil(&civil);
    }

    #[test]
    fn person_insult_lexicon_and_frames() {
        let abusive = [
            "Councillor Brannagh is a spiteful little weirdo.",
            "The new coach is a smug, talentless lowlife.",
            "Our MP is a vote-chasing leech.",
            "Those hecklers are feral dogs.",
            "You're too insufferable to argue with.",
            "r u honestly this dense?",
            "ur honestly moronic",
            "Clueless oaf.",
            "Typical Tory dinosaur.",
            "What a grubby weasel of a man.",
            "idiot editor strikes again",
            "Get fucked, Fenwick.",
            "The manager can go fuck himself.",
            "Absolute fa66ot.",
        ];
        for t in abusive {
            assert!(
                kinds(t).iter().any(|k| k.1 >= 0.5),
                "missed: {t} {:?}",
                kinds(t)
            );
        }
        let civil = [
            "The minister is a liar and a crook, and the inquiry should say so.",
            "He was a brutal dictator who ran a cruel regime.",
            "You're wrong about the rents, and that's a terrible argument.",
            "The policy is a disaster and the budget is a mess.",
            "That song is a bitter old tune about the docks.",
            "The self-employed are hit hardest by the tax.",
            "Absolute garbage from the council again.",
            "Our coach is a giant of a man.",
            "Are you sure the figures are right?",
            "We got fucked by the fees again, as every year.",
            "The striker was overrated but the keeper was superb.",
            "I'm not a snob but the menu was dull.",
        ];
        for t in civil {
            assert!(
                kinds(t).iter().all(|k| k.1 < 0.5),
                "held: {t} {:?}",
                kinds(t)
            );
        }
    }

    #[test]
    fn veiled_frames_and_their_civil_counterparts() {
        let abusive = [
            "Someone should shoot that reporter.",
            "Keep writing about my family and you'll find out what happens. Final warning.",
            "I know which gym he uses. Just saying.",
            "Wouldn't shed a tear if Marwick crashed his car tomorrow.",
            "Shame the bomb missed him.",
            "Rot in hell.",
            "Bless your heart, you tried.",
            "Sit down, sweetheart.",
            "Shove your column up your arse, Halloran.",
            "Kiss my arse.",
            "@Jenna_W send pics",
            "The weather girl can ride me anytime 😏",
        ];
        for t in abusive {
            assert!(
                kinds(t).iter().any(|k| k.1 >= 0.5),
                "missed: {t} {:?}",
                kinds(t)
            );
        }
        let civil = [
            "Someone should fix that bridge.",
            "The council got a final warning from the regulator.",
            "I know which figures you mean, and they are from 2021.",
            "Wouldn't shed a tear if the bypass plan was scrapped.",
            "Shame the striker missed the penalty.",
            "I hope he rots in prison.",
            "Bless them, the volunteers worked all night.",
            "Sit down and read the whole report before you vote.",
            "Stick your bins out on Tuesday.",
            "Send pictures of the flooding to the newsdesk.",
            "Lovely piece about the allotments 😉",
        ];
        for t in civil {
            assert!(
                kinds(t).iter().all(|k| k.1 < 0.5),
                "held: {t} {:?}",
                kinds(t)
            );
        }
    }

    /// Quotation in single quotes, mentions, idioms and literal uses, each with an abusive
    /// counterpart of the same shape.
    #[test]
    fn mentions_idioms_and_literal_uses() {
        let abusive = [
            "Shut up, you idiot.",
            "Die, you scum.",
            "You should be raped.",
            "Hang him from a lamppost.",
            "Someone should hang the editor.",
            "You little bitch.",
            "You're a retard.",
            "Migrants are cockroaches.",
            "'Cockroaches', he called them, and they are.",
            "These parasites are bleeding the country dry.",
            "Drop dead, Fenwick.",
            "Someone tell him to kill himself.",
            "Tell her to kill herself.",
            "He should kill himself, honestly.",
        ];
        for t in abusive {
            assert!(
                kinds(t).iter().any(|k| k.1 >= 0.5),
                "missed: {t} {:?}",
                kinds(t)
            );
        }
        let civil = [
            "The officer said 'shut up, you idiot' to the driver, the transcript shows.",
            "The defendant shouted 'die, you scum' before the attack, a witness claimed.",
            "Reporters received 'you should be raped' messages, the study found.",
            "The columnist's use of 'cockroaches' for migrants was condemned.",
            "The word 'retard' is a slur.",
            "The word retard is a slur and should not be aired.",
            "Drop-dead funny, the new sitcom.",
            "The singer said he had wanted to kill himself as a teenager, and found help.",
            "It's not free speech to tell someone to kill themselves.",
            "Hang the washing out, it's dry today.",
            "Nuke the leftovers for two minutes.",
            "We need to exterminate the wasps' nest in the loft.",
            "This policy needs to be killed off.",
            "Parasites in the trout population are increasing.",
            "Our bitch had eight puppies last spring.",
            "The Dutch rely on dykes and pumps against floods.",
            "Dumbo was my first film at the cinema.",
            "It's wrong to tell someone to kill themselves.",
        ];
        for t in civil {
            assert!(
                kinds(t).iter().all(|k| k.1 < 0.5),
                "held: {t} {:?}",
                kinds(t)
            );
        }
    }

    #[test]
    fn evidence_quotes_the_author() {
        let k = kinds("Honestly, you are a total 1d10t.");
        assert_eq!(k[0].2, "you are a total 1d10t");
    }
}
