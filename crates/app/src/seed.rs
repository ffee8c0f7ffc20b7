//! Generated discussions for load tests and benchmarks: many readers, many comments, some of
//! them replies and mentions, written through the same path as real comments. The text is
//! original filler, varied enough to look like a discussion to the renderer.
//!
//! [`Tribune::seed_discussion`] writes one discussion comment by comment, through the path a
//! reader's comment takes; [`Tribune::seed_site`] writes a whole site (thousands of articles,
//! a million comments) set-based in one transaction, for the benchmarks' dataset.

use time::{Duration, OffsetDateTime};
use tribune_domain::article::ArticleFields;
use tribune_domain::{Article, CommentBody, CommentStatus, DisplayName, Role};
use tribune_store::{GeneratedSite, NewUser};

use crate::{Result, Tribune};

const SENTENCES: &[&str] = &[
    "The council should publish the inspection reports in full.",
    "I live two streets from the river and nobody warned us.",
    "This is exactly what the budget cuts were always going to cost.",
    "Has anyone asked why the sirens were not tested last spring?",
    "The engineers made the least bad choice they had that night.",
    "An independent inquiry is the only way anyone will trust the answer.",
    "My neighbours lost everything on the ground floor.",
    "Let the police finish their work before we decide who is to blame.",
    "The reservoir rule has been criticised for years, and nothing changed.",
    "Volunteers from the city were here by noon, to be fair to them.",
    "The article leaves out how long the gauge at the weir was broken.",
    "Insurance will be the real story here in six months.",
    "Please stop blaming the farmers upstream; they flooded too.",
    "The school on Mill Lane reopened today, which is a small mercy.",
    "Why did the text alerts reach some phones and not others?",
    "Good reporting, but I would like to see the minutes of that meeting.",
    "We had water in the cellar within forty minutes of the siren.",
    "The photos from the bridge show how fast the level rose.",
    "Compensation should not depend on who shouts loudest at the hearing.",
    "I remember the last flood in this valley, and the promises after it.",
    "The operator says it followed the manual; then the manual is wrong.",
    "Does anyone know whether the footpath along the dam is open again?",
    "The mayor was out with a shovel on Saturday, credit where it is due.",
    "Rebuilding will take years, and the town cannot wait for an inquiry.",
];

/// Generated readers joined a while ago: a benchmark measures regular readers, not a flood
/// of new accounts.
const READERS_JOINED_DAYS_AGO: i64 = 400;

/// How long ago a generated site's newest article was published.
const SITE_AGE_DAYS: i64 = 60;

/// How many comments of a generated discussion are written at once.
const SEED_WAVE: usize = 32;

/// How many different comment bodies a generated site uses.
const SITE_BODIES: usize = 500;

/// What [`Tribune::seed_site`] made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeededSite {
    /// Slugs are `{prefix}-0` … `{prefix}-{articles - 1}`.
    pub prefix: String,
    pub articles: usize,
    pub comments: usize,
    /// Session secrets of the first generated readers (as many as asked for), signed in.
    pub sessions: Vec<String>,
}

/// What [`Tribune::seed_discussion`] made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seeded {
    pub slug: String,
    pub comments: usize,
    /// Comment ids in the order they were written.
    pub ids: Vec<i64>,
}

impl Tribune {
    /// Creates the article `slug` (if it does not exist) and writes `count` comments under it
    /// by `readers` generated readers: every fifth a reply to an earlier comment, every
    /// seventh opening with an @mention.
    pub async fn seed_discussion(
        &self,
        slug: &str,
        count: usize,
        readers: usize,
    ) -> Result<Seeded> {
        // Published long enough ago that its comments, a second apart, are all in the past.
        let published_at = Self::now()
            - Duration::seconds(i64::try_from(count).unwrap_or(i64::MAX / 2))
            - Duration::hours(1);
        let article = self.seed_article_at(slug, Some(published_at)).await?;
        let mut authors = Vec::with_capacity(readers.max(1));
        for i in 0..readers.max(1) {
            authors.push(self.seed_reader(&format!("Reader {i:04}")).await?);
        }
        let mut ids = Vec::with_capacity(count);
        let mut next = sequence();
        let mut i = 0;
        while i < count {
            // A wave of comments written at once (the store commits them together); replies
            // answer comments of earlier waves.
            let wave_end = (i + SEED_WAVE).min(count);
            let mut writes = Vec::with_capacity(SEED_WAVE);
            for i in i..wave_end {
                let author_id = authors[next(authors.len())].0;
                let mut text = String::new();
                if i % 7 == 3 {
                    let (_, name) = &authors[next(authors.len())];
                    text.push_str(&format!("@{} ", name.replace(' ', "_")));
                }
                for _ in 0..=next(3) {
                    text.push_str(SENTENCES[next(SENTENCES.len())]);
                    text.push(' ');
                }
                let body = CommentBody::parse(&text, self.settings().comments.max_length)?;
                let parent = match ids.len() {
                    n if n > 0 && i % 5 == 4 => self.store().comment(ids[next(n)]).await?,
                    _ => None,
                };
                let created_at =
                    article.published_at + Duration::seconds(i64::try_from(i).unwrap_or(0));
                let (tribune, article) = (self.clone(), article.clone());
                writes.push(tokio::spawn(async move {
                    tribune
                        .write_comment(
                            &article,
                            crate::comments::Written {
                                author_id,
                                body: &body,
                                parent,
                                status: CommentStatus::Published,
                                screening: tribune_store::Screening::default(),
                                created_at,
                            },
                        )
                        .await
                }));
            }
            for write in writes {
                ids.push(write.await??.id);
            }
            i = wave_end;
        }
        self.store().analyze().await?;
        Ok(Seeded {
            slug: article.slug,
            comments: ids.len(),
            ids,
        })
    }

