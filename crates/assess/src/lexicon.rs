//! Word lists for targeting analysis, folded once at construction.
//!
//! Words are stored as the normalizer folds text (lowercase ASCII, no apostrophes) so a look-up
//! is one hash probe per spelling. The lists are small on purpose: a word belongs here only if
//! its role in a sentence is clear enough for the patterns in `targeting.rs`; news vocabulary
//! (war, killed, genocide, terrorist, rape charges) is deliberately absent.

use std::collections::HashMap;

use xxhash_rust::xxh3::Xxh3Builder;

/// Roles a word can play; a word may have several.
pub(crate) mod role {
    /// Addresses the reader: "you", "u", "ya".
    pub const YOU: u32 = 1;
    /// Insult nouns that are abuse whenever aimed at someone ("idiot", "moron", "scum").
    pub const INSULT: u32 = 1 << 1;
    /// Nouns that insult only in a clear frame ("you pig", "he is a dick"), since they also
    /// name animals, people or things ("Dick Cheney", "rat poison", "take out the trash").
    pub const INSULT_FRAMED: u32 = 1 << 2;
    /// Adjectives that insult a person when said of them ("you are stupid").
    pub const INSULT_ADJ: u32 = 1 << 3;
    /// Nouns that deny a group its humanity ("vermin", "cockroaches").
    pub const DEHUMAN: u32 = 1 << 4;
    /// Unambiguous slurs: abuse in any frame.
    pub const SLUR: u32 = 1 << 5;
    /// Obscene words.
    pub const OBSCENE: u32 = 1 << 6;
    /// "is", "are", "'re": links a subject to what it is called.
    pub const COPULA: u32 = 1 << 7;
    /// Words that may stand between a copula and the insult ("a", "such", "total").
    pub const FILLER: u32 = 1 << 8;
    /// Negations that undo the frame ("not", "isnt").
    pub const NEGATION: u32 = 1 << 9;
    /// The author speaking of themselves ("i", "im", "me").
    pub const SELF: u32 = 1 << 10;
    /// Third-person targets ("him", "them", "he", "they").
    pub const TARGET: u32 = 1 << 11;
    /// Violent acts done to a person.
    pub const HARM_VERB: u32 = 1 << 12;
    /// Harm that befalls a person, in wishes ("die", "rot", "suffer").
    pub const HARM_FATE: u32 = 1 << 13;
    /// Demonstratives that point at a person ("this", "these").
    pub const POINTER: u32 = 1 << 14;
    /// Reporting verbs: what follows is someone else's words ("called", "described").
    pub const REPORTING: u32 = 1 << 15;
    /// Words that end an insult window as a new idea starts ("but", "and", "because").
    pub const BREAK: u32 = 1 << 16;
    /// Dehumanising nouns that are rarely meant literally of people ("vermin", "subhuman").
    pub const DEHUMAN_STRONG: u32 = 1 << 17;
    /// Adjectives that degrade a person when they qualify a person noun ("brainless puppet",
    /// "corrupt pig", "senile old fool"); alone they are ordinary criticism.
    pub const DEGRADE_ADJ: u32 = 1 << 18;
    /// Nouns that insult a person once a degrading adjective qualifies them ("puppet",
    /// "hack", "witch"), but are ordinary words alone ("a government puppet", "a hack").
    pub const PERSON_WEAK: u32 = 1 << 19;
    /// Groups of people by religion, origin, sex or sexuality, the targets of identity attacks.
    pub const GROUP: u32 = 1 << 20;
    /// Nouns that insult only when said to the reader ("you're a joke"); said of a policy or
    /// a public figure they are criticism ("this policy is a joke").
    pub const YOU_ONLY: u32 = 1 << 21;
    /// Crimes pinned on a whole group ("every Muslim is a terrorist").
    pub const CRIME_NOUN: u32 = 1 << 22;
    /// Participles of violence done to a person ("lined up and shot", "strung up").
    pub const VIOLENT_PASSIVE: u32 = 1 << 23;
    /// Instruments of a wished-for death or beating ("deserves the rope", "a bullet").
    pub const DOOM: u32 = 1 << 24;
    /// Words that insult a person (VADER's strongly negative words filtered to insults, and
    /// the broad word classes below): weak cues that add up with other signals.
    pub const NEG_PERSON: u32 = 1 << 25;
}

