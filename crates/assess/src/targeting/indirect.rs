//! Indirect abuse, the kind that needs no insult word (added in the seventh round, see
//! `eval/README.md`): compounds written as two words, mocking comparisons of a mind, harm wished as a spectacle or a joke, veiled menace
//! that adds up from weak cues, remarks on women's bodies, groups said to infest a place,
//! condescension and put-downs of commenters. Each is a class of phrasing, not a sentence, and
//! each has a civil counterpart in the unit tests.

use super::{Ctx, Kind, is_animal, is_creature, someone};
use crate::lexicon::{Lexicon, role::*};
use crate::normalize::Word;

/// Two words that are one insult when joined ("brain dead", "low life", "knuckle dragger"),
/// and two-word insults whose halves are ordinary words ("wet wipe", "prima donna").
pub(super) fn compounds(lexicon: &Lexicon, text: &str, words: &[Word], roles: &mut [u32]) {
    const STRONG: u32 = INSULT | INSULT_ADJ | DEGRADE_ADJ | SLUR;
    let mut joined = String::new();
    for k in 1..words.len() {
        let (a, b) = (&words[k - 1], &words[k]);
        if a.clause != b.clause || text.get(a.end..b.start) != Some(" ") {
            continue;
        }
        let (x, y) = (a.text.as_str(), b.text.as_str());
        match (x, y) {
            ("wet", "wipe" | "wipes") | ("prima", "donna" | "donnas") => {
                roles[k] |= INSULT_FRAMED | NEG_PERSON;
                roles[k - 1] |= FILLER;
                continue;
            }
            ("old", "bag" | "bags" | "trout" | "boot" | "crone") => {
                roles[k] |= INSULT_FRAMED;
                continue;
            }
            ("keyboard", "warrior" | "warriors") => {
                roles[k] |= INSULT_FRAMED;
                roles[k - 1] |= FILLER;
                continue;
            }
            ("snake", "oil") => {
                roles[k] |= DEGRADE_ADJ;
                roles[k - 1] |= FILLER;
                continue;
            }
            _ => {}
        }
        // Only two words the lists do not know ("brain dead", "mouth breather"): cheap, and a
        // known word keeps its own role.
        if x.len() < 3 || y.len() < 3 || roles[k] != 0 || roles[k - 1] != 0 {
            continue;
        }
        joined.clear();
        joined.push_str(x);
        joined.push_str(y);
        let r = lexicon.exact(&joined) & (STRONG | INSULT_FRAMED | NEG_PERSON);
        // Framed nouns joined from two words are as often literal ("snow flake").
        if r & STRONG != 0 {
            roles[k] |= r;
            roles[k - 1] |= FILLER;
        }
    }
}

/// The comment talks of animals or pests ("infested with them" of mice); the dehumanising
/// nouns themselves do not count.
fn animals(cx: &Ctx) -> bool {
    cx.words.iter().enumerate().any(|(k, x)| {
        is_animal(&x.text) || (is_creature(&x.text) && !cx.is(k, DEHUMAN | DEHUMAN_STRONG))
    })
}

fn any(cx: &Ctx, f: impl Fn(&str) -> bool) -> bool {
    cx.words.iter().any(|w| !w.quoted && f(&w.text))
}

/// Words `i..` match the pattern; `|` separates alternatives, `*` is any word. All in one
/// clause.
fn seq(cx: &Ctx, i: usize, pattern: &[&str]) -> bool {
    pattern.iter().enumerate().all(|(n, p)| {
        let k = i + n;
        k < cx.words.len()
            && cx.same_clause(i, k)
            && (*p == "*" || p.split('|').any(|alt| alt == cx.w(k)))
    })
}

fn laughing(cx: &Ctx) -> bool {
    cx.text.contains(['😂', '🤣', '😆', '😹', '💀'])
        || any(cx, |w| {
            matches!(
                w,
                "lol" | "lmao" | "lmfao" | "rofl" | "haha" | "hahaha" | "hehe" | "pmsl" | "kek"
            )
        })
}

fn female(cx: &Ctx) -> bool {
    any(cx, |w| {
        matches!(
            w,
            "she"
                | "her"
                | "shes"
                | "shed"
                | "lady"
                | "ladies"
                | "woman"
                | "women"
                | "girl"
                | "girls"
                | "female"
                | "weathergirl"
                | "mum"
                | "mums"
                | "wife"
                | "missus"
                | "presenter"
                | "actress"
                | "waitress"
                | "barmaid"
                | "nurse"
                | "midwife"
                | "ms"
                | "mrs"
                | "miss"
        )
    })
}

