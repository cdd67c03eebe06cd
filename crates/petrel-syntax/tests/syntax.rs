//! Behaviour of the embedded tagger, lemmatiser and parser on sentences written for these
//! tests, plus model-file integrity and training determinism on a tiny invented treebank.

use petrel_syntax::conllu;
use petrel_syntax::{Analysis, ModelError, Syntax};

/// Analyses a whitespace-tokenised sentence; returns (form, upos, lemma, head form, deprel).
fn analyse(sentence: &str) -> Vec<(String, String, String, String, String)> {
    let mut syn = Syntax::embedded().expect("embedded models load");
    let forms: Vec<&str> = sentence.split_whitespace().collect();
    let mut a = Analysis::default();
    syn.analyse(&forms, true, &mut a);
    let mut lemma = String::new();
    (0..forms.len())
        .map(|i| {
            syn.lemma(forms[i], a.classes[i], &mut lemma);
            let head = match a.heads[i] {
                u32::MAX => "ROOT".to_string(),
                h => forms[h as usize].to_string(),
            };
            (
                forms[i].to_string(),
                syn.tagger.upos[a.classes[i] as usize].clone(),
                lemma.clone(),
                head,
                syn.parser.labels[a.labels[i] as usize].clone(),
            )
        })
        .collect()
}

fn rel<'a>(
    parse: &'a [(String, String, String, String, String)],
    form: &str,
) -> (&'a str, &'a str) {
    let t = parse
        .iter()
        .find(|t| t.0 == form)
        .unwrap_or_else(|| panic!("{form} not in sentence"));
    (t.3.as_str(), t.4.as_str())
}

#[test]
fn subject_and_object_of_a_simple_clause() {
    let p = analyse("Rebel fighters fired rockets at the army base on Tuesday .");
    assert_eq!(rel(&p, "fired"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "fighters"), ("fired", "nsubj"), "{p:?}");
    assert_eq!(rel(&p, "rockets"), ("fired", "obj"), "{p:?}");
    assert_eq!(rel(&p, "base"), ("fired", "obl"), "{p:?}");
}

#[test]
fn passive_subject_and_agent() {
    let p = analyse("The opposition leader was arrested by police in the capital .");
    assert_eq!(rel(&p, "arrested"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "leader"), ("arrested", "nsubj:pass"), "{p:?}");
    assert_eq!(rel(&p, "was"), ("arrested", "aux:pass"), "{p:?}");
    // The agent is `obl` (GUM and recent EWT subtype it as `obl:agent`).
    let (head, agent) = rel(&p, "police");
    assert_eq!(
        (head, agent.split(':').next().unwrap()),
        ("arrested", "obl"),
        "{p:?}"
    );
}

#[test]
fn relative_clause_subject_and_object() {
    let p = analyse("The soldiers who attacked the village were captured .");
    assert_eq!(rel(&p, "captured"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "soldiers"), ("captured", "nsubj:pass"), "{p:?}");
    assert_eq!(rel(&p, "attacked"), ("soldiers", "acl:relcl"), "{p:?}");
    assert_eq!(rel(&p, "who"), ("attacked", "nsubj"), "{p:?}");
    assert_eq!(rel(&p, "village"), ("attacked", "obj"), "{p:?}");
    let p = analyse("Police arrested the man who shot the mayor .");
    assert_eq!(rel(&p, "Police"), ("arrested", "nsubj"), "{p:?}");
    assert_eq!(rel(&p, "man"), ("arrested", "obj"), "{p:?}");
    assert_eq!(rel(&p, "shot"), ("man", "acl:relcl"), "{p:?}");
    assert_eq!(rel(&p, "mayor"), ("shot", "obj"), "{p:?}");
    let p = analyse("Officials said the militants who kidnapped the workers demanded a ransom .");
    assert_eq!(rel(&p, "militants"), ("demanded", "nsubj"), "{p:?}");
    assert_eq!(rel(&p, "workers"), ("kidnapped", "obj"), "{p:?}");
    assert_eq!(rel(&p, "demanded"), ("said", "ccomp"), "{p:?}");
}

