//! The embedded web explorer (`web/` at the repository root) and the OpenAPI document.
//! Nothing is fetched at run time: every file the explorer needs is compiled in here.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// The OpenAPI 3.0 description of the API.
pub const OPENAPI: &str = include_str!("openapi.json");

const INDEX: &str = include_str!("../../../web/index.html");

/// `(name, content type, body)` of every file under `/assets/`.
const FILES: &[(&str, &str, &str)] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("../../../web/app.js"),
    ),
    (
        "map.js",
        "text/javascript; charset=utf-8",
        include_str!("../../../web/map.js"),
    ),
    (
        "charts.js",
        "text/javascript; charset=utf-8",
        include_str!("../../../web/charts.js"),
    ),
    (
        "style.css",
        "text/css; charset=utf-8",
        include_str!("../../../web/style.css"),
    ),
    (
        "world.json",
        "application/json",
        include_str!("../../../web/world.json"),
    ),
];

pub async fn index() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        INDEX,
    )
        .into_response()
}

pub async fn file(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|f| f.0 == name) {
        Some((_, ty, body)) => (
            [
                (header::CONTENT_TYPE, *ty),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            *body,
        )
            .into_response(),
        None => super::api::not_found_json(&format!("/assets/{name}")),
    }
}

/// The explorer's asset names (for tests).
pub fn names() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|f| f.0)
}
