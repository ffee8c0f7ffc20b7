//! Moving a whole site: `tribune export` (versioned JSON Lines), `tribune import tribune`
//! (into an empty site, exactly), `tribune migrate --to …` (database to database, verified)
//! and `tribune backup` (SQLite's online copy).
//!
//! The format: a first line `{"type":"tribune-export","version":1,"exported_at":…,
//! "source":…}`, then one record per row, `{"type":"comment","id":…,…}`, table by table in
//! dependency order ([`tribune_store::site_export::TABLES`]) and by primary key within a
//! table. Columns keep their stored form: timestamps are integer microseconds, JSON kept in a
//! column (an assessment, a moderation entry's before and after) stays a string, so a record
//! is written back byte for byte. Fields are written in a fixed order with nothing that
//! depends on the backend, so two exports of the same site are identical, on either backend.
//!
//! One serialization ([`record_line`]) serves the file, and the checksums that `migrate`
//! compares on both sides.

use std::io::{BufRead, Write};

use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tribune_store::Store;
use tribune_store::site_export::{
    Class, Kind, MetaKeys, Record, SiteReader, TABLES, Table, Value, table_for_record,
};

use crate::Tribune;

/// The version of the format this Tribune writes and reads.
pub const FORMAT_VERSION: u64 = 1;

/// The header record's `type`.
pub const HEADER_TYPE: &str = "tribune-export";

/// Rows read per query: an export holds one page in memory, never the site.
const PAGE: usize = 500;

/// The facts in `site_meta` that are data (whether the demo was loaded, the site's trained
/// model). Every other key is a secret of the site (address, unsubscribe, guest and comment
/// token keys) and never leaves in a file: a new site generates its own.
pub const DATA_META_KEYS: &[&str] = &[
    crate::demo::LOADED_KEY,
    crate::moderation::SITE_MODEL_KEY,
    crate::moderation::SITE_MODEL_DIGEST_KEY,
];

/// What can stop an export, an import, a migration or a backup.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    /// A line of an import file is not what it should be; nothing was imported.
    #[error("line {line}: {reason} (nothing was imported)")]
    Line { line: u64, reason: String },
    /// The operation does not apply here; the message says what to do instead.
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] tribune_store::Error),
}

/// How to export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Include users' password hashes (Argon2id), so that they can log in on the new site.
    pub with_password_hashes: bool,
    /// The moment written in the header.
    pub exported_at: OffsetDateTime,
}

/// How many records of each type were written or read, in file order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Counts(pub Vec<(&'static str, u64)>);

impl Counts {
    fn add(&mut self, record: &'static str) {
        match self.0.last_mut() {
            Some((last, n)) if *last == record => *n += 1,
            _ => self.0.push((record, 1)),
        }
    }

    pub fn total(&self) -> u64 {
        self.0.iter().map(|(_, n)| n).sum()
    }
}

/// One table's rows and checksum on both sides of a migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCheck {
    pub table: &'static str,
    pub source_rows: u64,
    pub target_rows: u64,
    pub source_sha256: String,
    pub target_sha256: String,
}

impl TableCheck {
    pub fn matches(&self) -> bool {
        self.source_rows == self.target_rows && self.source_sha256 == self.target_sha256
    }
}

/// Called as records go by, with the record type and how many of it so far.
pub type Progress<'a> = &'a mut (dyn FnMut(&str, u64) + Send);

fn push_json_str(line: &mut String, text: &str) {
    line.push_str(&serde_json::to_string(text).unwrap_or_default());
}

/// Whether a column is written: password hashes only when asked for.
fn exported(table: &Table, column: &str, with_password_hashes: bool) -> bool {
    with_password_hashes || !(table.name == "users" && column == "password_hash")
}

/// A record as one line of JSON (without the newline), its fields in the table's order.
pub fn record_line(record: &Record, with_password_hashes: bool) -> String {
    let mut line = String::with_capacity(256);
    line.push_str("{\"type\":");
    push_json_str(&mut line, record.table.record);
    for (column, value) in record.table.columns.iter().zip(&record.values) {
        if !exported(record.table, column.name, with_password_hashes) {
            continue;
        }
        line.push(',');
        push_json_str(&mut line, column.name);
        line.push(':');
        match value {
            Value::Null => line.push_str("null"),
            Value::Int(v) => line.push_str(&v.to_string()),
            Value::Real(v) => match serde_json::Number::from_f64(*v) {
                Some(n) => line.push_str(&n.to_string()),
                None => line.push_str("null"),
            },
            Value::Text(v) => push_json_str(&mut line, v),
        }
    }
    line.push('}');
    line
}