/// The verb after a relative clause set off by commas is the main verb, whatever tag the
/// tagger gave it ("called" comes out a participle here).
#[test]
fn the_verb_after_a_set_off_relative_clause_is_the_main_verb() {
    let p = analyse("Russia , which has peacekeepers in the region , called for restraint .");
    assert_eq!(rel(&p, "called"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "Russia"), ("called", "nsubj"), "{p:?}");
    assert_eq!(rel(&p, "has"), ("Russia", "acl:relcl"), "{p:?}");
    assert_eq!(rel(&p, "."), ("called", "punct"), "{p:?}");
    // The tagger reads "told" after the clause as a participle, the parser the clause as a
    // parataxis; both are mended.
    let p = analyse(
        "One trader , who asked not to be named , told reporters that the market had closed early .",
    );
    assert_eq!(rel(&p, "told"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "trader"), ("told", "nsubj"), "{p:?}");
    assert_eq!(rel(&p, "asked"), ("trader", "acl:relcl"), "{p:?}");
}

/// "after" with a noun phrase and a verb that takes a preposition opens a clause; a
/// participle that is no such verb stays on its noun.
#[test]
fn after_a_noun_phrase_a_prepositional_verb_opens_a_clause() {
    let p = analyse("Police fired tear gas at protesters on Tuesday , a day after the opposition called for strikes .");
    assert_eq!(rel(&p, "opposition"), ("called", "nsubj"), "{p:?}");
    assert_eq!(rel(&p, "after"), ("called", "mark"), "{p:?}");
    let called = p.iter().find(|t| t.0 == "called").unwrap();
    assert_eq!(called.1, "VERB");
    let p = analyse("The army withdrew after the talks held in Geneva .");
    assert_eq!(rel(&p, "held"), ("talks", "acl"), "{p:?}");
}

/// A participle opening the sentence before a noun phrase and its verb describes the noun.
#[test]
fn an_opening_participle_before_a_subject_is_a_modifier() {
    let p = analyse("Jailed opposition leader Ana Ruiz said she would not give up .");
    assert_eq!(rel(&p, "said"), ("ROOT", "root"), "{p:?}");
    // The subject is the title or, with the title as `nmod:desc`, the name.
    let subject = [rel(&p, "leader"), rel(&p, "Ana")];
    assert!(subject.contains(&("said", "nsubj")), "{p:?}");
    assert_eq!(rel(&p, "Jailed"), ("leader", "amod"), "{p:?}");
    let p = analyse("Retired Gen. Samuel Otieno told reporters the army would stay .");
    assert_eq!(rel(&p, "told"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "Retired").1, "amod", "{p:?}");
    // A participle with its own time phrase is left alone.
    let p = analyse("Released Sunday , the report blamed the police .");
    assert_eq!(p[0].1, "VERB", "{p:?}");
}

/// A relative clause set off by commas whose verb the parse made the main verb (both the noun
/// and "who" its subjects) is mended: the verb after the clause is the main verb.
#[test]
fn a_who_clause_read_as_the_main_verb_is_the_relative_clause() {
    let p = analyse(
        "The Kenyan interior minister , who said the curfew would be lifted soon , met opposition leaders in Mombasa .",
    );
    assert_eq!(rel(&p, "met"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "minister"), ("met", "nsubj"), "{p:?}");
    assert_eq!(rel(&p, "said"), ("minister", "acl:relcl"), "{p:?}");
    assert_eq!(rel(&p, "who"), ("said", "nsubj"), "{p:?}");
    assert_eq!(rel(&p, "leaders"), ("met", "obj"), "{p:?}");
    assert_eq!(rel(&p, "."), ("met", "punct"), "{p:?}");
}

/// After a quote, the speaker set off by a relative clause is the subject of the reporting
/// verb, not a dependent of the quoted clause.
#[test]
fn a_speaker_after_a_quote_is_the_subject_of_told() {
    let p = analyse(
        "\" The river took everything , \" one fisherman , who asked not to be named , told Reuters .",
    );
    assert_eq!(rel(&p, "fisherman"), ("told", "nsubj"), "{p:?}");
    assert_eq!(rel(&p, "asked"), ("fisherman", "acl:relcl"), "{p:?}");
}

#[test]
fn negation_attaches_to_its_verb() {
    let p = analyse("The government did not sign the agreement .");
    assert_eq!(rel(&p, "not"), ("sign", "advmod"), "{p:?}");
    assert_eq!(rel(&p, "government"), ("sign", "nsubj"), "{p:?}");
    assert_eq!(rel(&p, "agreement"), ("sign", "obj"), "{p:?}");
}

