//! Moderation: the automatic assessment of every comment written or edited, the policies that
//! decide whether it waits for a moderator, moderators' queues and decisions (each one in the
//! audit log), readers' reports, bans and trust, search, and the site's own trained model.

use std::net::IpAddr;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::json;
use sha2::{Digest, Sha256};
use time::Duration;
use tribune_assess::{Assessment, Assessor, Decision, Fingerprint, Signals, SiteModel};
use tribune_domain::moderation::{self, Action, PERMANENT, Report, Standing, moderator_text};
use tribune_domain::{Article, Comment, CommentBody, CommentPolicy, CommentStatus, User};
use tribune_store::{
    AuditEntry, AuditRecord, Edit, PostingQuery, Queue, QueueEntry, QueueQuery, Screening,
};

use crate::accounts::Viewer;
use crate::{Error, Result, Tribune};

/// Where the site's trained model is kept (base64), shared by every node, and its digest:
/// nodes poll the small digest and read the model only when it changed.
pub(crate) const SITE_MODEL_KEY: &str = "site_model";
pub(crate) const SITE_MODEL_DIGEST_KEY: &str = "site_model_digest";
/// Recent comments compared for near-duplicates.
const NEAR_DUPLICATE_SCAN: usize = 500;
/// Moderators' decisions used for training, at most.
const TRAINING_EXAMPLES: i64 = 100_000;

/// What the assessment found in a body, ready to store.
pub(crate) struct Screened {
    pub assessment: Assessment,
    pub fingerprint: Fingerprint,
    pub address_hash: Option<String>,
    /// The author's published comments so far (trust by history).
    pub published: i64,
    /// What the author is told when the assessment rejects the comment outright.
    pub rejection_reason: Option<String>,
}

impl Screened {
    pub fn screening(&self) -> Screening<'_> {
        Screening {
            assessment: Some(&self.assessment),
            fingerprint: Some(self.fingerprint),
            address_hash: self.address_hash.as_deref(),
            rejection_reason: self.rejection_reason.as_deref(),
        }
    }
}

/// A moderation queue and its filters, as a moderator asks for it.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    /// `held` (default), `reported`, `recent` or `rejected`.
    pub queue: String,
    pub article: Option<String>,
    pub author_id: Option<i64>,
    pub reason: Option<String>,
    pub limit: Option<i64>,
}

/// How a ban is asked for.
#[derive(Debug, Clone, Default)]
pub struct BanRequest {
    /// `None`: permanent.
    pub days: Option<i64>,
    pub reason: String,
    pub remove_comments: bool,
}

/// The outcome of training the site's model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Training {
    pub examples: usize,
    pub rejected: usize,
}

