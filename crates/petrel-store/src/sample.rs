//! A small hand-made corpus of coded articles (invented sentences, hand-assigned codes) so
//! the store, the HTTP API and the web explorer can be tested end to end without depending
//! on the event coder. Used by tests and by `petrel serve --load-sample`.

use petrel_doc::{
    Actor, ActorRef, Document, Event, EventLocation, Meta, Place, Plover, Quote, Span,
};

/// An actor as written in a sample sentence: text, name, country, role.
type A = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

struct Ev {
    sentence: u32,
    source: Option<A>,
    target: Option<A>,
    cameo: &'static str,
    verb: &'static str,
    /// Place name written in the article, with country and coordinates.
    place: Option<(&'static str, &'static str, f64, f64)>,
}

struct Art {
    id: &'static str,
    date: &'static str,
    title: &'static str,
    /// The article's sentences (joined by one space); `Ev::sentence` indexes them.
    sentences: &'static [&'static str],
    events: &'static [Ev],
    quote: Option<(&'static str, &'static str)>,
}

const BISHKEK: (&str, &str, f64, f64) = ("Bishkek", "KGZ", 42.87, 74.59);
const OSH: (&str, &str, f64, f64) = ("Osh", "KGZ", 40.53, 72.80);
const MOSCOW: (&str, &str, f64, f64) = ("Moscow", "RUS", 55.75, 37.62);
const ASTANA: (&str, &str, f64, f64) = ("Astana", "KAZ", 51.17, 71.45);
const TASHKENT: (&str, &str, f64, f64) = ("Tashkent", "UZB", 41.30, 69.24);
const WASHINGTON: (&str, &str, f64, f64) = ("Washington", "USA", 38.90, -77.04);

const KGZ_OPP: A = (
    "Opposition supporters",
    "Kyrgyz opposition",
    "KGZ",
    Some("OPP"),
);
const KGZ_GOV: A = ("the government", "Kyrgyz government", "KGZ", Some("GOV"));
const KGZ_POL: A = ("Police", "Kyrgyz police", "KGZ", Some("COP"));
const RUS_GOV: A = ("Russia", "Russia", "RUS", Some("GOV"));
const USA_GOV: A = ("The United States", "United States", "USA", Some("GOV"));
const KAZ_GOV: A = ("Kazakhstan", "Kazakhstan", "KAZ", Some("GOV"));
const UZB_GOV: A = ("Uzbekistan", "Uzbekistan", "UZB", Some("GOV"));

