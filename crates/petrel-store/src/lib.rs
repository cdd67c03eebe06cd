//! The SQLite store of coded articles.
//!
//! [`Store`] owns one SQLite connection (rusqlite, bundled library). It creates and migrates
//! the schema in `schema.sql` (documented there), writes coded [`Document`]s one transaction
//! per batch ([`Store::insert_batch`]), and reads them back filtered ([`Store::events`]),
//! counted ([`Store::stats`], [`Store::actors`]) or exported ([`Store::export_jsonl`],
//! [`Store::export_csv`]).
//!
//! Idempotence: an article is keyed by its id (or `sha:<content hash>` when it has none) and
//! carries a content hash. Storing the same article again is a no-op; storing a changed
//! article under the same id replaces it with everything coded from it. Because a batch is
//! one transaction, an interrupted run leaves whole batches only, and re-running the same
//! input completes the store without duplicates.

mod export;
mod insert;
mod query;
pub mod sample;

pub use export::CSV_HEADER;
pub use insert::{content_hash, BatchWriter};

pub use query::{
    ActorEdge, ActorNode, ActorSide, ArticleView, DayCount, EventRow, Filter, Location, Near,
    Network, Page, PairCount, RootCount, Stats, SPANS_DOC,
};

use rusqlite::{functions::FunctionFlags, Connection, OpenFlags};
use std::path::Path;

