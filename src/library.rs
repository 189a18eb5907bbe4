//! The bundled sample library: the user's sample article and the project's own fictional ones.
//!
//! The files live in `assets/library/` and are built into the binary, so a fresh install has
//! something to read.

use std::path::Path;

use crate::article::{Article, import_bytes};

/// Every bundled file, by name, in the order they are listed.
const FILES: &[(&str, &[u8])] = &[
    (
        "00-iran-president-visits-iraq.txt",
        include_bytes!("../assets/library/00-iran-president-visits-iraq.txt"),
    ),
    (
        "01-mombasa-terminal.txt",
        include_bytes!("../assets/library/01-mombasa-terminal.txt"),
    ),
    (
        "02-halvorsen-results.md",
        include_bytes!("../assets/library/02-halvorsen-results.md"),
    ),
    (
        "03-valencia-floods.md",
        include_bytes!("../assets/library/03-valencia-floods.md"),
    ),
    (
        "04-brest-polar-ship.txt",
        include_bytes!("../assets/library/04-brest-polar-ship.txt"),
    ),
    (
        "05-cairo-book-fair.md",
        include_bytes!("../assets/library/05-cairo-book-fair.md"),
    ),
    (
        "06-tokyo-robotics.md",
        include_bytes!("../assets/library/06-tokyo-robotics.md"),
    ),
    (
        "07-grid-storage.txt",
        include_bytes!("../assets/library/07-grid-storage.txt"),
    ),
    (
        "08-reykjavik-summit.txt",
        include_bytes!("../assets/library/08-reykjavik-summit.txt"),
    ),
    (
        "09-market-wrap.md",
        include_bytes!("../assets/library/09-market-wrap.md"),
    ),
    (
        "10-marchand-interview.md",
        include_bytes!("../assets/library/10-marchand-interview.md"),
    ),
    (
        "11-wire-hard-wrapped.txt",
        include_bytes!("../assets/library/11-wire-hard-wrapped.txt"),
    ),
    (
        "12-turkana-long-read.md",
        include_bytes!("../assets/library/12-turkana-long-read.md"),
    ),
];

/// The bundled articles, the user's sample article first.
///
/// ```
/// let library = byline::library::articles();
/// assert!(library.len() >= 11);
/// assert!(library[0].title.starts_with("Iran"));
/// ```
pub fn articles() -> Vec<Article> {
    FILES
        .iter()
        .flat_map(|(name, bytes)| import_bytes(Path::new(name), bytes, None).0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::BlockKind;

    #[test]
    fn every_bundled_file_imports_cleanly() {
        for (name, bytes) in FILES {
            let (articles, errors) = import_bytes(Path::new(name), bytes, None);
            assert!(errors.is_empty(), "{name}: {errors:?}");
            assert_eq!(articles.len(), 1, "{name}");
        }
    }

    #[test]
    fn fictional_samples_say_so() {
        for a in articles().iter().skip(1) {
            assert!(
                a.body
                    .text
                    .contains("is fiction, written as a sample for byline"),
                "{}",
                a.title
            );
        }
    }

    #[test]
    fn library_shows_the_features() {
        let all = articles();
        let text: String = all.iter().map(|a| a.body.text.as_str()).collect();
        assert!(
            text.contains('\u{0627}'),
            "an Arabic (right-to-left) passage"
        );
        assert!(text.contains('未'), "a CJK passage");
        assert!(text.contains("Núñez"), "names with non-ASCII letters");
        assert!(
            all.iter().any(|a| a.word_count() > 1000),
            "one very long article"
        );
        assert!(
            all.iter().filter(|a| !a.dateline.is_empty()).count() >= 5,
            "datelines"
        );
        let with_subheadings = all.iter().filter(|a| {
            a.body
                .blocks
                .iter()
                .any(|b| b.kind == BlockKind::Subheading)
        });
        assert!(with_subheadings.count() >= 5);
        let mentions = all
            .iter()
            .filter(|a| a.body.text.contains("Søren Dahl"))
            .count();
        assert!(mentions >= 4, "an entity shared across articles");
    }
}
