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
    fn empty_query_finds_nothing() {
        assert!(find_all("abc", "").is_empty());
    }
}
