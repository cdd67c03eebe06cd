//! Quote extraction on invented news sentences.

use petrel_doc::{Component, Document, Meta, Quote};
use petrel_quotes::QuotesComponent;

fn run(text: &str) -> Document {
    let mut d = Document::new(Meta::default(), text);
    petrel_text::TextComponent::default()
        .process(&mut d)
        .unwrap();
    QuotesComponent::default().process(&mut d).unwrap();
    d
}

/// With the tagger and parser, as in the pipeline.
fn run_parsed(text: &str) -> Document {
    let mut d = Document::new(Meta::default(), text);
    petrel_text::TextComponent::default()
        .process(&mut d)
        .unwrap();
    let (tagger, parser) = petrel_syntax::components(None).unwrap();
    tagger.process(&mut d).unwrap();
    parser.process(&mut d).unwrap();
    QuotesComponent::default().process(&mut d).unwrap();
    d
}

/// Asserts that every quote of `d` passes `ok`, showing them all when one does not.
fn every_quote(d: &Document, ok: impl Fn(&Quote) -> bool) {
    assert!(d.quotes.iter().all(ok), "{:#?}", d.quotes);
}

fn find<'a>(d: &'a Document, needle: &str) -> &'a Quote {
    d.quotes
        .iter()
        .find(|q| q.content.contains(needle))
        .unwrap_or_else(|| panic!("no quote with {needle:?} in {:#?}", d.quotes))
}

#[test]
fn direct_quote_with_speaker_after_and_curly_marks() {
    let d = run("“We will rebuild the bridge before winter,” Mayor Talant Usenov said on Monday.");
    let q = find(&d, "rebuild the bridge");
    assert_eq!(q.kind, "direct");
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert_eq!(q.speaker.as_deref(), Some("Mayor Talant Usenov"));
}

#[test]
fn direct_quote_with_inverted_cue_and_pronoun() {
    let d = run("\"The talks are over for now,\" said Anna Petrova. \"We need time,\" she said.");
    let q = find(&d, "talks are over");
    assert_eq!(q.speaker.as_deref(), Some("Anna Petrova"));
    let q = find(&d, "need time");
    assert_eq!(q.speaker.as_deref(), Some("she"));
}

#[test]
fn misspelt_cue_after_a_quote_is_accepted() {
    let d = run("\"The border post will stay closed until the inquiry ends,\" Bekmurzayev saod.");
    let q = find(&d, "border post");
    assert_eq!(q.cue.as_deref(), Some("saod"));
    assert_eq!(q.speaker.as_deref(), Some("Bekmurzayev"));
}

#[test]
fn quote_spanning_sentences_with_cue_before() {
    let d = run("The minister told parliament: \"Prices rose again. We cannot wait any longer.\" Nobody answered.");
    let q = find(&d, "cannot wait");
    assert!(q.content.contains("Prices rose"), "{q:?}");
    assert_eq!(q.cue.as_deref(), Some("told"));
    assert_eq!(q.speaker.as_deref(), Some("The minister"));
}

#[test]
fn reported_speech_with_that_and_a_title_speaker() {
    let d = run("The aide said that the president would travel to the capital next week.");
    let q = find(&d, "president would travel");
    assert_eq!(q.kind, "indirect");
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert_eq!(q.speaker.as_deref(), Some("The aide"));
    assert!(q.content.starts_with("that"));
    assert!(!q.content.ends_with('.'));
}

#[test]
fn reported_speech_with_speaker_after_and_according_to() {
    let d = run(
        "Three soldiers were wounded in the clash, the ministry said. \
                 The fighting began at dawn, according to local officials.",
    );
    let q = find(&d, "soldiers were wounded");
    assert_eq!(q.speaker.as_deref(), Some("the ministry"));
    let q = find(&d, "fighting began");
    assert_eq!(q.cue.as_deref(), Some("according to"));
    assert_eq!(q.speaker.as_deref(), Some("local officials"));
}

#[test]
fn partial_quote_stays_inside_reported_speech() {
    let d = run("Officials said the army was \"prepared to help\" if the floods reached the city.");
    let q = find(&d, "prepared to help");
    assert_eq!(q.kind, "indirect");
    assert_eq!(q.speaker.as_deref(), Some("Officials"));
    assert!(q.content.contains("floods reached"));
}

