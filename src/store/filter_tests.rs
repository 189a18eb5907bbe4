//! Tests of the filter syntax.

use super::*;

const NOW: i64 = 1_700_000_000; // 2023-11-14T22:13:20Z

#[test]
fn states_tags_feeds_and_sources_are_taken_out_of_the_words() {
    let f = Filter::parse(
        "is:starred oil feed:3 tag:world source:\"BBC News\" prices",
        NOW,
    )
    .unwrap();
    assert!(f.starred);
    assert_eq!(f.unread, None);
    assert_eq!(f.feeds, ["3"]);
    assert_eq!(f.tags, ["world"]);
    assert_eq!(f.sources, ["BBC News"]);
    assert_eq!(f.words.as_deref(), Some("oil prices"));
}

#[test]
fn relative_dates_count_back_from_now() {
    let f = Filter::parse("after:7d before:12h", NOW).unwrap();
    assert_eq!(f.after.as_deref(), Some("2023-11-07T22:13:20Z"));
    assert_eq!(f.before.as_deref(), Some("2023-11-14T10:13:20Z"));
    assert_eq!(
        Filter::parse("after:2w", NOW).unwrap().after.as_deref(),
        Some("2023-10-31T22:13:20Z")
    );
    assert!(Filter::parse("after:7x", NOW).unwrap_err().contains("7d"));
}

#[test]
fn filters_inside_parentheses_stay_with_the_words() {
    let f = Filter::parse("(source:bbc OR source:cnn) is:read", NOW).unwrap();
    assert_eq!(f.words.as_deref(), Some("( source:bbc OR source:cnn )"));
    assert!(f.sources.is_empty());
    assert_eq!(f.unread, Some(false));
}

#[test]
fn bad_filters_say_why() {
    assert!(
        Filter::parse("is:", NOW)
            .unwrap_err()
            .contains("needs a value")
    );
    assert!(
        Filter::parse("is:later", NOW)
            .unwrap_err()
            .contains("is:unread")
    );
    let long = format!("tag:{}", "x".repeat(MAX_VALUE + 1));
    assert!(Filter::parse(&long, NOW).unwrap_err().contains("at most"));
}

#[test]
fn other_colons_are_words() {
    let f = Filter::parse("title:iran 10:30", NOW).unwrap();
    assert_eq!(f.words.as_deref(), Some("title:iran 10:30"));
    assert!(Filter::parse("", NOW).unwrap().is_everything());
}

#[test]
fn sorts_read_their_names() {
    assert_eq!("oldest".parse::<Sort>().unwrap(), Sort::Oldest);
    assert_eq!("date".parse::<Sort>().unwrap(), Sort::Newest);
    assert!("random".parse::<Sort>().is_err());
    assert_eq!(Sort::Relevance.next(), Sort::Newest);
}
