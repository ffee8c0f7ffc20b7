//! Proof-of-work challenges already answered (`0014_proof_of_work`).

use time::OffsetDateTime;

use crate::{Result, Store, micros, with_pool};

impl Store {
    /// Records a challenge as answered; false when it was answered before (on any node).
    pub async fn spend_proof_of_work(
        &self,
        challenge_hash: &str,
        expires_at: OffsetDateTime,
    ) -> Result<bool> {
        let inserted = with_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO proofs_of_work_spent (challenge_hash, expires_at) VALUES ($1, $2) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(challenge_hash)
            .bind(micros(expires_at))
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(inserted == 1)
    }

    /// Forgets answered challenges that have expired; returns how many.
    pub async fn sweep_proofs_of_work(&self, now: OffsetDateTime) -> Result<u64> {
        with_pool!(self, |pool| {
            Ok(
                sqlx::query("DELETE FROM proofs_of_work_spent WHERE expires_at <= $1")
                    .bind(micros(now))
                    .execute(pool)
                    .await?
                    .rows_affected(),
            )
        })
    }
}