impl Tribune {
    /// The assessor in use now (the base model, and the site's model once trained).
    pub fn assessor(&self) -> Arc<Assessor> {
        match self.inner.assessor.read() {
            Ok(guard) => Arc::clone(&guard),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    pub(crate) fn build_assessor(&self, site_model: Option<SiteModel>) -> Assessor {
        self.settings()
            .moderation
            .assessor()
            .with_site_model(site_model)
    }

    /// Loads the site's trained model from the database (if one was trained) into the
    /// assessor; every node calls this at start and then periodically.
    pub async fn reload_site_model(&self) -> Result<bool> {
        let Some(digest) = self.store().meta(SITE_MODEL_DIGEST_KEY).await? else {
            return Ok(false);
        };
        {
            let mut loaded = match self.inner.site_model_digest.lock() {
                Ok(guard) => guard,
                Err(poisoned) => poisoned.into_inner(),
            };
            if loaded.as_deref() == Some(digest.as_str()) {
                return Ok(false);
            }
            *loaded = Some(digest);
        }
        let Some(encoded) = self.store().meta(SITE_MODEL_KEY).await? else {
            return Ok(false);
        };
        let model = STANDARD
            .decode(encoded.as_bytes())
            .ok()
            .and_then(|bytes| SiteModel::from_bytes(&bytes).ok());
        let Some(model) = model else {
            tracing::warn!("the stored site model cannot be read; train it again");
            return Ok(false);
        };
        let assessor = Arc::new(self.build_assessor(Some(model)));
        match self.inner.assessor.write() {
            Ok(mut guard) => *guard = assessor,
            Err(poisoned) => *poisoned.into_inner() = assessor,
        }
        Ok(true)
    }

    /// Trains the site's model on moderators' decisions and on `extra` labelled examples
    /// (text, should be held or rejected), stores it for every node, and uses it here.
    pub async fn train_site_model(&self, extra: Vec<(String, bool)>) -> Result<Training> {
        let mut examples = self.store().moderation_examples(TRAINING_EXAMPLES).await?;
        examples.extend(extra);
        let rejected = examples.iter().filter(|(_, label)| *label).count();
        if examples.is_empty() {
            return Err(Error::Invalid(tribune_domain::Invalid::new(
                "examples",
                "empty",
                "There is nothing to learn from yet: moderators have decided on no comment, \
                 and no labelled file was given.",
            )));
        }
        let model = tokio::task::spawn_blocking(move || {
            let borrowed: Vec<(&str, bool)> =
                examples.iter().map(|(t, l)| (t.as_str(), *l)).collect();
            (
                SiteModel::train(&borrowed, &Default::default()),
                borrowed.len(),
            )
        })
        .await?;
        let (model, count) = model;
        let encoded = STANDARD.encode(model.to_bytes());
        // The model first: a node that sees the new digest then finds the new model.
        self.store().set_meta(SITE_MODEL_KEY, &encoded).await?;
        self.store()
            .set_meta(SITE_MODEL_DIGEST_KEY, &crate::secret::hash(&encoded))
            .await?;
        self.reload_site_model().await?;
        Ok(Training {
            examples: count,
            rejected,
        })
    }

    /// The keyed hash under which a reader's address is kept: spam signals can compare
    /// addresses without the database holding any.
    pub(crate) async fn address_hash(&self, address: Option<IpAddr>) -> Result<Option<String>> {
        let Some(address) = address else {
            return Ok(None);
        };
        let key = self.site_secret(crate::secret::SiteSecret::Address).await?;
        let digest = Sha256::new()
            .chain_update(key.as_bytes())
            .chain_update(address.to_string().as_bytes())
            .finalize();
        Ok(Some(
            digest.iter().take(16).map(|b| format!("{b:02x}")).collect(),
        ))
    }

    /// Assesses a body about to be stored, with its author's record and recent activity.
    pub(crate) async fn screen(
        &self,
        author: &User,
        body: &CommentBody,
        address: Option<IpAddr>,
    ) -> Result<Screened> {
        let now = Self::now();
        let settings = &self.settings().moderation;
        let since = now - Duration::minutes(settings.recent_window_minutes);
        let fingerprint = tribune_assess::fingerprint(body.as_str());
        let address_hash = self.address_hash(address).await?;
        let recent = &self.inner.recent_fingerprints;
        let history = self
            .store()
            .posting_history(&PostingQuery {
                author_id: author.id,
                address_hash: address_hash.as_deref(),
                exact_hash: fingerprint.exact_i64(),
                since,
                counted_up_to: i64::from(Signals::RECENT_COUNTED_UP_TO),
                fingerprints: NEAR_DUPLICATE_SCAN as i64,
                fingerprints_after: recent.read_after(),
            })
            .await?;
        let near_duplicates = recent.add_and_count(
            &history.recent_fingerprints,
            history.newest_comment_id,
            since,
            NEAR_DUPLICATE_SCAN,
            |simhash| fingerprint.is_near(&Fingerprint::from_i64(simhash, 0)),
        );
        let count = |n: i64| u32::try_from(n.max(0)).unwrap_or(u32::MAX);
        let signals = Signals {
            account_age_hours: (now - author.created_at).as_seconds_f64() / 3600.0,
            approved_comments: count(history.published),
            rejected_comments: count(history.rejected),
            reports_against: count(history.reports_against),
            trusted: author.trusted || author.role.can_moderate(),
            recent_by_account: count(history.recent_by_author),
            recent_by_address: count(history.recent_by_address),
            near_duplicates: u32::try_from(near_duplicates).unwrap_or(u32::MAX),
            exact_duplicates: count(history.exact_duplicates),
        };
        let assessor = self.assessor();
        let text = body.as_str().to_owned();
        // Well under a millisecond, but CPU work all the same: keep it off the reactor only
        // when the body is long.
        let assessment = if text.len() > 4096 {
            tokio::task::spawn_blocking(move || assessor.assess(&text, &signals)).await?
        } else {
            assessor.assess(&text, &signals)
        };
        metrics::counter!("tribune_assessments_total", "decision" => decision_name(assessment.decision))
            .increment(1);
        let rejection_reason = (assessment.decision == Decision::Reject).then(|| {
            let why = assessment
                .reasons
                .first()
                .map_or("it breaks the house rules", |r| r.message.as_str());
            format!("Rejected automatically: {why}")
        });
        Ok(Screened {
            assessment,
            fingerprint,
            address_hash,
            published: history.published,
            rejection_reason,
        })
    }

    /// The status a screened comment takes under the article's policy and the site's mode.
    /// A likely abusive comment is refused with its reasons first, unless the author has
    /// seen the warning and posts anyway.
    pub(crate) fn settle(
        &self,
        author: &User,
        policy: CommentPolicy,
        screened: &Screened,
        acknowledged: bool,
    ) -> Result<CommentStatus> {
        let settings = &self.settings().moderation;
        let assessment = &screened.assessment;
        match assessment.decision {
            Decision::Reject => return Ok(CommentStatus::Rejected),
            Decision::Hold => {
                if settings.warn_authors && assessment.likely_abusive() && !acknowledged {
                    return Err(Error::LikelyAbusive(assessment.reasons.clone()));
                }
                return Ok(CommentStatus::Held);
            }
            Decision::Publish => {}
        }
        let standing = Standing {
            staff: author.role.can_moderate(),
            trusted: author.trusted,
            published_comments: screened.published,
        };
        Ok(
            if moderation::needs_review(policy, settings.mode, standing, settings.trusted_after) {
                CommentStatus::Held
            } else {
                CommentStatus::Published
            },
        )
    }

    /// A moderation queue.
    pub async fn moderation_queue(
        &self,
        viewer: &Viewer,
        filter: &QueueFilter,
    ) -> Result<Vec<QueueEntry>> {
        viewer.require_moderator()?;
        let queue = match filter.queue.as_str() {
            "" | "held" => Queue::Held,
            "reported" => Queue::Reported {
                min_reports: self.settings().moderation.reports_to_queue,
            },
            "recent" => Queue::Recent,
            "rejected" => Queue::Rejected,
            "all" => Queue::All,
            _ => {
                return Err(tribune_domain::Invalid::new(
                    "queue",
                    "unknown_queue",
                    "The queue must be held, reported, recent, rejected or all.",
                )
                .into());
            }
        };
        let article_id = match filter.article.as_deref().filter(|s| !s.is_empty()) {
            Some(slug) => Some(self.article(slug).await?.id),
            None => None,
        };
        Ok(self
            .store()
            .queue(&QueueQuery {
                queue,
                article_id,
                author_id: filter.author_id,
                reason: filter.reason.clone().filter(|r| !r.is_empty()),
                limit: filter.limit.unwrap_or(50).clamp(1, 200),
            })
            .await?)
    }

    /// The assessments of these comments, for a moderator (nothing for anyone else).
    pub async fn assessments(
        &self,
        viewer: &Viewer,
        comments: &[Comment],
    ) -> Result<std::collections::HashMap<i64, Assessment>> {
        if viewer.require_moderator().is_err() {
            return Ok(Default::default());
        }
        let ids: Vec<i64> = comments.iter().map(|c| c.id).collect();
        Ok(self.store().assessments(&ids).await?.into_iter().collect())
    }

    /// How many comments wait: (held, reported).
    pub async fn queue_counts(&self, viewer: &Viewer) -> Result<(i64, i64)> {
        viewer.require_moderator()?;
        Ok(self
            .store()
            .queue_counts(self.settings().moderation.reports_to_queue)
            .await?)
    }

    /// One comment with everything moderators see about it.
    pub async fn moderation_entry(&self, viewer: &Viewer, id: i64) -> Result<QueueEntry> {
        viewer.require_moderator()?;
        self.store()
            .queue_entry(id)
            .await?
            .ok_or(Error::NotFound("comment"))
    }

    async fn comment_for_moderation(&self, id: i64) -> Result<Comment> {
        self.store()
            .comment(id)
            .await?
            .ok_or(Error::NotFound("comment"))
    }

    /// Publishes a held or rejected comment (or confirms a reported one); its reports are
    /// resolved.
    pub async fn approve(&self, viewer: &Viewer, id: i64) -> Result<Comment> {
        let moderator = viewer.require_moderator()?;
        let comment = self.comment_for_moderation(id).await?;
        let entry = audit(
            moderator,
            Action::Approve,
            "comment",
            id,
            "",
            json!({"status": comment.status.as_str()}),
            json!({"status": "published"}),
        );
        Ok(self.announced(
            self.store()
                .decide(&comment, CommentStatus::Published, None, &entry)
                .await?,
        ))
    }

    /// Rejects a comment with a reason its author sees.
    pub async fn reject(&self, viewer: &Viewer, id: i64, reason: &str) -> Result<Comment> {
        let moderator = viewer.require_moderator()?;
        let reason = moderator_text("reason", "The reason", reason)?;
        let comment = self.comment_for_moderation(id).await?;
        let entry = audit(
            moderator,
            Action::Reject,
            "comment",
            id,
            &reason,
            json!({"status": comment.status.as_str()}),
            json!({"status": "rejected", "reason": reason}),
        );
        Ok(self.announced(
            self.store()
                .decide(&comment, CommentStatus::Rejected, Some(&reason), &entry)
                .await?,
        ))
    }

    /// Resolves a comment's reports, leaving it as it is.
    pub async fn dismiss_reports(&self, viewer: &Viewer, id: i64) -> Result<()> {
        let moderator = viewer.require_moderator()?;
        self.comment_for_moderation(id).await?;
        let entry = audit(
            moderator,
            Action::DismissReports,
            "comment",
            id,
            "",
            json!({}),
            json!({}),
        );
        Ok(self.store().dismiss_reports(id, &entry).await?)
    }

    /// A moderator's edit of a comment's text, with a public note saying what changed and
    /// why; the previous text stays in the comment's history.
    pub async fn moderator_edit(
        &self,
        viewer: &Viewer,
        id: i64,
        body: &str,
        note: &str,
    ) -> Result<Comment> {
        let moderator = viewer.require_moderator()?;
        let note = moderator_text("note", "The moderator's note", note)?;
        let comment = self.comment_for_moderation(id).await?;
        if comment.deleted {
            return Err(Error::Forbidden("A deleted comment cannot be edited."));
        }
        let body = CommentBody::parse(body, self.settings().comments.max_length)?;
        let article = self.article_by_id(comment.article_id).await?;
        let analysed = self.analyse(&article, body.as_str()).await?;
        let entry = audit(
            moderator,
            Action::Edit,
            "comment",
            id,
            &note,
            json!({"body": comment.body_markdown, "note": comment.moderator_note}),
            json!({"body": body.as_str(), "note": note}),
        );
        Ok(self.announced(
            self.store()
                .edit_comment(
                    &comment,
                    &Edit {
                        body: analysed.body(&body),
                        status: comment.status,
                        screening: Screening::default(),
                        edited_at: Self::now(),
                        moderator_note: Some(&note),
                        audit: Some(&entry),
                    },
                )
                .await?,
        ))
    }

    /// Sets (or, with an empty note, clears) a public moderator's note under a comment.
    pub async fn note_comment(&self, viewer: &Viewer, id: i64, note: &str) -> Result<Comment> {
        let moderator = viewer.require_moderator()?;
        let note = optional_note(note)?;
        let comment = self.comment_for_moderation(id).await?;
        let entry = audit(
            moderator,
            Action::NoteComment,
            "comment",
            id,
            "",
            json!({"note": comment.moderator_note}),
            json!({"note": note}),
        );
        Ok(self.announced(
            self.store()
                .annotate_comment(&comment, Some(note.as_deref()), None, &entry)
                .await?,
        ))
    }

    /// Features a published comment (or stops featuring it).
    pub async fn feature(&self, viewer: &Viewer, id: i64, featured: bool) -> Result<Comment> {
        let moderator = viewer.require_moderator()?;
        let comment = self.comment_for_moderation(id).await?;
        if featured && (comment.status != CommentStatus::Published || comment.deleted) {
            return Err(Error::Forbidden(
                "Only a published comment can be featured; approve it first.",
            ));
        }
        let action = if featured {
            Action::Feature
        } else {
            Action::Unfeature
        };
        let entry = audit(
            moderator,
            action,
            "comment",
            id,
            "",
            json!({"featured": comment.featured}),
            json!({"featured": featured}),
        );
        Ok(self.announced(
            self.store()
                .annotate_comment(&comment, None, Some(featured), &entry)
                .await?,
        ))
    }

    /// The featured comments of an article.
    pub async fn featured(&self, article: &Article) -> Result<Vec<Comment>> {
        Ok(self.store().featured(article.id).await?)
    }

    /// Sets (or clears) the public note above a whole discussion.
    pub async fn note_discussion(&self, viewer: &Viewer, slug: &str, note: &str) -> Result<()> {
        let moderator = viewer.require_moderator()?;
        let note = optional_note(note)?;
        let article = self.article(slug).await?;
        let entry = audit(
            moderator,
            Action::NoteDiscussion,
            "article",
            article.id,
            "",
            json!({"note": article.moderator_note}),
            json!({"note": note}),
        );
        self.store()
            .moderate_article(article.id, Some(note.as_deref()), None, &entry)
            .await?;
        self.discussion_changed(article.id);
        Ok(())
    }

    /// Closes a discussion to new comments, or reopens it under the site's mode.
    pub async fn set_discussion_open(&self, viewer: &Viewer, slug: &str, open: bool) -> Result<()> {
        let moderator = viewer.require_moderator()?;
        let article = self.article(slug).await?;
        let (action, policy) = if open {
            (Action::ReopenDiscussion, CommentPolicy::Open)
        } else {
            (Action::CloseDiscussion, CommentPolicy::Closed)
        };
        let entry = audit(
            moderator,
            action,
            "article",
            article.id,
            "",
            json!({"policy": article.comment_policy.as_str()}),
            json!({"policy": policy.as_str()}),
        );
        self.store()
            .moderate_article(article.id, None, Some(policy), &entry)
            .await?;
        self.discussion_changed(article.id);
        Ok(())
    }

    /// The account a moderator may act on: not themselves, not staff.
    async fn moderated_account(&self, moderator: &User, user_id: i64) -> Result<User> {
        if moderator.id == user_id {
            return Err(Error::Forbidden("You cannot moderate your own account."));
        }
        let user = self.user(user_id).await?;
        if user.role.can_moderate() {
            return Err(Error::Forbidden(
                "Moderators and administrators cannot be banned or marked trusted; an \
                 administrator can change their role first.",
            ));
        }
        Ok(user)
    }

    /// Bans an account for some days or for good, with a reason they are shown; optionally
    /// rejects all their comments. Returns how many comments were removed.
    pub async fn ban(&self, viewer: &Viewer, user_id: i64, request: &BanRequest) -> Result<i64> {
        let moderator = viewer.require_moderator()?;
        let reason = moderator_text("reason", "The reason", &request.reason)?;
        let user = self.moderated_account(moderator, user_id).await?;
        let until = match request.days {
            None => PERMANENT,
            Some(days) if (1..=3650).contains(&days) => Self::now() + Duration::days(days),
            Some(_) => {
                return Err(tribune_domain::Invalid::new(
                    "days",
                    "out_of_range",
                    "A suspension lasts 1 to 3650 days; leave the days empty for a permanent ban.",
                )
                .into());
            }
        };
        let entry = audit(
            moderator,
            Action::Ban,
            "user",
            user.id,
            &reason,
            json!({"banned_until": user.banned_until.map(|t| t.unix_timestamp())}),
            json!({
                "banned_until": (until < PERMANENT).then_some(until.unix_timestamp()),
                "permanent": until >= PERMANENT,
                "remove_comments": request.remove_comments,
            }),
        );
        let removed = self
            .store()
            .set_ban(
                user.id,
                Some(until),
                &reason,
                request.remove_comments,
                &entry,
            )
            .await?;
        self.account_changed(user.id);
        if removed > 0 {
            self.discussions_changed();
        }
        Ok(removed)
    }

    /// Lifts a ban.
    pub async fn unban(&self, viewer: &Viewer, user_id: i64) -> Result<()> {
        let moderator = viewer.require_moderator()?;
        let user = self.moderated_account(moderator, user_id).await?;
        let entry = audit(
            moderator,
            Action::Unban,
            "user",
            user.id,
            "",
            json!({"banned_until": user.banned_until.map(|t| t.unix_timestamp())}),
            json!({"banned_until": null}),
        );
        self.store()
            .set_ban(user.id, None, "", false, &entry)
            .await?;
        self.account_changed(user.id);
        Ok(())
    }

    /// Marks an account trusted (its comments skip pre-moderation) or takes trust back.
    pub async fn set_trusted(&self, viewer: &Viewer, user_id: i64, trusted: bool) -> Result<()> {
        let moderator = viewer.require_moderator()?;
        let user = self.moderated_account(moderator, user_id).await?;
        let action = if trusted {
            Action::Trust
        } else {
            Action::Distrust
        };
        let entry = audit(
            moderator,
            action,
            "user",
            user.id,
            "",
            json!({"trusted": user.trusted}),
            json!({"trusted": trusted}),
        );
        self.store().set_trusted(user.id, trusted, &entry).await?;
        self.account_changed(user.id);
        Ok(())
    }

    /// A reader reports a comment they can see. Returns the comment's open reports.
    pub async fn report(
        &self,
        viewer: &Viewer,
        id: i64,
        reason: &str,
        details: &str,
    ) -> Result<i64> {
        let reporter = viewer.require_participant()?;
        let report = Report::parse(reason, details)?;
        self.throttle(crate::rate_limits::Throttle::ReportByAccount(reporter.id))
            .await?;
        let comment = self.comment(viewer, id).await?;
        if comment.author_id == reporter.id {
            return Err(Error::Forbidden("You cannot report your own comment."));
        }
        if comment.deleted {
            return Err(Error::Forbidden("This comment has been deleted already."));
        }
        Ok(self
            .store()
            .add_report(comment.id, reporter.id, &report, Self::now())
            .await?)
    }

    /// Comments whose text holds every word of `query`, for moderators.
    pub async fn search_comments(&self, viewer: &Viewer, query: &str) -> Result<Vec<QueueEntry>> {
        viewer.require_moderator()?;
        let query = query.trim();
        if query.chars().count() > 200 {
            return Err(tribune_domain::Invalid::new(
                "q",
                "too_long",
                "Search for at most 200 characters.",
            )
            .into());
        }
        if query.is_empty() {
            return Ok(Vec::new());
        }
        Ok(self.store().search_comments(query, 100).await?)
    }

    /// The audit log, newest first, for administrators.
    pub async fn audit_log(&self, viewer: &Viewer, before: i64) -> Result<Vec<AuditRecord>> {
        viewer.require_admin()?;
        Ok(self.store().audit_log(before.max(0), 100).await?)
    }
}

fn optional_note(raw: &str) -> Result<Option<String>> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        Ok(Some(moderator_text("note", "The note", raw)?))
    }
}

pub(crate) fn audit(
    actor: &User,
    action: Action,
    target_kind: &'static str,
    target_id: i64,
    reason: &str,
    before: serde_json::Value,
    after: serde_json::Value,
) -> AuditEntry {
    AuditEntry {
        actor_id: Some(actor.id),
        action,
        target_kind,
        target_id,
        reason: reason.to_owned(),
        before,
        after,
        at: Tribune::now(),
    }
}

fn decision_name(decision: Decision) -> &'static str {
    match decision {
        Decision::Publish => "publish",
        Decision::Hold => "hold",
        Decision::Reject => "reject",
    }
}