#[test]
fn speakers_link_to_actors_when_mentions_exist() {
    use petrel_doc::{Actor, Mention, MentionKind, Span};
    let mut d = Document::new(
        Meta::default(),
        "Ivan Sokolov spoke first. \"We are ready,\" he said.",
    );
    petrel_text::TextComponent::default()
        .process(&mut d)
        .unwrap();
    d.actors.push(Actor {
        name: "Ivan Sokolov".into(),
        ..Default::default()
    });
    d.mentions.push(Mention {
        span: Span::new(0, 12),
        tokens: (0, 2),
        head: 1,
        kind: MentionKind::Person,
        actor: Some(0),
    });
    QuotesComponent::default().process(&mut d).unwrap();
    let q = find(&d, "ready");
    assert_eq!(q.speaker.as_deref(), Some("he"));
    assert_eq!(q.actor, Some(0));
}

#[test]
fn no_tokens_no_quotes() {
    let mut d = Document::new(Meta::default(), "\"Nothing\" was tokenised.");
    QuotesComponent::default().process(&mut d).unwrap();
    assert!(d.quotes.is_empty());
}

#[test]
fn headline_and_transcript_speakers_before_a_colon() {
    let d = run("Senator Vale: The budget will pass this month\n\nHOST: Will you vote for the budget tomorrow?\n");
    let q = find(&d, "budget will pass");
    assert_eq!(q.cue.as_deref(), Some(":"));
    assert_eq!(q.speaker.as_deref(), Some("Senator Vale"));
    let q = find(&d, "vote for the budget");
    assert_eq!(q.speaker.as_deref(), Some("HOST"));
}

#[test]
fn odd_input_gives_no_panic_and_valid_spans() {
    for text in [
        "\"",
        "\" \" \" ,\" said",
        "He said",
        "said: \"",
        "“Unclosed quote that runs on\n\nand on,” she said. \"",
        ": : :",
        "A: \n\nB:",
        "''Two apostrophes,'' and ``backticks'' said X.",
    ] {
        let d = run(text);
        for q in &d.quotes {
            assert!(q.content_span.start < q.content_span.end, "{text:?}: {q:?}");
            assert!(d
                .text
                .get(q.content_span.start as usize..q.content_span.end as usize)
                .is_some());
        }
    }
}

#[test]
fn derived_cue_verb_takes_subject_and_complement_from_the_parse() {
    let d = run_parsed("The farmers union urged the government to cut fuel taxes.");
    let q = find(&d, "cut fuel taxes");
    assert_eq!(q.cue.as_deref(), Some("urged"));
    assert_eq!(q.speaker.as_deref(), Some("The farmers union"));
    assert!(!q.content.contains("union"), "{q:?}");
}

#[test]
fn participle_cue_inherits_the_subject_of_its_clause() {
    let d = run_parsed(
        "The opposition leader walked out of the debate on Tuesday, saying the vote had been rigged.",
    );
    let q = find(&d, "vote had been rigged");
    assert_eq!(q.cue.as_deref(), Some("saying"));
    assert_eq!(q.speaker.as_deref(), Some("The opposition leader"));
}

#[test]
fn subject_with_appositive_is_not_taken_for_content() {
    let d = run_parsed(
        "Marta Quill, a spokeswoman for the port authority, said the docks would reopen on Friday.",
    );
    let q = find(&d, "docks would reopen");
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert_eq!(
        q.speaker.as_deref(),
        Some("Marta Quill, a spokeswoman for the port authority")
    );
    assert!(!q.content.contains("Quill"), "{q:?}");
}

#[test]
fn times_after_the_speaker_are_not_part_of_it() {
    let d = run_parsed("Party spokesman Lee Brandt on Thursday evening said the party was united.");
    let q = find(&d, "party was united");
    assert_eq!(q.speaker.as_deref(), Some("Party spokesman Lee Brandt"));
}

#[test]
fn according_to_inside_a_sentence_covers_both_parts() {
    let d = run("Donations, according to the campaign, have doubled since March.");
    let q = find(&d, "have doubled");
    assert!(q.content.starts_with("Donations"), "{q:?}");
    assert_eq!(q.cue.as_deref(), Some("according to"));
    assert_eq!(q.speaker.as_deref(), Some("the campaign"));
}

#[test]
fn a_noun_that_looks_like_a_cue_is_not_one_when_tagged() {
    let d = run_parsed("In many states, turnout fell by a third.");
    assert!(d.quotes.is_empty(), "{:#?}", d.quotes);
}

