//! Integration tests: each starts the real server on a random port, on a fresh SQLite file or
//! PostgreSQL schema, and speaks HTTP to it. Every test runs on both backends.

// A failed set-up step should stop the test loudly, helpers included.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod helpers;

mod accounts;
mod api;
mod articles;
mod authz;
mod cli;
mod comments;
mod conversation;
mod crash;
mod embed;
mod export;
mod feeds;
mod imports;
mod isso;
mod languages;
mod live;
mod mail;
mod moderation;
mod newsroom_feeds;
mod notifications;
mod operations;
mod personal_data;
mod proof_of_work;
mod rate_limits;
mod security;