/// Something a mind is mocked against: "did a chimp write this", "lose an argument to a
/// traffic cone".
fn dim_thing(w: &str) -> bool {
    matches!(
        w,
        "chimp"
            | "chimps"
            | "monkey"
            | "monkeys"
            | "baboon"
            | "ape"
            | "goldfish"
            | "hamster"
            | "pigeon"
            | "potato"
            | "turnip"
            | "cabbage"
            | "lettuce"
            | "houseplant"
            | "brick"
            | "rock"
            | "doorknob"
            | "doorstop"
            | "plank"
            | "cone"
            | "toddler"
            | "toddlers"
            | "sponge"
            | "parrot"
            | "donkey"
            | "amoeba"
            | "jellyfish"
            | "labrador"
            | "gerbil"
            | "teaspoon"
            | "lamppost"
            | "bollard"
            | "carrot"
            | "walnut"
            | "crayon"
    )
}

/// Places and fates that harm someone thrown, pushed or dropped into them.
fn peril(w: &str) -> bool {
    matches!(
        w,
        "river"
            | "canal"
            | "sea"
            | "harbour"
            | "harbor"
            | "lake"
            | "quarry"
            | "chipper"
            | "woodchipper"
            | "mincer"
            | "cliff"
            | "window"
            | "stairs"
            | "staircase"
            | "ditch"
            | "sewer"
            | "volcano"
            | "sharks"
            | "lions"
            | "crocodiles"
            | "piranhas"
            | "ducks"
            | "wolves"
            | "pigs"
            | "incinerator"
            | "furnace"
            | "traffic"
            | "motorway"
            | "tracks"
            | "reservoir"
            | "shredder"
            | "bog"
    )
}

fn motion(w: &str) -> bool {
    matches!(
        w,
        "push"
            | "pushed"
            | "pushes"
            | "shove"
            | "shoved"
            | "throw"
            | "thrown"
            | "threw"
            | "chuck"
            | "chucked"
            | "toss"
            | "tossed"
            | "fed"
            | "feed"
            | "towed"
            | "fall"
            | "falls"
            | "falling"
            | "fell"
            | "tripped"
            | "trips"
            | "dropped"
            | "drop"
            | "dunked"
            | "kicked"
            | "locked"
            | "lock"
            | "dragged"
            | "launched"
            | "yeeted"
            | "dangled"
            | "rolled"
            | "lobbed"
            | "booted"
    )
}