#[test]
fn speaker_keeps_a_relative_clause_a_title_and_a_quantifier() {
    let d = run_parsed(
        "Former state senator Ida Vance, who now runs a charity, also said the plan was weak. \
         At least half of the voters in each district said the economy mattered most.",
    );
    let q = find(&d, "plan was weak");
    assert_eq!(
        q.speaker.as_deref(),
        Some("Former state senator Ida Vance, who now runs a charity")
    );
    let q = find(&d, "economy mattered");
    assert_eq!(
        q.speaker.as_deref(),
        Some("At least half of the voters in each district")
    );
}

#[test]
fn speaker_after_a_quote_keeps_the_appositive() {
    let d = run_parsed(
        "\"We expect a long winter,\" said Jon Mirren, a senior adviser to the governor.",
    );
    let q = find(&d, "long winter");
    assert_eq!(
        q.speaker.as_deref(),
        Some("Jon Mirren, a senior adviser to the governor")
    );
}

#[test]
fn a_stance_inside_reported_speech_is_not_a_second_attribution() {
    let d = run_parsed("The driver said he noticed smoke rising from the second carriage.");
    let q = find(&d, "smoke rising");
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert_eq!(q.speaker.as_deref(), Some("The driver"));
    assert_eq!(d.quotes.len(), 1, "{:#?}", d.quotes);
}

#[test]
fn cue_noun_takes_the_possessor_and_its_prepositional_object() {
    let d = run_parsed("The mayor's criticism of the new parking fees surprised the council.");
    let q = find(&d, "parking fees");
    assert_eq!(q.cue.as_deref(), Some("criticism"));
    // Annotators mark a possessor source with or without its "'s" (more often with).
    let sp = q.speaker.as_deref().unwrap_or_default();
    assert!(matches!(sp, "The mayor" | "The mayor's"), "{q:?}");
    assert!(!q.content.contains("mayor"), "{q:?}");
    assert!(!q.content.contains("council"), "{q:?}");
}

#[test]
fn cue_noun_as_object_is_spoken_by_the_verb_subject() {
    let d = run_parsed("Several dairy farmers had concerns about the new water rules.");
    let q = find(&d, "water rules");
    assert_eq!(q.cue.as_deref(), Some("concerns"));
    assert_eq!(q.speaker.as_deref(), Some("Several dairy farmers"));
    assert_eq!(q.content, "the new water rules");
    // With a cue verb, the verb's attribution holds the noun.
    let d = run_parsed("Several dairy farmers voiced support for the new water rules.");
    let q = find(&d, "water rules");
    assert_eq!(q.cue.as_deref(), Some("voiced"));
    assert_eq!(d.quotes.len(), 1, "{:#?}", d.quotes);
}

#[test]
fn opening_poll_phrase_attributes_the_rest_of_the_sentence() {
    let d = run_parsed(
        "In a survey released Sunday, most teachers in the province backed the longer school year.",
    );
    let q = find(&d, "longer school year");
    assert_eq!(q.cue.as_deref(), Some("In"));
    assert_eq!(q.speaker.as_deref(), Some("a survey released Sunday"));
    assert!(q.content.starts_with("most teachers"), "{q:?}");
    // A poll as a setting inside the clause is no attribution.
    let d = run_parsed("The senator has trailed badly in the polls since the spring.");
    every_quote(&d, |q| q.cue.as_deref() != Some("in"));
}

#[test]
fn in_her_view_makes_the_possessor_the_source() {
    let d = run_parsed("In her view, the harbour tax will drive shipping firms to other ports.");
    let q = find(&d, "harbour tax");
    assert_eq!(q.cue.as_deref(), Some("view"));
    assert_eq!(q.speaker.as_deref(), Some("her"));
}

#[test]
fn cue_adverb_attributes_its_clause_without_a_speaker() {
    let d = run_parsed("The shipping firm is reportedly weighing a sale of its river fleet.");
    let q = find(&d, "river fleet");
    assert_eq!(q.cue.as_deref(), Some("reportedly"));
    assert_eq!(q.speaker, None);
    assert!(q.content.starts_with("The shipping firm"), "{q:?}");
}

#[test]
fn according_to_without_a_comma_takes_the_clause_before() {
    let d = run_parsed(
        "The mayor leads her rival by nine points according to a count by the local paper.",
    );
    let q = find(&d, "nine points");
    assert_eq!(q.cue.as_deref(), Some("according to"));
    assert!(q.content.starts_with("The mayor leads"), "{q:?}");
    assert!(!q.content.contains("count"), "{q:?}");
}

