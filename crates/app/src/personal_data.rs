//! A reader's own data: downloading everything stored about them, deleting their account,
//! and claiming the comments they wrote before they had one (as a guest, or in an export a
//! newsroom imported) by verifying the same email address.

use time::OffsetDateTime;
use tribune_domain::notification::EmailPreference;
use tribune_domain::{Email, Invalid, User, password};
use tribune_store::{
    ClaimableProfile, DeletedComments, FiledReport, GivenReaction, Notification, Revision,
    UserComment,
};

use crate::accounts::Viewer;
use crate::settings::DeletedCommentsSetting;
use crate::{Error, Result, Tribune};

/// Everything Tribune stores about a reader, as they may download it.
#[derive(Debug, Clone)]
pub struct PersonalData {
    pub account: User,
    pub email_preference: EmailPreference,
    /// Every comment they wrote, any state, with the earlier versions of edited ones.
    pub comments: Vec<(UserComment, Vec<Revision>)>,
    pub reactions: Vec<GivenReaction>,
    pub reports: Vec<FiledReport>,
    pub notifications: Vec<Notification>,
    pub exported_at: OffsetDateTime,
}

impl Tribune {
    pub async fn personal_data(&self, viewer: &Viewer) -> Result<PersonalData> {
        let user = viewer.require_user()?;
        let store = self.store();
        let mut comments = Vec::new();
        for written in store.comments_written_by(user.id).await? {
            let revisions = store.revisions(written.comment.id).await?;
            comments.push((written, revisions));
        }
        Ok(PersonalData {
            account: user.clone(),
            email_preference: store.email_preference(user.id).await?,
            comments,
            reactions: store.reactions_given(user.id).await?,
            reports: store.reports_filed(user.id).await?,
            notifications: store.notifications(user.id, 0, i64::MAX).await?,
            exported_at: Self::now(),
        })
    }

    /// Deletes the reader's own account, after checking their password (accounts made by a
    /// newsroom's single sign-on have none). Their comments stay signed "Former reader", or
    /// lose their text, as `accounts.deleted_comments` says.
    pub async fn delete_account(&self, viewer: &Viewer, password: &str) -> Result<()> {
        let user = viewer.require_user()?;
        if user.role.is_admin() {
            return Err(Error::Forbidden(
                "An administrator's account cannot be deleted here: make someone else an \
                 administrator, and ask them to make you a reader first.",
            ));
        }
        let hash = self
            .store()
            .user_by_email(&user.email)
            .await?
            .and_then(|found| found.password_hash);
        if let Some(hash) = hash {
            let password = password.to_owned();
            let matches =
                tokio::task::spawn_blocking(move || password::verify(&password, &hash)).await?;
            if !matches {
                return Err(Invalid::new(
                    "password",
                    "wrong_password",
                    "That is not your password: your account is not deleted.",
                )
                .into());
            }
        }
        let comments = match self.settings().accounts.deleted_comments {
            DeletedCommentsSetting::Anonymise => DeletedComments::Anonymise,
            DeletedCommentsSetting::Remove => DeletedComments::Remove,
        };
        self.store()
            .delete_account(user, comments, Self::now())
            .await?;
        self.account_changed(user.id);
        self.discussions_changed();
        Ok(())
    }

    /// The profiles written under the reader's address before they had an account; only a
    /// verified address can claim them.
    pub async fn claimable_profiles(&self, viewer: &Viewer) -> Result<Vec<ClaimableProfile>> {
        let user = viewer.require_user()?;
        let Some(hash) = self.verified_email_hash(user).await? else {
            return Ok(Vec::new());
        };
        Ok(self.store().claimable_profiles(&hash).await?)
    }

    /// Makes the reader the author of the comments of those profiles; returns how many.
    pub async fn claim_profiles(&self, viewer: &Viewer) -> Result<u64> {
        let user = viewer.require_user()?;
        let hash = self
            .verified_email_hash(user)
            .await?
            .ok_or(Error::Forbidden(
                "Verify your email address first: the link we send proves the comments are yours.",
            ))?;
        let moved = self.store().claim_profiles(user, &hash).await?;
        self.discussions_changed();
        Ok(moved)
    }

    async fn verified_email_hash(&self, user: &User) -> Result<Option<String>> {
        if !user.email_verified {
            return Ok(None);
        }
        let Ok(email) = Email::parse(&user.email) else {
            return Ok(None);
        };
        Ok(Some(self.unclaimed_email_hash(&email).await?))
    }
}