/// Hand-filtered person insults from the VADER lexicon (see `model/README.md`): `word`,
/// valence, `n` (noun) or `a` (adjective); `#` starts a comment.
const VADER_PERSON: &str = include_str!("../model/vader-person-insults.tsv");

use role::*;

const LISTS: &[(u32, &str)] = &[
    (YOU, "you u ya youre ur yall yourself yourselves urself"),
    (
        INSULT,
        "idiot idiots moron morons imbecile imbeciles cretin cretins retard retards dumbass \
         dumbasses dipshit dipshits dimwit dimwits halfwit halfwits nitwit nitwits numpty \
         numpties clown clowns buffoon buffoons jackass jackasses asshole assholes arsehole \
         arseholes dickhead dickheads douchebag douchebags douche scumbag scumbags scum \
         lowlife lowlifes loser losers twat twats wanker wankers tosser tossers bellend \
         shithead shitheads fuckwit fuckwits fuckface fucktard fucktards libtard libtards \
         degenerate degenerates simpleton simpletons troglodyte troglodytes bastard bastards \
         bitch bitches whore whores slut sluts skank skanks cunt cunts prick pricks \
         motherfucker motherfuckers sheeple cuck cucks dolt dolts ignoramus nincompoop \
         knobhead knobheads pillock pillocks muppet muppets dumbo slob slobs hag hags \
         hillbilly hillbillies redneck rednecks leftard leftards feminazi feminazis bimbo \
         bimbos scumbags \
         meathead meatheads numbskull numbskulls bonehead boneheads knucklehead knuckleheads \
         airhead airheads pinhead pinheads dunce dunces dullard dullards gobshite gobshites \
         plonker plonkers prat prats wazzock berk berks nonce nonces slag slags trollop scrote \
         scrotes dumbfuck dumbfucks schmuck shmuck putz nutjob nutjobs nutcase nutcases \
         headcase sleazebag sleazebags dirtbag dirtbags slimeball slimeballs scuzzbag thicko \
         thickos harlot hussy golddigger thot bootlicker bootlickers cocksucker cocksuckers \
         twit twits mouthbreather mouthbreathers neckbeard \
         doofus dingbat bozo bozos dweeb dweebs tosspot tosspots knobend knobends bawbag \
         bawbags bampot bampots walloper wallopers langer langers eediat mumu olodo \
         cockwomble cockwombles twatwaffle shitgibbon douchecanoe thundercunt wankstain \
         shitstain shitstains scumbucket sleazeball sleazeballs creepazoid manchild \
         manchildren lardarse fatso landwhale arsewipe asswipe shitweasel fucknugget \
         knuckledragger knuckledraggers slapper slappers strumpet floozy slattern \
         harridan simp simps chutiya",
    ),
    (
        INSULT_FRAMED,
        "dick dicks pig pigs rat rats snake snakes trash garbage animal animals hoe hoes dog \
         dogs cow cows donkey worm worms ape apes filth vermin parasite parasites leech \
         leeches maggot maggots cockroach cockroaches psycho psychopath lunatic lunatics \
         freak freaks troll trolls sheep fool fools fag fags pervert perverts weasel \
         weasels creep creeps witch witches \
         brat brats jerk jerks tit tits git gits loony loonies schizo gimp tart goblin gremlin \
         troglodyte ogre oaf oafs lout louts yob yobs bum bums tool tools fossil fossils \
         dinosaur dinosaurs slug slugs snowflake snowflakes crybaby crybabies donkeys windbag \
         windbags blowhard blowhards gasbag crackpot crackpots nutter nutters eejit eejits \
         galah drongo twerp twerps wally wallies minger munter harpy harpies shrew chump \
         chumps oik oiks pleb plebs clot wimp wimps \
         ghoul ghouls toad toads vulture vultures hyena hyenas jackal jackals \
         bloodsucker bloodsuckers heifer crone battleaxe fishwife plank planks knob \
         knobs perv pervs melt melts dork dorks bogan bogans npc npcs",
    ),
    (
        INSULT_ADJ,
        "stupid dumb pathetic ignorant brainless worthless retarded idiotic moronic braindead \
         imbecilic disgusting ugly inbred thick dense stupidest dumbest thickest \
         mental subnormal gormless witless senile insufferable illiterate pigignorant \
         dimwitted halfwitted vile despicable repulsive hideous dim daft \
         peabrained slackjawed emptyheaded",
    ),
    (
        DEHUMAN,
        "vermin parasite parasites cockroach cockroaches roaches rats insects animals beasts \
         savages subhuman subhumans pests lice maggots leeches apes monkeys mongrels swine \
         pigs rodents termites filth untermensch untermenschen scum creatures disease \
         cancer plague pest locusts infestation scourge tumour tumor virus germs \
         orcs zombies neanderthals orc \
         cattle livestock mutants swarm swarms bedblockers",
    ),
    (
        SLUR,
        "nigger niggers nigga niggas niggah nigguh faggot faggots kike kikes spic spics \
         wetback wetbacks tranny trannies raghead ragheads towelhead towelheads gook gooks \
         chink chinks paki pakis sandnigger beaner beaners retard retards retarded shemale \
         gypo gypos gyppo gyppos pikey pikeys spastic spastics spaz spazz mongoloid mongoloids \
         moozie moozies muzzie muzzies muzrat muzrats dyke dykes trannie poofter poofters wog \
         wogs golliwog golliwogs kaffir kaffirs chinky zipperhead zipperheads jigaboo abos \
         lezzer lezzers gippo gippos",
    ),
    (
        OBSCENE,
        "fuck fucking fucked fucker fuckers fucks fuckin fck fk fuk fuq fukin fcking fcuk \
         shit shitty bullshit cunt cunts motherfucker motherfucking twat cock cocks cocksucker \
         wank wanker stfu gtfo gfy kys asshole arsehole piss pissed bastard bitch",
    ),
    (
        COPULA,
        "is are r re was were be being youre theyre hes shes thats its im ur",
    ),
    (
        FILLER,
        "a an the such so just total totally complete completely absolute absolutely utter \
         utterly real really truly very little big fucking fkn effing bloody damn dirty filthy \
         lying pathetic stupid dumb ignorant worthless disgusting all of nothing but no better \
         than worse than like bunch bunch lot pack gang typical right wing left wing useless \
         an old fat ugly sad sorry too miserable clueless brainless corrupt spineless \
         incompetent evil vile liar liars hack hacks crook crooks fraud coward hypocrite \
         traitor traitors and or still genuinely clearly obviously literally basically \
         actually honestly mentally nothing more overpaid overrated overhyped vain",
    ),
    (
        NEGATION,
        "not never isnt arent wasnt werent aint dont doesnt nor hardly",
    ),
    (
        DEHUMAN_STRONG,
        "vermin parasite parasites cockroach cockroaches roaches subhuman subhumans \
         untermensch untermenschen lice maggots leeches savages mongrels plague locusts",
    ),
    (SELF, "i im me myself ive id my we were us"),
    (
        TARGET,
        "him her them he she they his their your yourself himself herself themselves you u ya \
         ur author writer journalist reporter mod mods moderator moderators poster posters \
         commenter commenters people",
    ),
    (
        HARM_VERB,
        "kill kills shoot shoots hang hangs stab stabs murder murders rape rapes lynch \
         behead strangle gas exterminate slaughter butcher torture punch slit nuke string",
    ),
    (
        HARM_FATE,
        "die dies rot rots burn burns suffer suffers drown drowns choke chokes starve \
         starves perish raped killed shot hanged hung murdered stabbed lynched beheaded \
         tortured slaughtered gassed exterminated cancer beaten",
    ),
    (POINTER, "this that these those what such"),
    (
        DEGRADE_ADJ,
        "brainless braindead brainwashed senile corrupt vile dimwitted halfwitted slimy smug \
         lazy talentless useless gutless spineless sick demented deranged unhinged gullible \
         crybaby moneygrabbing disgusting pathetic stupid dumb thick ignorant worthless \
         ugly fat filthy dirty greedy snivelling sniveling treacherous traitorous sanctimonious \
         miserable mouthy bent grubby sleazy creepy inbred retarded idiotic moronic \
         stupidest dumbest thickest ugliest mentally ill nasty evil repulsive cowardly \
         clueless incompetent bloated stinking smelly rancid toxic \
         spoiled spoilt defective gormless feckless witless vacuous whiny whining snotty \
         pompous lardy greasy sweaty toothless thieving sadistic insufferable illiterate feral \
         barbarian barbaric bitter despicable loathsome odious repugnant revolting obnoxious \
         arrogant contemptible hateful heartless rotten scummy scuzzy manky smarmy shifty \
         sneaky snide whinging whingeing whingy bumbling blithering drooling decrepit \
         doddering doddery hideous grotesque wretched pitiful pigignorant dopey dozy \
         festering putrid rotting gobby sneering soulless \
         knuckledragging stray mangy rabid shrill braying gurning slackjawed peabrained \
         emptyheaded twofaced jumpedup weaselly oily reptilian ghoulish fleabitten",
    ),
    (
        PERSON_WEAK,
        "puppet puppets hack hacks fool fools pig pigs witch witches cow cows pervert \
         perverts freak freaks troll trolls sheep weasel weasels creep creeps snake snakes \
         rat rats dog dogs bimbo bimbos specimen hag loser losers \
         propagandist propagandists shill shills stooge stooges lackey lackeys grifter grifters \
         charlatan charlatans cheat cheats coward cowards brat brats chancer chancers bitch \
         tart goblin gremlin thug thugs bat hack oaf lump \
         bag bags bot bots salesman salesmen merchant merchants peddler peddlers",
    ),
    (
        GROUP,
        "muslim muslims jew jews gay gays lesbian lesbians trans transgender blacks \
         immigrant immigrants migrant migrants foreigner foreigners refugee refugees roma \
         gypsy gypsies traveller travellers chinese woman women asians arabs africans \
         mexicans poles romanians pakistanis hindus sikhs christians catholics homosexuals \
         seekers islam \
         disabled autistic autists handicapped whites gypos",
    ),
    (
        YOU_ONLY,
        "joke disgrace embarrassment virgin fascist nazi commie failure nobody creep \
         sheep coward racist bigot",
    ),
    (
        CRIME_NOUN,
        "terrorist terrorists criminal criminals rapist rapists thief thieves paedophile \
         paedophiles pedophile pedophiles groomer groomers invaders \
         drain burden scroungers spongers freeloaders leeches",
    ),
    (
        VIOLENT_PASSIVE,
        "shot hanged hung lynched stabbed strangled gassed burned burnt stoned flogged \
         whipped tortured killed murdered slaughtered exterminated butchered castrated \
         drowned beheaded kneecapped flattened curbstomped",
    ),
    (
        DOOM,
        "rope noose bullet bullets beating kicking thrashing gallows guillotine lynching \
         bat \
         bomb hiding smacking shoeing pasting battering kneecapping",
    ),
    (
        REPORTING,
        "called calling call calls described describing describe label labelled labeled \
         labelling branded dubbed termed referred quoted said says saying accused \
         word words slogan chant chanted chanting paints painted \
         paint portray portrays portrayed depict depicts depicted likened",
    ),
    (
        BREAK,
        "but and because though although while whereas if when which who whom whose unlike \
         whos whod wholl",
    ),
];