/// Frames read at one word.
pub(super) fn frames(cx: &mut Ctx, i: usize) {
    if cx.words[i].quoted || cx.reported(i) {
        return;
    }
    let w = cx.w(i);
    // Cheap gate: only words that can open a frame below.
    if !opens_frame(w) && !motion(w) && !cx.is(i, DEHUMAN) {
        return;
    }
    let last = cx.words.len() - 1;
    // Mocking comparisons of a mind: "did a chimp write this", "written by a toddler",
    // "could lose an argument to a traffic cone", "more sense in a turnip", "two brain cells".
    if matches!(w, "a" | "an") && dim_thing(cx.w(i + 1))
        || (w == "traffic" && cx.w(i + 1) == "cone")
    {
        let thing = i + 1;
        let before = |k: usize, p: &[&str]| {
            k >= p.len() && cx.same_clause(k - p.len(), k) && seq(cx, k - p.len(), p)
        };
        let start = if w == "traffic" && i > 0 { i - 1 } else { i };
        let mocked = before(start, &["did"])
            || before(start, &["written", "by"])
            || before(start, &["to"])
                && (start.saturating_sub(5)..start).any(|k| {
                    cx.same_clause(k, start)
                        && matches!(cx.w(k), "lose" | "lost" | "losing" | "loses")
                })
            || before(start, &["than"])
                && (start.saturating_sub(5)..start).any(|k| {
                    cx.same_clause(k, start)
                        && matches!(
                            cx.w(k),
                            "brains"
                                | "sense"
                                | "intelligence"
                                | "wit"
                                | "iq"
                                | "dumber"
                                | "thicker"
                        )
                })
            || before(start, &["in"])
                && (start.saturating_sub(3)..start).any(|k| {
                    cx.same_clause(k, start)
                        && matches!(cx.w(k), "brains" | "sense" | "intelligence" | "wit")
                        && cx.w(k - 1) == "more"
                })
            || seq(cx, thing + 1, &["could|would", "have", "written|done|made"])
            || seq(cx, thing + 1, &["could|would", "write|do|run|make|argue"])
            || seq(cx, thing + 1, &["with", "a", "keyboard|laptop|typewriter"])
            || seq(cx, thing + 1, &["wrote|writes", "this|that|it"]);
        if mocked {
            let to = (thing + 2).min(last);
            cx.find(Kind::Insult, 0.65, start, to);
            return;
        }
    }
    let count = |k: usize| {
        matches!(
            cx.w(k),
            "one" | "two" | "single" | "last" | "both" | "remaining" | "only" | "2" | "1"
        )
    };
    if matches!(w, "brain" | "braincell" | "braincells")
        && i > 0
        && (count(i - 1)
            || (i > 2
                && matches!(cx.w(i - 1), "his" | "her" | "your" | "ur" | "their")
                && (count(i - 2) || count(i - 3))))
        && (w != "brain" || matches!(cx.w(i + 1), "cell" | "cells"))
        && !(count(i - 1) && matches!(cx.w(i.saturating_sub(2)), "the" | "of"))
        && someone(cx)
    {
        cx.find(Kind::Insult, 0.6, i - 1, (i + 1).min(last));
        return;
    }
    // Condescension and put-downs of commenters: "go back to your crayons", "cry harder",
    // "touch grass", "take your meds", "past your bedtime".
    let put_down = seq(
        cx,
        i,
        &[
            "go|stick",
            "back",
            "to",
            "your|ur|the|reading|colouring|coloring",
            "*",
        ],
    ) && (i + 3..(i + 8).min(last + 1)).any(|k| {
        cx.same_clause(i, k)
            && matches!(
                cx.w(k),
                "horoscopes"
                    | "crayons"
                    | "colouring"
                    | "coloring"
                    | "basement"
                    | "playpen"
                    | "sandpit"
                    | "cave"
                    | "mummy"
                    | "mommy"
                    | "bridge"
                    | "dolls"
            )
    }) || seq(cx, i, &["cry", "harder|more"]) && cx.ends_phrase(i + 1)
        || seq(cx, i, &["cope", "harder"]) && cx.ends_phrase(i + 1)
        || seq(cx, i, &["cope", "and", "seethe"])
        || seq(cx, i, &["touch", "grass"])
        || (seq(cx, i, &["take", "your|ur", "meds|medication|pills"])
            && (i == 0 || !cx.same_clause(i - 1, i))
            && cx.ends_phrase(i + 2))
        || seq(cx, i, &["off", "your|ur|his|her", "meds|medication"])
        || seq(cx, i, &["past", "your|ur", "bedtime"])
        || seq(cx, i, &["did", "mummy|mommy|mom|mum", "not"])
        || w == "diddums"
        || seq(cx, i, &["little", "lady"]) && cx.ends_phrase(i + 1);
    if put_down && (someone(cx) || w == "diddums") {
        cx.find(Kind::Insult, 0.6, i, (i + 2).min(last));
        return;
    }
    // "not even human", "barely human": a fragment said of people.
    if matches!(w, "not" | "barely" | "hardly" | "scarcely")
        && (seq(cx, i + 1, &["even", "human|people"]) || seq(cx, i + 1, &["human"]))
        && (i == 0 || !cx.same_clause(i - 1, i) || cx.is(i - 1, COPULA))
        && !any(cx, |x| {
            matches!(
                x,
                "treated" | "treat" | "treats" | "treating" | "conditions"
            )
        })
    {
        let end = if cx.w(i + 1) == "even" { i + 2 } else { i + 1 };
        if cx.ends_phrase(end) {
            cx.find(Kind::Dehumanising, 0.75, i, end);
            return;
        }
    }
    // Groups said to infest a place: "infested with them", "crawling with migrants".
    if matches!(
        w,
        "infested" | "overrun" | "crawling" | "swarming" | "teeming" | "riddled"
    ) && cx.w(i + 1) == "with"
        && (matches!(cx.w(i + 2), "them" | "these" | "those") || cx.is(i + 2, GROUP))
        && (w != "overrun" || cx.w(i + 2) == "them")
        && !animals(cx)
    {
        cx.find(Kind::Dehumanising, 0.75, i, i + 2);
        return;
    }
    // "spread like a disease", "breed like rats": a group or "they" as the subject.
    if matches!(
        w,
        "spread" | "spreading" | "breed" | "breeding" | "multiply"
    ) && cx.w(i + 1) == "like"
        && {
            let k = if matches!(cx.w(i + 2), "a" | "the") {
                i + 3
            } else {
                i + 2
            };
            cx.is(k, DEHUMAN) || matches!(cx.w(k), "rabbits" | "flies")
        }
        && (i.saturating_sub(4)..i)
            .any(|k| cx.same_clause(k, i) && (cx.is(k, GROUP) || cx.w(k) == "they"))
        && !animals(cx)
    {
        cx.find(Kind::Dehumanising, 0.75, i, (i + 3).min(last));
        return;
    }
    // "a swarm of freeloaders", "a plague of scroungers" said of people.
    if matches!(w, "swarm" | "plague" | "horde" | "infestation" | "herd")
        && cx.w(i + 1) == "of"
        && cx.is(
            i + 2,
            CRIME_NOUN | INSULT | INSULT_FRAMED | DEHUMAN | PERSON_WEAK,
        )
        && !is_creature(cx.w(i + 2))
        && !is_animal(cx.w(i + 2))
    {
        cx.find(Kind::Dehumanising, 0.75, i, i + 2);
        return;
    }
    // "filthy pests" beside a group of people; "fumigate the lot".
    if cx.is(i, DEHUMAN)
        && cx.w(i).ends_with('s')
        && i > 0
        && cx.same_clause(i - 1, i)
        && cx.is(i - 1, DEGRADE_ADJ | INSULT_ADJ)
        && (0..cx.words.len()).any(|k| cx.is(k, GROUP))
        && !animals(cx)
    {
        cx.find(Kind::Dehumanising, 0.65, i - 1, i);
        return;
    }
    if matches!(
        w,
        "fumigate" | "delouse" | "cull" | "exterminate" | "disinfect" | "spray"
    ) && (seq(cx, i + 1, &["the", "lot"]) || seq(cx, i + 1, &["them"]))
        && (0..cx.words.len()).any(|k| cx.is(k, GROUP | DEHUMAN))
        && !animals(cx)
    {
        cx.find(Kind::Dehumanising, 0.75, i, (i + 2).min(last));
        return;
    }
    // Harm frames without a harm verb: "line them up against a wall", "hold him under",
    // "five minutes alone with him and a bat", "wiped off the map, every last one".
    if seq(cx, i, &["up", "against", "a|the", "wall"])
        && (i.saturating_sub(6)..i).any(|k| {
            cx.same_clause(k, i) && matches!(cx.w(k), "line" | "lined" | "lining" | "stand")
        })
        && (i.saturating_sub(6)..i).any(|k| {
            cx.same_clause(k, i)
                && (cx.is(k, TARGET | GROUP) || matches!(cx.w(k), "those" | "these" | "every"))
        })
    {
        cx.find(Kind::Threat, 0.75, i, i + 3);
        return;
    }
    if matches!(w, "hold" | "held" | "holding")
        && matches!(cx.w(i + 1), "him" | "her" | "them" | "you")
        && cx.w(i + 2) == "under"
        && (cx.ends_phrase(i + 2) || matches!(cx.w(i + 3), "water" | "till" | "until" | "for"))
    {
        cx.find(Kind::Threat, 0.75, i, i + 2);
        return;
    }
    if w == "alone"
        && (i + 1..(i + 5).min(last + 1)).any(|k| cx.same_clause(i, k) && cx.w(k) == "with")
        && any(cx, |x| {
            matches!(
                x,
                "bat"
                    | "hammer"
                    | "crowbar"
                    | "knife"
                    | "machete"
                    | "brick"
                    | "pipe"
                    | "baseball"
                    | "cosh"
                    | "knuckleduster"
                    | "wrench"
            )
        })
        && someone(cx)
    {
        cx.find(Kind::Threat, 0.7, i, (i + 4).min(last));
        return;
    }
    if seq(
        cx,
        i,
        &["wiped|wipe", "off", "the", "map|face|planet|earth"],
    ) && any(cx, |x| {
        matches!(
            x,
            "civilians" | "children" | "kids" | "every" | "all" | "them"
        )
    }) && (seq_anywhere(cx, &["every", "last", "one"])
        || any(cx, |x| matches!(x, "civilians"))
        || (0..cx.words.len()).any(|k| cx.is(k, GROUP)))
    {
        cx.find(Kind::Threat, 0.75, i, i + 3);
        return;
    }
    // Sex: "nice arse", "lovely legs" said of a woman; "she'd look doable"; "what are you
    // wearing right now"; "a wet t-shirt".
    if praises_body(w)
        && (i + 1..(i + 3).min(last + 1)).any(|k| {
            cx.same_clause(i, k)
                && matches!(
                    cx.w(k),
                    "arse"
                        | "ass"
                        | "bum"
                        | "tits"
                        | "boobs"
                        | "rack"
                        | "legs"
                        | "thighs"
                        | "booty"
                        | "cleavage"
                        | "jugs"
                        | "melons"
                        | "butt"
                        | "knockers"
                        | "curves"
                        | "pins"
                )
                && cx.w(k + 1) != "for"
        })
        && female(cx)
    {
        cx.find(Kind::Sexual, 0.7, i, (i + 2).min(last));
        return;
    }
    if matches!(
        w,
        "doable" | "rideable" | "beddable" | "shaggable" | "bangable" | "boinkable"
    ) && ((i.saturating_sub(3)..i).any(|k| {
        cx.same_clause(k, i)
            && matches!(
                cx.w(k),
                "she" | "shes" | "shed" | "her" | "he" | "hes" | "hed" | "youre" | "youd" | "ur"
            )
    }) || (i > 1
        && cx.is(i - 1, COPULA)
        && cx.text[cx.words[i - 2].start..].starts_with(|c: char| c.is_ascii_uppercase())
        && female(cx)))
        && !(i.saturating_sub(2)..i).any(|k| cx.is(k, NEGATION))
    {
        cx.find(Kind::Sexual, 0.7, i.saturating_sub(2), i);
        return;
    }
    if seq(cx, i, &["what", "are|r", "you|u", "wearing"])
        && (seq(cx, i + 4, &["right|rn"])
            || seq(cx, i + 4, &["now"])
            || seq(cx, i + 4, &["in", "bed"])
            || cx
                .text
                .contains(['😘', '😏', '😉', '🥵', '🤤', '👅', '😜', '😍']))
    {
        cx.find(Kind::Sexual, 0.7, i, (i + 4).min(last));
        return;
    }
    if seq(cx, i, &["wet", "t|tshirt"]) && female(cx) {
        cx.find(Kind::Sexual, 0.65, i, (i + 2).min(last));
        return;
    }
    // Harm pictured as a spectacle or a joke: "pushed in the canal 😂", "fed to the ducks",
    // "out of a high window lol", "falling down the stairs would be the best news".
    let defenestrate = seq(cx, i, &["out", "of", "a|the", "window"])
        || seq(cx, i, &["out", "of", "a|the", "high|top|tall", "window"]);
    if (motion(w) || defenestrate) && !cx.is(i.saturating_sub(1), NEGATION) {
        let clause_peril = defenestrate
            || (i + 1..(i + 12).min(last + 1)).any(|k| {
                cx.same_clause(i, k)
                    && (peril(cx.w(k))
                        || (matches!(cx.w(k), "food" | "water") && cx.w(k - 1) == "no"))
            });
        let spectacle = any(cx, |x| {
            matches!(
                x,
                "watch" | "telly" | "tv" | "popcorn" | "livestream" | "news"
            )
        });
        let wish = any(cx, |x| {
            matches!(
                x,
                "hope" | "hoping" | "should" | "deserve" | "deserves" | "preferably" | "wish"
            )
        });
        let laugh = laughing(cx);
        let safe = any(cx, |x| {
            matches!(
                x,
                "nobody" | "noone" | "safe" | "safely" | "careful" | "rescued"
            )
        });
        let person = someone(cx) || named_first(cx);
        if person && !safe && clause_peril && (laugh || wish) {
            cx.find(Kind::Threat, 0.65, i, (i + 4).min(last));
        } else if person
            && !safe
            && laugh
            && spectacle
            && matches!(w, "pushed" | "thrown" | "shoved" | "kicked" | "dunked")
        {
            cx.find(Kind::Threat, 0.6, i, (i + 3).min(last));
        }
    }
}