const ARTICLES: &[Art] = &[
    Art {
        id: "demo-1",
        date: "2010-04-06",
        title: "Crowds gather in Bishkek",
        sentences: &[
            "Opposition supporters rallied outside the government building in Bishkek on Tuesday.",
            "Police fired tear gas at the crowd near the main square.",
        ],
        events: &[
            Ev {
                sentence: 0,
                source: Some(KGZ_OPP),
                target: Some(("the government", "Kyrgyz government", "KGZ", Some("GOV"))),
                cameo: "141",
                verb: "rallied",
                place: Some(BISHKEK),
            },
            Ev {
                sentence: 1,
                source: Some(KGZ_POL),
                target: Some(("the crowd", "Kyrgyz protesters", "KGZ", Some("OPP"))),
                cameo: "180",
                verb: "fired",
                place: Some(BISHKEK),
            },
        ],
        quote: None,
    },
    Art {
        id: "demo-2",
        date: "2010-04-07",
        title: "Government offers talks",
        sentences: &[
            "The interim leaders said the government would meet opposition figures in Bishkek.",
            "\"We want calm in the streets,\" an aide said.",
        ],
        events: &[Ev {
            sentence: 0,
            source: Some(KGZ_GOV),
            target: Some((
                "opposition figures",
                "Kyrgyz opposition",
                "KGZ",
                Some("OPP"),
            )),
            cameo: "036",
            verb: "meet",
            place: Some(BISHKEK),
        }],
        quote: Some(("We want calm in the streets,", "an aide")),
    },
    Art {
        id: "demo-3",
        date: "2010-04-08",
        title: "Moscow pledges aid",
        sentences: &[
            "Russia promised emergency aid to Kyrgyzstan on Thursday.",
            "The United States called for restraint in Bishkek.",
        ],
        events: &[
            Ev {
                sentence: 0,
                source: Some(RUS_GOV),
                target: Some(("Kyrgyzstan", "Kyrgyzstan", "KGZ", None)),
                cameo: "0331",
                verb: "promised",
                place: Some(MOSCOW),
            },
            Ev {
                sentence: 1,
                source: Some(USA_GOV),
                target: None,
                cameo: "010",
                verb: "called",
                place: Some(WASHINGTON),
            },
        ],
        quote: None,
    },
    Art {
        id: "demo-4",
        date: "2010-04-08",
        title: "Border closed",
        sentences: &[
            "Kazakhstan closed its border with Kyrgyzstan on Thursday.",
            "Uzbekistan also sealed its crossings near Osh.",
        ],
        events: &[
            Ev {
                sentence: 0,
                source: Some(KAZ_GOV),
                target: Some(("Kyrgyzstan", "Kyrgyzstan", "KGZ", None)),
                cameo: "1246",
                verb: "closed",
                place: Some(ASTANA),
            },
            Ev {
                sentence: 1,
                source: Some(UZB_GOV),
                target: None,
                cameo: "1246",
                verb: "sealed",
                place: Some(OSH),
            },
        ],
        quote: None,
    },
    Art {
        id: "demo-5",
        date: "2010-04-10",
        title: "Clashes in the south",
        sentences: &[
            "Police detained dozens of protesters in Osh on Saturday.",
            "Opposition supporters accused the government of using force.",
        ],
        events: &[
            Ev {
                sentence: 0,
                source: Some(KGZ_POL),
                target: Some(("protesters", "Kyrgyz protesters", "KGZ", Some("OPP"))),
                cameo: "173",
                verb: "detained",
                place: Some(OSH),
            },
            Ev {
                sentence: 1,
                source: Some(KGZ_OPP),
                target: Some(KGZ_GOV),
                cameo: "112",
                verb: "accused",
                place: Some(OSH),
            },
        ],
        quote: None,
    },
    Art {
        id: "demo-6",
        date: "2010-04-12",
        title: "Neighbours talk",
        sentences: &[
            "Kazakhstan and Uzbekistan discussed the crisis in Tashkent on Monday.",
            "Uzbekistan praised Kazakhstan for its help.",
        ],
        events: &[
            Ev {
                sentence: 0,
                source: Some(KAZ_GOV),
                target: Some(("Uzbekistan", "Uzbekistan", "UZB", Some("GOV"))),
                cameo: "040",
                verb: "discussed",
                place: Some(TASHKENT),
            },
            Ev {
                sentence: 1,
                source: Some(UZB_GOV),
                target: Some(("Kazakhstan", "Kazakhstan", "KAZ", Some("GOV"))),
                cameo: "051",
                verb: "praised",
                place: Some(TASHKENT),
            },
        ],
        quote: None,
    },
];

/// Goldstein value and quad class of the CAMEO codes used above (published scale values).
fn scale(cameo: &str) -> (f32, u8) {
    match cameo {
        "010" => (0.0, 1),
        "036" => (4.0, 1),
        "040" => (1.0, 1),
        "051" => (3.4, 1),
        "0331" => (5.2, 2),
        "112" => (-2.0, 3),
        "1246" => (-5.0, 3),
        "141" => (-6.5, 3),
        "173" => (-5.0, 4),
        "180" => (-9.0, 4),
        _ => (0.0, 1),
    }
}

fn plover(cameo: &str) -> &'static str {
    match &cameo[..2] {
        "01" | "04" => "CONSULT",
        "03" => "AGREE",
        "05" => "COOPERATE",
        "11" => "DISAPPROVE",
        "12" => "REJECT",
        "14" => "PROTEST",
        "17" => "COERCE",
        "18" => "ASSAULT",
        _ => "OTHER",
    }
}

fn code(a: &A) -> String {
    format!("{}{}", a.2, a.3.unwrap_or(""))
}

/// The sample corpus as coded documents, tokenised by `tokenize` (the caller passes the text
/// pipeline so this module does not depend on it).
pub fn sample_documents(tokenize: &dyn Fn(&mut Document)) -> Vec<Document> {
    ARTICLES.iter().map(|a| build(a, tokenize)).collect()
}