    /// Creates `articles` articles (`{prefix}-0` …) with `comments` comments spread evenly
    /// over them by `readers` generated readers, in one transaction, and signs in the first
    /// `sessions` readers. Every fourth comment is top-level and the next three answer it.
    pub async fn seed_site(
        &self,
        prefix: &str,
        articles: usize,
        comments: usize,
        readers: usize,
        sessions: usize,
    ) -> Result<SeededSite> {
        let articles = articles.max(1);
        // Old enough that every generated comment is in the past, however many there are.
        let published_at = Self::now() - Duration::days(SITE_AGE_DAYS);
        let template = self
            .seed_article_at(&format!("{prefix}-0"), Some(published_at))
            .await?;
        let mut author_ids = Vec::with_capacity(readers.max(1));
        for i in 0..readers.max(1) {
            author_ids.push(self.seed_reader(&format!("Regular {i:05}")).await?.0);
        }
        let mut next = sequence();
        let bodies: Vec<(String, String)> = (0..SITE_BODIES)
            .map(|_| {
                let mut text = String::new();
                for _ in 0..=next(4) {
                    text.push_str(SENTENCES[next(SENTENCES.len())]);
                    text.push(' ');
                }
                let text = text.trim_end().to_owned();
                let html = tribune_text::render_comment(&text);
                (text, html)
            })
            .collect();
        let per_article = comments / articles;
        let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        let written = self
            .store()
            .generate_discussions(&GeneratedSite {
                template_article_id: template.id,
                prefix,
                articles: count(articles),
                comments_per_article: count(per_article),
                bodies: &bodies,
                author_ids: &author_ids,
            })
            .await?;
        let mut secrets = Vec::with_capacity(sessions);
        for &id in author_ids.iter().take(sessions) {
            if let Some(user) = self.store().user(id).await? {
                secrets.push(self.start_session(user).await?.token);
            }
        }
        Ok(SeededSite {
            prefix: prefix.to_owned(),
            articles,
            comments: usize::try_from(written).unwrap_or(0),
            sessions: secrets,
        })
    }

    async fn seed_article_at(
        &self,
        slug: &str,
        published_at: Option<OffsetDateTime>,
    ) -> Result<Article> {
        if let Some(article) = self.store().article(slug).await? {
            return Ok(article);
        }
        let editor = crate::accounts::Editor {
            token_id: 0,
            name: "seed".to_owned(),
        };
        let body = SENTENCES
            .chunks(2)
            .map(|pair| pair.join(" "))
            .collect::<Vec<_>>()
            .join("\n\n");
        self.create_article(
            crate::articles::Publisher::Editor(&editor),
            ArticleFields {
                slug: Some(slug.to_owned()),
                headline: "Valley flood inquiry: readers respond".to_owned(),
                lead: "A generated discussion for load tests.".to_owned(),
                body,
                published_at,
                ..ArticleFields::default()
            },
        )
        .await
    }

    async fn seed_reader(&self, name: &str) -> Result<(i64, String)> {
        let display_name = DisplayName::parse(name)?;
        let key = display_name.key();
        if let Some(user) = self.store().user_by_name_key(&key).await? {
            return Ok((user.id, user.display_name));
        }
        let user = self
            .store()
            .insert_user(&NewUser {
                email: &format!("{key}@seed.invalid"),
                display_name: display_name.as_str(),
                name_key: &key,
                password_hash: None,
                role: Role::Reader,
                created_at: Self::now() - Duration::days(READERS_JOINED_DAYS_AGO),
            })
            .await?;
        Ok((user.id, user.display_name))
    }
}

/// A fixed linear congruential sequence of numbers below a bound: the same data on every run.
fn sequence() -> impl FnMut(usize) -> usize {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    move |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        usize::try_from(state >> 33).unwrap_or(0) % bound.max(1)
    }
}
