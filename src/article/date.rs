//! Publication dates in the forms news files use, normalised to RFC 3339.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};

/// Reads a date as news files write it and returns it as RFC 3339 (UTC when no zone is given).
///
/// Accepts RFC 3339, ISO 8601 without a zone, a bare date, RFC 2822 (`Wed, 11 Sep 2024
/// 10:00:00 GMT`), Reuters' `3-MAR-1987 05:07:04.50` and `September 11, 2024`. Dates before
/// the year 1000 (feeds' `0001-01-01` placeholder) are treated as unreadable.
///
/// ```
/// use byline::article::parse_published;
/// assert_eq!(parse_published("3-MAR-1987 05:07:04.50").as_deref(), Some("1987-03-03T05:07:04Z"));
/// assert_eq!(parse_published("2024-09-11").as_deref(), Some("2024-09-11T00:00:00Z"));
/// assert_eq!(parse_published("0001-01-01"), None);
/// assert_eq!(parse_published("last Tuesday"), None);
/// ```
pub fn parse_published(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let parsed = parse_any(raw)?;
    use chrono::Datelike;
    (parsed.year() >= 1000).then(|| parsed.to_rfc3339_opts(SecondsFormat::Secs, true))
}

/// What a word names in a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateWord {
    Month,
    Weekday,
}

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether a word is a month or a weekday, in full or as its three-letter abbreviation
/// (`Sept` too), in any case, with or without the abbreviation's period.
///
/// ```
/// use byline::article::{DateWord, date_word};
/// assert_eq!(date_word("Mar."), Some(DateWord::Month));
/// assert_eq!(date_word("WEDNESDAY"), Some(DateWord::Weekday));
/// assert_eq!(date_word("marching"), None);
/// ```
pub fn date_word(word: &str) -> Option<DateWord> {
    let w = word.trim_end_matches('.').to_lowercase();
    let names = |list: &[&str]| {
        list.iter()
            .any(|n| *n == w || w.len() == 3 && n.starts_with(w.as_str()))
    };
    if names(&MONTH_NAMES) || w == "sept" {
        Some(DateWord::Month)
    } else if names(&WEEKDAY_NAMES) {
        Some(DateWord::Weekday)
    } else {
        None
    }
}

fn parse_any(raw: &str) -> Option<DateTime<Utc>> {
    if raw.is_empty() || raw.len() > 64 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(raw) {
        return Some(dt.with_timezone(&Utc));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(raw) {
        return Some(dt.with_timezone(&Utc));
    }
    const ZONED: &[&str] = &[
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f %z",
    ];
    for fmt in ZONED {
        if let Ok(dt) = DateTime::parse_from_str(raw, fmt) {
            return Some(dt.with_timezone(&Utc));
        }
    }
    const NAIVE: &[&str] = &[
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%d-%b-%Y %H:%M:%S%.f",
        "%d %b %Y %H:%M:%S",
        "%a, %d %b %Y %H:%M:%S",
    ];
    for fmt in NAIVE {
        if let Ok(dt) = NaiveDateTime::parse_from_str(raw, fmt) {
            return Some(dt.and_utc());
        }
    }
    const DATES: &[&str] = &[
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%B %d, %Y",
        "%b %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%d-%b-%Y",
    ];
    let date = DATES
        .iter()
        .find_map(|fmt| NaiveDate::parse_from_str(raw, fmt).ok())?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc2822_with_named_zone() {
        assert_eq!(
            parse_published("Wed, 11 Sep 2024 10:00:00 GMT").as_deref(),
            Some("2024-09-11T10:00:00Z")
        );
    }

    #[test]
    fn offset_is_converted_to_utc() {
        assert_eq!(
            parse_published("2024-09-11T12:30:00+02:00").as_deref(),
            Some("2024-09-11T10:30:00Z")
        );
    }

    #[test]
    fn iso_without_zone_is_utc() {
        assert_eq!(
            parse_published("1987-03-03T05:07:04.50").as_deref(),
            Some("1987-03-03T05:07:04Z")
        );
    }

    #[test]
    fn long_month_names() {
        assert_eq!(
            parse_published("September 11, 2024").as_deref(),
            Some("2024-09-11T00:00:00Z")
        );
    }
}