#[test]
fn lemmatiser_handles_irregular_verbs() {
    let p = analyse("Protesters went home after police fired shots , and the talks were held , took hours and broke down .");
    let lemma = |f: &str| p.iter().find(|t| t.0 == f).unwrap().2.clone();
    assert_eq!(lemma("went"), "go");
    assert_eq!(lemma("fired"), "fire");
    assert_eq!(lemma("were"), "be");
    assert_eq!(lemma("held"), "hold");
    assert_eq!(lemma("took"), "take");
    assert_eq!(lemma("broke"), "break");
    assert_eq!(lemma("Protesters"), "protester");
    assert_eq!(lemma("shots"), "shot");
    let q = analyse("He was seized and she has fled .");
    let lemma = |f: &str| q.iter().find(|t| t.0 == f).unwrap().2.clone();
    assert_eq!(lemma("was"), "be");
    assert_eq!(lemma("has"), "have");
    assert_eq!(lemma("fled"), "flee");
    assert_eq!(lemma("seized"), "seize");
    assert_eq!(lemma("He"), "he");
    // A suffix rule whose lemma is no word yields to one that gives a word ("-asted" →
    // "-aste" suits "wasted", not "blasted").
    let r = analyse("Critics blasted the plan and residents smelled trouble .");
    let lemma = |f: &str| r.iter().find(|t| t.0 == f).unwrap().2.clone();
    assert_eq!(lemma("blasted"), "blast");
    assert_eq!(lemma("smelled"), "smell");
}

#[test]
fn tags_are_plausible() {
    let p = analyse("Ministers from Kenya met in Nairobi on Monday .");
    let upos: Vec<&str> = p.iter().map(|t| t.1.as_str()).collect();
    assert_eq!(
        upos,
        ["NOUN", "ADP", "PROPN", "VERB", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"]
    );
}

#[test]
fn corrupt_model_files_give_clear_errors() {
    let good = petrel_syntax::TAGGER_BYTES.to_vec();
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x55;
    let e = petrel_syntax::Tagger::from_bytes("tagger.bin", &flipped)
        .err()
        .unwrap();
    assert!(matches!(e, ModelError::Checksum(_)), "{e}");
    assert!(
        e.to_string().contains("tagger.bin") && e.to_string().contains("corrupt"),
        "{e}"
    );

    let truncated = &good[..good.len() - 100];
    let e = petrel_syntax::Tagger::from_bytes("tagger.bin", truncated)
        .err()
        .unwrap();
    assert!(matches!(e, ModelError::Checksum(_)), "{e}");

    let e = petrel_syntax::Tagger::from_bytes("notes.txt", b"hello, this is not a model at all")
        .err()
        .unwrap();
    assert!(matches!(e, ModelError::BadMagic(_)), "{e}");

    // A parser file is not a tagger.
    let e = petrel_syntax::Tagger::from_bytes("parser.bin", petrel_syntax::PARSER_BYTES)
        .err()
        .unwrap();
    assert!(matches!(e, ModelError::Kind { .. }), "{e}");

    // Through the file loader, errors name the path.
    let dir = std::env::temp_dir().join(format!("petrel-syntax-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("parser.bin");
    std::fs::write(&path, &petrel_syntax::PARSER_BYTES[..1000]).unwrap();
    let e = petrel_syntax::load_parser(&path).err().unwrap();
    assert!(e.to_string().contains("parser.bin"), "{e}");
    let e = petrel_syntax::load_parser(&dir.join("missing.bin"))
        .err()
        .unwrap();
    assert!(matches!(e, ModelError::Io(..)), "{e}");
    std::fs::remove_dir_all(&dir).ok();
}

/// A tiny invented treebank (sentences written for this test).
const TINY: &str = "\
1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tentered\tenter\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\tcity\tcity\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tcouncil\tcouncil\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tapproved\tapprove\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\tplan\tplan\tNOUN\tNN\t_\t3\tobj\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tdetained\tdetain\tVERB\tVBD\t_\t0\troot\t_\t_
3\ttwo\ttwo\tNUM\tCD\t_\t4\tnummod\t_\t_
4\tmen\tman\tNOUN\tNNS\t_\t2\tobj\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

#[test]
fn training_is_deterministic_and_learns_the_data() {
    let sents = conllu::parse("tiny", TINY).unwrap();
    let topts = petrel_syntax::TaggerTrainOptions {
        epochs: 5,
        seed: 7,
        two_pass: true,
        ..Default::default()
    };
    let t1 = petrel_syntax::train_tagger(&sents, &topts, |_, _, _| {});
    let t2 = petrel_syntax::train_tagger(&sents, &topts, |_, _, _| {});
    assert_eq!(t1.to_bytes(), t2.to_bytes());
    let popts = petrel_syntax::ParserTrainOptions {
        epochs: 10,
        seed: 7,
        ..Default::default()
    };
    let tags: Vec<Vec<u64>> = sents
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| petrel_syntax::parser_tag_hash(&w.upos, &w.xpos))
                .collect()
        })
        .collect();
    let p1 = petrel_syntax::train_parser(&sents, &tags, &popts, |_, _, _| {});
    let p2 = petrel_syntax::train_parser(&sents, &tags, &popts, |_, _, _| {});
    assert_eq!(p1.to_bytes(), p2.to_bytes());
    // The models round-trip through their file format and reproduce the training trees.
    let t = std::sync::Arc::new(petrel_syntax::Tagger::from_bytes("t", &t1.to_bytes()).unwrap());
    let p = std::sync::Arc::new(petrel_syntax::Parser::from_bytes("p", &p1.to_bytes()).unwrap());
    let mut syn = Syntax::new(t, p);
    let scores = petrel_syntax::eval::eval_gold_tokens(&mut syn, &sents);
    assert_eq!(scores.upos, scores.gold_words);
    assert_eq!(scores.las_full, scores.gold_words);
    // One-pass files (the format before the second pass existed) still load, and tag alike.
    let one = petrel_syntax::TaggerTrainOptions {
        two_pass: false,
        ..topts
    };
    let t0 = petrel_syntax::train_tagger(&sents, &one, |_, _, _| {});
    let t0 = petrel_syntax::Tagger::from_bytes("t0", &t0.to_bytes()).unwrap();
    assert!(t0.describe().contains("1-pass"), "{}", t0.describe());
    assert!(t1.describe().contains("2-pass"), "{}", t1.describe());
    let mut syn = Syntax::new(std::sync::Arc::new(t0), syn.parser.clone());
    let scores = petrel_syntax::eval::eval_gold_tokens(&mut syn, &sents);
    assert_eq!(scores.upos, scores.gold_words);
    // The mean of taggers and of parsers trained with other seeds is deterministic, differs
    // from one model, and still learns the data.
    let ens = petrel_syntax::TaggerTrainOptions {
        ensemble: 3,
        ..one.clone()
    };
    let e1 = petrel_syntax::train_tagger(&sents, &ens, |_, _, _| {});
    let e2 = petrel_syntax::train_tagger(&sents, &ens, |_, _, _| {});
    assert_eq!(e1.to_bytes(), e2.to_bytes());
    let single = petrel_syntax::train_tagger(&sents, &one, |_, _, _| {});
    assert_ne!(e1.to_bytes(), single.to_bytes());
    let mut pe = petrel_syntax::train_parser(&sents, &tags, &popts, |_, _, _| {});
    let others: Vec<petrel_syntax::Parser> = [8, 9]
        .into_iter()
        .map(|seed| {
            let o = petrel_syntax::ParserTrainOptions {
                seed,
                ..popts.clone()
            };
            petrel_syntax::train_parser(&sents, &tags, &o, |_, _, _| {})
        })
        .collect();
    pe.average_with(&others);
    assert_ne!(pe.to_bytes(), p1.to_bytes());
    let e1 = petrel_syntax::Tagger::from_bytes("e", &e1.to_bytes()).unwrap();
    let pe = petrel_syntax::Parser::from_bytes("pe", &pe.to_bytes()).unwrap();
    let mut syn = Syntax::new(std::sync::Arc::new(e1), std::sync::Arc::new(pe));
    let scores = petrel_syntax::eval::eval_gold_tokens(&mut syn, &sents);
    assert_eq!(scores.upos, scores.gold_words);
    assert_eq!(scores.las_full, scores.gold_words);
}

