//! Rankings by days back from where the store's periods end (its newest article, at most now),
//! as `byline entities` and the reader's rankings view ask for them.

use super::canon::{RankedEntity, Ranking, Trend};
use super::{Store, StoreError, rfc3339};

/// Days of the baseline trending compares the recent days with.
pub const BASELINE_DAYS: u32 = 14;
const DAY: i64 = 86_400;

impl Store {
    /// Where periods end (Unix seconds): the newest article's time, or now in an empty store
    /// and for articles dated in the future.
    pub fn period_end(&self) -> Result<i64, StoreError> {
        let now = chrono::Utc::now().timestamp();
        let newest = self.newest_time()?;
        let at = newest
            .as_deref()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map_or(now, |t| t.timestamp());
        Ok(at.min(now))
    }

    /// The entities that stand out in the last `days` whole days (today's included) against
    /// the [`BASELINE_DAYS`] before them.
    pub fn trending_in_days(
        &self,
        days: u32,
        kind: Option<&str>,
        limit: usize,
    ) -> Result<Vec<RankedEntity>, StoreError> {
        let days = days.max(1);
        let end = self.period_end()?;
        let recent = rfc3339(end - i64::from(days - 1) * DAY);
        let baseline = rfc3339(end - i64::from(days - 1 + BASELINE_DAYS) * DAY);
        self.trending_entities(&Trend {
            recent: &recent,
            baseline: &baseline,
            ratio: f64::from(BASELINE_DAYS) / f64::from(days),
            kind,
            limit,
        })
    }

    /// The most mentioned entities of the last `days` whole days (today's included), or of
    /// the whole store.
    pub fn top_in_days(
        &self,
        days: Option<u32>,
        kind: Option<&str>,
        limit: usize,
    ) -> Result<Vec<RankedEntity>, StoreError> {
        let since = match days {
            Some(d) => Some(rfc3339(self.period_end()? - i64::from(d.max(1) - 1) * DAY)),
            None => None,
        };
        self.top_entities(&Ranking {
            since: since.as_deref(),
            kind,
            limit,
        })
    }
}
