//! Serves the hand-coded sample corpus without the CLI, optionally copied N times under new
//! ids and later dates (a bigger store for load tests):
//! `cargo run -p petrel-serve --example demo -- /tmp/demo.sqlite 127.0.0.1:8080 [copies]`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = args.next().unwrap_or_else(|| "demo.sqlite".into());
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:8080".into());
    let copies: usize = args.next().map(|c| c.parse()).transpose()?.unwrap_or(1);
    let text = petrel::build_pipeline(&petrel::Options {
        text_only: true,
        ..Default::default()
    })?;
    let docs = petrel_store::sample::sample_documents(&|d| {
        let _ = text.run(d);
    });
    let mut store = petrel_store::Store::open(&db)?;
    for k in 0..copies {
        let batch: Vec<_> = docs
            .iter()
            .map(|d| {
                let mut d = d.clone();
                if k > 0 {
                    d.meta.id = format!("{}-copy{k}", d.meta.id);
                    // Spread copies over later days of 2010 (day-of-month kept valid).
                    let month = 4 + (k / 28) % 8;
                    let day = 1 + k % 28;
                    let date = format!("2010-{month:02}-{day:02}");
                    for e in &mut d.events {
                        e.date = Some(date.clone());
                    }
                    d.meta.date = Some(date);
                }
                d
            })
            .collect();
        store.insert_batch(&batch.iter().collect::<Vec<_>>())?;
    }
    drop(store);
    let mut cfg = petrel_serve::Config::new(&db);
    cfg.addr = addr.parse()?;
    tokio::runtime::Runtime::new()?.block_on(petrel_serve::serve(cfg, |a| {
        eprintln!("demo: serving {db} on http://{a}/");
    }))?;
    Ok(())
}