fn header_line(options: &ExportOptions, source: &str) -> String {
    let mut line = String::from("{\"type\":");
    push_json_str(&mut line, HEADER_TYPE);
    line.push_str(&format!(",\"version\":{FORMAT_VERSION},\"exported_at\":"));
    let at = options
        .exported_at
        .replace_nanosecond(0)
        .unwrap_or(options.exported_at)
        .format(&Rfc3339)
        .unwrap_or_default();
    push_json_str(&mut line, &at);
    line.push_str(",\"source\":");
    push_json_str(&mut line, source);
    line.push_str(&format!(
        ",\"password_hashes\":{}}}",
        options.with_password_hashes
    ));
    line
}

/// Reads every row of `table` a page at a time, handing each to `each`.
async fn each_row(
    reader: &mut SiteReader,
    table: &'static Table,
    meta: MetaKeys<'_>,
    mut each: impl FnMut(&Record) -> Result<(), TransferError>,
) -> Result<(), TransferError> {
    let mut after: Option<Record> = None;
    loop {
        let page = reader.page(table, after.as_ref(), meta, PAGE).await?;
        for record in &page {
            each(record)?;
        }
        if page.len() < PAGE {
            return Ok(());
        }
        after = page.last().cloned();
    }
}

/// Per table of `tables`: how many rows, and the SHA-256 of their lines (with password
/// hashes) in key order.
pub async fn checksums(
    store: &Store,
    tables: &[&'static Table],
    meta: MetaKeys<'_>,
) -> Result<Vec<(&'static str, u64, String)>, TransferError> {
    let mut reader = store.read_site().await?;
    let mut sums = Vec::new();
    for table in tables {
        let mut hasher = Sha256::new();
        let mut rows = 0;
        each_row(&mut reader, table, meta, |record| {
            hasher.update(record_line(record, true).as_bytes());
            hasher.update(b"\n");
            rows += 1;
            Ok(())
        })
        .await?;
        let digest = hasher.finalize();
        let hex = digest.iter().map(|b| format!("{b:02x}")).collect();
        sums.push((table.name, rows, hex));
    }
    reader.finish().await?;
    Ok(sums)
}

fn data_tables() -> Vec<&'static Table> {
    TABLES.iter().filter(|t| t.class == Class::Data).collect()
}

fn parse_value(kind: Kind, name: &str, value: &serde_json::Value) -> Result<Value, String> {
    if value.is_null() {
        return Ok(Value::Null);
    }
    match kind {
        Kind::Int => value
            .as_i64()
            .map(Value::Int)
            .ok_or_else(|| format!("`{name}` should be a whole number or null")),
        Kind::Real => value
            .as_f64()
            .map(Value::Real)
            .ok_or_else(|| format!("`{name}` should be a number or null")),
        Kind::Text => value
            .as_str()
            .map(|s| Value::Text(s.to_owned()))
            .ok_or_else(|| format!("`{name}` should be a string or null")),
    }
}

