//! The extractor on the bundled sample article, on arbitrary input (proptest), and `byline ner`.
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use byline::extract::{Extractor, Label, group_entities};
use proptest::prelude::*;

fn seed() -> byline::article::Article {
    byline::library::articles().into_iter().next().unwrap()
}

/// The sample article as the reader sees it: title, byline and dateline, then the body.
fn seed_text() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/library/00-iran-president-visits-iraq.txt"
    );
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn sample_article_sidebar_is_complete_and_clean() {
    let text = seed_text();
    let groups = group_entities(&text, &Extractor::get().extract(&text));
    let names = |kind: Label| -> Vec<&str> {
        groups
            .iter()
            .filter(|g| g.kind == kind)
            .map(|g| g.name.as_str())
            .collect()
    };
    let people = names(Label::Person);
    for p in [
        "Masoud Pezeshkian",
        "Mohammed Shia al-Sudani",
        "Abbas Araqchi",
        "Qassem Soleimani",
        "Saddam Hussein",
        "Elwely Elwelly",
        "Timour Azhari",
    ] {
        assert!(people.contains(&p), "{p} missing from {people:?}");
    }
    assert_eq!(people.len(), 7, "no false people: {people:?}");
    let places = names(Label::Place);
    for p in [
        "Iran",
        "Iraq",
        "Baghdad",
        "Dubai",
        "Tehran",
        "Gaza",
        "United States",
        "Israel",
        "Middle East",
        "Iraqi Kurdistan",
    ] {
        assert!(places.contains(&p), "{p} missing from {places:?}");
    }
    let orgs = names(Label::Org);
    assert!(
        orgs.contains(&"Reuters") && orgs.contains(&"Hamas"),
        "{orgs:?}"
    );
    let pezeshkian = groups
        .iter()
        .find(|g| g.name == "Masoud Pezeshkian")
        .unwrap();
    assert!(pezeshkian.forms.contains(&"Pezeshkian".to_string()));
    assert_eq!(pezeshkian.mentions.len(), 5);
    let us = groups.iter().find(|g| g.name == "United States").unwrap();
    assert!(us.forms.contains(&"U.S.".to_string()));
    let iranian = groups
        .iter()
        .find(|g| g.kind == Label::Group && g.forms.contains(&"Iranian".to_string()));
    assert!(iranian.is_some(), "demonyms are a group");
}

#[test]
fn stored_body_gives_the_same_people() {
    let a = seed();
    let groups = group_entities(&a.body.text, &Extractor::get().extract(&a.body.text));
    assert!(
        groups
            .iter()
            .any(|g| g.kind == Label::Person && g.name == "Masoud Pezeshkian")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_gives_ordered_spans_on_char_boundaries(text in "\\PC{0,300}") {
        check(&text);
    }

    #[test]
    fn newsy_text_gives_ordered_spans(text in "([A-Z][a-z]{0,8}|[a-z]{1,6}|U\\.S\\.|-|’s|,|\\.|\n| |é|\u{1F600}){0,80}") {
        check(&text);
    }
}

fn check(text: &str) {
    let mentions = Extractor::get().extract(text);
    let mut last_end = 0;
    for m in &mentions {
        assert!(m.start < m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert!(m.start >= last_end, "overlap in {text:?}");
        last_end = m.end;
    }
    let _ = group_entities(text, &mentions);
}

#[test]
fn ten_megabytes_without_spaces_does_not_panic() {
    let text = "x".repeat(10 * 1024 * 1024) + "Ä" + &"\u{1F600}".repeat(1000);
    assert!(Extractor::get().extract(&text).is_empty());
}

#[test]
fn ner_refuses_a_line_over_its_bound_after_answering_the_lines_before() {
    let long = format!(
        "{{\"id\": 2, \"text\": \"{}\"}}\n",
        "word ".repeat(3_400_000)
    );
    let input = format!("{{\"id\": 1, \"text\": \"Masoud Pezeshkian spoke.\"}}\n{long}");
    let out = assert_cmd::Command::cargo_bin("byline")
        .unwrap()
        .arg("ner")
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("\"id\":1"), "{stdout}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("stdin line 2") && err.contains("16 MiB"),
        "{err}"
    );
}

#[test]
fn ner_command_speaks_the_protocol() {
    let input = "{\"id\": \"a\", \"text\": \"Masoud Pezeshkian visited Baghdad.\"}\n{\"id\": 7, \"text\": \"\"}\n";
    let out = assert_cmd::Command::cargo_bin("byline")
        .unwrap()
        .arg("ner")
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], "a");
    assert_eq!(rows[1]["id"], 7);
    let spans = rows[0]["spans"].as_array().unwrap();
    assert!(
        spans
            .iter()
            .any(|s| s["start"] == 0 && s["end"] == 17 && s["label"] == "PERSON"),
        "{spans:?}"
    );
    assert!(
        spans
            .iter()
            .any(|s| s["label"] == "LOC" && s["start"] == 26),
        "{spans:?}"
    );
    let bad = assert_cmd::Command::cargo_bin("byline")
        .unwrap()
        .arg("ner")
        .write_stdin("not json\n")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8(bad.stderr)
            .unwrap()
            .contains("stdin line 1")
    );
}