#[test]
fn headline_speaker_before_a_colon_may_be_lower_case() {
    let d =
        run("Farm lobby at summit: Water rules will ruin growers.\nThe talks opened on Monday.");
    let q = find(&d, "ruin growers");
    assert_eq!(q.speaker.as_deref(), Some("Farm lobby at summit"));
    // Below the headline, a colon after lower-case words is no attribution.
    let d = run("The talks opened.\nFarm lobby at summit: Water rules will ruin growers.");
    every_quote(&d, |q| !q.content.contains("ruin"));
}

#[test]
fn learned_source_picker_takes_the_relative_pronoun_as_annotators_do() {
    let text = "The council thanked the volunteers from the river clean-up, who said they would \
                return next spring.";
    let d = run_parsed(text);
    // ("thanked" may read as a cue of its own, with the volunteers as its content.)
    let q = d
        .quotes
        .iter()
        .find(|q| q.content.starts_with("they would return next spring"))
        .unwrap_or_else(|| panic!("{:#?}", d.quotes));
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert_eq!(q.speaker.as_deref(), Some("who"));
}

#[test]
fn learned_source_picker_gives_a_participle_the_subject_of_its_clause() {
    let d = run_parsed(
        "Protesters gathered outside the energy ministry on Friday, demanding that the minister \
         resign.",
    );
    let q = find(&d, "minister resign");
    assert_eq!(q.cue.as_deref(), Some("demanding"));
    assert_eq!(q.speaker.as_deref(), Some("Protesters"));
}

#[test]
fn speaker_with_appositive_is_kept_whole_before_the_cue() {
    let d = run_parsed(
        "Nadia Verhoeven, a spokeswoman for the port authority, insisted the dredging would \
         finish by June.",
    );
    let q = find(&d, "dredging");
    assert_eq!(q.cue.as_deref(), Some("insisted"));
    assert_eq!(
        q.speaker.as_deref(),
        Some("Nadia Verhoeven, a spokeswoman for the port authority")
    );
    assert_eq!(q.content, "the dredging would finish by June");
}

#[test]
fn embedded_model_loads_and_a_component_without_it_still_works() {
    petrel_quotes::check_embedded_model().unwrap();
    // The rules alone (no learned model) still find the attribution and a speaker.
    let mut d = Document::new(
        Meta::default(),
        "Nadia Verhoeven, a spokeswoman for the port authority, insisted the dredging would \
         finish by June.",
    );
    petrel_text::TextComponent::default()
        .process(&mut d)
        .unwrap();
    let (tagger, parser) = petrel_syntax::components(None).unwrap();
    tagger.process(&mut d).unwrap();
    parser.process(&mut d).unwrap();
    QuotesComponent::default()
        .with_source_model(None)
        .process(&mut d)
        .unwrap();
    let q = find(&d, "dredging");
    assert_eq!(q.cue.as_deref(), Some("insisted"));
    assert!(q
        .speaker
        .as_deref()
        .is_some_and(|s| s.starts_with("Nadia Verhoeven")));
}

#[test]
fn a_stance_verb_outside_the_cue_table_takes_its_clause_and_subject() {
    // Neither verb is in `data/cues-derived.tsv`: the learned cue scorer judges them from
    // their clausal complement and their subject.
    let d = run_parsed(
        "The shop owners grumbled that the new parking rules would drive customers away. \
         The director fretted that the museum would lose its funding.",
    );
    let q = find(&d, "parking rules");
    assert_eq!(q.cue.as_deref(), Some("grumbled"));
    assert_eq!(q.speaker.as_deref(), Some("The shop owners"));
    assert!(q.content.starts_with("that the new parking"), "{q:?}");
    let q = find(&d, "lose its funding");
    assert_eq!(q.cue.as_deref(), Some("fretted"));
    assert_eq!(q.speaker.as_deref(), Some("The director"));
}

#[test]
fn a_copular_adjective_with_a_clause_is_a_cue() {
    let d = run_parsed("The mayor was adamant that the library would stay open.");
    let q = find(&d, "library would stay open");
    assert_eq!(q.cue.as_deref(), Some("adamant"));
    assert_eq!(q.speaker.as_deref(), Some("The mayor"));
    // Without the parse there is nothing to judge the adjective by.
    assert!(
        run("The mayor was adamant that the library would stay open.")
            .quotes
            .is_empty()
    );
}