#[derive(Debug)]
pub(crate) struct Lexicon {
    roles: HashMap<Box<str>, u32, Xxh3Builder>,
    /// Words checked against masked spellings ("f***", "sh*t", "n*gger").
    maskable: Vec<(Box<str>, u32)>,
}

impl Lexicon {
    pub(crate) fn new() -> Lexicon {
        let mut roles: HashMap<Box<str>, u32, Xxh3Builder> =
            HashMap::with_hasher(Xxh3Builder::new());
        for &(role, words) in LISTS {
            for w in words.split_whitespace() {
                *roles.entry(w.into()).or_insert(0) |= role;
            }
        }
        // Nouns insult only in a frame; adjectives degrade a person noun. The file is
        // embedded and checked by a test, so a malformed line is skipped, not a panic.
        for line in VADER_PERSON.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(w), Some(_), Some(class)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            let role = match class {
                "n" => INSULT_FRAMED,
                "a" => DEGRADE_ADJ,
                _ => continue,
            };
            *roles.entry(w.into()).or_insert(0) |= role | NEG_PERSON;
        }
        // Insult nouns and adjectives are weak cues too; framed nouns ("pig", "trash") are
        // as often animals and things, so they count only from the filtered VADER list.
        for r in roles.values_mut() {
            if *r & (INSULT | INSULT_ADJ) != 0 {
                *r |= NEG_PERSON;
            }
        }
        let mut maskable: Vec<(Box<str>, u32)> = roles
            .iter()
            .filter(|(_, r)| **r & (SLUR | OBSCENE | INSULT) != 0)
            .map(|(w, r)| (w.clone(), *r & (SLUR | OBSCENE | INSULT)))
            .collect();
        // The first match wins, so the order is fixed: a masked word is far more often
        // swearing than a slur ("f**" is read as "fck" before "fag").
        let rank = |r: u32| {
            if r & OBSCENE != 0 {
                0
            } else if r & INSULT != 0 {
                1
            } else {
                2
            }
        };
        maskable.sort_by(|a, b| (rank(a.1), &a.0).cmp(&(rank(b.1), &b.0)));
        Lexicon { roles, maskable }
    }

    /// Roles of a folded word as listed, without reading disguises: for joining two words
    /// into a compound ("brain dead"), which must not guess.
    pub(crate) fn exact(&self, word: &str) -> u32 {
        self.roles.get(word).copied().unwrap_or(0)
    }

    /// Roles of a folded word, reading elongations and masks.
    pub(crate) fn roles(&self, word: &str) -> u32 {
        if let Some(&r) = self.roles.get(word) {
            return r;
        }
        let mut found = 0;
        crate::normalize::spellings(word, |s| match self.roles.get(s) {
            Some(&r) => {
                found = r;
                true
            }
            None => false,
        });
        if found != 0 {
            return found;
        }
        if word.contains('*') {
            return self.masked(word);
        }
        0
    }

    /// A word with letters masked by `*` matches an obscene, slur or insult word of the same
    /// length whose visible letters agree and whose first letter is shown; `f*`, `***` alone
    /// say too little. A trailing run of masks may stand for any number of letters ("f***").
    fn masked(&self, word: &str) -> u32 {
        let w: Vec<char> = word.chars().collect();
        let visible = w.iter().filter(|c| **c != '*').count();
        if visible < 1 || w.first() == Some(&'*') || w.len() < 3 {
            return 0;
        }
        let trailing = w.iter().rev().take_while(|c| **c == '*').count();
        let same_length = self.maskable.iter().find(|(entry, _)| {
            entry.chars().count() == w.len()
                && entry.chars().zip(&w).all(|(a, b)| *b == '*' || a == *b)
        });
        if let Some((_, role)) = same_length {
            return *role;
        }
        // "f***" may stand for "fuck" or "fucking": a short prefix shown, the rest masked;
        // only swearing is read this loosely.
        if trailing >= 2 && visible <= 2 {
            let shown = &w[..w.len() - trailing];
            let loose = self.maskable.iter().find(|(entry, role)| {
                *role & OBSCENE != 0
                    && entry.chars().count() > shown.len()
                    && entry.chars().zip(shown).all(|(a, b)| a == *b)
            });
            if let Some((_, role)) = loose {
                return *role;
            }
        }
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_disguised_words() {
        let l = Lexicon::new();
        assert_ne!(l.roles("idiooot") & INSULT, 0);
        assert_ne!(l.roles("f***") & OBSCENE, 0);
        assert_ne!(l.roles("sh*t") & OBSCENE, 0);
        assert_ne!(l.roles("n*gger") & SLUR, 0);
        assert_eq!(l.roles("niger"), 0);
        assert_eq!(l.roles("war"), 0);
        assert_eq!(l.roles("***"), 0);
        assert_eq!(l.roles("scunthorpe"), 0);
    }

    #[test]
    fn vendored_person_insults_load() {
        let l = Lexicon::new();
        let rows = VADER_PERSON.lines().filter(|r| !r.starts_with('#'));
        for row in rows {
            let cols: Vec<&str> = row.split('\t').collect();
            assert_eq!(cols.len(), 3, "{row}");
            assert!(cols[1].parse::<f32>().is_ok_and(|v| v <= -1.5), "{row}");
            assert_ne!(l.roles(cols[0]) & NEG_PERSON, 0, "{row}");
        }
        assert_ne!(l.roles("weirdo") & INSULT_FRAMED, 0);
        assert_ne!(l.roles("obnoxious") & DEGRADE_ADJ, 0);
        // Conduct is criticism, not an insult.
        assert_eq!(l.roles("liar") & NEG_PERSON, 0);
        assert_eq!(l.roles("brutal") & NEG_PERSON, 0);
    }
}