fn opens_frame(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "traffic"
            | "brain"
            | "braincell"
            | "braincells"
            | "go"
            | "stick"
            | "cry"
            | "cope"
            | "touch"
            | "take"
            | "off"
            | "past"
            | "did"
            | "diddums"
            | "little"
            | "not"
            | "barely"
            | "hardly"
            | "scarcely"
            | "infested"
            | "overrun"
            | "crawling"
            | "swarming"
            | "teeming"
            | "riddled"
            | "spread"
            | "spreading"
            | "breed"
            | "breeding"
            | "multiply"
            | "swarm"
            | "plague"
            | "horde"
            | "infestation"
            | "herd"
            | "fumigate"
            | "delouse"
            | "cull"
            | "exterminate"
            | "disinfect"
            | "spray"
            | "up"
            | "hold"
            | "held"
            | "holding"
            | "alone"
            | "wiped"
            | "wipe"
            | "doable"
            | "rideable"
            | "beddable"
            | "shaggable"
            | "bangable"
            | "boinkable"
            | "what"
            | "wet"
            | "out"
    ) || praises_body(w)
}

/// Words that praise a body part when one follows ("nice legs"); about a woman, a remark.
fn praises_body(w: &str) -> bool {
    matches!(
        w,
        "nice"
            | "lovely"
            | "great"
            | "fit"
            | "peachy"
            | "perky"
            | "juicy"
            | "tight"
            | "hot"
            | "sexy"
            | "cracking"
            | "banging"
    )
}

