//! The HTTP API end to end (in-process, through the router) on the sample corpus.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use petrel_serve::{router, AppState, Config};
use petrel_store::{sample, Store};
use serde_json::Value;
use std::path::PathBuf;
use tower::ServiceExt;

struct Db(PathBuf);

impl Drop for Db {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.0.parent().unwrap());
    }
}

fn setup(name: &str, max_body: usize) -> (axum::Router, Db) {
    let dir = std::env::temp_dir().join(format!("petrel-serve-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("events.sqlite");
    let _ = std::fs::remove_file(&path);
    let p = petrel::build_pipeline(&petrel::Options {
        text_only: true,
        ..Default::default()
    })
    .unwrap();
    let docs = sample::sample_documents(&|d| p.run(d).unwrap());
    let mut s = Store::open(&path).unwrap();
    s.insert_batch(&docs.iter().collect::<Vec<_>>()).unwrap();
    let mut cfg = Config::new(&path);
    cfg.max_body = max_body;
    cfg.max_articles = 3;
    // Only the /v1/code tests need the whole pipeline; the rest load faster without it.
    cfg.options.text_only = !name.starts_with("code");
    (router(AppState::new(&cfg).unwrap()), Db(path))
}

async fn send(app: &axum::Router, req: Request<Body>) -> (StatusCode, String, Value) {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let ty = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    let body = if ty.starts_with("application/json") {
        serde_json::from_slice(&bytes).unwrap()
    } else {
        Value::String(String::from_utf8(bytes.to_vec()).unwrap())
    };
    (status, ty, body)
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, Value) {
    let (s, _, b) = send(app, Request::get(uri).body(Body::empty()).unwrap()).await;
    (s, b)
}

async fn post(app: &axum::Router, uri: &str, body: &str) -> (StatusCode, Value) {
    let req = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let (s, _, b) = send(app, req).await;
    (s, b)
}

fn error_message(b: &Value, status: StatusCode) -> String {
    assert_eq!(b["error"]["status"], status.as_u16(), "{b}");
    b["error"]["message"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn events_are_filtered_and_paged() {
    let (app, _db) = setup("events", 1 << 20);
    let (s, all) = get(&app, "/v1/events").await;
    assert_eq!(s, StatusCode::OK);
    let total = all["total"].as_u64().unwrap();
    assert_eq!(all["events"].as_array().unwrap().len() as u64, total);

    let (_, kgz) = get(&app, "/v1/events?actor=KGZ&code=14").await;
    let evs = kgz["events"].as_array().unwrap();
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["cameo"], "141");
    assert_eq!(evs[0]["source"]["code"], "KGZOPP");

    let (_, near) = get(
        &app,
        "/v1/events?near=40.5,72.8,50&from=2010-04-01&to=2010-04-30",
    )
    .await;
    assert!(near["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["location"]["name"] == "Osh"));
    assert!(near["total"].as_u64().unwrap() > 0);

    let (_, p1) = get(&app, "/v1/events?limit=3").await;
    let (_, p2) = get(&app, "/v1/events?limit=3&offset=3").await;
    assert_eq!(p1["events"].as_array().unwrap().len(), 3);
    assert_ne!(p1["events"][0]["id"], p2["events"][0]["id"]);
    assert_eq!(p2["total"].as_u64().unwrap(), total);

    // Empty parameters (as an HTML form sends them) mean "no filter".
    let (_, blank) = get(&app, "/v1/events?actor=&code=&from=").await;
    assert_eq!(blank["total"].as_u64().unwrap(), total);
}

#[tokio::test]
async fn bad_parameters_are_clear_json_errors() {
    let (app, _db) = setup("badparams", 1 << 20);
    for (uri, needle) in [
        ("/v1/events?code=1x", "code"),
        ("/v1/events?from=2010-02-30x", "from"),
        ("/v1/events?near=1,2", "near"),
        ("/v1/events?limit=5000", "limit"),
        ("/v1/events?quad=x", "quad"),
        ("/v1/events?colour=red", "colour"),
        ("/v1/stats?actor=a%20b", "actor"),
    ] {
        let (s, b) = get(&app, uri).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{uri}");
        let m = error_message(&b, s);
        assert!(m.contains(needle), "{uri}: {m}");
    }
    let (s, b) = get(&app, "/v1/nothing").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(error_message(&b, s).contains("/v1/nothing"));
    let (s, b) = get(&app, "/v1/code").await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
    assert!(error_message(&b, s).contains("GET"));
    let (s, b) = get(&app, "/v1/articles/missing-one").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(error_message(&b, s).contains("missing-one"));
}

#[tokio::test]
async fn stats_actors_and_articles() {
    let (app, _db) = setup("stats", 1 << 20);
    let (s, st) = get(&app, "/v1/stats").await;
    assert_eq!(s, StatusCode::OK);
    let n = st["events"].as_u64().unwrap();
    let by_day: u64 = st["by_day"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["count"].as_u64().unwrap())
        .sum();
    assert_eq!(by_day, n);
    let (_, st4) = get(&app, "/v1/stats?quad=4").await;
    assert!(st4["events"].as_u64().unwrap() < n);

    let (_, net) = get(&app, "/v1/actors?country=UZB").await;
    let codes: Vec<&str> = net["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"UZBGOV") && codes.contains(&"KAZGOV"),
        "{codes:?}"
    );
    assert!(!codes.contains(&"KGZCOP"));
    assert!(net["edges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["source"] == "KAZGOV" && e["target"] == "UZBGOV" && e["weight"] == 1));

    let (s, a) = get(&app, "/v1/articles/demo-5").await;
    assert_eq!(s, StatusCode::OK);
    let text = a["text"].as_str().unwrap();
    let e = &a["events"][0];
    let sp = e["verb_span"].as_array().unwrap();
    let (x, y) = (
        sp[0].as_u64().unwrap() as usize,
        sp[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[x..y], "detained");
    assert_eq!(a["record"]["id"], "demo-5");
}

#[tokio::test]
async fn code_returns_records_and_stores_only_when_asked() {
    let (app, _db) = setup("code", 1 << 20);
    let (_, h) = get(&app, "/v1/health").await;
    let before = h["articles"].as_u64().unwrap();

    let (s, b) = post(
        &app,
        "/v1/code",
        r#"{"id":"posted-1","date":"2011-03-02","text":"Farmers blocked the highway near Naryn. Officials promised talks."}"#,
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let r = &b["records"][0];
    assert_eq!(r["id"], "posted-1");
    assert_eq!(r["sentences"], 2);
    assert!(r["tokens"].as_u64().unwrap() >= 10);
    assert!(b.get("stored").is_none());
    let (_, h) = get(&app, "/v1/health").await;
    assert_eq!(h["articles"].as_u64().unwrap(), before);

    let batch = r#"{"store":true,"articles":[
        {"id":"posted-2","text":"Students marched in Karakol on Friday."},
        {"id":"posted-3","text":"The mayor resigned.","title":"Mayor quits"}]}"#;
    let (s, b) = post(&app, "/v1/code", batch).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["records"].as_array().unwrap().len(), 2);
    assert_eq!(b["stored"]["inserted"], 2);
    let (s, a) = get(&app, "/v1/articles/posted-3").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(a["title"], "Mayor quits");
    let (_, b) = post(&app, "/v1/code", batch).await;
    assert_eq!(b["stored"]["unchanged"], 2);
    let (_, h) = get(&app, "/v1/health").await;
    assert_eq!(h["articles"].as_u64().unwrap(), before + 2);
}

#[tokio::test]
async fn code_rejects_bad_bodies_with_status_codes() {
    let (app, _db) = setup("codebad", 512);
    let (s, b) = post(&app, "/v1/code", "{not json").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    error_message(&b, s);
    let (s, b) = post(&app, "/v1/code", r#"{"txt":"typo in the field name"}"#).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_message(&b, s).contains("text"));
    let (s, b) = post(&app, "/v1/code", r#"{"text":"x","date":"March 2"}"#).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_message(&b, s).contains("date"));
    let (s, _) = post(&app, "/v1/code", r#"{"articles":[]}"#).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let four = r#"{"articles":[{"text":"a"},{"text":"b"},{"text":"c"},{"text":"d"}]}"#;
    let (s, b) = post(&app, "/v1/code", four).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(error_message(&b, s).contains("at most 3"));
    let big = format!(r#"{{"text":"{}"}}"#, "word ".repeat(200));
    let (s, b) = post(&app, "/v1/code", &big).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    error_message(&b, s);
    let req = Request::post("/v1/code")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from(r#"{"text":"a"}"#))
        .unwrap();
    let (s, _, b) = send(&app, req).await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    error_message(&b, s);
}

#[tokio::test]
async fn openapi_documents_every_route() {
    let (app, _db) = setup("openapi", 1 << 20);
    let (s, doc) = get(&app, "/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.0.3");
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/v1/health",
        "/v1/code",
        "/v1/events",
        "/v1/actors",
        "/v1/stats",
        "/v1/articles/{id}",
    ] {
        assert!(paths.contains_key(p), "{p} missing");
        // Each documented path answers (not with the 404 fallback).
        let uri = p.replace("{id}", "demo-1");
        let (s, _) = if p == "/v1/code" {
            post(&app, &uri, r#"{"text":"Talks resumed."}"#).await
        } else {
            get(&app, &uri).await
        };
        assert_eq!(s, StatusCode::OK, "{p}");
    }
    // The event filters documented are exactly the ones accepted.
    let names: Vec<&str> = doc["paths"]["/v1/events"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    let q: String = names.iter().map(|n| format!("{n}=&")).collect();
    let (s, b) = get(&app, &format!("/v1/events?{q}")).await;
    assert_eq!(s, StatusCode::OK, "{b}");
}

#[tokio::test]
async fn the_explorer_is_embedded_and_self_contained() {
    let (app, _db) = setup("assets", 1 << 20);
    let (s, ty, index) = send(&app, Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    assert!(ty.starts_with("text/html"));
    let index = index.as_str().unwrap().to_string();
    assert!(index.contains("/assets/app.js"));
    for name in petrel_serve::asset_names() {
        let (s, ty, body) = send(
            &app,
            Request::get(format!("/assets/{name}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{name}");
        let text = match &body {
            Value::String(t) => t.clone(),
            v => v.to_string(),
        };
        // Nothing is loaded from elsewhere: the only URL is the SVG namespace.
        let local = text.replace("http://www.w3.org/2000/svg", "");
        assert!(
            name == "world.json" || !local.contains("http://") && !local.contains("https://"),
            "{name} refers to an outside URL"
        );
        if name == "world.json" {
            assert!(ty.starts_with("application/json"));
            assert!(body["countries"].as_array().unwrap().len() > 150);
        }
    }
    let (s, _) = get(&app, "/assets/nope.js").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
