//! petrel's HTTP API and web explorer (axum).
//!
//! [`router`] builds the routes over an [`AppState`] (a small pool of SQLite connections and
//! the shared coding pipeline); [`serve`] binds (loopback by default), serves until SIGINT or
//! SIGTERM and then drains in-flight requests. Every error is a JSON body
//! `{"error": {"status": 400, "message": "…"}}` with the matching status code. The OpenAPI
//! document (`openapi.json`) and the explorer's files (`web/`) are embedded in the binary.

mod api;
mod assets;

pub use api::{router, AppState};
pub use assets::names as asset_names;

use std::net::SocketAddr;
use std::path::PathBuf;

/// How to run the server.
#[derive(Debug, Clone)]
pub struct Config {
    /// The SQLite store to serve (created if missing).
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// Largest request body accepted, in bytes.
    pub max_body: usize,
    /// Most articles one `POST /v1/code` may carry.
    pub max_articles: usize,
    /// What the coding pipeline loads.
    pub options: petrel::Options,
}

impl Config {
    pub fn new(db: impl Into<PathBuf>) -> Config {
        Config {
            db: db.into(),
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_body: 4 << 20,
            max_articles: 1000,
            options: petrel::Options::default(),
        }
    }
}

/// Everything that stops the server from starting. Causes are part of the message (not
/// chained), so `{:#}` prints each once.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("store: {0}")]
    Store(petrel_store::Error),
    #[error("pipeline: {0}")]
    Pipeline(String),
    #[error("cannot listen on {addr}: {error}")]
    Bind {
        addr: SocketAddr,
        error: std::io::Error,
    },
    #[error("server: {0}")]
    Io(std::io::Error),
}

impl From<petrel_store::Error> for Error {
    fn from(e: petrel_store::Error) -> Self {
        Error::Store(e)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

/// Serves until SIGINT/SIGTERM, then finishes in-flight requests and returns.
/// `ready` is called with the bound address (useful with port 0).
pub async fn serve(cfg: Config, ready: impl FnOnce(SocketAddr)) -> Result<(), Error> {
    let state = AppState::new(&cfg)?;
    let listener = tokio::net::TcpListener::bind(cfg.addr)
        .await
        .map_err(|error| Error::Bind {
            addr: cfg.addr,
            error,
        })?;
    ready(listener.local_addr()?);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