#[test]
fn components_fill_a_document() {
    use petrel_doc::{Component, Document, Sentence};
    let text = "Talks collapsed when the rebels rejected the offer.";
    let mut doc = Document::new(Default::default(), text);
    let mut pos = 0;
    let words = [
        "Talks",
        "collapsed",
        "when",
        "the",
        "rebels",
        "rejected",
        "the",
        "offer",
        ".",
    ];
    for w in words {
        let start = text[pos..].find(w).unwrap() + pos;
        let end = start + w.len();
        let sym = doc.strings.intern(w);
        let space = text[end..].starts_with(' ');
        doc.tokens.push(start as u32, end as u32, sym, space);
        pos = end;
    }
    doc.sentences.push(Sentence {
        tokens: 0..words.len() as u32,
        start: 0,
        end: text.len() as u32,
    });
    let (tagger, parser) = petrel_syntax::components(None).unwrap();
    // The parser needs tags.
    assert!(parser.process(&mut doc.clone()).is_err());
    tagger.process(&mut doc).unwrap();
    parser.process(&mut doc).unwrap();
    assert!(doc.tokens.is_tagged() && doc.tokens.is_parsed());
    // Each token carries its word class from the clusters: common words have one, and a
    // word the clusters never saw has none.
    assert_eq!(doc.tokens.cluster.len(), words.len());
    assert!(
        doc.tokens.cluster[1..6].iter().all(|&c| c > 0),
        "{:?}",
        doc.tokens.cluster
    );
    let mut odd = doc.clone();
    odd.tokens.form[4] = odd.strings.intern("Zqxvblorp");
    tagger.process(&mut odd).unwrap();
    assert_eq!(odd.tokens.cluster[4], 0);
    assert_eq!(doc.strings.resolve(doc.tokens.lemma[5]), "reject");
    let roots = doc
        .tokens
        .head
        .iter()
        .filter(|&&h| h == petrel_doc::NO_HEAD)
        .count();
    assert_eq!(roots, 1);
    assert_eq!(doc.tokens.head[4], 5, "rebels ← rejected");
    assert_eq!(doc.strings.resolve(doc.tokens.deprel[4]), "nsubj");
    let mut out = String::new();
    petrel_syntax::doc_to_conllu(&doc, &mut out);
    let parsed = conllu::parse("out", &out).unwrap();
    assert_eq!(parsed.len(), 1);
    assert_eq!(parsed[0].words[1].lemma, "collapse");
    assert_eq!(parsed[0].words[0].misc, "_");
    assert_eq!(parsed[0].words[7].misc, "SpaceAfter=No");
}

