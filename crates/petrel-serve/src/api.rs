//! Routes and handlers of the HTTP API (`/v1/...`), plus JSON errors.

use crate::{assets, Config, Error};
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use petrel_doc::{Document, Meta, Pipeline};
use petrel_store::{Filter, Store};
use serde::Deserialize;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Shared state: the coding pipeline and a pool of connections to the store.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    pipeline: Pipeline,
    db: PathBuf,
    /// Idle connections; a request takes one (or opens one) and gives it back.
    idle: Mutex<Vec<Store>>,
    max_body: usize,
    max_articles: usize,
}

/// Connections kept open between requests.
const MAX_IDLE: usize = 16;
/// Largest page of `GET /v1/events`.
const MAX_LIMIT: u64 = 1000;

impl AppState {
    /// Opens (creating and migrating if needed) the store and builds the pipeline.
    pub fn new(cfg: &Config) -> Result<AppState, Error> {
        let first = Store::open(&cfg.db)?;
        let pipeline = petrel::build_pipeline(&cfg.options).map_err(Error::Pipeline)?;
        Ok(AppState {
            inner: Arc::new(Inner {
                pipeline,
                db: cfg.db.clone(),
                idle: Mutex::new(vec![first]),
                max_body: cfg.max_body,
                max_articles: cfg.max_articles,
            }),
        })
    }

    /// Runs `f` with a store connection on the blocking pool.
    async fn with_store<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<R, ApiError> + Send + 'static,
    ) -> Result<R, ApiError> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let taken = inner.idle.lock().map(|mut v| v.pop()).unwrap_or(None);
            let mut store = match taken {
                Some(s) => s,
                None => Store::open_existing(&inner.db).map_err(ApiError::internal)?,
            };
            let r = f(&mut store);
            if let Ok(mut idle) = inner.idle.lock() {
                if idle.len() < MAX_IDLE {
                    idle.push(store);
                }
            }
            r
        })
        .await
        .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
    }
}

/// The API's routes, the OpenAPI document and the embedded explorer.
pub fn router(state: AppState) -> Router {
    let limit = state.inner.max_body;
    Router::new()
        .route("/v1/health", get(health))
        .route("/v1/code", post(code))
        .route("/v1/events", get(events))
        .route("/v1/actors", get(actors))
        .route("/v1/stats", get(stats))
        .route("/v1/articles/:id", get(article))
        .route("/openapi.json", get(openapi))
        .route("/", get(assets::index))
        .route("/assets/:file", get(assets::file))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(limit))
        .with_state(state)
}

/// A JSON error with its status code.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }
    fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    fn internal(e: impl std::fmt::Display) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
}

impl From<petrel_store::Error> for ApiError {
    fn from(e: petrel_store::Error) -> Self {
        match e {
            petrel_store::Error::Filter { .. } | petrel_store::Error::Invalid { .. } => {
                ApiError::bad_request(e.to_string())
            }
            _ => ApiError::internal(e),
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        ApiError::new(r.status(), r.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, r.body_text())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"status": self.status.as_u16(), "message": self.message}});
        (self.status, Json(body)).into_response()
    }
}

async fn not_found(uri: axum::http::Uri) -> Response {
    not_found_json(uri.path())
}

async fn method_not_allowed(method: axum::http::Method, uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on {}", uri.path()),
    )
}

/// The 404 answer for a path nothing serves.
pub fn not_found_json(path: &str) -> Response {
    ApiError::new(StatusCode::NOT_FOUND, format!("no route for {path}")).into_response()
}

async fn health(State(st): State<AppState>) -> Result<Json<Value>, ApiError> {
    let articles = st.with_store(|s| Ok(s.article_count()?)).await?;
    Ok(Json(json!({"status": "ok", "articles": articles})))
}

async fn openapi() -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        assets::OPENAPI,
    )
        .into_response()
}

/// Query parameters shared by the read endpoints (see `openapi.json`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilterParams {
    actor: Option<String>,
    country: Option<String>,
    code: Option<String>,
    quad: Option<String>,
    from: Option<String>,
    to: Option<String>,
    near: Option<String>,
    article: Option<String>,
    offset: Option<String>,
    limit: Option<String>,
}

/// An optional number parameter; empty means absent, garbage is an error naming it.
fn number<T: std::str::FromStr>(name: &str, v: &Option<String>) -> Result<Option<T>, ApiError> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| {
            ApiError::bad_request(format!("bad {name} {s:?}: not a non-negative integer"))
        }),
    }
}

impl FilterParams {
    fn filter(&self) -> Result<Filter, ApiError> {
        let blank = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
        let near = match blank(&self.near) {
            Some(n) => Some(n.parse().map_err(ApiError::from)?),
            None => None,
        };
        Ok(Filter {
            actor: blank(&self.actor),
            country: blank(&self.country),
            code: blank(&self.code),
            quad: number("quad", &self.quad)?,
            from: blank(&self.from),
            to: blank(&self.to),
            near,
            article: blank(&self.article),
        }
        .validated()?)
    }