fn seq_anywhere(cx: &Ctx, pattern: &[&str]) -> bool {
    (0..cx.words.len()).any(|k| seq(cx, k, pattern))
}

/// A capitalised unknown word opening the comment: a name ("Pask falling down the stairs").
fn named_first(cx: &Ctx) -> bool {
    cx.words.first().is_some_and(|w| {
        cx.roles[0] == 0
            && w.text.len() > 2
            && cx.text[w.start..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_uppercase())
            && !matches!(
                w.text.as_str(),
                "the"
                    | "this"
                    | "that"
                    | "what"
                    | "why"
                    | "how"
                    | "when"
                    | "our"
                    | "your"
                    | "some"
                    | "most"
                    | "all"
                    | "any"
                    | "and"
                    | "but"
                    | "just"
                    | "great"
                    | "good"
                    | "nice"
                    | "well"
                    | "yes"
                    | "not"
                    | "can"
                    | "did"
                    | "does"
            )
    })
}

/// Cues read over the whole comment. Veiled menace adds up: each cue is weak (a remark on
/// someone's way home, "people remember", "bring mates", "would anyone mind"), and only
/// several together, with a person in the comment, make a threat. Emoji epithets aimed at
/// someone ("X = 🐍🗑️", "@name 🤡👈") and innuendo with a suggestive emoji are read here too.
pub(super) fn whole(cx: &mut Ctx) {
    if cx.words.iter().all(|w| w.quoted) {
        // A comment of an @handle and emoji has no words left to read.
        if !cx.text.is_ascii() && cx.text.trim_start().starts_with('@') {
            emoji(cx);
        }
        return;
    }
    let n = cx.words.len();
    let mut score = 0u32;
    let mut from = None;
    for i in 0..n {
        if cx.words[i].quoted || cx.reported(i) {
            continue;
        }
        let w = cx.w(i);
        // Cheap gate: only words that can open a cue.
        if !matches!(
            w,
            "careful"
                | "on"
                | "walk"
                | "walking"
                | "short"
                | "be"
                | "ill"
                | "well"
                | "hope"
                | "would"
                | "who"
                | "nobody"
                | "nice"
                | "lovely"
                | "people"
                | "we"
                | "long"
                | "keep"
                | "bear"
                | "just"
                | "see"
                | "bring"
                | "something"
                | "karma"
                | "karmas"
                | "after"
                | "outside"
                | "your"
                | "ur"
                | "his"
                | "her"
        ) {
            continue;
        }
        let strong = seq(
            cx,
            i,
            &["careful", "walking|going|getting|driving|cycling", "home"],
        ) || seq(cx, i, &["on", "his|her|your|ur|their", "way", "home"])
            || seq(cx, i, &["walk|walking", "past", "us"])
            || seq(cx, i, &["short", "tempers|fuses|fuse"])
            || seq(cx, i, &["be", "a", "shame|pity", "if"])
                && any(cx, |x| {
                    matches!(
                        x,
                        "fire"
                            | "burned"
                            | "burnt"
                            | "smashed"
                            | "accident"
                            | "happened"
                            | "happen"
                            | "brick"
                            | "windows"
                    )
                })
            || seq(cx, i, &["ill|well", "be", "waiting"])
            || seq(
                cx,
                i,
                &["hope", "its|it", "painful|hurts|slow|agonising|agonizing"],
            )
            || seq(
                cx,
                i,
                &["hope", "it", "is", "painful|slow|agonising|agonizing"],
            )
            || seq(
                cx,
                i,
                &["would", "anyone", "really", "mind|care|notice|miss"],
            )
            || seq(cx, i, &["would", "anyone", "mind|care|notice|miss"])
            || seq(cx, i, &["who", "would", "miss|mourn"])
            || seq(cx, i, &["nobody", "would", "miss|mourn"])
            || seq(
                cx,
                i,
                &["nice|lovely", "house|car|place|home|garden", "youve|you"],
            )
            || seq(
                cx,
                i,
                &[
                    "outside",
                    "your|ur|his|her",
                    "house|home|door|work|office|school",
                ],
            );
        let weak = seq(cx, i, &["people|we", "remember"])
            || seq(cx, i, &["long", "memories"])
            || seq(cx, i, &["keep|bear", "that|this", "in", "mind"])
            || seq(cx, i, &["just", "saying"])
            || seq(
                cx,
                i,
                &[
                    "see",
                    "how",
                    "brave|tough|hard|big|cocky|clever|smug|mouthy|funny|brave",
                ],
            )
            || seq(cx, i, &["bring", "mates|friends|backup|your"])
            || (seq(cx, i, &["something", "happened|happens|happening|were|was"])
                && !any(cx, |x| matches!(x, "my" | "our" | "me" | "us")))
            || seq(cx, i, &["karma", "is|s|coming"])
            || seq(cx, i, &["karmas", "coming|a"])
            || seq(
                cx,
                i,
                &["lovely|nice", "kids|children|family|wife|daughter|son"],
            )
            || seq(cx, i, &["after", "dark"])
            || seq(
                cx,
                i,
                &[
                    "your|ur|his|her",
                    "car|house|home|windows|kids|shop|van|family",
                ],
            );
        if strong {
            score += 2;
        } else if weak {
            score += 1;
        } else {
            continue;
        }
        from.get_or_insert(i);
    }
    // Fire with talk of heat: "the nights getting a bit warmer 🔥".
    if cx.text.contains('🔥')
        && any(cx, |x| {
            matches!(
                x,
                "warm" | "warmer" | "hot" | "hotter" | "heat" | "matches" | "petrol" | "lighter"
            )
        })
    {
        score += 2;
    }
    let group = (0..n).any(|k| cx.is(k, GROUP)) || any(cx, |x| x == "lot");
    if score >= 3 && (someone(cx) || group) {
        cx.find_text(Kind::Threat, 0.6, cx.text.trim());
    }
    // "with him in it", "with the doors locked" after a wish or a laugh.
    let inside = (0..n).any(|k| {
        cx.w(k) == "with"
            && !cx.words[k].quoted
            && (seq(
                cx,
                k,
                &[
                    "with",
                    "him|her|them|you|everyone|people",
                    "in|inside",
                    "it|there",
                ],
            ) || seq(
                cx,
                k,
                &["with", "him|her|them|everyone|people", "still", "in|inside"],
            ) || seq(cx, k, &["with", "him|her|them|everyone|people", "inside"])
                || seq(cx, k, &["with", "the", "doors", "locked|barred|shut"]))
    });
    if inside
        && (laughing(cx)
            || any(cx, |x| {
                matches!(
                    x,
                    "hope" | "should" | "someone" | "somebody" | "lets" | "deserve"
                )
            }))
    {
        cx.find_text(Kind::Threat, 0.65, cx.text.trim());
    }
    if !cx.text.is_ascii() {
        emoji(cx);
    }
}