#[test]
fn a_news_verb_seen_mostly_as_a_passive_is_still_the_main_verb() {
    // "detained" and "struck" are mostly passive participles in the treebanks.
    let p = analyse("Police detained nine students .");
    assert_eq!(rel(&p, "detained"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "Police"), ("detained", "nsubj"), "{p:?}");
    assert_eq!(rel(&p, "students"), ("detained", "obj"), "{p:?}");
    let p = analyse("Jets struck depots near the port .");
    assert_eq!(rel(&p, "struck"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "Jets"), ("struck", "nsubj"), "{p:?}");
    // The object may open with "at least" or "more than".
    let p = analyse("A bomber killed at least nine worshippers at the shrine .");
    assert_eq!(rel(&p, "killed"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "bomber"), ("killed", "nsubj"), "{p:?}");
    // Per clause: a relative clause's verb later on does not hide the main verb.
    let p = analyse("Riot police fired tear gas at students who tried to enter the campus .");
    assert_eq!(rel(&p, "fired"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "police"), ("fired", "nsubj"), "{p:?}");
    // An opening prepositional phrase holds no clause, and a day is no object.
    let p = analyse("In a poll released Sunday , most voters backed the plan .");
    assert_ne!(rel(&p, "released").1, "root", "{p:?}");
    let p = analyse("Nine men detained Sunday were freed .");
    assert_ne!(rel(&p, "men").1, "nsubj", "{p:?}");
    // A headline passive keeps its participle: no object follows it.
    let p = analyse("Nine students detained in Osh");
    assert_ne!(rel(&p, "students").1, "nsubj", "{p:?}");
    // A full sentence needs a verb: with none finite, a participle before a preposition is it.
    let p = analyse("Before the vote , a union of farmers called for a strike .");
    assert_eq!(rel(&p, "called"), ("ROOT", "root"), "{p:?}");
    let p = analyse("Rival gangs fought in the market .");
    assert_eq!(rel(&p, "gangs"), ("fought", "nsubj"), "{p:?}");
    // A second participle before the object describes it.
    let p = analyse("Kenya extradited suspected smuggler Omar Farah to Somalia on Monday .");
    assert_eq!(rel(&p, "extradited"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "Kenya"), ("extradited", "nsubj"), "{p:?}");
    assert_eq!(rel(&p, "suspected").1, "amod", "{p:?}");
    // A conjunct finite verb after "and" does not hide the first verb.
    let p = analyse("A senior Chilean official today praised the new law and said it would help .");
    assert_eq!(rel(&p, "praised"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "official"), ("praised", "nsubj"), "{p:?}");
    // A by-phrase keeps the passive.
    let p = analyse("Nine students detained by police .");
    assert_ne!(rel(&p, "students").1, "nsubj", "{p:?}");
    // An adverb between subject and verb, and a that-clause with its own finite verb.
    let p = analyse("Okafor later told reporters that the footage was not from a useful angle .");
    assert_eq!(rel(&p, "told"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "Okafor"), ("told", "nsubj"), "{p:?}");
    let p = analyse("The mayor later told reporters that he would resign .");
    assert_eq!(rel(&p, "mayor"), ("told", "nsubj"), "{p:?}");
    // A day between the participle and its preposition.
    let p = analyse("A state appeals court ruled Friday against the new voting rules .");
    assert_eq!(rel(&p, "ruled"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "court"), ("ruled", "nsubj"), "{p:?}");
}

