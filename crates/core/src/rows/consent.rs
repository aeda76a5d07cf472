//! Consent (S002): `preflight.consent` names the column holding each
//! contact's consent date; a row whose consent is missing, not a date, in
//! the future or older than `max_age_days` **on the campaign's start date**
//! (not today: the calls happen then) is refused.

use chrono::NaiveDate;

use crate::campaign::Campaign;
use crate::rows::dates::DateFormat;
use crate::rows::header::Header;

/// The consent check of a run, when the campaign asks for one and the
/// header has its column.
#[derive(Debug, Clone)]
pub struct ConsentCheck {
    /// The consent column's index and name.
    pub column: usize,
    name: String,
    max_age_days: u32,
    format: DateFormat,
    start: NaiveDate,
}

impl ConsentCheck {
    /// The check `campaign` asks for under `header`; `None` without
    /// `preflight.consent`, without a start date that parses (C001 says
    /// why), with an unknown format (D004) or a missing column (H004).
    pub fn new(campaign: &Campaign, header: &Header) -> Option<Self> {
        let consent = campaign.preflight.consent.as_ref()?;
        let start = crate::campaign::window::start_date(campaign)?;
        let format = consent.format.parse().ok()?;
        let column = header.names.iter().position(|n| *n == consent.column)?;
        Some(ConsentCheck {
            column,
            name: consent.column.clone(),
            max_age_days: consent.max_age_days,
            format,
            start,
        })
    }

    /// Why `cell` is not a consent the campaign may call on, if it is not.
    pub fn check(&self, cell: &str) -> Option<String> {
        let text = cell.trim();
        let (name, start) = (&self.name, self.format.format(self.start));
        if text.is_empty() {
            return Some(format!("`{name}` is empty: no consent is recorded"));
        }
        let Some(date) = self.format.parse(text) else {
            return Some(format!(
                "`{name}` is `{}`, not a {} date",
                crate::text::preview(&crate::text::escape_invisible(text)),
                self.format
            ));
        };
        let age = (self.start - date).num_days();
        if age < 0 {
            return Some(format!(
                "consent dated {text} is after the campaign's start ({start})"
            ));
        }
        if age > i64::from(self.max_age_days) {
            return Some(format!(
                "consent dated {text} is {age} days old on the campaign's start ({start}); at most {} are allowed",
                self.max_age_days
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(max_age_days: u32) -> ConsentCheck {
        ConsentCheck {
            column: 2,
            name: "Consent Date".to_owned(),
            max_age_days,
            format: DateFormat::DEFAULT,
            start: NaiveDate::from_ymd_opt(2026, 10, 18).unwrap(),
        }
    }

    #[test]
    fn ages_at_the_boundaries() {
        let check = check(180);
        // 18/10/2026 minus 179, 180 and 181 days.
        assert_eq!(check.check("22/04/2026"), None);
        assert_eq!(check.check("21/04/2026"), None);
        assert_eq!(
            check.check("20/04/2026").as_deref(),
            Some(
                "consent dated 20/04/2026 is 181 days old on the campaign's start (18/10/2026); at most 180 are allowed"
            )
        );
    }

    #[test]
    fn missing_unreadable_and_future_consent() {
        let check = check(180);
        assert_eq!(
            check.check(" ").as_deref(),
            Some("`Consent Date` is empty: no consent is recorded")
        );
        assert_eq!(
            check.check("yes").as_deref(),
            Some("`Consent Date` is `yes`, not a DD/MM/YYYY date")
        );
        assert_eq!(
            check.check("19/10/2026").as_deref(),
            Some("consent dated 19/10/2026 is after the campaign's start (18/10/2026)")
        );
        assert_eq!(check.check("18/10/2026"), None);
    }
}