/// One line of an import file as a record; the reason when it is not one.
fn parse_record(line: &str) -> Result<Record, String> {
    let object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let kind = object
        .get("type")
        .and_then(|t| t.as_str())
        .ok_or("the record has no `type`")?;
    let table = table_for_record(kind)
        .filter(|t| t.class == Class::Data)
        .ok_or_else(|| format!("`{kind}` is not a type of record this version knows"))?;
    if let Some(unknown) = object
        .keys()
        .find(|k| k.as_str() != "type" && table.column(k).is_none())
    {
        return Err(format!("a {kind} record has no field `{unknown}`"));
    }
    let values = table
        .columns
        .iter()
        .map(|c| {
            parse_value(
                c.kind,
                c.name,
                object.get(c.name).unwrap_or(&serde_json::Value::Null),
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    let record = Record { table, values };
    if table.name == "site_meta" {
        let key = match record.values.first() {
            Some(Value::Text(key)) => key.as_str(),
            _ => "",
        };
        if !DATA_META_KEYS.contains(&key) {
            return Err(format!(
                "`{key}` is not a site fact an export carries (known: {})",
                DATA_META_KEYS.join(", ")
            ));
        }
    }
    Ok(record)
}

fn check_header(line: &str) -> Result<(), String> {
    let header: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    if header.get("type").and_then(|t| t.as_str()) != Some(HEADER_TYPE) {
        return Err(format!(
            "a Tribune export starts with a `{HEADER_TYPE}` line; this file does not"
        ));
    }
    match header.get("version").and_then(|v| v.as_u64()) {
        Some(FORMAT_VERSION) => Ok(()),
        Some(other) => Err(format!(
            "this file is version {other} of the export format; this Tribune reads version \
             {FORMAT_VERSION}"
        )),
        None => Err("the header has no `version`".to_owned()),
    }
}

impl Tribune {
    /// Writes the whole site to `out` as JSON Lines; secrets never, password hashes only
    /// when asked. Reads one consistent snapshot, a page at a time, so the site may keep
    /// running.
    pub async fn export_site<W: Write>(
        &self,
        out: &mut W,
        options: &ExportOptions,
        progress: Progress<'_>,
    ) -> Result<Counts, TransferError> {
        let mut reader = self.store().read_site().await?;
        writeln!(out, "{}", header_line(options, &self.settings().public_url))?;
        let mut counts = Counts::default();
        for table in data_tables() {
            let mut n = 0;
            each_row(
                &mut reader,
                table,
                MetaKeys::Only(DATA_META_KEYS),
                |record| {
                    writeln!(out, "{}", record_line(record, options.with_password_hashes))?;
                    counts.add(table.record);
                    n += 1;
                    if n % 1000 == 0 {
                        progress(table.record, n);
                    }
                    Ok(())
                },
            )
            .await?;
            progress(table.record, n);
        }
        out.flush()?;
        reader.finish().await?;
        Ok(counts)
    }

    /// Restores an export into this site, which must be empty, in one transaction: ids are
    /// kept (permalinks keep working), and a line that is not right imports nothing and is
    /// named with its number.
    pub async fn import_site<R: BufRead>(
        &self,
        input: R,
        progress: Progress<'_>,
    ) -> Result<Counts, TransferError> {
        let mut writer = self.store().write_site().await?;
        if let Some(table) = writer
            .occupied(&data_tables(), MetaKeys::Only(DATA_META_KEYS))
            .await?
        {
            return Err(TransferError::Refused(format!(
                "This site already holds data (its {table} table is not empty), and an import \
                 fills an empty site only. Point --database at a new SQLite file or an empty \
                 PostgreSQL database, and import there."
            )));
        }
        let mut counts = Counts::default();
        let mut lines = input.lines();
        match lines.next() {
            Some(first) => {
                check_header(&first?).map_err(|reason| TransferError::Line { line: 1, reason })?
            }
            None => {
                return Err(TransferError::Line {
                    line: 1,
                    reason: "the file is empty".to_owned(),
                });
            }
        }
        let mut number = 1;
        for line in lines {
            number += 1;
            let line = line?;
            let record = parse_record(&line).map_err(|reason| TransferError::Line {
                line: number,
                reason,
            })?;
            writer
                .insert(&record)
                .await
                .map_err(|e| TransferError::Line {
                    line: number,
                    reason: format!("the database refused the {}: {e}", record.table.record),
                })?;
            counts.add(record.table.record);
            if number % 1000 == 0 {
                progress(record.table.record, number);
            }
        }
        writer.finish().await?;
        self.store().analyze().await?;
        Ok(counts)
    }

    /// Copies this whole site (secrets and password hashes included: it goes database to
    /// database, never through a file) into `target`, which must be empty, then compares
    /// every table on both sides: rows and SHA-256. The site should be stopped meanwhile.
    pub async fn migrate_site(
        &self,
        target: &Store,
        progress: Progress<'_>,
    ) -> Result<Vec<TableCheck>, TransferError> {
        let all: Vec<&'static Table> = TABLES.iter().collect();
        let mut writer = target.write_site().await?;
        if let Some(table) = writer.occupied(&all, MetaKeys::All).await? {
            return Err(TransferError::Refused(format!(
                "The target database already holds data (its {table} table is not empty). \
                 Migrate into an empty database: Tribune makes its tables on first connection."
            )));
        }
        let mut reader = self.store().read_site().await?;
        for table in &all {
            let mut after: Option<Record> = None;
            let mut n = 0;
            loop {
                let page = reader
                    .page(table, after.as_ref(), MetaKeys::All, PAGE)
                    .await?;
                for record in &page {
                    writer.insert(record).await?;
                }
                n += page.len() as u64;
                progress(table.record, n);
                if page.len() < PAGE {
                    break;
                }
                after = page.last().cloned();
            }
        }
        reader.finish().await?;
        writer.finish().await?;
        target.analyze().await?;
        let source = checksums(self.store(), &all, MetaKeys::All).await?;
        let copied = checksums(target, &all, MetaKeys::All).await?;
        Ok(source
            .into_iter()
            .zip(copied)
            .map(
                |((table, source_rows, source_sha256), (_, target_rows, target_sha256))| {
                    TableCheck {
                        table,
                        source_rows,
                        target_rows,
                        source_sha256,
                        target_sha256,
                    }
                },
            )
            .collect())
    }

    /// A consistent copy of the running SQLite site in a new file at `path` (SQLite's
    /// `VACUUM INTO`); refused on PostgreSQL and when the file exists.
    pub async fn backup_site(&self, path: &std::path::Path) -> Result<(), TransferError> {
        if path.exists() {
            return Err(TransferError::Refused(format!(
                "{} exists already; a backup is written to a new file and never over one.",
                path.display()
            )));
        }
        let Some(name) = path.to_str() else {
            return Err(TransferError::Refused(format!(
                "{} is not a path SQLite can take (it is not UTF-8).",
                path.display()
            )));
        };
        if self.store().backup_sqlite_into(name).await? {
            return Ok(());
        }
        Err(TransferError::Refused(
            "This site runs on PostgreSQL: back it up with PostgreSQL's own tools, \
             `pg_dump --format=custom --file=tribune.dump DATABASE_URL` (restore with \
             `pg_restore --dbname=DATABASE_URL tribune.dump`)."
                .to_owned(),
        ))
    }
}

/// A column's value in a record read from the store (`Null` when the table has no such
/// column).
fn field<'r>(record: &'r Record, name: &str) -> &'r Value {
    record
        .table
        .column(name)
        .and_then(|i| record.values.get(i))
        .unwrap_or(&Value::Null)
}

fn text_of<'r>(record: &'r Record, name: &str) -> &'r str {
    match field(record, name) {
        Value::Text(text) => text,
        _ => "",
    }
}

