//! `tribune`: the one binary. Serves the site and runs the operator's commands.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use tribune::{Application, ServeOptions, config};
use tribune_app::Tribune;
use tribune_app::accounts::SignUp;
use tribune_app::articles::{Publisher, parse_article_file};
use tribune_domain::Role;

/// mimalloc rather than the system's allocator: a cached page's request allocates and frees
/// little, but across both cores glibc's malloc took a sixth of its time (measured with perf
/// under `bench/run`); mimalloc keeps per-thread pages and frees without a lock. Built
/// without transparent huge pages (`no_thp`): with them its arenas kept 30 MiB more resident.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "tribune", version, about = "Self-hosted news discussion")]
struct Cli {
    /// A TOML configuration file (see config.example.toml).
    #[arg(long, global = true, env = "TRIBUNE_CONFIG")]
    config: Option<PathBuf>,
    /// The database URL: sqlite://FILE or postgres://… (overrides the configuration).
    #[arg(long, global = true)]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site.
    Serve {
        /// Address and port to listen on (overrides the configuration).
        #[arg(long)]
        listen: Option<String>,
        /// Load the demo article and its discussion (once per database).
        #[arg(long)]
        demo: bool,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage API tokens for newsroom systems.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Manage articles.
    Article {
        #[command(subcommand)]
        command: ArticleCommand,
    },
    /// Automatic moderation: evaluate it on labelled comments, or train the site's model.
    Moderation {
        #[command(subcommand)]
        command: ModerationCommand,
    },
    /// Newsroom feeds: RSS or Atom feeds of the newsroom's site; each new article in them
    /// gets a discussion.
    Feed {
        #[command(subcommand)]
        command: tribune::newsroom_feeds::FeedCommand,
    },
    /// Import comments from another system's export (Disqus, WordPress, Commento, Remark42,
    /// Isso), or restore a `tribune export` file into an empty site (`import tribune FILE`):
    /// all of it or, if the file cannot be read, nothing; running it again changes nothing.
    Import(tribune::imports::ImportArgs),
    /// Write the whole site as JSON Lines (or Disqus XML) for another Tribune or system.
    Export(tribune::export::ExportArgs),
    /// Copy the running SQLite site into a new file, consistent as of one moment.
    Backup { path: PathBuf },
    /// Move this SQLite site into an empty PostgreSQL database, then verify every table.
    Migrate {
        /// The PostgreSQL database: postgres://…
        #[arg(long)]
        to: String,
    },
    /// Check the configuration and print it, then exit.
    CheckConfig,
    /// Write a generated discussion (for load tests and benchmarks).
    Seed {
        /// The article's slug; created if it does not exist.
        #[arg(long, default_value = "generated-discussion")]
        slug: String,
        /// How many comments to write.
        #[arg(long, default_value_t = 1000)]
        comments: usize,
        /// How many generated readers write them.
        #[arg(long, default_value_t = 200)]
        readers: usize,
    },
    /// Generate a whole site for benchmarks, in one transaction: ARTICLES articles
    /// (`PREFIX-0` …) sharing COMMENTS comments evenly. Prints the prefix, the number of
    /// articles and of comments.
    SeedSite {
        #[arg(long, default_value = "story")]
        prefix: String,
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
        #[arg(long, default_value_t = 1_000_000)]
        comments: usize,
        /// How many generated readers write them.
        #[arg(long, default_value_t = 1000)]
        readers: usize,
        /// Sign in this many of the readers and write their session secrets to
        /// `--sessions-file`, one per line (for load tests that post as readers).
        #[arg(long, default_value_t = 0)]
        sessions: usize,
        #[arg(long)]
        sessions_file: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account. The password is read from standard input, or prompted for.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "reader")]
        role: String,
    },
}

