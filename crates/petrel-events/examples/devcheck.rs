// Temporary development check (surface mode, no parser); not part of the deliverable.
use petrel_actors::ActorsComponent;
use petrel_doc::{Component, Document, Meta};
use petrel_events::EventsComponent;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = &args[1];
    if which == "time" {
        timing(&args[2]);
        return;
    }
    let path = &args[2];
    let show: usize = args.get(3).and_then(|x| x.parse().ok()).unwrap_or(0);
    let text = petrel_text::TextComponent::default();
    let act = ActorsComponent::default();
    let ev = EventsComponent::default();
    let syn = std::env::var("PARSE").is_ok().then(|| petrel_syntax::components(None).unwrap());
    let run = |s: &str| {
        let mut d = Document::new(Meta::default(), s);
        text.process(&mut d).unwrap();
        if let Some((t, p)) = &syn {
            t.process(&mut d).unwrap();
            p.process(&mut d).unwrap();
        }
        act.process(&mut d).unwrap();
        ev.process(&mut d).unwrap();
        d
    };
    let g = petrel_actors::ActorLexicon::embedded().grammar.clone();
    let main_of = |d: &Document| petrel_events::main_event(d, None, which != "penta", &g).cloned();
    let mut shown = 0;
    if which == "one" {
        let d = run(path);
        for i in 0..d.tokens.len() {
            let g = |v: &Vec<petrel_doc::Sym>| v.get(i).map_or("-".to_string(), |s| d.strings.resolve(*s).to_string());
            println!("{i}\t{}\t{}\t{}\t{}\t{:?}\t{}", d.form(i), g(&d.tokens.upos), g(&d.tokens.xpos), g(&d.tokens.lemma), d.tokens.head.get(i).map(|h| *h as i64).unwrap_or(-1), g(&d.tokens.deprel));
        }
        for e in &d.events {
            println!("{} {} {:?} {:?} {:?}", e.verb, e.cameo, e.source.as_ref().map(|x| &x.code), e.target.as_ref().map(|x| &x.code), e.modality);
        }
        return;
    }
    if which == "penta" {
        let t = std::fs::read_to_string(path).unwrap();
        let (mut n, mut ok) = (0, 0);
        let mut conf = [[0; 5]; 5];
        for l in t.lines() {
            let (s, g) = l.rsplit_once('\t').unwrap();
            let g: usize = g.trim().parse().unwrap();
            let d = run(s);
            let m = main_of(&d);
            let p = m
                .as_ref()
                .map_or(0, |e| petrel_events::penta_class(&e.cameo) as usize);
            conf[g][p] += 1;
            if std::env::var("ALL").is_ok() {
                println!("ALL {g} {p} {:?}", m.as_ref().map(|e| &e.cameo));
            }
            n += 1;
            if p == g {
                ok += 1
            } else if shown < show {
                shown += 1;
                println!(
                    "gold {g} got {p} {:?}\n   {s}",
                    m.map(|e| (e.verb, e.cameo))
                );
            }
        }
        println!("penta acc {:.1} {conf:?}", 100.0 * ok as f64 / n as f64);
    } else {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let (mut n, mut ok) = (0, 0);
        for r in v.as_array().unwrap() {
            let Some(s) = r["text"].as_str() else {
                continue;
            };
            let g = match r["event"].as_str().unwrap() {
                "DEMAND" => "REQUEST",
                "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
                "FIGHT" => "ASSAULT",
                x => x,
            };
            let d = run(s);
            let m = main_of(&d).filter(|e| e.plover.kind != "STATEMENT");
            let p = m
                .as_ref()
                .map_or("NONE".to_string(), |e| e.plover.kind.clone());
            n += 1;
            if p == g {
                ok += 1
            } else if shown < show {
                shown += 1;
                println!(
                    "gold {g} got {p} {:?}\n   {s}",
                    m.map(|e| (e.verb, e.cameo))
                );
            }
        }
        println!("plover acc {:.1} ({ok}/{n})", 100.0 * ok as f64 / n as f64);
    }
}

/// CPU seconds used by this process (user + system), from /proc (the machine is shared, so
/// wall time would count other processes).
fn cpu() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap();
    let rest = &s[s.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) / 100.0
}

#[allow(dead_code)]
pub fn timing(path: &str) {
    let t = std::fs::read_to_string(path).unwrap();
    let sents: Vec<&str> = t.lines().map(|l| l.rsplit_once('\t').unwrap().0).collect();
    let text = petrel_text::TextComponent::default();
    let act = ActorsComponent::default();
    let ev = EventsComponent::default();
    let mut docs = Vec::new();
    for chunk in sents.chunks(30) {
        let mut d = Document::new(Meta::default(), chunk.join(" "));
        text.process(&mut d).unwrap();
        docs.push(d);
    }
    let t0 = cpu();
    let mut toks = 0;
    for _ in 0..40 {
        for d in docs.iter_mut() {
            act.process(d).unwrap();
            ev.process(d).unwrap();
            toks += d.tokens.len();
        }
    }
    let el = (cpu() - t0) / 40.0;
    let t1 = cpu();
    for _ in 0..40 {
        for d in docs.iter_mut() {
            act.process(d).unwrap();
        }
    }
    let ea = (cpu() - t1) / 40.0;
    println!("actors alone {:.1} us per article", ea * 1e6 / docs.len() as f64);
    println!("{} articles of 30 sentences, {} tokens: {:.1} us per article, {:.2} us per token", docs.len(), toks / 40, el * 1e6 / docs.len() as f64, el * 1e6 / (toks / 40) as f64);
}