fn int_of(record: &Record, name: &str) -> Option<i64> {
    match field(record, name) {
        Value::Int(n) => Some(*n),
        _ => None,
    }
}

/// Disqus's timestamps: UTC to the second, `2026-11-24T07:30:00Z`.
fn disqus_time(micros: Option<i64>) -> String {
    let at =
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros.unwrap_or_default()) * 1_000)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

type XmlWriter<'w, W> = quick_xml::Writer<&'w mut W>;

fn xml_text<W: Write>(xml: &mut XmlWriter<'_, W>, name: &str, text: &str) -> std::io::Result<()> {
    xml.create_element(name)
        .write_text_content(quick_xml::events::BytesText::new(text))?;
    Ok(())
}

/// HTML as one CDATA section; a `]]>` inside (never in sanitized HTML, which escapes `>`)
/// is split across two sections.
fn xml_cdata<W: Write>(xml: &mut XmlWriter<'_, W>, name: &str, html: &str) -> std::io::Result<()> {
    let safe = html.replace("]]>", "]]]]><![CDATA[>");
    xml.create_element(name)
        .write_cdata_content(quick_xml::events::BytesCData::new(safe))?;
    Ok(())
}

fn xml_ref<W: Write>(xml: &mut XmlWriter<'_, W>, name: &str, id: i64) -> std::io::Result<()> {
    xml.create_element(name)
        .with_attribute(("dsq:id", id.to_string().as_str()))
        .write_empty()?;
    Ok(())
}

impl Tribune {
    /// Writes the site's discussions as Disqus XML, which most comment systems import: a
    /// thread per article (its address and headline), a post per comment with its parent,
    /// author's name (email only when asked), time, `isDeleted` and `isSpam` (held and
    /// rejected comments, which readers do not see) and its HTML. Deleted comments keep
    /// their place in the thread, without their text.
    pub async fn export_disqus<W: Write>(
        &self,
        out: &mut W,
        with_emails: bool,
    ) -> Result<Counts, TransferError> {
        use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};