/// Found by proptest: a span that trims down to nothing.
#[test]
fn span_of_only_punctuation() {
    for text in ["B/@", "A.-", "X’s", "(Q)"] {
        check(text);
    }
}

#[test]
fn a_company_named_in_a_headline_is_one_organisation_not_a_headline_fragment() {
    let article = byline::library::articles()
        .into_iter()
        .find(|a| a.title.starts_with("Halvorsen Maritime Profit Falls"))
        .unwrap();
    let entities = byline::extract::article_entities(&article).entities;
    let company: Vec<_> = entities
        .iter()
        .filter(|e| e.name.contains("Halvorsen Maritime"))
        .collect();
    assert_eq!(company.len(), 1, "{company:?}");
    assert_eq!(company[0].name, "Halvorsen Maritime");
    assert_eq!(company[0].kind, byline::extract::Label::Org);
    assert_eq!(
        company[0].mentions.len(),
        3,
        "the headline's mention counts too"
    );
}

#[test]
fn a_lake_is_a_place() {
    let text = "Lake Turkana Wind Power said on Monday that Lake Turkana had risen again.";
    let groups = group_entities(text, &Extractor::get().extract(text));
    let lake = groups.iter().find(|g| g.name == "Lake Turkana").unwrap();
    assert_eq!(lake.kind, Label::Place);
}

#[test]
fn a_section_heading_is_not_a_dateline_and_a_company_keeps_its_short_name() {
    let text = "SOCCER - JAPAN GET LUCKY WIN\n\nTOKYO - Brandt Logistics posted a loss on \
                Friday. Analysts said Brandt had cut prices too far.";
    let groups = group_entities(text, &Extractor::get().extract(text));
    assert!(
        !groups.iter().any(|g| g.name.eq_ignore_ascii_case("soccer")),
        "{groups:?}"
    );
    assert!(
        groups
            .iter()
            .any(|g| g.name == "Tokyo" && g.kind == Label::Place),
        "{groups:?}"
    );
    let brandt: Vec<_> = groups
        .iter()
        .filter(|g| g.name.starts_with("Brandt"))
        .collect();
    assert!(
        !brandt.is_empty() && brandt.iter().all(|g| g.kind == Label::Org),
        "{brandt:?}"
    );
}

#[test]
fn wire_copy_dateline_with_an_iso_date() {
    let wire = "BONN 1996-12-06\n\nThe central bank kept its rates.";
    let found = group_entities(wire, &Extractor::get().extract(wire));
    assert!(
        found
            .iter()
            .any(|g| g.name.eq_ignore_ascii_case("bonn") && g.kind == Label::Place),
        "{found:?}"
    );
}

#[test]
fn headline_words_after_a_given_name_are_not_a_person() {
    let article = byline::library::articles()
        .into_iter()
        .find(|a| a.title.contains("Cairo Book Fair"))
        .unwrap();
    let people: Vec<String> = byline::extract::article_entities(&article)
        .entities
        .into_iter()
        .filter(|e| e.kind == Label::Person)
        .map(|e| e.name)
        .collect();
    assert!(!people.iter().any(|p| p.contains("Readers")), "{people:?}");
    assert!(people.contains(&"Layla Haddad".to_string()), "{people:?}");
}

#[test]
fn a_numbered_court_or_unit_is_an_organisation() {
    let text = "Lawyers who practice before the 8th Circuit said the 101st Airborne had left.";
    let groups = group_entities(text, &Extractor::get().extract(text));
    for name in ["8th Circuit", "101st Airborne"] {
        assert!(
            groups
                .iter()
                .any(|g| g.name == name && g.kind == Label::Org),
            "{name}: {groups:?}"
        );
    }
}