fn emoji(cx: &mut Ctx) {
    let text = cx.text;
    let beasts = ['🐍', '🗑', '🐀', '🐖', '🐷', '💩', '🐒', '🦍', '🤮', '🤡'];
    // "X = 🐍🗑️": an emoji epithet after an equals sign.
    if let Some(eq) = text.find('=') {
        let after = text[eq + 1..].trim_start();
        if after.starts_with(beasts) && cx.words.iter().any(|w| w.end <= eq) {
            cx.find_text(Kind::Insult, 0.75, text.trim());
            return;
        }
    }
    // "@name 🤡👈": an epithet pointed at someone.
    if text.contains(beasts)
        && text.contains(['👈', '👉', '🫵', '👆'])
        && (someone(cx) || text.trim_start().starts_with('@'))
    {
        cx.find_text(Kind::Insult, 0.7, text.trim());
        return;
    }
    // "Castellane the clown strikes again 🤡": the emoji confirms a weak insult.
    if text.contains('🤡')
        && let Some(f) = cx
            .out
            .findings
            .iter_mut()
            .find(|f| f.kind == Kind::Insult && f.strength >= 0.25 && f.strength < 0.6)
    {
        f.strength = 0.6;
        return;
    }
    // Innuendo: a suggestive emoji with an invitation or a woman's body, said of a woman or
    // to the reader.
    if text.contains([
        '😏', '😉', '😘', '🥵', '🤤', '👅', '🍆', '💦', '😜', '😛', '🍑',
    ]) && (female(cx) || cx.words.iter().enumerate().any(|(k, _)| cx.is(k, YOU)))
        && (0..cx.words.len()).any(|k| {
            seq(cx, k, &["any", "day|time"])
                || seq(cx, k, &["anytime"])
                || seq(cx, k, &["round|over", "mine|my"])
                || seq(cx, k, &["come", "over|round"])
                || seq(cx, k, &["give", "me", "a|some"])
                || matches!(
                    cx.w(k),
                    "homework"
                        | "examination"
                        | "examine"
                        | "massage"
                        | "spank"
                        | "spanking"
                        | "naughty"
                        | "ladies"
                        | "babe"
                        | "sexy"
                        | "uniform"
                        | "lap"
                )
        })
    {
        cx.find_text(Kind::Sexual, 0.6, text.trim());
    }
}