#[test]
fn an_s_word_before_a_past_verb_is_a_plural_noun() {
    let p = analyse("Campbell aides acknowledged a close tie with the firm .");
    let aides = p.iter().find(|t| t.0 == "aides").unwrap();
    assert_eq!(aides.1, "NOUN", "{p:?}");
    assert_eq!(rel(&p, "acknowledged"), ("ROOT", "root"), "{p:?}");
    // Before a singular verb it stays a verb: "what the firm wants is …".
    let p = analyse("All the firm wants is a fair hearing .");
    let wants = p.iter().find(|t| t.0 == "wants").unwrap();
    assert_eq!(wants.1, "VERB", "{p:?}");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Words that exercise the tagger's repairs: participles, nouns, numbers, quantity
    /// words, hyphens, punctuation, quote marks and wh-words, in any order.
    const WORDS: &[&str] = &[
        "Police", "detained", "struck", "test", "-", "fired", "at", "least", "12", "people", ",",
        "who", "\"", ".", "In", "a", "survey", "released", "Sunday", "and", "was", "the",
        "Brenner",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_word_sequence_is_tagged_and_parsed(idx in prop::collection::vec(0..WORDS.len(), 0..24)) {
            let sentence: Vec<&str> = idx.iter().map(|&i| WORDS[i]).collect();
            let mut syn = Syntax::embedded().expect("embedded models load");
            let mut a = Analysis::default();
            syn.analyse(&sentence, true, &mut a);
            prop_assert_eq!(a.classes.len(), sentence.len());
            prop_assert_eq!(a.heads.len(), sentence.len());
        }
    }
}

#[test]
fn clusters_and_tagger_alternatives_are_stored_in_the_models() {
    use petrel_syntax::clusters::Clusters;
    use std::sync::Arc;
    let sents = conllu::parse("tiny", TINY).unwrap();
    // Verbs of the tiny treebank share a class with unseen ones; nouns another.
    let clusters = Arc::new(
        Clusters::parse(
            "test clusters",
            "# petrel clusters 2 4\nentered\t0\t1\napproved\t0\t1\nseized\t0\t1\n\
             city\t1\t2\nplan\t1\t2\nport\t1\t3\n",
        )
        .unwrap(),
    );
    let topts = petrel_syntax::TaggerTrainOptions {
        epochs: 5,
        seed: 3,
        clusters: Some(clusters.clone()),
        ..Default::default()
    };
    let t1 = petrel_syntax::train_tagger(&sents, &topts, |_, _, _| {});
    let t2 = petrel_syntax::train_tagger(&sents, &topts, |_, _, _| {});
    assert_eq!(t1.to_bytes(), t2.to_bytes());
    assert!(
        t1.describe().contains("6 cluster words"),
        "{}",
        t1.describe()
    );
    let plain = petrel_syntax::TaggerTrainOptions {
        clusters: None,
        ..topts.clone()
    };
    let t0 = petrel_syntax::train_tagger(&sents, &plain, |_, _, _| {});
    assert!(
        t0.describe().contains("0 cluster words"),
        "{}",
        t0.describe()
    );
    let tagger = Arc::new(petrel_syntax::Tagger::from_bytes("t", &t1.to_bytes()).unwrap());
    assert_eq!(tagger.to_bytes(), t1.to_bytes());

    // The parser learns from the tagger's tags and its runner-up tags.
    let hashes: Vec<u64> = (0..tagger.n_classes())
        .map(|c| petrel_syntax::parser_tag_hash(&tagger.upos[c], &tagger.xpos[c]))
        .collect();
    let mut scratch = petrel_syntax::tagger::TagScratch::default();
    let (mut classes, mut alts) = (Vec::new(), Vec::new());
    let (mut tags, mut alt_values) = (Vec::new(), Vec::new());
    for s in &sents {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        tagger.tag_with_alternatives(&forms, &mut scratch, &mut classes, &mut alts);
        assert_eq!(alts.len(), forms.len());
        tags.push(classes.iter().map(|&c| hashes[c as usize]).collect());
        alt_values.push(
            alts.iter()
                .map(|&a| petrel_syntax::alt_hash(&hashes, a))
                .collect::<Vec<u64>>(),
        );
    }
    let popts = petrel_syntax::ParserTrainOptions {
        epochs: 10,
        seed: 3,
        clusters: Some(clusters),
        ..Default::default()
    };
    let train = |alts: Option<&[Vec<u64>]>| {
        petrel_syntax::train_parser_with_alternatives(&sents, &tags, alts, &popts, |_, _, _| {})
    };
    let p1 = train(Some(&alt_values));
    assert_eq!(p1.to_bytes(), train(Some(&alt_values)).to_bytes());
    let parser = petrel_syntax::Parser::from_bytes("p", &p1.to_bytes()).unwrap();
    assert!(parser.uses_alternatives());
    assert!(
        parser.describe().contains("6 cluster words"),
        "{}",
        parser.describe()
    );
    assert!(!train(None).uses_alternatives());
    let mut syn = Syntax::new(tagger, Arc::new(parser));
    let scores = petrel_syntax::eval::eval_gold_tokens(&mut syn, &sents);
    assert_eq!(scores.upos, scores.gold_words);
    assert_eq!(scores.las_full, scores.gold_words);
}

