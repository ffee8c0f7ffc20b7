//! Generated discussions for load tests and benchmarks: many readers, many comments, some of
//! them replies and mentions, written through the same path as real comments. The text is
//! original filler, varied enough to look like a discussion to the renderer.

use time::Duration;
use tribune_domain::article::ArticleFields;
use tribune_domain::{Article, CommentBody, CommentStatus, DisplayName, Role};
use tribune_store::NewUser;

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
];

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
        let article = self.seed_article(slug).await?;
        let mut authors = Vec::with_capacity(readers.max(1));
        for i in 0..readers.max(1) {
            authors.push(self.seed_reader(&format!("Reader {i:04}")).await?);
        }
        let mut ids = Vec::with_capacity(count);
        // A fixed linear congruential sequence: the same data on every run.
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move |bound: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            usize::try_from(state >> 33).unwrap_or(0) % bound.max(1)
        };
        for i in 0..count {
            let author = authors[next(authors.len())].0;
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
            let comment = self
                .write_comment(
                    &article,
                    crate::comments::Written {
                        author_id: author,
                        body: &body,
                        parent,
                        status: CommentStatus::Published,
                        screening: tribune_store::Screening::default(),
                        created_at,
                    },
                )
                .await?;
            ids.push(comment.id);
        }
        self.store().analyze().await?;
        Ok(Seeded {
            slug: article.slug,
            comments: ids.len(),
            ids,
        })
    }

    async fn seed_article(&self, slug: &str) -> Result<Article> {
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
                created_at: Self::now(),
            })
            .await?;
        Ok((user.id, user.display_name))
    }
}
