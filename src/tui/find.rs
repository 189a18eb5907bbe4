//! Finding a query in the open article: smart case (a capital in the query makes it exact),
//! byte offsets into the article's text.

/// Byte ranges of every non-overlapping occurrence of `query` in `text`.
///
/// An all-lower-case query matches any case. Case folding keeps byte offsets: a character whose
/// lower case has another length is compared as it is.
#[cfg(test)]
pub fn find_all(text: &str, query: &str) -> Vec<(usize, usize)> {
    find_in(text, &fold_case(text), query)
}

/// [`find_all`] with the text's folded form made beforehand (it is the costly part).
pub fn find_in(text: &str, folded: &str, query: &str) -> Vec<(usize, usize)> {
    if query.is_empty() {
        return Vec::new();
    }
    let (hay, needle) = if query.chars().any(char::is_uppercase) {
        (text, query.to_string())
    } else {
        (folded, fold_case(query))
    };
    hay.match_indices(needle.as_str())
        .map(|(i, m)| (i, i + m.len()))
        .collect()
}

/// The regular expression for a query in regex mode, case-insensitive unless the query has a
/// capital (smart case). An empty query is `None`; a bad one is an error saying why.
pub fn regex_for(query: &str) -> Result<Option<regex::Regex>, String> {
    if query.is_empty() {
        return Ok(None);
    }
    regex::RegexBuilder::new(query)
        .case_insensitive(!query.chars().any(char::is_uppercase))
        .size_limit(1 << 22)
        .build()
        .map(Some)
        .map_err(|e| format!("not a regular expression: {}", regex_error(&e)))
}

/// What is wrong with a regular expression, on one line (the crate's message ends with it,
/// after lines that draw the pattern).
pub fn regex_error(e: &regex::Error) -> String {
    e.to_string()
        .lines()
        .last()
        .unwrap_or("")
        .trim()
        .to_string()
}

/// Byte ranges of the regex's non-empty matches.
pub fn find_regex(text: &str, re: Option<&regex::Regex>) -> Vec<(usize, usize)> {
    re.map_or_else(Vec::new, |re| {
        re.find_iter(text)
            .filter(|m| !m.is_empty())
            .map(|m| (m.start(), m.end()))
            .collect()
    })
}

/// The word (letters, digits, `-`, `'`) around byte `at`, if there is one.
pub fn word_at(text: &str, at: usize) -> Option<&str> {
    let is_word = |c: char| c.is_alphanumeric();
    let at = (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))?;
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| at + i);
    (end > start).then(|| &text[start..end])
}

/// Lower case, character by character, only where the byte length stays the same.
pub fn fold_case(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case() {
        assert_eq!(
            find_all("Iran and IRAN and iran", "iran"),
            [(0, 4), (9, 13), (18, 22)]
        );
        assert_eq!(find_all("Iran and IRAN and iran", "Iran"), [(0, 4)]);
    }

    #[test]
    fn offsets_survive_non_ascii() {
        let text = "İstanbul and ÉLODIE Élodie";
        for (s, e) in find_all(text, "élodie") {
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            assert!(text[s..e].to_lowercase() == "élodie");
        }
        assert_eq!(find_all(text, "élodie").len(), 2);
    }

    #[test]
    fn regex_mode_is_smart_case_and_reports_mistakes() {
        let re = regex_for("ira[qn]").unwrap();
        assert_eq!(find_regex("Iran, IRAQ, iraq", re.as_ref()).len(), 3);
        let re = regex_for("Ira[qn]").unwrap();
        assert_eq!(find_regex("Iran, IRAQ, iraq", re.as_ref()), [(0, 4)]);
        assert!(
            regex_for("(open")
                .unwrap_err()
                .starts_with("not a regular expression")
        );
        assert!(regex_for("").unwrap().is_none());
    }

    #[test]
    fn the_word_at_a_position() {
        let t = "Masoud Pezeshkian visited.";
        assert_eq!(word_at(t, 0), Some("Masoud"));
        assert_eq!(word_at(t, 10), Some("Pezeshkian"));
        assert_eq!(word_at(t, 6), Some("Masoud"));
        assert_eq!(word_at("  ", 1), None);
    }

    #[test]
    fn empty_query_finds_nothing() {
        assert!(find_all("abc", "").is_empty());
    }
}