#[test]
fn a_noun_ending_in_ly_after_a_determiner_is_no_adverb() {
    let p = analyse(
        "Jordan , a close U.S. ally in the fight against smuggling , has declined to join the \
         force .",
    );
    let ally = p.iter().find(|t| t.0 == "ally").unwrap();
    assert_eq!(ally.1, "NOUN", "{p:?}");
    assert_eq!(rel(&p, "declined"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "Jordan"), ("declined", "nsubj"), "{p:?}");
    // A word that was never a noun in training does not become one.
    let p = analyse("He left the talks a little early , aides said .");
    let early = p.iter().find(|t| t.0 == "early").unwrap();
    assert_ne!(early.1, "NOUN", "{p:?}");
}

#[test]
fn a_person_adjective_ending_its_noun_phrase_is_the_noun() {
    let p = analyse("The military yesterday denied the report .");
    assert_eq!(rel(&p, "military"), ("denied", "nsubj"), "{p:?}");
    assert_eq!(rel(&p, "report"), ("denied", "obj"), "{p:?}");
    let p = analyse("A top Chilean official today praised the new law .");
    assert_eq!(rel(&p, "official"), ("praised", "nsubj"), "{p:?}");
    // Before its noun it stays an adjective.
    let p = analyse("The official report was published today .");
    assert_eq!(rel(&p, "official").1, "amod", "{p:?}");
}

/// Wire shapes the parse repairs mend (module docs of `parser.rs`), each checked on the
/// relation an event coder reads.
#[test]
fn wire_shapes_keep_their_subjects() {
    // A noun phrase after an opening phrase and its comma is the subject, and a day after
    // the reporting verb is no second subject.
    let p = analyse(
        "In a rare move , Chilean police in Arica seized rifles from armed gangs , the navy \
         said Friday .",
    );
    assert_eq!(rel(&p, "police"), ("seized", "nsubj"), "{p:?}");
    assert_ne!(rel(&p, "Friday").1, "nsubj", "{p:?}");
    // A name after a common noun heads it.
    let p = analyse("NATO - member Estonia is ready to send troops .");
    assert_eq!(rel(&p, "member").0, "Estonia", "{p:?}");
    // An intransitive news verb before its preposition is the clause's verb.
    let p = analyse("Thousands of Kurds demonstrated in the city on Sunday , witnesses said .");
    assert_eq!(rel(&p, "Thousands"), ("demonstrated", "nsubj"), "{p:?}");
    // After an apposition set off by commas, a participle before a preposition is the verb
    // of a sentence that has none.
    let p = analyse("The rebel group , the Popular Front ( PF ) , insisted on direct talks .");
    assert_eq!(rel(&p, "insisted"), ("ROOT", "root"), "{p:?}");
    // Two adjacent names are one subject.
    let p = analyse(
        "Karim Abdul Nasser has agreed to resign from Egyptian Foreign Minister position after \
         weeks of protests .",
    );
    assert_eq!(rel(&p, "Abdul").1, "flat", "{p:?}");
    assert_eq!(rel(&p, "Karim"), ("agreed", "nsubj"), "{p:?}");
}

#[test]
fn a_title_before_the_subject_name_is_the_names() {
    // "nominee" is the title of the name, not a bare time adjunct of the verb.
    let p = analyse("Republican nominee Mike Ruiz said the levy was unfair .");
    assert_eq!(rel(&p, "nominee").0, "Mike", "{p:?}");
    assert_eq!(rel(&p, "Mike"), ("said", "nsubj"), "{p:?}");
    // A time noun is no title.
    let p = analyse("Last week Ana Ruiz said the levy was unfair .");
    assert_ne!(rel(&p, "week").1, "nmod:desc", "{p:?}");
}