#[cfg(test)]
mod tests {
    use crate::lexicon::Lexicon;

    fn held(text: &str) -> bool {
        super::super::analyse(&Lexicon::new(), text)
            .findings
            .iter()
            .any(|f| f.strength >= 0.5)
    }

    /// Each class of this round with civil sentences that share its words.
    #[test]
    fn indirect_abuse_and_civil_counterparts() {
        let abusive = [
            // Insult nouns and compounds from many varieties of English.
            "The new chairman is a bawbag.",
            "Our councillor is a spineless keyboard warrior.",
            "You absolute wet wipe.",
            "That presenter is a vain prima donna.",
            "The ref was a brain dead numpty.",
            "Gorsley is a slimy snake oil merchant.",
            "He's a fascist toad.",
            "The columnist is a gormless Westmere shill.",
            "The Stand Up Now spokesman is a feral, knuckle-dragging thug.",
            "You're too daft to follow the argument.",
            // Mocking comparisons of a mind.
            "Did a hamster write this column?",
            "This was clearly written by a toddler.",
            "She'd lose an argument to a traffic cone.",
            "He has more brains than a turnip? Doubt it. Fewer brains than a turnip.",
            "Both of his brain cells are on strike today, Dunmore.",
            // Harm as a joke or spectacle.
            "Would love to see Varney thrown in the canal lol",
            "Corrigan should be fed to the sharks 😂",
            "Someone lock the lot of them in the depot with no water, hope they enjoy it 🤣",
            "Set fire to the depot with them still inside, I say. Someone should.",
            "Put him in a room alone with me and a hammer.",
            "Line those scabs up against the wall.",
            // Veiled menace from weak cues.
            "Careful walking home tonight, Dunmore. We remember faces.",
            "Lovely kids you've got. Nice house too, Dunmore. Be a pity if it caught fire.",
            // Groups.
            "The estate is infested with them now.",
            "Migrants breed like rats.",
            "They are a swarm of scroungers.",
            // Sex.
            "The new weather lady has a cracking arse.",
            "Ms Tilbury is doable, she'd look better in a skirt.",
            "@Nessa_K what are you wearing right now",
            "The nurse on the ward can give me a bed bath any day 😜",
            // Condescension and put-downs of commenters.
            "Go back to your crayons, pal.",
            "Cry harder, you lot.",
            "Take your meds, mate.",
            "You're off your meds again, Dunmore.",
            // Emoji epithets.
            "Dunmore = 🐍🐍",
            "@Big_Al 💩👈",
        ];
        let missed: Vec<_> = abusive.iter().filter(|t| !held(t)).collect();
        assert!(missed.is_empty(), "{missed:#?}");
        let civil = [
            "The old bag factory closed in 1990.",
            "Wipe the wet benches before the match.",
            "The brain dead patient's family spoke to the inquiry.",
            "Our chairman is a Westmere native.",
            "Did a council officer write this? It reads like a press release.",
            "The goalkeeper lost the ball to a deflection.",
            "The toddler pushed the ducks' bread into the canal lol",
            "I hope nobody falls in the canal this winter; the rails are gone.",
            "The car was pulled from the river with him in it, police confirmed.",
            "Keep the doors locked at night, police advise.",
            "Careful walking home tonight, the paths are icy.",
            "Voters have long memories, and the council should keep that in mind.",
            "Let's see how brave the council is when the budget vote comes.",
            "It would be a pity if the library closed.",
            "The loft was infested with them, mice everywhere.",
            "Rumours spread like wildfire in a small town.",
            "The fans were a swarm of colour.",
            "That deadline is doable if the council starts now.",
            "She has great legs for the marathon, her coach says.",
            "What are you wearing to the awards dinner?",
            "Lovely piece, come round mine for a cuppa any day 😉",
            "Go back to the article and read paragraph four.",
            "Don't forget to take your meds before the trip.",
            "The score was 2 = 2 at half time 🐍",
            "The turnout is not even half of last year's.",
        ];
        let wrongly: Vec<_> = civil.iter().filter(|t| held(t)).collect();
        assert!(wrongly.is_empty(), "{wrongly:#?}");
    }
}