/// Schema migrations, applied in order; `petrel_meta.schema_version` counts those applied.
const MIGRATIONS: &[&str] = &[include_str!("schema.sql")];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    // Sources are shown in the message, not chained, so `{:#}` does not repeat them.
    #[error("{path}: {error}")]
    Open {
        path: String,
        error: rusqlite::Error,
    },
    #[error("sqlite: {0}")]
    Sql(rusqlite::Error),
    #[error("article {article}: {message}")]
    Invalid { article: String, message: String },
    #[error("bad filter {field}: {message}")]
    Filter {
        field: &'static str,
        message: String,
    },
    #[error("{0}")]
    Schema(String),
    #[error("writing export: {0}")]
    Io(std::io::Error),
    #[error("json: {0}")]
    Json(serde_json::Error),
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Sql(e)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Json(e)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What one [`Store::insert_batch`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct InsertStats {
    /// Articles stored for the first time.
    pub inserted: usize,
    /// Articles whose id was stored with a different content hash, now replaced.
    pub replaced: usize,
    /// Articles already stored with the same hash, skipped.
    pub unchanged: usize,
    /// Events written by this batch.
    pub events: usize,
}

impl std::ops::AddAssign for InsertStats {
    fn add_assign(&mut self, o: Self) {
        self.inserted += o.inserted;
        self.replaced += o.replaced;
        self.unchanged += o.unchanged;
        self.events += o.events;
    }
}

/// A petrel SQLite database.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let conn = Connection::open(path).map_err(|error| Error::Open {
            path: path.display().to_string(),
            error,
        })?;
        Self::init(conn, &path.display().to_string())
    }

    /// Opens an existing database without creating it (for `export`, `query`, `stats`, `serve`).
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|error| Error::Open {
            path: path.display().to_string(),
            error,
        })?;
        Self::init(conn, &path.display().to_string())
    }

    /// An in-memory store (tests, `POST /v1/code` without a database).
    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?, ":memory:")
    }

    /// Another program's database (tables but no `petrel_meta`) is refused, never altered.
    fn init(conn: Connection, name: &str) -> Result<Store> {
        // Reading the schema fails early on a file that is not SQLite.
        let foreign: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'
                 AND name NOT LIKE 'sqlite_%' AND name <> 'petrel_meta'
                 AND NOT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'petrel_meta')",
                [],
                |r| r.get(0),
            )
            .map_err(|error| Error::Open {
                path: name.to_string(),
                error,
            })?;
        if foreign > 0 {
            return Err(Error::Schema(format!(
                "{name}: not a petrel database (it has other tables and no petrel_meta)"
            )));
        }
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // WAL lets `serve` read while `code --db` writes; NORMAL sync is crash-safe in WAL.
        let _: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        conn.execute_batch("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;")?;
        conn.create_scalar_function(
            "petrel_km",
            4,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
            |ctx| {
                let lat1: Option<f64> = ctx.get(0)?;
                let lon1: Option<f64> = ctx.get(1)?;
                let (lat2, lon2): (f64, f64) = (ctx.get(2)?, ctx.get(3)?);
                Ok(match (lat1, lon1) {
                    (Some(a), Some(b)) => Some(haversine_km(a, b, lat2, lon2)),
                    _ => None,
                })
            },
        )?;
        let mut store = Store { conn };
        store.migrate(name)?;
        Ok(store)
    }

    fn migrate(&mut self, name: &str) -> Result<()> {
        self.conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS petrel_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        )?;
        let current: i64 = self
            .conn
            .query_row(
                "SELECT value FROM petrel_meta WHERE key = 'schema_version'",
                [],
                |r| r.get::<_, String>(0),
            )
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        if current > SCHEMA_VERSION {
            return Err(Error::Schema(format!(
                "{name}: schema version {current} is newer than this petrel ({SCHEMA_VERSION}); \
                 upgrade petrel"
            )));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.execute(
                "INSERT INTO petrel_meta(key, value) VALUES('schema_version', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [(i + 1).to_string()],
            )?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The schema version stored in the database.
    pub fn schema_version(&self) -> Result<i64> {
        let v: String = self.conn.query_row(
            "SELECT value FROM petrel_meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )?;
        v.parse()
            .map_err(|_| Error::Schema(format!("bad schema_version {v:?}")))
    }

    /// The underlying connection, for ad-hoc SQL (the schema is documented in `schema.sql`).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// Great-circle distance in kilometres.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().min(1.0).asin()
}

/// FNV-1a 64: a fast content fingerprint (change detection, not security).
pub(crate) fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in *p {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // Separator so that ("ab","c") and ("a","bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_matches_known_distance() {
        // Bishkek to Osh is roughly 300 km as the crow flies.
        let d = haversine_km(42.87, 74.59, 40.53, 72.80);
        assert!((280.0..320.0).contains(&d), "{d}");
        assert!(haversine_km(10.0, 20.0, 10.0, 20.0) < 1e-9);
    }

    #[test]
    fn fnv_separates_parts() {
        assert_ne!(fnv1a(&[b"ab", b"c"]), fnv1a(&[b"a", b"bc"]));
        assert_eq!(fnv1a(&[b"x"]), fnv1a(&[b"x"]));
    }

    #[test]
    fn reopening_keeps_schema_version() {
        let dir = std::env::temp_dir().join(format!("petrel-store-v-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("v.sqlite");
        let _ = std::fs::remove_file(&path);
        assert_eq!(Store::open(&path).unwrap().schema_version().unwrap(), 1);
        assert_eq!(Store::open(&path).unwrap().schema_version().unwrap(), 1);
        // A database from a newer petrel is refused with a clear message.
        // Not SQLite at all, or another program's database: clear errors, nothing altered.
        let junk = dir.join("junk.sqlite");
        std::fs::write(
            &junk,
            "this is not a database, just text of some length........",
        )
        .unwrap();
        let err = Store::open_existing(&junk).err().unwrap().to_string();
        assert!(err.contains("junk.sqlite"), "{err}");
        let other = dir.join("other.sqlite");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t(x)")
            .unwrap();
        for r in [Store::open_existing(&other), Store::open(&other)] {
            let err = r.err().unwrap().to_string();
            assert!(err.contains("not a petrel database"), "{err}");
        }
        Store::open(&path)
            .unwrap()
            .connection()
            .execute(
                "UPDATE petrel_meta SET value = '99' WHERE key = 'schema_version'",
                [],
            )
            .unwrap();
        let err = Store::open(&path).err().unwrap().to_string();
        assert!(err.contains("newer"), "{err}");
        assert!(Store::open_existing(dir.join("missing.sqlite")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