    fn limit(&self, default: u64) -> Result<u64, ApiError> {
        match number::<u64>("limit", &self.limit)? {
            None => Ok(default),
            Some(l) if (1..=MAX_LIMIT).contains(&l) => Ok(l),
            Some(l) => Err(ApiError::bad_request(format!(
                "bad limit {l}: must be 1 to {MAX_LIMIT}"
            ))),
        }
    }
}

async fn events(
    State(st): State<AppState>,
    q: Result<Query<FilterParams>, QueryRejection>,
) -> Result<Json<petrel_store::Page>, ApiError> {
    let Query(q) = q?;
    let (f, limit, offset) = (
        q.filter()?,
        q.limit(100)?,
        number("offset", &q.offset)?.unwrap_or(0),
    );
    Ok(Json(
        st.with_store(move |s| Ok(s.events(&f, offset, limit)?))
            .await?,
    ))
}

async fn stats(
    State(st): State<AppState>,
    q: Result<Query<FilterParams>, QueryRejection>,
) -> Result<Json<petrel_store::Stats>, ApiError> {
    let Query(q) = q?;
    let f = q.filter()?;
    Ok(Json(st.with_store(move |s| Ok(s.stats(&f)?)).await?))
}

async fn actors(
    State(st): State<AppState>,
    q: Result<Query<FilterParams>, QueryRejection>,
) -> Result<Json<petrel_store::Network>, ApiError> {
    let Query(q) = q?;
    let (f, limit) = (q.filter()?, q.limit(50)?);
    Ok(Json(
        st.with_store(move |s| Ok(s.actors(&f, limit)?)).await?,
    ))
}

async fn article(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<petrel_store::ArticleView>, ApiError> {
    let view = st.with_store(move |s| Ok((s.article(&id)?, id))).await?;
    match view {
        (Some(a), _) => Ok(Json(a)),
        (None, id) => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no article {id:?}"),
        )),
    }
}

/// One article posted to `/v1/code`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleIn {
    #[serde(default)]
    id: Option<String>,
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

/// The body of `POST /v1/code`: one article, or a batch with an optional `store` flag.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum CodeRequest {
    Batch {
        articles: Vec<ArticleIn>,
        #[serde(default)]
        store: bool,
    },
    One(ArticleIn),
}

async fn code(
    State(st): State<AppState>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let Json(body) = body?;
    let req: CodeRequest = serde_json::from_value(body).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "expected {{\"text\": …}} or {{\"articles\": [{{\"text\": …}}], \"store\": bool}}: {e}"
            ),
        )
    })?;
    let (articles, store) = match req {
        CodeRequest::Batch { articles, store } => (articles, store),
        CodeRequest::One(a) => (vec![a], false),
    };
    if articles.is_empty() {
        return Err(ApiError::bad_request("no articles to code"));
    }
    if articles.len() > st.inner.max_articles {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "{} articles in one request; at most {}",
                articles.len(),
                st.inner.max_articles
            ),
        ));
    }
    for (i, a) in articles.iter().enumerate() {
        if let Some(d) = &a.date {
            let check = Filter {
                from: Some(d.clone()),
                ..Default::default()
            };
            if check.validated().is_err() {
                return Err(ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!("articles[{i}].date {d:?} is not a date (YYYY-MM-DD)"),
                ));
            }
        }
    }
    let inner = st.inner.clone();
    let coded = tokio::task::spawn_blocking(move || {
        articles
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                let mut doc = Document::new(
                    Meta {
                        id: a.id.unwrap_or_else(|| format!("request-{i}")),
                        date: a.date,
                        title: a.title,
                        url: a.url,
                        source: a.source,
                    },
                    a.text,
                );
                let r = inner.pipeline.run(&mut doc).map_err(|e| e.to_string());
                (doc, r)
            })
            .collect::<Vec<_>>()
    })
    .await
    .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?;

    let records: Vec<Value> = coded
        .iter()
        .map(|(doc, r)| match r {
            Ok(()) => serde_json::to_value(petrel::Record::new(doc)),
            Err(e) => serde_json::to_value(petrel::ErrorRecord {
                id: &doc.meta.id,
                error: e,
            }),
        })
        .collect::<Result<_, _>>()
        .map_err(ApiError::internal)?;
    let mut out = json!({ "records": records });
    if store {
        let stats = st
            .with_store(move |s| {
                let ok: Vec<&Document> = coded
                    .iter()
                    .filter(|(_, r)| r.is_ok())
                    .map(|(d, _)| d)
                    .collect();
                Ok(s.insert_batch(&ok)?)
            })
            .await?;
        out["stored"] = serde_json::to_value(stats).map_err(ApiError::internal)?;
    }
    Ok(Json(out))
}