fn build(a: &Art, tokenize: &dyn Fn(&mut Document)) -> Document {
    let text = a.sentences.join(" ");
    // Where each hand-written sentence starts; events are placed by these offsets, so the
    // corpus stays valid whatever the sentence splitter decides.
    let mut starts = Vec::with_capacity(a.sentences.len());
    let mut at = 0;
    for s in a.sentences {
        starts.push(at);
        at += s.len() + 1;
    }
    let mut doc = Document::new(
        Meta {
            id: a.id.into(),
            date: Some(a.date.into()),
            title: Some(a.title.into()),
            url: Some(format!("https://example.org/news/{}", a.id)),
            source: Some("petrel demo".into()),
        },
        text,
    );
    tokenize(&mut doc);
    // The document sentence holding my sentence `s`, and its byte span.
    let doc_sentence = |doc: &Document, s: u32| -> (u32, usize, usize) {
        let mine = starts[s as usize];
        match doc
            .sentences
            .iter()
            .position(|x| (x.start as usize) <= mine && mine < x.end as usize)
        {
            Some(i) => {
                let x = &doc.sentences[i];
                (i as u32, x.start as usize, x.end as usize)
            }
            None => (0, mine, mine + a.sentences[s as usize].len()),
        }
    };
    let sent_span = |doc: &Document, s: u32| -> (usize, usize) {
        let (_, st, en) = doc_sentence(doc, s);
        (st, en)
    };
    let find = |doc: &Document, s: u32, needle: &str| -> Option<(u32, u32)> {
        let (st, en) = sent_span(doc, s);
        doc.text[st..en]
            .find(needle)
            .map(|p| ((st + p) as u32, (st + p + needle.len()) as u32))
    };
    for e in a.events {
        let actor_ref = |x: &Option<A>, doc: &mut Document| -> Option<ActorRef> {
            let x = x.as_ref()?;
            let code = code(x);
            let span = find(doc, e.sentence, x.0);
            let idx = match doc
                .actors
                .iter()
                .position(|ac| ac.code == code && ac.name == x.1)
            {
                Some(i) => i,
                None => {
                    doc.actors.push(Actor {
                        name: x.1.into(),
                        country: Some(x.2.into()),
                        role: x.3.map(Into::into),
                        code: code.clone(),
                        mentions: vec![],
                        country_inferred: false,
                    });
                    doc.actors.len() - 1
                }
            };
            if let Some((s, en)) = span {
                doc.actors[idx].mentions.push([s, en]);
            }
            Some(ActorRef {
                text: x.0.into(),
                name: Some(x.1.into()),
                country: Some(x.2.into()),
                role: x.3.map(Into::into),
                code,
                country_inferred: false,
                actor: Some(idx as u32),
                head: None,
            })
        };
        let source = actor_ref(&e.source, &mut doc);
        let target = actor_ref(&e.target, &mut doc);
        let trigger = find(&doc, e.sentence, e.verb)
            .and_then(|(s, _)| doc.tokens.start.iter().position(|&t| t == s))
            .unwrap_or(0) as u32;
        let location = e.place.map(|(name, country, lat, lon)| {
            let place = doc.places.len() as u32;
            let (s, en) = find(&doc, e.sentence, name).unwrap_or((0, 0));
            doc.places.push(Place {
                text: name.into(),
                start: s,
                end: en,
                name: name.into(),
                country: Some(country.into()),
                lat,
                lon,
                feature: "city".into(),
                sentence: doc_sentence(&doc, e.sentence).0,
            });
            EventLocation {
                name: name.into(),
                country: Some(country.into()),
                lat,
                lon,
                place,
            }
        });
        let (goldstein, quad_class) = scale(e.cameo);
        let (st, en) = sent_span(&doc, e.sentence);
        let text = doc.text[st..en].to_string();
        doc.events.push(Event {
            sentence: doc_sentence(&doc, e.sentence).0,
            text,
            source,
            target,
            cameo: e.cameo.into(),
            cameo_root: e.cameo[..2].into(),
            goldstein,
            quad_class,
            plover: Plover {
                kind: plover(e.cameo).into(),
                mode: None,
                context: None,
            },
            modality: Default::default(),
            verb: e.verb.into(),
            date: Some(a.date.into()),
            location,
            counts: vec![],
            issues: vec![],
            trigger,
        });
    }
    if let Some((content, speaker)) = a.quote {
        let c = doc.text.find(content).unwrap_or(0) as u32;
        let s = doc.text.find(speaker).unwrap_or(0) as u32;
        doc.quotes.push(Quote {
            kind: "direct".into(),
            content: content.into(),
            content_span: Span::new(c, c + content.len() as u32),
            content_parts: Vec::new(),
            cue: Some("said".into()),
            cue_span: None,
            speaker: Some(speaker.into()),
            speaker_span: Some(Span::new(s, s + speaker.len() as u32)),
            actor: None,
            sentence: doc.sentences.len().saturating_sub(1) as u32,
        });
    }
    doc
}