#[test]
fn a_surname_that_is_also_a_country_stays_the_person() {
    let text = "Michael Jordan scored 40 points on Sunday. Jordan said the team had played well.";
    let groups = group_entities(text, &Extractor::get().extract(text));
    assert!(!groups.iter().any(|g| g.kind == Label::Place), "{groups:?}");
}

/// The kinds the extractor gives a name in a text, as (name, kind) of the grouped entities.
fn kinds_of(text: &str, name: &str) -> Vec<Label> {
    group_entities(text, &Extractor::get().extract(text))
        .into_iter()
        .filter(|g| g.name.eq_ignore_ascii_case(name))
        .map(|g| g.kind)
        .collect()
}

#[test]
fn a_city_next_to_a_score_on_a_sports_page_is_the_team_and_the_dateline_stays_a_place() {
    let sports = "BOSTON 2026-05-02\n\nThe league leaders lost again on Friday. Chicago beat \
                  Boston 5-3 in a match that decided the season, and the coach said Chicago \
                  had earned it.\nChicago 5 Boston 3";
    assert_eq!(kinds_of(sports, "Chicago"), [Label::Org], "team");
    assert!(
        kinds_of(sports, "Boston").contains(&Label::Place),
        "dateline"
    );
    assert!(kinds_of(sports, "Boston").contains(&Label::Org), "team");
    let news = "The council in Chicago approved 3 new schools on Friday.";
    assert_eq!(kinds_of(news, "Chicago"), [Label::Place], "not sport");
}

#[test]
fn names_ending_in_an_organisations_cue_word_are_organisations() {
    let text = "The Finance Ministry said prices rose. A spokesman for the Department of Trade and \
                Industry declined to comment. Shares in Krupp GmbH fell, and Sun Microsystems \
                cut jobs, Ernie Banks said.";
    for name in [
        "Finance Ministry",
        "Department of Trade and Industry",
        "Krupp GmbH",
        "Sun Microsystems",
    ] {
        assert_eq!(kinds_of(text, name), [Label::Org], "{name}");
    }
    assert_eq!(kinds_of(text, "Ernie Banks"), [Label::Person]);
    let listing = "Shares of the company will be listed on the Hong Kong Stock Exchange, \
                   its chairman said in Hong Kong.";
    assert_eq!(kinds_of(listing, "Hong Kong Stock Exchange"), [Label::Org]);
}

#[test]
fn a_span_run_on_over_and_is_two_names() {
    let text = "The U.S. And London markets were closed. The network is owned by Walt Disney \
                Co., Hearst Corp. and others.";
    for (name, kind) in [
        ("United States", Label::Place),
        ("London", Label::Place),
        ("Walt Disney Co.", Label::Org),
        ("Hearst Corp.", Label::Org),
    ] {
        assert_eq!(kinds_of(text, name), [kind], "{name}");
    }
}

#[test]
fn names_next_to_invisible_characters_or_emoji_or_in_nfd_are_found_in_the_original() {
    for (text, name) in [
        (
            "\u{feff}Masoud Pezeshkian visited Baghdad.",
            "Masoud Pezeshkian",
        ),
        (
            "President Masoud Pezeshkian\u{200b} visited Baghdad.",
            "Masoud Pezeshkian",
        ),
        ("Masoud Pezeshkian🇮🇷 visited Baghdad.", "Masoud Pezeshkian"),
        (
            "The mayor, Jose\u{301} Garci\u{301}a, visited Mexico.",
            "Jose\u{301} Garci\u{301}a",
        ),
    ] {
        let found = Extractor::get().extract(text);
        let people: Vec<&str> = found
            .iter()
            .filter(|m| m.label == Label::Person)
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(people, [name], "{text:?}");
    }
}

#[test]
fn an_agency_byline_is_filed_under_organisations() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("storm.json");
    let json = r#"{"title":"Storm closes schools","author":"By Associated Press","body":"Schools across Ohio closed on Monday, Governor Mike DeWine said."}"#;
    std::fs::write(&path, json).unwrap();
    let article = byline::article::import_file(&path).articles.remove(0);
    let found = byline::extract::article_entities(&article).entities;
    let kinds: Vec<(&str, Label)> = found.iter().map(|e| (e.name.as_str(), e.kind)).collect();
    assert!(
        kinds.contains(&("Associated Press", Label::Org)),
        "{kinds:?}"
    );
    assert!(kinds.contains(&("Mike DeWine", Label::Person)), "{kinds:?}");
    assert!(!kinds.iter().any(|(n, _)| n.contains("By ")), "{kinds:?}");
}