        let articles = table_for_record("article").ok_or_else(missing_table)?;
        let comments = table_for_record("comment").ok_or_else(missing_table)?;
        let users = table_for_record("user").ok_or_else(missing_table)?;
        let public_url = self.settings().public_url.trim_end_matches('/').to_owned();
        let mut reader = self.store().read_site().await?;
        let mut counts = Counts::default();
        let mut xml = quick_xml::Writer::new_with_indent(&mut *out, b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
        xml.write_event(Event::Start(BytesStart::new("disqus").with_attributes([
            ("xmlns", "http://disqus.com"),
            ("xmlns:dsq", "http://disqus.com/disqus-internals"),
        ])))?;
        xml.create_element("category")
            .with_attribute(("dsq:id", "1"))
            .write_inner_content(|xml| {
                xml_text(xml, "title", "General")?;
                xml_text(xml, "isDefault", "true")
            })?;

        each_row(&mut reader, articles, MetaKeys::All, |article| {
            let id = int_of(article, "id").unwrap_or_default();
            let link = match text_of(article, "canonical_url") {
                "" => format!("{public_url}/articles/{}", text_of(article, "slug")),
                canonical => canonical.to_owned(),
            };
            xml.create_element("thread")
                .with_attribute(("dsq:id", id.to_string().as_str()))
                .write_inner_content(|xml| {
                    xml.create_element("id").write_empty()?;
                    xml_ref(xml, "category", 1)?;
                    xml_text(xml, "link", &link)?;
                    xml_text(xml, "title", text_of(article, "headline"))?;
                    xml_text(
                        xml,
                        "createdAt",
                        &disqus_time(int_of(article, "published_at")),
                    )?;
                    let closed = text_of(article, "comment_policy") == "closed";
                    xml_text(xml, "isClosed", if closed { "true" } else { "false" })?;
                    xml_text(xml, "isDeleted", "false")
                })?;
            counts.add("thread");
            Ok(())
        })
        .await?;

        let mut after: Option<Record> = None;
        loop {
            let page = reader
                .page(comments, after.as_ref(), MetaKeys::All, PAGE)
                .await?;
            let mut author_ids: Vec<i64> =
                page.iter().filter_map(|c| int_of(c, "author_id")).collect();
            author_ids.sort_unstable();
            author_ids.dedup();
            let authors: std::collections::HashMap<i64, Record> = reader
                .rows_by_ids(users, &author_ids)
                .await?
                .into_iter()
                .map(|u| (int_of(&u, "id").unwrap_or_default(), u))
                .collect();
            for comment in &page {
                let id = int_of(comment, "id").unwrap_or_default();
                let deleted = int_of(comment, "deleted_at").is_some();
                let spam = text_of(comment, "status") != "published";
                let author = int_of(comment, "author_id").and_then(|a| authors.get(&a));
                xml.create_element("post")
                    .with_attribute(("dsq:id", id.to_string().as_str()))
                    .write_inner_content(|xml| {
                        xml.create_element("id").write_empty()?;
                        xml_cdata(
                            xml,
                            "message",
                            if deleted {
                                ""
                            } else {
                                text_of(comment, "body_html")
                            },
                        )?;
                        xml_text(
                            xml,
                            "createdAt",
                            &disqus_time(int_of(comment, "created_at")),
                        )?;
                        xml_text(xml, "isDeleted", if deleted { "true" } else { "false" })?;
                        xml_text(xml, "isSpam", if spam { "true" } else { "false" })?;
                        xml.create_element("author").write_inner_content(|xml| {
                            let guest =
                                author.is_some_and(|a| field(a, "unclaimed_key") != &Value::Null);
                            let account = author.filter(|_| !guest);
                            if let Some(a) = account.filter(|_| with_emails) {
                                xml_text(xml, "email", text_of(a, "email"))?;
                            }
                            xml_text(
                                xml,
                                "name",
                                author.map_or("", |a| text_of(a, "display_name")),
                            )?;
                            xml_text(xml, "isAnonymous", if guest { "true" } else { "false" })?;
                            if let Some(a) = account {
                                let id = int_of(a, "id").unwrap_or_default();
                                xml_text(xml, "username", &format!("tribune-{id}"))?;
                            }
                            Ok(())
                        })?;
                        xml_ref(
                            xml,
                            "thread",
                            int_of(comment, "article_id").unwrap_or_default(),
                        )?;
                        if let Some(parent) = int_of(comment, "parent_id") {
                            xml_ref(xml, "parent", parent)?;
                        }
                        Ok(())
                    })?;
                counts.add("post");
            }
            if page.len() < PAGE {
                break;
            }
            after = page.last().cloned();
        }
        xml.write_event(Event::End(BytesEnd::new("disqus")))?;
        out.write_all(b"\n")?;
        out.flush()?;
        reader.finish().await?;
        Ok(counts)
    }
}

fn missing_table() -> TransferError {
    TransferError::Refused(
        "this build does not know the articles, comments or users table".to_owned(),
    )
}
