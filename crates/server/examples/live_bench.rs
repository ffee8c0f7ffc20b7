//! Live-stream load generator (run by `bench/live`): opens many Server-Sent Event streams on one
//! discussion of a running Tribune, posts comments one at a time, and measures how long each
//! comment takes from its POST to each subscriber, and to the last one.
//!
//! Subscribers are raw HTTP/1.1 connections (one task each, reading lines), so the generator
//! costs little next to the server it measures. Loopback only; bounded in subscribers, posts
//! and time.
//!
//! Usage: live_bench --base http://127.0.0.1:18091 --slug SLUG [--subscribers N]
//! [--posts N] [--pid SERVER_PID]

#![allow(clippy::print_stdout, clippy::expect_used, clippy::unwrap_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

/// Connections opened at once while subscribing, below the kernel's accept backlog.
const CONNECT_BATCH: usize = 250;
/// How long one comment may take to reach every subscriber before the run is failed.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(30);
/// Accounts that take turns posting, so no account posts in a burst that moderation holds.
const AUTHORS: usize = 5;

struct Options {
    base: String,
    slug: String,
    subscribers: usize,
    posts: usize,
    pid: Option<u32>,
}

fn options() -> anyhow::Result<Options> {
    let mut options = Options {
        base: String::new(),
        slug: String::new(),
        subscribers: 10_000,
        posts: 20,
        pid: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--base" => options.base = value,
            "--slug" => options.slug = value,
            "--subscribers" => options.subscribers = value.parse()?,
            "--posts" => options.posts = value.parse()?,
            "--pid" => options.pid = Some(value.parse()?),
            _ => bail!("unknown flag {flag}"),
        }
    }
    if !options.base.starts_with("http://127.0.0.1:") || options.slug.is_empty() {
        bail!("--base http://127.0.0.1:PORT and --slug are required (loopback only)");
    }
    Ok(options)
}