#[test]
fn a_verb_after_a_set_off_relative_clause_of_the_opening_name_is_the_main_verb() {
    let p = analyse(
        "Former state senator Ida Vance , who now runs a charity , also said the plan was weak .",
    );
    assert_eq!(rel(&p, "said"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "Ida"), ("said", "nsubj"), "{p:?}");
    assert_eq!(rel(&p, "runs"), ("Ida", "acl:relcl"), "{p:?}");
}

#[test]
fn the_halves_of_a_hyphenated_name_stay_one_subject() {
    let p = analyse("The labor market is tight , and wages rose , Ms. Fenwick - Oduya said .");
    assert_eq!(rel(&p, "Oduya").0, "Fenwick", "{p:?}");
    assert_eq!(rel(&p, "Fenwick"), ("said", "nsubj"), "{p:?}");
}

#[test]
fn the_person_called_is_the_object_of_called() {
    let p = analyse("Tillerson called Russian Foreign Minister Sergey Lavrov to discuss the war .");
    assert_eq!(rel(&p, "Sergey"), ("called", "obj"), "{p:?}");
    assert_eq!(rel(&p, "Russian"), ("Minister", "amod"), "{p:?}");
    // A predicate after an object stays one.
    let p = analyse("Critics called Ruiz a liar .");
    assert_eq!(rel(&p, "liar"), ("called", "xcomp"), "{p:?}");
}

#[test]
fn a_rare_irregular_past_read_as_a_noun_is_the_verb() {
    let p = analyse("The ministry froze funds earmarked for the dam project .");
    assert_eq!(p[2].1, "VERB", "{p:?}");
    assert_eq!(rel(&p, "froze"), ("ROOT", "root"), "{p:?}");
    assert_eq!(rel(&p, "funds"), ("froze", "obj"), "{p:?}");
}

#[test]
fn an_ed_word_after_and_is_a_second_past_verb_only_before_an_object() {
    let p = analyse("Rebels attacked the army post and wounded four soldiers .");
    assert_eq!(p[6].1, "VERB", "{p:?}");
    let p = analyse("Fighters shelled the town and wounded civilians fled .");
    assert_eq!(p[5].1, "ADJ", "{p:?}");
}

#[test]
fn a_closing_attribution_is_no_conjunct() {
    let p = analyse(
        "Rebels from the Democratic Forces seized the town of Kalima after two days of \
         fighting , a local official told reporters .",
    );
    assert_eq!(rel(&p, "told"), ("seized", "parataxis"), "{p:?}");
    // A conjunct with its conjunction stays one.
    let p = analyse("Rebels seized the town and officials said nothing .");
    assert_ne!(rel(&p, "said").1, "parataxis", "{p:?}");
}

#[test]
fn a_noun_right_after_a_modal_is_its_verb() {
    let p = analyse("The envoy said Norway must hand over the two suspects .");
    assert_eq!(p[5].1, "VERB", "{p:?}");
    assert_eq!(p[5].2, "hand", "{p:?}");
    // Adverbs may stand between; a noun after a determiner stays a noun.
    let p = analyse("Oslo will not hand over anyone , the hand of the court is weak .");
    assert_eq!(p[3].1, "VERB", "{p:?}");
    assert_eq!(p[8].1, "NOUN", "{p:?}");
}

#[test]
fn a_participle_after_a_subordinator_and_its_subject_before_an_object_is_the_verb() {
    let p = analyse("The activist fled to Vilnius after police raided his home .");
    assert_eq!(rel(&p, "police"), ("raided", "nsubj"), "{p:?}");
    assert_eq!(rel(&p, "home"), ("raided", "obj"), "{p:?}");
    // Before a time it stays a participle: the truce is not its subject.
    let p = analyse("Fighting resumed after the truce signed last week collapsed .");
    assert_ne!(rel(&p, "truce"), ("signed", "nsubj"), "{p:?}");
}

#[test]
fn irregular_pasts_the_treebanks_lack_are_lemmatised() {
    let p = analyse("The rebels fled north .");
    assert_eq!(p[2].2, "flee", "{p:?}");
    let p = analyse("Two soldiers bled to death .");
    assert_eq!(p[2].2, "bleed", "{p:?}");
    let p = analyse("The guerrillas had overrun the post and slain its guards .");
    assert_eq!(p[3].2, "overrun", "{p:?}");
}
