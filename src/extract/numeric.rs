//! Dates, money, percentages and numbers, found by patterns over tokens.

use super::tagger::{Label, TokenSpan};
use crate::article::{DateWord, date_word};

const CURRENCY_WORDS: &[&str] = &[
    "dollar", "dollars", "dlr", "dlrs", "euro", "euros", "pound", "pounds", "sterling", "yen",
    "yuan", "rupees", "crowns", "kroner", "francs", "marks", "cents", "rubles", "roubles",
    "riyals", "dinars", "pesos", "won", "shekels", "lira",
];
const SCALES: &[&str] = &[
    "thousand", "million", "billion", "trillion", "mln", "bln", "m", "bn",
];
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "dozens", "dozen",
];

/// Spans for the tokens no other rule has taken.
pub(crate) fn find(words: &[&str], taken: &[bool]) -> Vec<TokenSpan> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if taken[i] {
            i += 1;
            continue;
        }
        let free = |j: usize| j < words.len() && !taken[j];
        let lower = words[i].to_lowercase();
        let found = money(words, i, &free)
            .or_else(|| percent(words, i, &free))
            .or_else(|| date(words, i, &lower, &free))
            .or_else(|| number(words, i, &free));
        match found {
            Some((end, label)) => {
                out.push(TokenSpan {
                    start: i,
                    end,
                    label,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

fn is_number(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

fn is_amount(w: &str) -> bool {
    is_number(w) || NUMBER_WORDS.contains(&w.to_lowercase().as_str())
}

/// The end of an amount with its scale words (`2.5 million`), from `i`.
fn amount_end(words: &[&str], i: usize, free: &dyn Fn(usize) -> bool) -> Option<usize> {
    if !free(i) || !is_amount(words[i]) {
        return None;
    }
    let mut end = i + 1;
    while free(end) && SCALES.contains(&words[end].to_lowercase().as_str()) {
        end += 1;
    }
    Some(end)
}

/// `$310 million`, `1.4 billion crowns`, `17 dlrs`, `€400 million`.
fn money(words: &[&str], i: usize, free: &dyn Fn(usize) -> bool) -> Option<(usize, Label)> {
    if matches!(words[i], "$" | "€" | "£" | "¥" | "US$") {
        return amount_end(words, i + 1, free).map(|e| (e, Label::Money));
    }
    let end = amount_end(words, i, free)?;
    let unit = words.get(end).map(|w| w.to_lowercase());
    let is_unit = unit.as_deref().is_some_and(|u| CURRENCY_WORDS.contains(&u)) && free(end);
    (is_unit && (end > i + 1 || is_number(words[i]))).then_some((end + 1, Label::Money))
}

/// `22 percent`, `5 %`, `53 per cent`, `5.5 pct`.
fn percent(words: &[&str], i: usize, free: &dyn Fn(usize) -> bool) -> Option<(usize, Label)> {
    if !is_number(words[i]) || !free(i + 1) {
        return None;
    }
    match words[i + 1].to_lowercase().as_str() {
        "%" | "percent" | "pct" => Some((i + 2, Label::Percent)),
        "per"
            if words
                .get(i + 2)
                .is_some_and(|w| w.eq_ignore_ascii_case("cent"))
                && free(i + 2) =>
        {
            Some((i + 3, Label::Percent))
        }
        _ => None,
    }
}

/// `March 3`, `3 March 2024`, `October 2023`, `Wednesday`, `2003` (a year), `2024-09-11`.
fn date(
    words: &[&str],
    i: usize,
    lower: &str,
    free: &dyn Fn(usize) -> bool,
) -> Option<(usize, Label)> {
    let is_year =
        |w: &str| w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
    let is_day = |w: &str| w.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d));
    let capitalized = words[i].starts_with(char::is_uppercase);
    if capitalized && date_word(lower) == Some(DateWord::Month) {
        let mut end = i + 1;
        if free(end) && is_day(words[end].trim_end_matches(',')) {
            end += 1;
        }
        if free(end) && words[end] == "," && words.get(end + 1).is_some_and(|w| is_year(w)) {
            end += 1;
        }
        if free(end) && is_year(words[end]) {
            end += 1;
        }
        // Alone, "May" is too often the verb and "Jan" a name: a bare month is written out
        // in full or with its abbreviation's period.
        let bare_ok = lower != "may" && (lower.len() > 3 || lower.ends_with('.'));
        return (end > i + 1 || bare_ok).then_some((end, Label::Date));
    }
    if capitalized && lower.len() > 3 && date_word(lower) == Some(DateWord::Weekday) {
        return Some((i + 1, Label::Date));
    }
    if is_day(words[i]) && free(i + 1) && date_word(words[i + 1]) == Some(DateWord::Month) {
        let end = if free(i + 2) && is_year(words[i + 2]) {
            i + 3
        } else {
            i + 2
        };
        return Some((end, Label::Date));
    }
    let iso = words[i].len() == 10
        && words[i].chars().enumerate().all(|(k, c)| {
            if k == 4 || k == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if is_year(words[i]) || iso {
        return Some((i + 1, Label::Date));
    }
    None
}

/// `2,500`, `14`, `three` — other numbers.
fn number(words: &[&str], i: usize, free: &dyn Fn(usize) -> bool) -> Option<(usize, Label)> {
    let w = words[i];
    if !is_number(w) || w.ends_with('.') && w.len() == 2 {
        return None;
    }
    amount_end(words, i, free).map(|e| (e, Label::Number))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, Label)> {
        let words: Vec<&str> = text.split(' ').collect();
        let taken = vec![false; words.len()];
        find(&words, &taken)
            .into_iter()
            .map(|s| (words[s.start..s.end].join(" "), s.label))
            .collect()
    }

    #[test]
    fn money_percent_dates_and_numbers() {
        assert_eq!(
            spans(
                "it spent $ 310 million on 14 cranes , up 22 percent since March 3 , 2003 , said Wednesday"
            ),
            [
                ("$ 310 million".to_string(), Label::Money),
                ("14".into(), Label::Number),
                ("22 percent".into(), Label::Percent),
                ("March 3 , 2003".into(), Label::Date),
                ("Wednesday".into(), Label::Date),
            ]
        );
        assert_eq!(
            spans("1.4 billion crowns in 11 October 2024"),
            [
                ("1.4 billion crowns".to_string(), Label::Money),
                ("11 October 2024".into(), Label::Date)
            ]
        );
    }

    #[test]
    fn may_the_verb_is_no_date() {
        assert!(spans("prices May rise").is_empty());
        assert_eq!(
            spans("in May 2024"),
            [("May 2024".to_string(), Label::Date)]
        );
    }
}
