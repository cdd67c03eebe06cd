//! End-to-end tests of the store on the hand-made sample corpus.

use petrel_doc::Document;
use petrel_store::{sample, Filter, Near, Store, CSV_HEADER};

fn docs() -> Vec<Document> {
    let p = petrel::build_pipeline(&petrel::Options {
        text_only: true,
        ..Default::default()
    })
    .unwrap();
    sample::sample_documents(&|d| p.run(d).unwrap())
}

fn loaded() -> (Store, Vec<Document>) {
    let docs = docs();
    let mut s = Store::open_in_memory().unwrap();
    let refs: Vec<&Document> = docs.iter().collect();
    s.insert_batch(&refs).unwrap();
    (s, docs)
}

fn all(s: &Store, f: Filter) -> Vec<petrel_store::EventRow> {
    s.events(&f.validated().unwrap(), 0, 1000).unwrap().events
}

fn total_events(docs: &[Document]) -> usize {
    docs.iter().map(|d| d.events.len()).sum()
}

#[test]
fn reinserting_does_not_duplicate_and_changes_replace() {
    let (mut s, docs) = loaded();
    let n = total_events(&docs);
    let refs: Vec<&Document> = docs.iter().collect();
    let again = s.insert_batch(&refs).unwrap();
    assert_eq!(again.unchanged, docs.len());
    assert_eq!((again.inserted, again.replaced, again.events), (0, 0, 0));
    assert_eq!(s.article_count().unwrap(), docs.len() as u64);
    assert_eq!(s.events(&Filter::default(), 0, 1).unwrap().total, n as u64);

    // Same id, edited text: the article and its events are replaced, not added.
    let mut edited = docs[0].clone();
    edited.text.push(' ');
    edited.events.truncate(1);
    let st = s.insert(&edited).unwrap();
    assert_eq!((st.replaced, st.inserted, st.events), (1, 0, 1));
    assert_eq!(s.article_count().unwrap(), docs.len() as u64);
    assert_eq!(
        s.events(&Filter::default(), 0, 1).unwrap().total,
        (n - docs[0].events.len() + 1) as u64
    );
    let actors: i64 = s
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM actors a JOIN articles r ON r.rowid = a.article WHERE r.id = ?1",
            [&docs[0].meta.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(actors as usize, edited.actors.len());
}

#[test]
fn a_failed_batch_leaves_nothing_and_a_rerun_completes() {
    let dir = std::env::temp_dir().join(format!("petrel-store-tx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("events.sqlite");
    let _ = std::fs::remove_file(&path);
    let docs = docs();
    {
        let mut s = Store::open(&path).unwrap();
        s.insert_batch(&[&docs[0], &docs[1]]).unwrap();
        // The second document of this batch is broken: the whole batch must roll back.
        let mut broken = docs[3].clone();
        broken.events[0].sentence = 9;
        let err = s
            .insert_batch(&[&docs[2], &broken])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("demo-4") && err.contains("sentence 9"),
            "{err}"
        );
        assert_eq!(s.article_count().unwrap(), 2);
    }
    // A later run over the whole input completes the store without duplicates.
    let mut s = Store::open(&path).unwrap();
    let refs: Vec<&Document> = docs.iter().collect();
    let st = s.insert_batch(&refs).unwrap();
    assert_eq!(st.unchanged, 2);
    assert_eq!(st.inserted, docs.len() - 2);
    assert_eq!(
        s.events(&Filter::default(), 0, 1).unwrap().total,
        total_events(&docs) as u64
    );
    drop(s);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn articles_without_id_are_keyed_by_hash() {
    let mut d = docs().remove(0);
    d.meta.id.clear();
    let mut s = Store::open_in_memory().unwrap();
    assert_eq!(s.insert(&d).unwrap().inserted, 1);
    assert_eq!(s.insert(&d).unwrap().unchanged, 1);
    let id: String = s
        .connection()
        .query_row("SELECT id FROM articles", [], |r| r.get(0))
        .unwrap();
    assert!(id.starts_with("sha:"), "{id}");
    assert!(s.article(&id).unwrap().is_some());
}

#[test]
fn filters_select_the_right_events() {
    let (s, docs) = loaded();
    let every: Vec<_> = docs.iter().flat_map(|d| d.events.iter()).collect();

    let kgz = all(
        &s,
        Filter {
            actor: Some("kgz".into()),
            ..Default::default()
        },
    );
    let want = every
        .iter()
        .filter(|e| {
            [&e.source, &e.target]
                .iter()
                .any(|a| a.as_ref().is_some_and(|a| a.code.starts_with("KGZ")))
        })
        .count();
    assert_eq!(kgz.len(), want);
    assert!(kgz.len() >= 5);

    let kgz_opp = all(
        &s,
        Filter {
            actor: Some("KGZOPP".into()),
            ..Default::default()
        },
    );
    assert!(kgz_opp.len() < kgz.len());
    assert!(kgz_opp.iter().all(|e| [&e.source, &e.target]
        .iter()
        .any(|a| a.as_ref().and_then(|a| a.code.as_deref()) == Some("KGZOPP"))));

    let protest = all(
        &s,
        Filter {
            code: Some("14".into()),
            ..Default::default()
        },
    );
    assert_eq!(
        protest.len(),
        every.iter().filter(|e| e.cameo.starts_with("14")).count()
    );
    assert!(protest.iter().all(|e| e.cameo_root == "14"));

    let days = all(
        &s,
        Filter {
            from: Some("2010-04-07".into()),
            to: Some("2010-04-08".into()),
            ..Default::default()
        },
    );
    let want = every
        .iter()
        .filter(|e| {
            e.date
                .as_deref()
                .is_some_and(|d| ("2010-04-07"..="2010-04-08").contains(&d))
        })
        .count();
    assert_eq!(days.len(), want);
    assert!(
        days.windows(2).all(|w| w[0].date <= w[1].date),
        "date order"
    );

    // Osh is about 300 km from Bishkek: a 50 km circle holds only Osh's events.
    let near_osh = all(
        &s,
        Filter {
            near: Some("40.5,72.8,50".parse::<Near>().unwrap()),
            ..Default::default()
        },
    );
    let want = every
        .iter()
        .filter(|e| e.location.as_ref().is_some_and(|l| l.name == "Osh"))
        .count();
    assert_eq!(near_osh.len(), want);
    assert!(want > 0);
    let wide = all(
        &s,
        Filter {
            near: Some("40.5,72.8,400".parse::<Near>().unwrap()),
            ..Default::default()
        },
    );
    assert!(wide.len() > near_osh.len());

    let combined = all(
        &s,
        Filter {
            actor: Some("KGZ".into()),
            code: Some("17".into()),
            country: Some("KGZ".into()),
            ..Default::default()
        },
    );
    assert_eq!(combined.len(), 1);
    assert_eq!(combined[0].verb, "detained");

    // Paging returns disjoint slices of the same order.
    let p1 = s.events(&Filter::default(), 0, 4).unwrap();
    let p2 = s.events(&Filter::default(), 4, 4).unwrap();
    assert_eq!(p1.total, every.len() as u64);
    assert_eq!(p1.events.len(), 4);
    assert!(p1
        .events
        .iter()
        .all(|a| p2.events.iter().all(|b| a.id != b.id)));
}

#[test]
fn spans_point_at_the_phrases() {
    let (s, _) = loaded();
    let a = s.article("demo-1").unwrap().unwrap();
    let e = &a.events[0];
    let cut = |sp: Option<[u32; 2]>| &a.text[sp.unwrap()[0] as usize..sp.unwrap()[1] as usize];
    assert_eq!(cut(e.verb_span), "rallied");
    assert_eq!(
        cut(e.source.as_ref().unwrap().span),
        "Opposition supporters"
    );
    assert_eq!(cut(e.target.as_ref().unwrap().span), "the government");
    assert_eq!(cut(e.sentence_span), e.text);
    assert_eq!(a.record["id"], "demo-1");
    assert!(s.article("no-such-article").unwrap().is_none());
}

#[test]
fn stats_and_network_add_up() {
    let (s, docs) = loaded();
    let n = total_events(&docs) as u64;
    let st = s.stats(&Filter::default()).unwrap();
    assert_eq!(st.events, n);
    assert_eq!(st.articles, docs.len() as u64);
    assert_eq!(st.by_root.iter().map(|r| r.count).sum::<u64>(), n);
    assert_eq!(st.by_pair.iter().map(|r| r.count).sum::<u64>(), n);
    assert_eq!(st.by_day.iter().map(|d| d.count).sum::<u64>(), n);
    for d in &st.by_day {
        assert_eq!(d.quad.iter().sum::<u64>(), d.count, "{}", d.day);
    }
    let kaz_uzb = st
        .by_pair
        .iter()
        .find(|p| p.source.as_deref() == Some("KAZ") && p.target.as_deref() == Some("UZB"))
        .unwrap();
    assert_eq!(kaz_uzb.count, 1);
    // Filtered stats only count matching events.
    let f = Filter {
        code: Some("18".into()),
        ..Default::default()
    };
    assert_eq!(s.stats(&f).unwrap().events, 1);

    let net = s.actors(&Filter::default(), 100).unwrap();
    let edge = |a: &str, b: &str| {
        net.edges
            .iter()
            .find(|e| e.source == a && e.target == b)
            .map(|e| e.weight)
    };
    assert_eq!(edge("KGZOPP", "KGZGOV"), Some(2));
    assert_eq!(edge("UZBGOV", "KAZGOV"), Some(1));
    assert_eq!(edge("KAZGOV", "KGZGOV"), None);
    let cop = net.actors.iter().find(|a| a.code == "KGZCOP").unwrap();
    assert_eq!((cop.as_source, cop.as_target), (2, 0));
    let top = s.actors(&Filter::default(), 2).unwrap();
    assert_eq!(top.actors.len(), 2);
    assert!(top
        .edges
        .iter()
        .all(|e| top.actors.iter().any(|a| a.code == e.source)
            && top.actors.iter().any(|a| a.code == e.target)));
}

#[test]
fn exports_have_every_row() {
    let (s, docs) = loaded();
    let mut out = Vec::new();
    assert_eq!(s.export_jsonl(&mut out).unwrap(), docs.len() as u64);
    let text = String::from_utf8(out).unwrap();
    let ids: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        ids,
        docs.iter().map(|d| d.meta.id.clone()).collect::<Vec<_>>()
    );

    let mut out = Vec::new();
    let n = s.export_csv(&Filter::default(), &mut out).unwrap();
    assert_eq!(n, total_events(&docs) as u64);
    let csv = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len() as u64, n + 1);
    assert_eq!(lines[0], CSV_HEADER.join(","));
    let first = lines
        .iter()
        .find(|l| l.contains(",fired,"))
        .expect("the police event");
    let cells: Vec<&str> = first.split(',').collect();
    assert_eq!(cells[1], "20100406");
    assert_eq!(cells[2], "KGZCOP");
    assert_eq!(cells[11], "180");
    assert_eq!(cells[13], "18");
    assert_eq!(cells[14], "4");
}

#[test]
fn batch_writer_commits_per_batch_and_skips_invalid_documents() {
    let dir = std::env::temp_dir().join(format!("petrel-store-bw-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("events.sqlite");
    let _ = std::fs::remove_file(&path);
    let docs = docs();
    {
        let mut w = petrel_store::BatchWriter::open(&path, 2).unwrap();
        w.add(&docs[0]).unwrap();
        let mut broken = docs[1].clone();
        broken.events[0].quad_class = 7;
        let err = w.add(&broken).unwrap_err().to_string();
        assert!(
            err.contains("demo-2") && err.contains("quad class 7"),
            "{err}"
        );
        w.add(&docs[2]).unwrap(); // completes the first batch of two
        w.add(&docs[3]).unwrap(); // left open: the "interrupted" part
                                  // Another reader sees only committed batches.
        assert_eq!(Store::open(&path).unwrap().article_count().unwrap(), 2);
        // Dropped without finish(), as when the process is killed mid-run.
    }
    assert_eq!(Store::open(&path).unwrap().article_count().unwrap(), 2);
    let mut w = petrel_store::BatchWriter::open(&path, 2).unwrap();
    for d in &docs {
        w.add(d).unwrap();
    }
    let st = w.finish().unwrap();
    assert_eq!((st.unchanged, st.inserted), (2, docs.len() - 2));
    let s = Store::open(&path).unwrap();
    assert_eq!(s.article_count().unwrap(), docs.len() as u64);
    assert_eq!(
        s.events(&Filter::default(), 0, 1).unwrap().total,
        total_events(&docs) as u64
    );
    drop(s);
    std::fs::remove_dir_all(&dir).unwrap();
}
