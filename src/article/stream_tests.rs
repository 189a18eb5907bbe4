use super::*;

type Batches = Vec<(Vec<Article>, Vec<ImportError>)>;

/// Runs `read_json` over `text`: the batches handed on, and what came back.
fn read(text: &[u8]) -> (Batches, Option<Vec<u8>>) {
    let mut batches = Vec::new();
    let back = read_json(Path::new("in.jsonl"), text, &mut |a, e| {
        batches.push((a, e))
    })
    .unwrap();
    (batches, back)
}

fn record(n: usize) -> String {
    format!("{{\"title\":\"Article {n}\",\"body\":\"Text of article {n}.\"}}\n")
}

#[test]
fn json_lines_come_in_batches_in_order() {
    let text: String = (0..2_500).map(record).collect();
    let (batches, back) = read(text.as_bytes());
    assert!(back.is_none());
    let sizes: Vec<usize> = batches.iter().map(|(a, _)| a.len()).collect();
    assert_eq!(sizes, [1_000, 1_000, 500]);
    let titles: Vec<&str> = batches
        .iter()
        .flat_map(|(a, _)| a.iter().map(|a| a.title.as_str()))
        .collect();
    assert_eq!(titles[0], "Article 0");
    assert_eq!(titles[2_499], "Article 2499");
}

#[test]
fn a_broken_line_costs_only_itself_and_is_placed() {
    let text = format!(
        "\n{}{{oops\n\n{}{}\r\n",
        record(1),
        "[1, 2]\n",
        record(2).trim_end()
    );
    let (batches, _) = read(text.as_bytes());
    let articles: Vec<&Article> = batches.iter().flat_map(|(a, _)| a).collect();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[1].title, "Article 2");
    let errors: Vec<String> = batches
        .iter()
        .flat_map(|(_, e)| e.iter().map(ToString::to_string))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("in.jsonl:3:"), "{errors:?}");
    assert!(errors[1].starts_with("in.jsonl:5: record 3"), "{errors:?}");
}

#[test]
fn other_json_comes_back_whole() {
    for text in [
        "[\n{\"title\":\"A\",\"body\":\"x\"}\n]\n",
        "{\n  \"title\": \"A\",\n  \"body\": \"x\"\n}\n",
        "\n\n[{\"title\":\"A\",\"body\":\"x\"}]",
        "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"F\",\"items\":[]}\n",
        "",
    ] {
        let (batches, back) = read(text.as_bytes());
        assert!(batches.is_empty(), "{text:?}");
        assert_eq!(back.as_deref(), Some(text.as_bytes()), "{text:?}");
    }
}

#[test]
fn a_byte_order_mark_and_latin_1_lines_are_read() {
    let mut text = b"\xef\xbb\xbf".to_vec();
    text.extend_from_slice(record(1).as_bytes());
    text.extend_from_slice(b"{\"title\":\"Caf\xe9\",\"body\":\"x\"}\n");
    let (batches, _) = read(&text);
    let titles: Vec<&str> = batches[0].0.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Article 1", "Café"]);
}

#[test]
fn past_a_hundred_broken_records_they_are_counted() {
    let text: String = std::iter::once(record(0))
        .chain((0..150).map(|_| "{broken\n".to_string()))
        .collect();
    let (batches, _) = read(text.as_bytes());
    let errors: Vec<String> = batches
        .iter()
        .flat_map(|(_, e)| e.iter().map(ToString::to_string))
        .collect();
    assert_eq!(errors.len(), LISTED + 1);
    assert!(
        errors[LISTED].contains("and 50 more broken records"),
        "{}",
        errors[LISTED]
    );
}

#[test]
fn a_line_over_the_limit_is_dropped_and_the_next_read() {
    let text = b"short\nmuch too long a line\nnext\n";
    let mut reader = BufReader::with_capacity(4, &text[..]);
    let mut buf = Vec::new();
    assert!(!read_line(&mut reader, &mut buf, 8).unwrap());
    assert_eq!(buf, b"short\n");
    buf.clear();
    assert!(read_line(&mut reader, &mut buf, 8).unwrap());
    assert!(buf.is_empty());
    assert!(!read_line(&mut reader, &mut buf, 8).unwrap());
    assert_eq!(buf, b"next\n");
    buf.clear();
    assert!(!read_line(&mut reader, &mut buf, 8).unwrap());
    assert!(buf.is_empty());
}