#[test]
fn a_later_prepositional_phrase_is_the_content_of_a_cue_verb() {
    let d = run_parsed("She spoke angrily about the pension reform.");
    let q = find(&d, "pension reform");
    assert_eq!(q.cue.as_deref(), Some("spoke"));
    assert_eq!(q.content, "the pension reform");
    assert_eq!(q.speaker.as_deref(), Some("She"));
}

#[test]
fn a_cue_with_its_own_clause_does_not_take_the_quote_before_it() {
    let d = run_parsed(
        "The mayor called the proposal \"reckless\" and said the council would reject it.",
    );
    let q = find(&d, "council would reject");
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert_eq!(q.speaker.as_deref(), Some("The mayor"));
    assert!(d
        .quotes
        .iter()
        .all(|q| q.content != "\"reckless\"" || q.cue.as_deref() != Some("said")));
}

#[test]
fn an_opening_mark_glued_to_the_words_before_it_closes_the_quote() {
    // (The second quote in a paragraph of its own: in the same paragraph a short quoted
    // sentence continues the first quote, attribution and all.)
    let d = run("“The bridge will close next year,“ said Tom Barra.\n\n“It is unsafe.”");
    let q = find(&d, "bridge will close");
    assert_eq!(q.kind, "direct");
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert_eq!(q.speaker.as_deref(), Some("Tom Barra"));
    assert!(!q.content.contains("said"), "{q:?}");
}

#[test]
fn a_colon_closing_the_paragraph_before_a_quote_gives_its_cue() {
    let d = run("The spokesman says:\n\n\"Well, the plant is safe and the workers are fine.\"");
    let q = find(&d, "plant is safe");
    assert_eq!(q.cue.as_deref(), Some("says"));
    assert_eq!(q.speaker.as_deref(), Some("The spokesman"));
}

#[test]
fn closing_attributions_with_a_hyphenated_name_or_an_unmarked_clause() {
    let d = run_parsed(
        "The labor market is tight, and wages rose, Ms. Fenwick-Oduya said.\n\n\
         The ferry service will resume when the harbor reopens later this month, port \
         officials said Wednesday.",
    );
    let q = find(&d, "labor market");
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert_eq!(q.speaker.as_deref(), Some("Ms. Fenwick-Oduya"));
    assert_eq!(q.content, "The labor market is tight, and wages rose");
    let q = find(&d, "ferry service");
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert_eq!(q.speaker.as_deref(), Some("port officials"));
}

#[test]
fn a_long_appositive_between_a_quote_and_its_cue() {
    let d = run(
        "\"The council has no plan for the harbor,\" Ann Lowe, the former harbor \
         commissioner and a candidate for mayor, told reporters.",
    );
    let q = find(&d, "no plan for the harbor");
    assert_eq!(q.kind, "direct");
    assert_eq!(q.cue.as_deref(), Some("told"));
    assert_eq!(
        q.speaker.as_deref().map(|s| s.starts_with("Ann Lowe")),
        Some(true)
    );
}

#[test]
fn a_speaker_line_with_a_party_or_a_lower_case_title_before_a_quote() {
    let d = run_parsed(
        "Senators questioned the envoy on Tuesday.\n\nRep. Dana Whitlock (D-Ore.):\"Who gave \
         you that figure?\"\n\nFormer harbor commissioner Ann Lowe: \"We took it from the \
         port's own audit.\"\n\nThe result: the audit will be published in May.",
    );
    let q = find(&d, "Who gave you");
    assert_eq!(q.cue.as_deref(), Some(":"));
    assert_eq!(q.speaker.as_deref(), Some("Rep. Dana Whitlock (D-Ore.)"));
    let q = find(&d, "own audit");
    assert_eq!(
        q.speaker.as_deref(),
        Some("Former harbor commissioner Ann Lowe")
    );
    // Without a quote after it, a lower-case phrase before a colon names no speaker.
    every_quote(&d, |q| !q.content.contains("published"));
}