#[derive(Subcommand)]
enum ModerationCommand {
    /// Print precision, recall and F1 of hold-or-reject on a labelled CSV (columns
    /// `text,label`, label 1 = should be held or rejected), the hold rate on label-0 rows, and
    /// the comments it got wrong.
    Eval {
        file: PathBuf,
        /// Also use this site's trained model (reads it from the database).
        #[arg(long)]
        site_model: bool,
    },
    /// Train this site's model on moderators' decisions (approved = civil, rejected =
    /// abusive), plus the labelled rows of FILE.csv if given; every node picks it up within
    /// five minutes.
    Train {
        #[arg(long)]
        from: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create a bearer token and print it (it is shown only once).
    Create {
        #[arg(long, default_value = "editor")]
        role: String,
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand)]
enum ArticleCommand {
    /// Publish an article from a file: Markdown with TOML front matter between `+++` lines, or
    /// JSON. Prints its slug.
    Add { file: PathBuf },
}

fn main() -> ExitCode {
    match try_main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // The whole chain of causes on one line, without a backtrace: operators read this.
            eprintln!("tribune: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn try_main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let settings = config::load(
        cli.config.as_deref(),
        cli.database.as_deref(),
        match &cli.command {
            Command::Serve { listen, .. } => listen.as_deref(),
            _ => None,
        },
    )?;
    tribune::telemetry::init(&settings.log);
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(run(cli.command, settings))
}

async fn run(command: Command, settings: tribune_app::Settings) -> anyhow::Result<()> {
    match command {
        Command::Serve { demo, .. } => {
            let app = Application::build(settings, ServeOptions { demo }).await?;
            app.run_until_stopped().await
        }
        Command::Seed {
            slug,
            comments,
            readers,
        } => {
            let tribune = open(settings).await?;
            let seeded = tribune
                .seed_discussion(&slug, comments, readers)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            // The comment at 95% of the thread, for permalink benchmarks.
            let deep = seeded
                .ids
                .get(seeded.comments * 95 / 100)
                .copied()
                .unwrap_or_default();
            // The writer indexes the new comments for search, and the WAL is copied back.
            tribune.store().close().await;
            println!("{} {} {deep}", seeded.slug, seeded.comments);
            Ok(())
        }
        Command::SeedSite {
            prefix,
            articles,
            comments,
            readers,
            sessions,
            sessions_file,
        } => {
            let tribune = open(settings).await?;
            let seeded = tribune
                .seed_site(&prefix, articles, comments, readers, sessions)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            if let Some(path) = sessions_file {
                let mut lines = seeded.sessions.join("\n");
                lines.push('\n');
                std::fs::write(&path, lines)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            tribune.store().close().await;
            println!("{} {} {}", seeded.prefix, seeded.articles, seeded.comments);
            Ok(())
        }
        Command::Moderation {
            command: ModerationCommand::Eval { file, site_model },
        } => {
            let rows = read_labelled(&file)?;
            let assessor = if site_model {
                let tribune = open(settings).await?;
                tribune
                    .reload_site_model()
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                tribune.assessor()
            } else {
                std::sync::Arc::new(settings.moderation.assessor())
            };
            let report = tribune_assess::eval::evaluate(&assessor, &rows);
            println!("{report}");
            Ok(())
        }
        Command::Moderation {
            command: ModerationCommand::Train { from },
        } => {
            let extra = match from {
                Some(file) => read_labelled(&file)?
                    .into_iter()
                    .map(|row| (row.text, row.label))
                    .collect(),
                None => Vec::new(),
            };
            let tribune = open(settings).await?;
            let training = tribune
                .train_site_model(extra)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "Trained this site's model on {} examples ({} to hold or reject); every node \
                 uses it within five minutes.",
                training.examples, training.rejected
            );
            Ok(())
        }
        Command::Feed { command } => {
            let tribune = open(settings).await?;
            tribune::newsroom_feeds::run(&tribune, command).await
        }
        Command::Import(args) if args.format == "tribune" => {
            let file = args.file;
            tribune::export::import(
                &open(settings).await?,
                tribune::export::ImportTribune::Tribune { file },
            )
            .await
        }
        Command::Import(args) => {
            let tribune = open(settings).await?;
            tribune::imports::run(&tribune, args).await
        }
        Command::Export(args) => tribune::export::export(&open(settings).await?, args).await,
        Command::Backup { path } => tribune::export::backup(&open(settings).await?, path).await,
        Command::Migrate { to } => tribune::export::migrate(&open(settings).await?, &to).await,
        Command::CheckConfig => {
            println!("{}", toml::to_string_pretty(&settings)?);
            Ok(())
        }
        Command::User {
            command: UserCommand::Add { email, name, role },
        } => {
            let role = Role::parse(&role).map_err(|e| anyhow::anyhow!(e.message))?;
            let password = read_password()?;
            let tribune = open(settings).await?;
            let user = tribune
                .create_account(
                    &SignUp {
                        display_name: name,
                        email,
                        password,
                    },
                    role,
                )
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "Created {} <{}> as {} (id {}).",
                user.display_name,
                user.email,
                user.role.as_str(),
                user.id
            );
            Ok(())
        }
        Command::Token {
            command: TokenCommand::Create { role, name },
        } => {
            let tribune = open(settings).await?;
            let token = tribune
                .create_api_token(&name, &role)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{token}");
            Ok(())
        }
        Command::Article {
            command: ArticleCommand::Add { file },
        } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let fields = parse_article_file(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            let tribune = open(settings).await?;
            let admin_cli = cli_publisher();
            let article = tribune
                .create_article(Publisher::Editor(&admin_cli), fields)
                .await
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            println!("{}", article.slug);
            Ok(())
        }
    }
}

/// The operator at the command line publishes with an editor's rights.
fn cli_publisher() -> tribune_app::accounts::Editor {
    tribune_app::accounts::Editor {
        token_id: 0,
        name: "command line".to_owned(),
    }
}

async fn open(settings: tribune_app::Settings) -> anyhow::Result<Tribune> {
    let store = tribune_store::Store::connect(&settings.database)
        .await
        .with_context(|| format!("opening the database {}", settings.database))?;
    Ok(Tribune::new(store, settings))
}

fn read_labelled(file: &std::path::Path) -> anyhow::Result<Vec<tribune_assess::eval::Labelled>> {
    let reader =
        std::fs::File::open(file).with_context(|| format!("opening {}", file.display()))?;
    tribune_assess::eval::read_csv(reader).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))
}

/// A password from standard input when it is piped, or from a prompt without echo.
fn read_password() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    let password = if stdin.is_terminal() {
        rpassword::prompt_password("Password: ")?
    } else {
        let mut input = String::new();
        stdin.lock().read_to_string(&mut input)?;
        input.lines().next().unwrap_or_default().to_owned()
    };
    if password.is_empty() {
        bail!("no password given (pipe it on standard input, or type it at the prompt)");
    }
    Ok(password)
}
