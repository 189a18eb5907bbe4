//! Watched keywords from the config file: plain words (any case) or `/regular expressions/`,
//! capped in number and length, and matched in one pass as a single expression.

/// At most this many keywords are watched; a longer list costs memory and time on every
/// article for nothing a reader could take in (issue 11: 200,000 took 1.4 GB).
pub const MAX_KEYWORDS: usize = 100;
/// A keyword longer than this (in characters) is refused.
const MAX_LENGTH: usize = 200;

/// The watched keywords.
#[derive(Debug, Clone, Default)]
pub struct Watched {
    /// The keywords as written, for help and messages.
    pub written: Vec<String>,
    /// Plain keywords, which the store's full-text index can also look up.
    pub plain: Vec<String>,
    /// All of them in one expression (case-insensitive), `None` when there are none.
    any: Option<regex::Regex>,
}

impl Watched {
    /// Builds the watch list; `Err` says why the keyword at that index was left out.
    pub fn new(keywords: &[String]) -> (Watched, Vec<(usize, String)>) {
        let mut watched = Watched::default();
        let mut problems = Vec::new();
        let mut patterns = Vec::new();
        for (i, text) in keywords.iter().enumerate() {
            if watched.written.len() == MAX_KEYWORDS {
                let more = keywords.len() - i;
                problems.push((
                    i,
                    format!("{more} keywords over the limit of {MAX_KEYWORDS} are not watched"),
                ));
                break;
            }
            match pattern(text) {
                Ok((p, plain)) => {
                    let trimmed = text.trim().to_string();
                    if plain {
                        watched.plain.push(trimmed.clone());
                    }
                    watched.written.push(trimmed);
                    patterns.push(p);
                }
                Err(e) => problems.push((i, e)),
            }
        }
        if !patterns.is_empty() {
            let all = patterns.join("|");
            watched.any = regex::RegexBuilder::new(&all)
                .case_insensitive(true)
                .size_limit(1 << 24)
                .build()
                .ok();
        }
        (watched, problems)
    }

    pub fn is_empty(&self) -> bool {
        self.any.is_none()
    }

    /// Whether a title has a keyword.
    pub fn in_title(&self, title: &str) -> bool {
        self.any.as_ref().is_some_and(|re| re.is_match(title))
    }

    /// Byte ranges of the keywords in `text`, in order, in one pass.
    pub fn find(&self, text: &str) -> Vec<(usize, usize)> {
        self.any.as_ref().map_or_else(Vec::new, |re| {
            re.find_iter(text)
                .filter(|m| !m.is_empty())
                .map(|m| (m.start(), m.end()))
                .collect()
        })
    }

    /// The plain keywords as one full-text query (`"a" OR "b"`), if there are any.
    pub fn store_query(&self) -> Option<String> {
        let terms: Vec<String> = self
            .plain
            .iter()
            .map(|k| format!("\"{}\"", k.replace('"', " ")))
            .collect();
        (!terms.is_empty()).then(|| terms.join(" OR "))
    }
}

/// A keyword as written, as a pattern: `/.../` is a regular expression (checked on its own,
/// so a mistake names its keyword), anything else plain text. True for plain text.
fn pattern(text: &str) -> Result<(String, bool), String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("an empty keyword".into());
    }
    if trimmed.chars().count() > MAX_LENGTH {
        return Err(format!("a keyword of more than {MAX_LENGTH} characters"));
    }
    match trimmed.strip_prefix('/').and_then(|t| t.strip_suffix('/')) {
        Some(re) if !re.is_empty() => {
            regex::RegexBuilder::new(re)
                .size_limit(1 << 20)
                .build()
                .map_err(|e| {
                    let why = super::find::regex_error(&e);
                    format!("{trimmed:?} is not a valid regular expression: {why}")
                })?;
            Ok((format!("(?:{re})"), false))
        }
        _ => Ok((regex::escape(trimmed), true)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watch(words: &[&str]) -> (Watched, Vec<(usize, String)>) {
        Watched::new(&words.iter().map(|w| (*w).to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn plain_and_regex_keywords_match_in_any_case() {
        let (w, problems) = watch(&["Halvorsen", "/port(s)? strike/"]);
        assert!(problems.is_empty());
        assert!(w.in_title("The PORTS STRIKE ended") && w.in_title("halvorsen wins"));
        assert_eq!(w.find("a Port strike, Halvorsen."), [(2, 13), (15, 24)]);
        assert_eq!(w.store_query().as_deref(), Some("\"Halvorsen\""));
    }

    #[test]
    fn a_bad_keyword_is_named_and_the_rest_are_watched() {
        let (w, problems) = watch(&["/(unclosed/", " ", "ok"]);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].0, 0);
        assert!(problems[0].1.contains("(unclosed"), "{problems:?}");
        assert_eq!(w.written, ["ok"]);
    }

    #[test]
    fn keywords_over_the_limit_are_refused_in_one_problem() {
        let many: Vec<String> = (0..200_000).map(|i| format!("word{i}")).collect();
        let (w, problems) = Watched::new(&many);
        assert_eq!(w.written.len(), MAX_KEYWORDS);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].1.starts_with("199900 keywords over the limit"),
            "{problems:?}"
        );
    }
}