#[test]
fn an_opening_to_phrase_naming_people_gives_their_view() {
    let d = run_parsed(
        "To Ms. Varga, the new quota is a betrayal of the coast. To be sure, the quota will \
         be reviewed next year.",
    );
    let q = find(&d, "betrayal of the coast");
    assert_eq!(q.cue.as_deref(), Some("To"));
    assert_eq!(q.speaker.as_deref(), Some("Ms. Varga"));
    assert_eq!(q.content, "the new quota is a betrayal of the coast");
    every_quote(&d, |q| !q.content.contains("reviewed"));
}

#[test]
fn words_one_edit_from_a_cue_are_no_cue_in_mid_sentence() {
    // "days" and "States" are one edit from "says" and "stated", but no typo of a cue.
    let d = run(
        "\"The vote will be close,\" three days later the council met. \"We will stay,\" \
         the United States envoy told them.",
    );
    every_quote(&d, |q| q.cue.as_deref() != Some("days"));
    every_quote(&d, |q| q.cue.as_deref() != Some("States"));
    let q = find(&d, "We will stay");
    assert_eq!(q.cue.as_deref(), Some("told"));
}

#[test]
fn say_as_an_aside_between_commas_is_no_cue() {
    let d = run("The deficit could shrink to, say, two percent of output by next year.");
    assert!(d.quotes.is_empty(), "{:#?}", d.quotes);
    let d = run("Officials say the deficit could shrink to two percent of output.");
    assert_eq!(find(&d, "deficit could shrink").cue.as_deref(), Some("say"));
}

#[test]
fn a_partial_quote_is_not_attributed_to_the_next_coordinated_verb() {
    for d in [
        run("The mayor called the ruling \"a gift to speculators\" and promised to appeal it."),
        run_parsed(
            "The mayor called the ruling \"a gift to speculators\" and promised to appeal it.",
        ),
    ] {
        every_quote(&d, |q| {
            !(q.content.contains("gift") && q.cue.as_deref() == Some("promised"))
        });
    }
}

#[test]
fn said_right_after_a_quote_takes_it_despite_a_relative_clause_on_the_speaker() {
    let d = run_parsed(
        "\"Nobody in this valley trusts the new dam,\" said Ainura Sadykova, whose family \
         farms below it.",
    );
    let q = find(&d, "trusts the new dam");
    assert_eq!(q.cue.as_deref(), Some("said"));
    every_quote(&d, |q| !q.content.starts_with("Ainura"));
}

#[test]
fn a_stance_noun_object_takes_the_phrase_after_it() {
    // The parse hangs the phrase on the verb; it still belongs to the content.
    let d = run_parsed("The opposition leader expressed his concern over the delays.");
    let q = find(&d, "the delays");
    assert_eq!(q.cue.as_deref(), Some("expressed"));
    assert!(q.content.contains("his concern"), "{:#?}", d.quotes);
    let d = run_parsed("The minister sharply criticized the governor for the delays.");
    let q = find(&d, "the delays");
    assert_eq!(q.cue.as_deref(), Some("criticized"));
}

#[test]
fn a_participle_after_a_closing_cue_is_no_content() {
    let d = run("Turnout was higher than expected, the clerk said, pointing to the long queues.");
    let q = find(&d, "Turnout was higher");
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert_eq!(q.speaker.as_deref(), Some("the clerk"));
    assert!(d
        .quotes
        .iter()
        .all(|q| !(q.content.contains("pointing") && q.cue.as_deref() == Some("said"))));
}

#[test]
fn a_quoted_title_without_a_cue_is_no_quote() {
    let d = run("She is the author of \"The Long Road Home From the Northern Border Towns.\"");
    assert!(d.quotes.is_empty(), "{:#?}", d.quotes);
    // A quoted sentence in lower case still is one.
    let d = run("Near the square, \"we have waited for a bridge for twenty years now.\"");
    assert_eq!(d.quotes.len(), 1, "{:#?}", d.quotes);
}

#[test]
fn a_verb_with_its_own_object_after_a_quoted_name_does_not_take_it() {
    let d = run_parsed(
        "Speaking on \"Morning Report,\" Senator Dana Kerimova questioned the figures in the \
         audit.",
    );
    every_quote(&d, |q| {
        !(q.content.contains("Morning Report") && q.cue.as_deref() == Some("questioned"))
    });
}