/// One subscriber: connects, asks for the stream, and reports each event id it reads.
async fn subscribe(
    address: String,
    slug: String,
    index: usize,
    ready: Arc<AtomicUsize>,
    received: mpsc::UnboundedSender<(usize, i64, Instant)>,
) -> anyhow::Result<()> {
    let mut stream = TcpStream::connect(&address).await?;
    let request = format!(
        "GET /api/v1/articles/{slug}/events HTTP/1.1\r\nHost: {address}\r\n\
         Accept: text/event-stream\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await?;
    let mut lines = BufReader::new(stream).lines();
    let status = lines.next_line().await?.unwrap_or_default();
    if !status.contains(" 200 ") {
        bail!("subscriber {index}: {status}");
    }
    ready.fetch_add(1, Ordering::Relaxed);
    while let Some(line) = lines.next_line().await? {
        // Chunked framing puts sizes on lines of their own; event ids are `id: N`.
        if let Some(id) = line.strip_prefix("id: ")
            && let Ok(id) = id.trim().parse::<i64>()
            && received.send((index, id, Instant::now())).is_err()
        {
            break;
        }
    }
    Ok(())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn millis(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The server's resident memory now and at its peak, from /proc.
fn memory(pid: u32) -> Option<(String, String)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .map(|l| l[name.len()..].trim().to_owned())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let options = options()?;
    let address = options.base.trim_start_matches("http://").to_owned();

    // Writers: a few readers who take turns, each signed in with its own cookie jar.
    let mut writers = Vec::new();
    for n in 0..AUTHORS {
        let client = reqwest::Client::builder().cookie_store(true).build()?;
        let response = client
            .post(format!("{}/api/v1/signup", options.base))
            .json(&json!({
                "display_name": format!("Bench writer {n} {}", std::process::id()),
                "email": format!("writer{n}.{}@bench.example", std::process::id()),
                "password": "a long bench passphrase",
            }))
            .send()
            .await?;
        if !response.status().is_success() {
            bail!("sign-up: {} {}", response.status(), response.text().await?);
        }
        writers.push(client);
    }

    let (sender, mut received) = mpsc::unbounded_channel();
    let ready = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(options.subscribers);
    for batch in (0..options.subscribers)
        .collect::<Vec<_>>()
        .chunks(CONNECT_BATCH)
    {
        for &index in batch {
            tasks.push(tokio::spawn(subscribe(
                address.clone(),
                options.slug.clone(),
                index,
                Arc::clone(&ready),
                sender.clone(),
            )));
        }
        let target = batch[batch.len() - 1] + 1;
        let deadline = Instant::now() + Duration::from_secs(30);
        while ready.load(Ordering::Relaxed) < target {
            if Instant::now() > deadline {
                bail!(
                    "only {} of {target} subscribers connected",
                    ready.load(Ordering::Relaxed)
                );
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    drop(sender);
    println!(
        "{} subscribers connected in {:.1} s",
        options.subscribers,
        started.elapsed().as_secs_f64()
    );
    let idle_memory = options.pid.and_then(memory);

    let words = [
        "harbour", "council", "ferry", "tides", "budget", "library", "bridge", "school", "rail",
        "clinic", "market", "flood", "wind", "tram", "housing", "river",
    ];
    let mut to_each = Vec::new();
    let mut to_last = Vec::new();
    let mut seen: Vec<i64> = vec![0; options.subscribers];
    for post in 0..options.posts {
        let writer = &writers[post % AUTHORS];
        let body = format!(
            "Update {post}: the {} and the {} were discussed again, {} minutes after the {}.",
            words[post % words.len()],
            words[(post * 7 + 3) % words.len()],
            post * 3 + 1,
            words[(post * 5 + 1) % words.len()],
        );
        let posted_at = Instant::now();
        let response = writer
            .post(format!(
                "{}/api/v1/articles/{}/comments",
                options.base, options.slug
            ))
            .json(&json!({ "body": body }))
            .send()
            .await?;
        if response.status() != reqwest::StatusCode::CREATED {
            bail!(
                "post {post}: {} {}",
                response.status(),
                response.text().await?
            );
        }
        let comment: serde_json::Value = response.json().await?;
        if comment["status"] != "published" {
            bail!("post {post} was not published: {comment}");
        }
        // Every subscriber must read one new event id; record when each did.
        let mut waiting = options.subscribers;
        let mut latest = Duration::ZERO;
        while waiting > 0 {
            let Ok(Some((index, id, at))) =
                tokio::time::timeout(DELIVERY_TIMEOUT, received.recv()).await
            else {
                bail!("post {post}: {waiting} subscribers never received it");
            };
            if id > seen[index] {
                seen[index] = id;
                let latency = at.saturating_duration_since(posted_at);
                latest = latest.max(latency);
                to_each.push(latency);
                waiting -= 1;
            }
        }
        to_last.push(latest);
        // Let the server settle, as comments arrive seconds apart on a real story.
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    to_each.sort();
    to_last.sort();
    println!("| subscribers | posts | POST→each p50 | p99 | max | POST→last p50 | p99 |");
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| {} | {} | {} | {} | {} | {} | {} |",
        options.subscribers,
        options.posts,
        millis(percentile(&to_each, 50.0)),
        millis(percentile(&to_each, 99.0)),
        millis(*to_each.last().unwrap_or(&Duration::ZERO)),
        millis(percentile(&to_last, 50.0)),
        millis(percentile(&to_last, 99.0)),
    );
    if let Some(pid) = options.pid {
        if let Some((rss, _)) = idle_memory {
            println!("server resident memory with the streams open, before posting: {rss}");
        }
        if let Some((rss, peak)) = memory(pid) {
            println!("server resident memory after posting: {rss} (peak {peak})");
        }
    }
    for task in tasks {
        task.abort();
    }
    Ok(())
}
