//! The server as a value: configuration, telemetry, start-up and shutdown. `main.rs` is the
//! command line around it; integration tests start an [`Application`] on a random port.

pub mod config;
pub mod export;
pub mod imports;
pub mod newsroom_feeds;
pub mod telemetry;

use std::net::SocketAddr;

use anyhow::Context;
use tokio::net::TcpListener;
use tribune_app::demo::DemoOutcome;
use tribune_app::{Mailer, Settings, Tribune};
use tribune_store::Store;
use tribune_web::AppState;

/// Choices made on the command line rather than in the configuration.
#[derive(Debug, Clone, Copy, Default)]
pub struct ServeOptions {
    pub demo: bool,
}

/// A migrated database and a bound listener, ready to serve.
pub struct Application {
    listener: TcpListener,
    state: AppState,
    /// Sends the outbox; `None` when the site sends no email.
    mailer: Option<Mailer>,
}

impl Application {
    /// Opens and migrates the database, loads the demo if asked, and binds the listener
    /// (port 0 picks a free port; see [`Application::address`]).
    pub async fn build(settings: Settings, options: ServeOptions) -> anyhow::Result<Self> {
        let store = Store::connect(&settings.database)
            .await
            .with_context(|| format!("opening the database {}", settings.database))?;
        let listener = TcpListener::bind(&settings.listen)
            .await
            .with_context(|| format!("listening on {}", settings.listen))?;
        if !settings.rate_limits.enabled {
            tracing::warn!(
                "RATE LIMITS ARE OFF: anyone may post, sign up and try passwords as fast as they \
                 like. Use this for load tests and local runs only, never on a public site."
            );
        }
        let tribune = Tribune::new(store, settings);
        let mailer = Mailer::new(tribune.clone()).context("setting up email")?;
        if let Err(err) = tribune.reload_site_model().await {
            tracing::warn!(error = %err, "could not load the site's moderation model");
        }
        if options.demo {
            match tribune.load_demo().await.context("loading the demo")? {
                DemoOutcome::Loaded { slug, comments } => {
                    tracing::info!(%slug, comments, "demo article and discussion loaded");
                }
                DemoOutcome::AlreadyLoaded => tracing::info!("demo already loaded"),
            }
        }
        let state = AppState::new(tribune, tribune_web::install_metrics())
            .context("setting up the web pages")?;
        Ok(Self {
            listener,
            state,
            mailer,
        })
    }

    /// The application this node serves (tests arrange data through it, as the node's own
    /// use cases would).
    pub fn tribune(&self) -> Tribune {
        self.state.app.clone()
    }

    pub fn address(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight and closes the
    /// database.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let address = self.address()?;
        let store = self.state.app.store().clone();
        tracing::info!(
            %address,
            database = store.backend(),
            "Tribune is serving on http://{address}"
        );
        let sweeper = tokio::spawn(sweep_sessions(self.state.app.clone()));
        let reloader = tokio::spawn(reload_site_model(self.state.app.clone()));
        let relay = tokio::spawn(relay_discussion_changes(self.state.app.clone()));
        let notifier = tokio::spawn(notify(self.state.app.clone()));
        let feed_poller = tokio::spawn(newsroom_feeds::poll(self.state.app.clone()));
        let state = self.state.clone();
        let (stop_mailer, mailer_stopping) = tokio::sync::oneshot::channel::<()>();
        let mailer = self.mailer.map(|mailer| {
            tokio::spawn(mailer.run(async move {
                let _ = mailer_stopping.await;
            }))
        });
        let app = tribune_web::router(self.state)
            .into_make_service_with_connect_info::<tribune_web::zero_copy::Peer>();
        axum::serve(tribune_web::zero_copy::Listener::from(self.listener), app)
            .with_graceful_shutdown(async move {
                shutdown_signal().await;
                state.close_live_streams();
            })
            .await
            .context("serving")?;
        sweeper.abort();
        reloader.abort();
        relay.abort();
        notifier.abort();
        feed_poller.abort();
        let _ = stop_mailer.send(());
        if let Some(mut mailer) = mailer {
            // The message being sent is finished; a stuck SMTP server does not hold the exit.
            if tokio::time::timeout(std::time::Duration::from_secs(35), &mut mailer)
                .await
                .is_err()
            {
                tracing::warn!("the mailer did not stop in time");
                mailer.abort();
            }
        }
        store.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Removes expired sessions, ended rate-limit windows, old discussion events, old sent mail
/// and expired links every hour, so the tables do not grow without bound.
async fn sweep_sessions(tribune: Tribune) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        match tribune.sweep_sessions().await {
            Ok(0) => {}
            Ok(removed) => tracing::info!(removed, "expired sessions removed"),
            Err(err) => tracing::warn!(error = %err, "could not remove expired sessions"),
        }
        if let Err(err) = tribune.sweep_rate_limits().await {
            tracing::warn!(error = %err, "could not remove ended rate-limit windows");
        }
        if let Err(err) = tribune.sweep_discussion_events().await {
            tracing::warn!(error = %err, "could not remove old discussion events");
        }
        if let Err(err) = tribune.sweep_outbox().await {
            tracing::warn!(error = %err, "could not remove old sent mail");
        }
        if let Err(err) = tribune.sweep_email_tokens().await {
            tracing::warn!(error = %err, "could not remove expired links");
        }
        if let Err(err) = tribune.sweep_proofs_of_work().await {
            tracing::warn!(error = %err, "could not remove expired proofs of work");
        }
        if let Err(err) = tribune.sweep_sign_in_codes().await {
            tracing::warn!(error = %err, "could not remove expired sign-in codes");
        }
    }
}

async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Loads the site's trained model now and every five minutes, so that a model trained with
/// `tribune moderation train` (on any node, or from the command line) reaches every node.
async fn reload_site_model(app: tribune_app::Tribune) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(300));
    loop {
        tick.tick().await;
        if let Err(err) = app.reload_site_model().await {
            tracing::warn!(error = %err, "could not load the site's moderation model");
        }
    }
}

/// Passes other nodes' discussion changes (PostgreSQL `LISTEN`) to this node's live streams;
/// if the listener cannot even start, streams still poll the event log every few seconds.
async fn relay_discussion_changes(app: Tribune) {
    loop {
        match app.relay_discussion_changes().await {
            Ok(()) => return,
            Err(err) => {
                tracing::warn!(error = %err, "could not listen for other nodes' discussion changes");
                tokio::time::sleep(std::time::Duration::from_secs(5)).await;
            }
        }
    }
}

/// Writes the notifications that new comments and moderators' decisions call for, and
/// queues their email, every `notifications.interval_ms`. Every node runs it; each
/// notification is written and mailed once.
async fn notify(app: Tribune) {
    let every = std::time::Duration::from_millis(app.settings().notifications.interval_ms);
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(err) = app.notify(Tribune::now()).await {
            tracing::warn!(error = %err, "could not write notifications");
        }
        if let Err(err) = app.mail_notifications(Tribune::now()).await {
            tracing::warn!(error = %err, "could not queue the email of notifications");
        }
    }
}