#[test]
fn a_passive_cue_without_complement_reports_its_subject() {
    for (text, cue, content) in [
        (
            "The plan, which was first disclosed by the city paper, would close two schools.",
            "disclosed",
            "which",
        ),
        (
            "Her role in the deal was confirmed by two officials.",
            "confirmed",
            "Her role in the deal",
        ),
    ] {
        let d = run_parsed(text);
        let q = d
            .quotes
            .iter()
            .find(|q| q.cue.as_deref().is_some_and(|c| c.ends_with(cue)))
            .unwrap_or_else(|| panic!("{:#?}", d.quotes));
        assert_eq!(q.content, content);
        // The cue starts at the passive auxiliary.
        assert!(q.cue.as_deref().is_some_and(|c| c.starts_with("was")));
    }
}

#[test]
fn a_quote_closed_by_a_comma_takes_the_verb_of_the_short_clause_after_it() {
    let d = run_parsed(
        "\"Wages have not kept up with rents,\" the survey concluded.\n\n\
         \"Ban the tolls now,\" read one placard.",
    );
    let q = find(&d, "kept up with rents");
    assert_eq!(q.cue.as_deref(), Some("concluded"));
    assert_eq!(q.speaker.as_deref(), Some("the survey"));
    let q = find(&d, "Ban the tolls");
    assert_eq!(q.cue.as_deref(), Some("read"));
    assert_eq!(q.speaker.as_deref(), Some("one placard"));
    // A clause that goes on past a short adjunct is the next sentence, not an attribution.
    let d = run_parsed("\"It is over.\" The council voted on Monday to close the old market hall.");
    assert!(
        d.quotes.iter().all(|q| q.cue.as_deref() != Some("voted")),
        "{:#?}",
        d.quotes
    );
}

#[test]
fn a_possessor_source_keeps_its_s() {
    let d = run_parsed(
        "Aigerim Bekova's criticism of the tax plan drew wide support in the capital on Monday.",
    );
    let q = find(&d, "the tax plan");
    assert_eq!(q.cue.as_deref(), Some("criticism"));
    assert_eq!(q.speaker.as_deref(), Some("Aigerim Bekova's"));
}

#[test]
fn a_continued_quote_takes_the_final_speaker_of_the_quote_it_continues() {
    let d = run_parsed(
        "\"The bridge will open in May,\" said Aigerim Bekova, a spokeswoman for the transport \
         ministry.\n\n\"Work on the second span starts next year and will take two more years \
         to finish.\"",
    );
    let first = find(&d, "bridge will open");
    let next = find(&d, "second span");
    assert_eq!(next.cue, None);
    assert!(first.speaker_span.is_some(), "{:#?}", d.quotes);
    assert_eq!(next.speaker_span, first.speaker_span, "{:#?}", d.quotes);
}

#[test]
fn a_speaker_with_a_bracketed_party_keeps_its_closing_bracket() {
    let d = run_parsed("Rep. Ann Lee (R-Ohio) said that the dam report was false.");
    let q = find(&d, "dam report");
    assert_eq!(q.speaker.as_deref(), Some("Rep. Ann Lee (R-Ohio)"));
    let d = run_parsed("Sen. Tom Hale (R-Ky.) said that he would not back the levee bill.");
    let q = find(&d, "levee bill");
    assert_eq!(q.speaker.as_deref(), Some("Sen. Tom Hale (R-Ky.)"));
}

#[test]
fn a_dateline_with_a_date_stays_out_of_the_content() {
    let d = run_parsed(
        "LUSAKA, Feb. 2, 2026 -- Riot police fired tear gas at traders who blocked the market road, witnesses said.",
    );
    let q = find(&d, "tear gas");
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert!(q.content.starts_with("Riot police"), "{q:?}");
}

#[test]
fn a_set_off_participle_speaks_for_its_clauses_subject_not_its_object() {
    let d = run_parsed(
        "WASHINGTON, June 10, 2024 -- The United States imposed new sanctions on three Iranian banks on Tuesday, accusing them of financing militant groups in Iraq and Syria.",
    );
    let q = d
        .quotes
        .iter()
        .find(|q| q.cue.as_deref() == Some("accusing"))
        .unwrap_or_else(|| panic!("{:#?}", d.quotes));
    assert_eq!(q.speaker.as_deref(), Some("The United States"));
}

#[test]
fn a_misspelt_cue_after_a_common_noun_still_has_its_speaker() {
    let d = run_parsed("\"The ferry will sail again on Monday,\" the harbour master saod.");
    let q = find(&d, "ferry will sail");
    assert_eq!(q.cue.as_deref(), Some("saod"));
    assert_eq!(q.speaker.as_deref(), Some("the harbour master"));
}

#[test]
fn a_short_quoted_sentence_after_an_attributed_quote_continues_it() {
    let d = run_parsed("\"The wells are dry,\" a village elder said. \"Our goats are dying.\"");
    let q = find(&d, "wells are dry");
    assert!(q.content.contains("goats are dying"), "{q:?}");
    assert_eq!(q.speaker.as_deref(), Some("a village elder"));
}

#[test]
fn a_verb_in_the_speakers_relative_clause_is_not_the_quotes_cue() {
    let d = run_parsed(
        "\"The river took everything,\" one fisherman, who asked not to be named, told Reuters.",
    );
    let q = find(&d, "river took");
    assert_eq!(q.cue.as_deref(), Some("told"));
    assert_eq!(q.speaker.as_deref(), Some("one fisherman"));
}

#[test]
fn reported_speech_in_a_relative_clause_ends_with_the_clause() {
    let d =
        run_parsed("The militia, which denies the looting, said the inquiry was a smear campaign.");
    let q = find(&d, "inquiry");
    assert_eq!(q.cue.as_deref(), Some("said"));
    every_quote(&d, |q| {
        q.cue.as_deref() != Some("denies") || q.content == "the looting"
    });
}

#[test]
fn a_dash_byline_after_a_quote_names_its_speaker() {
    let text = "Readers told us what they made of the debate.\n\n\
        \u{201c}He never answered the question about jobs. I waited all night.\u{201d} \u{2015} Marta Quiroga\n\n\
        \u{201c}A calm night, but nothing new.\u{201d} \u{2015} Pedro L. Ibarra\n\n\
        \u{201c}Vote early, vote often, and bring a friend along.\u{201d} \u{2014} Ana Ode (@anaode) May 2, 2016\n";
    let d = run_parsed(text);
    let q = find(&d, "answered the question");
    assert_eq!(q.speaker.as_deref(), Some("Marta Quiroga"), "{q:#?}");
    assert_eq!(q.cue.as_deref(), Some("\u{2015}"), "{q:#?}");
    let q = find(&d, "calm night");
    assert_eq!(q.speaker.as_deref(), Some("Pedro L. Ibarra"), "{q:#?}");
    let q = find(&d, "bring a friend");
    assert_eq!(q.speaker.as_deref(), Some("Ana Ode (@anaode)"), "{q:#?}");
    // A dash before a sentence of prose is no byline.
    let d = run_parsed("The port reopened on Monday \u{2014} Officials said ships were waiting.\n");
    every_quote(&d, |q| q.cue.as_deref() != Some("\u{2014}"));
}

#[test]
fn interrupted_quote_leaves_its_attribution_out_of_the_text() {
    let d = run_parsed(
        "\"The strike will go on until the ministry answers,\" said Lena Morozova, the \
         union's leader. \"Our members cannot wait another year.\"",
    );
    let q = find(&d, "strike will go on");
    assert_eq!(
        q.speaker.as_deref(),
        Some("Lena Morozova, the union's leader")
    );
    assert!(q.content.contains("cannot wait another year"), "{q:#?}");
    assert!(!q.content.contains("Morozova"), "{q:#?}");
    assert!(!q.content.contains("said"), "{q:#?}");
    assert_eq!(q.content_parts.len(), 2, "{q:#?}");
    let first = &d.text[q.content_parts[0].start as usize..q.content_parts[0].end as usize];
    assert!(first.ends_with("answers,\""), "{first}");
    // The span still covers the whole stretch, the attribution too.
    assert!(d.text[q.content_span.start as usize..q.content_span.end as usize].contains("said"));
}

#[test]
fn uninterrupted_quote_has_no_parts() {
    let d = run_parsed("\"The road to the port is open again,\" the governor told reporters.");
    let q = find(&d, "road to the port");
    assert!(q.content_parts.is_empty(), "{q:#?}");
    assert!(!q.content.contains("governor"), "{q:#?}");
}

#[test]
fn a_request_for_anonymity_is_no_quote() {
    let d = run_parsed(
        "A senior officer, who asked not to be identified, said the convoy had turned back.",
    );
    assert!(
        d.quotes.iter().all(|q| !q.content.contains("identified")),
        "{:#?}",
        d.quotes
    );
    let q = find(&d, "convoy had turned back");
    assert_eq!(q.cue.as_deref(), Some("said"));
}
