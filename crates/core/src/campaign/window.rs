//! The campaign window (C001–C008): when the campaign may call, computed
//! once when a [`crate::Preflight`] is built.
//!
//! `campaign_start_time` and `campaign_end_time` are wall-clock times in
//! `call_config.call_time.timezone`; every day of the campaign, calls may be
//! made between `call_start_time` and `call_end_time` in that zone. The
//! intersections of those daily windows with the campaign period are the
//! campaign's *calling slots*, the instants the callee-local-time rule
//! (T001) converts into each callee's zone.

use std::fmt;

use chrono::{
    DateTime, FixedOffset, LocalResult, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Utc,
};
use chrono_tz::{OffsetName, Tz};

use crate::campaign::{Campaign, RetryConfig};
use crate::findings::finding::Finding;
use crate::rules::Code;

/// How Ringg writes campaign times, as a `chrono` format.
const CAMPAIGN_TIME_FORMAT: &str = "%d/%m/%Y, %H:%M";
/// The same, as the person writing the campaign file knows it.
const CAMPAIGN_TIME_SHAPE: &str = "DD/MM/YYYY, HH:MM";
/// How a time of day is written (`call_start_time`, calling hours).
pub(crate) const TIME_OF_DAY_FORMAT: &str = "%H:%M";

/// Calling slots are computed for at most this many days. Time-zone rules
/// repeat every year, so a longer campaign adds no local time a callee has
/// not already been called at; C008 measures at most this span.
const MAX_SLOT_DAYS: u32 = 400;

const START_FIELD: &str = "campaign_start_time";
const END_FIELD: &str = "campaign_end_time";
const CALL_TIME_FIELD: &str = "call_config.call_time";
const CALL_START_FIELD: &str = "call_config.call_time.call_start_time";
const CALL_END_FIELD: &str = "call_config.call_time.call_end_time";
const TIMEZONE_FIELD: &str = "call_config.call_time.timezone";
const RETRY_FIELD: &str = "call_config.call_retry_config";

/// One stretch of time in which the campaign may call: a day's calling
/// window cut to the campaign period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot {
    /// When calls may start.
    pub(crate) start: DateTime<Utc>,
    /// When they must stop.
    pub(crate) end: DateTime<Utc>,
}

/// A campaign whose times all make sense: its calling slots, in time
/// order (never empty).
#[derive(Debug, Clone)]
pub(crate) struct CampaignWindow {
    /// The calling slots, first to last.
    pub(crate) slots: Vec<Slot>,
}

/// Checks the campaign's times against each other and `now`, pushing C001–
/// C008 findings. Returns the window when there is one to call in.
pub(crate) fn check(
    campaign: &Campaign,
    now: DateTime<Utc>,
    findings: &mut Vec<Finding>,
) -> Option<CampaignWindow> {
    let call_time = &campaign.call_config.call_time;
    let start = campaign_time(START_FIELD, &campaign.campaign_start_time, findings);
    let end = campaign_time(END_FIELD, &campaign.campaign_end_time, findings);
    let call_start = time_of_day(CALL_START_FIELD, &call_time.call_start_time, findings);
    let call_end = time_of_day(CALL_END_FIELD, &call_time.call_end_time, findings);
    let timezone = timezone(&call_time.timezone, findings);

    let mut window_ok = true;
    if let (Some(open), Some(close)) = (call_start, call_end)
        && open >= close
    {
        findings.push(
            Finding::new(
                Code::C005,
                format!(
                    "`call_start_time` {} is not before `call_end_time` {}: the daily calling window is empty",
                    call_time.call_start_time, call_time.call_end_time
                ),
            )
            .at_field(CALL_START_FIELD),
        );
        window_ok = false;
    }

    let (Some(start), Some(end)) = (start, end) else {
        return None;
    };
    let Some(timezone) = timezone else {
        // Without a zone the instants are unknown, but the order of two
        // wall-clock times in one zone still is (DST aside).
        if end <= start {
            findings.push(end_before_start(campaign));
        }
        return None;
    };

    let start_at = place(timezone, start, Pick::Earliest);
    let end_at = place(timezone, end, Pick::Latest);
    for (field, text, placed) in [
        (START_FIELD, &campaign.campaign_start_time, &start_at),
        (END_FIELD, &campaign.campaign_end_time, &end_at),
    ] {
        if let Some(message) = placed.dst_message(field, text, timezone) {
            findings.push(Finding::new(Code::C007, message).at_field(field));
        }
    }
    let (start, end) = (start_at.instant, end_at.instant);
    if start <= now {
        findings.push(
            Finding::new(
                Code::C003,
                format!(
                    "`campaign_start_time` {} ({timezone}) is not after now, {} ({timezone}): Ringg refuses a start in the past",
                    campaign.campaign_start_time,
                    local_text(now, timezone)
                ),
            )
            .at_field(START_FIELD),
        );
    }
    if end <= start {
        findings.push(end_before_start(campaign));
        return None;
    }
    let (Some(open), Some(close)) = (call_start, call_end) else {
        return None;
    };
    if !window_ok {
        return None;
    }

    let slots = calling_slots(timezone, start, end, open, close);
    let (Some(first), Some(last)) = (slots.first(), slots.last()) else {
        findings.push(
            Finding::new(
                Code::C006,
                format!(
                    "the daily calling window {}–{} ({timezone}) never falls between {} and {}: no call can be made",
                    call_time.call_start_time,
                    call_time.call_end_time,
                    campaign.campaign_start_time,
                    campaign.campaign_end_time
                ),
            )
            .at_field(CALL_TIME_FIELD),
        );
        return None;
    };
    if let Some(retry) = campaign.call_config.call_retry_config {
        findings.extend(retries_that_do_not_fit(retry, *first, *last, timezone));
    }
    Some(CampaignWindow { slots })
}

/// C001 unless `text` is `DD/MM/YYYY, HH:MM` and a real date and time.
fn campaign_time(field: &str, text: &str, findings: &mut Vec<Finding>) -> Option<NaiveDateTime> {
    let message = if !has_shape(text, "99/99/9999, 99:99") {
        format!("`{field}` is `{text}`; Ringg expects `{CAMPAIGN_TIME_SHAPE}`")
    } else {
        match NaiveDateTime::parse_from_str(text, CAMPAIGN_TIME_FORMAT) {
            Ok(time) => return Some(time),
            Err(_) => format!("`{field}` is `{text}`, which is not a real date and time"),
        }
    };
    findings.push(Finding::new(Code::C001, message).at_field(field));
    None
}

/// The campaign's start date, when `campaign_start_time` parses (C001
/// reports it otherwise).
pub(crate) fn start_date(campaign: &Campaign) -> Option<chrono::NaiveDate> {
    NaiveDateTime::parse_from_str(&campaign.campaign_start_time, CAMPAIGN_TIME_FORMAT)
        .ok()
        .map(|time| time.date())
}

/// C001 unless `text` is `HH:MM` on the 24-hour clock.
fn time_of_day(field: &str, text: &str, findings: &mut Vec<Finding>) -> Option<NaiveTime> {
    if let Some(time) = parse_time_of_day(text) {
        return Some(time);
    }
    let name = field.rsplit('.').next().unwrap_or(field);
    findings.push(
        Finding::new(
            Code::C001,
            format!("`{name}` is `{text}`; Ringg expects `HH:MM` on the 24-hour clock"),
        )
        .at_field(field),
    );
    None
}

/// `HH:MM`, exactly two digits each, 00:00 to 23:59.
pub(crate) fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    has_shape(text, "99:99")
        .then(|| NaiveTime::parse_from_str(text, TIME_OF_DAY_FORMAT).ok())
        .flatten()
}

/// `text` matches `shape`, where `9` stands for any ASCII digit and every
/// other character for itself. Stricter than `chrono`, which also takes
/// `9:00` and `1/2/2026`.
fn has_shape(text: &str, shape: &str) -> bool {
    text.len() == shape.len()
        && text.bytes().zip(shape.bytes()).all(|(byte, want)| {
            if want == b'9' {
                byte.is_ascii_digit()
            } else {
                byte == want
            }
        })
}

/// C002 unless `name` is an IANA time-zone name.
fn timezone(name: &str, findings: &mut Vec<Finding>) -> Option<Tz> {
    if let Ok(timezone) = name.parse::<Tz>() {
        return Some(timezone);
    }
    let suggestion = closest_timezone(name)
        .map(|close| format!("; did you mean `{close}`?"))
        .unwrap_or_default();
    findings.push(
        Finding::new(
            Code::C002,
            format!("`timezone` is `{name}`, not an IANA time-zone name{suggestion}"),
        )
        .at_field(TIMEZONE_FIELD),
    );
    None
}

/// The IANA name nearest to `name`, ignoring case, when it is near enough
/// to be a typo (`asia/kolkata`, `Asia/Kolkatta`), not a different zone.
fn closest_timezone(name: &str) -> Option<&'static str> {
    let wanted = name.trim().to_lowercase();
    chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| {
            let candidate = tz.name();
            let score = strsim::normalized_damerau_levenshtein(&wanted, &candidate.to_lowercase());
            (score, candidate)
        })
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

fn end_before_start(campaign: &Campaign) -> Finding {
    Finding::new(
        Code::C004,
        format!(
            "`campaign_end_time` {} is not after `campaign_start_time` {}",
            campaign.campaign_end_time, campaign.campaign_start_time
        ),
    )
    .at_field(END_FIELD)
}

/// Which instant an ambiguous wall-clock time (DST fall-back) stands for.
#[derive(Clone, Copy)]
enum Pick {
    /// The first occurrence: a window opens as early as it can.
    Earliest,
    /// The second: a window closes as late as it can.
    Latest,
}

/// A wall-clock time placed on the time line.
struct Placed {
    instant: DateTime<Utc>,
    dst: Option<Dst>,
}

/// Why a wall-clock time is not one instant.
enum Dst {
    /// It does not exist: the clocks jumped from the second after `before`
    /// to `to`; it is taken as the same distance past the jump, the way
    /// clocks and most schedulers read it.
    Gap {
        before: DateTime<Tz>,
        to: DateTime<Tz>,
    },
    /// It happens twice.
    Ambiguous {
        first: DateTime<Tz>,
        second: DateTime<Tz>,
    },
}

impl Placed {
    /// The C007 message, when `text` (the value of `field`) is in a DST
    /// gap or overlap.
    fn dst_message(&self, field: &str, text: &str, timezone: Tz) -> Option<String> {
        Some(match self.dst.as_ref()? {
            Dst::Gap { before, to } => format!(
                "`{field}` {text} does not exist in {timezone}: the clocks go forward from {} to {} ({} → {})",
                gap_start(before).format(TIME_OF_DAY_FORMAT),
                to.format(TIME_OF_DAY_FORMAT),
                OffsetText(before),
                OffsetText(to),
            ),
            Dst::Ambiguous { first, second } => format!(
                "`{field}` {text} is ambiguous in {timezone}: it happens twice, at {} and again at {}",
                OffsetText(first),
                OffsetText(second),
            ),
        })
    }
}

/// An offset as `-04:00 (EDT)`.
struct OffsetText<'a>(&'a DateTime<Tz>);

impl fmt::Display for OffsetText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let offset = self.0.offset();
        write!(f, "{}", offset.fix())?;
        match offset.abbreviation() {
            Some(name) if !name.starts_with(['+', '-']) => write!(f, " {name}"),
            _ => Ok(()),
        }
    }
}

/// Places `local` in `timezone`; see [`Dst`] for the times that are not
/// exactly one instant.
fn place(timezone: Tz, local: NaiveDateTime, pick: Pick) -> Placed {
    match timezone.from_local_datetime(&local) {
        LocalResult::Single(time) => Placed {
            instant: time.to_utc(),
            dst: None,
        },
        LocalResult::Ambiguous(first, second) => Placed {
            instant: match pick {
                Pick::Earliest => first.to_utc(),
                Pick::Latest => second.to_utc(),
            },
            dst: Some(Dst::Ambiguous { first, second }),
        },
        LocalResult::None => {
            let jump = transition_after(timezone, local);
            let before = (jump - TimeDelta::seconds(1)).with_timezone(&timezone);
            let to = jump.with_timezone(&timezone);
            Placed {
                instant: jump + (local - gap_start(&before).naive_local()),
                dst: Some(Dst::Gap { before, to }),
            }
        }
    }
}

/// The first wall-clock time a DST gap skips, in the offset before it:
/// one second after `before`, the last second before the jump.
fn gap_start(before: &DateTime<Tz>) -> DateTime<FixedOffset> {
    before.fixed_offset() + TimeDelta::seconds(1)
}

/// The first instant whose wall-clock time in `timezone` is at or after
/// `local`: for a time in a DST gap, the instant the clocks jumped.
fn transition_after(timezone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    // No zone is more than 14 hours from UTC, so the instant lies within
    // 15 hours of `local` read as UTC; the wall clock only moves forward
    // there (transitions are months apart), so a binary search finds it.
    let at = |seconds: i64| DateTime::from_timestamp(seconds, 0).unwrap_or_default();
    let as_utc = local.and_utc().timestamp();
    let (mut before, mut after) = (as_utc - 15 * 3600, as_utc + 15 * 3600);
    while after - before > 1 {
        let middle = before + (after - before) / 2;
        if timezone
            .from_utc_datetime(&at(middle).naive_utc())
            .naive_local()
            >= local
        {
            after = middle;
        } else {
            before = middle;
        }
    }
    at(after)
}

/// Each campaign day's calling window, cut to `[start, end)`, empty ones
/// dropped; at most [`MAX_SLOT_DAYS`] days.
fn calling_slots(
    timezone: Tz,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    open: NaiveTime,
    close: NaiveTime,
) -> Vec<Slot> {
    let mut slots = Vec::new();
    let last_day = end.with_timezone(&timezone).date_naive();
    let days = start.with_timezone(&timezone).date_naive().iter_days();
    for day in days.take(MAX_SLOT_DAYS as usize) {
        if day > last_day {
            break;
        }
        let opens = place(timezone, day.and_time(open), Pick::Earliest).instant;
        let closes = place(timezone, day.and_time(close), Pick::Latest).instant;
        let slot = Slot {
            start: opens.max(start),
            end: closes.min(end),
        };
        if slot.start < slot.end {
            slots.push(slot);
        }
    }
    slots
}

/// C008: the longest retry delay times `retry_count` exceeds the calling
/// span, from the first slot's start to the last slot's end.
fn retries_that_do_not_fit(
    retry: RetryConfig,
    first: Slot,
    last: Slot,
    timezone: Tz,
) -> Option<Finding> {
    if retry.retry_count == 0 {
        return None;
    }
    let (field, delay) = [
        ("retry_busy", retry.retry_busy),
        ("retry_not_picked", retry.retry_not_picked),
        ("retry_failed", retry.retry_failed),
    ]
    .into_iter()
    .fold(("retry_busy", 0), |longest, delay| {
        if delay.1 > longest.1 { delay } else { longest }
    });
    let needed = u64::from(retry.retry_count) * u64::from(delay);
    let span = u64::try_from((last.end - first.start).num_minutes()).unwrap_or(0);
    if needed <= span {
        return None;
    }
    let retries = match retry.retry_count {
        1 => "1 retry".to_owned(),
        count => format!("{count} retries"),
    };
    Some(
        Finding::new(
            Code::C008,
            format!(
                "{retries} × {delay} min (`{field}`) need {needed} min after the first call, but the calling hours span only {span} min, from {} to {} ({timezone})",
                local_text(first.start, timezone),
                local_text(last.end, timezone),
            ),
        )
        .at_field(RETRY_FIELD),
    )
}

/// `instant` as a campaign time in `timezone`: `18/10/2026, 09:00`.
fn local_text(instant: DateTime<Utc>, timezone: Tz) -> String {
    instant
        .with_timezone(&timezone)
        .format(CAMPAIGN_TIME_FORMAT)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, CAMPAIGN_TIME_FORMAT).unwrap()
    }

    #[test]
    fn shapes_are_strict() {
        assert!(has_shape("18/10/2026, 09:00", "99/99/9999, 99:99"));
        assert!(!has_shape("18/10/2026 09:00", "99/99/9999, 99:99"));
        assert!(!has_shape("8/10/2026, 09:00", "99/99/9999, 99:99"));
        assert_eq!(
            parse_time_of_day("09:30"),
            NaiveTime::from_hms_opt(9, 30, 0)
        );
        assert_eq!(parse_time_of_day("9:30"), None);
        assert_eq!(parse_time_of_day("24:00"), None);
        assert_eq!(parse_time_of_day("09:30 "), None);
    }

    #[test]
    fn a_time_in_a_gap_is_read_past_the_jump() {
        let new_york: Tz = "America/New_York".parse().unwrap();
        let placed = place(new_york, local("08/03/2026, 02:30"), Pick::Earliest);
        // 02:30 does not exist; 03:30 EDT is 07:30 UTC.
        assert_eq!(placed.instant.to_rfc3339(), "2026-03-08T07:30:00+00:00");
        let Some(Dst::Gap { before, to }) = placed.dst else {
            panic!("not a gap")
        };
        assert_eq!(gap_start(&before).to_rfc3339(), "2026-03-08T02:00:00-05:00");
        assert_eq!(to.to_rfc3339(), "2026-03-08T03:00:00-04:00");
    }

    #[test]
    fn an_ambiguous_time_opens_early_and_closes_late() {
        let london: Tz = "Europe/London".parse().unwrap();
        let time = local("25/10/2026, 01:30");
        assert_eq!(
            place(london, time, Pick::Earliest).instant.to_rfc3339(),
            "2026-10-25T00:30:00+00:00"
        );
        assert_eq!(
            place(london, time, Pick::Latest).instant.to_rfc3339(),
            "2026-10-25T01:30:00+00:00"
        );
    }

    #[test]
    fn slots_are_the_daily_window_cut_to_the_campaign() {
        let kolkata: Tz = "Asia/Kolkata".parse().unwrap();
        let at = |text| place(kolkata, local(text), Pick::Earliest).instant;
        let slots = calling_slots(
            kolkata,
            at("18/10/2026, 12:00"),
            at("20/10/2026, 10:00"),
            NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        );
        let shown: Vec<_> = slots
            .iter()
            .map(|s| (local_text(s.start, kolkata), local_text(s.end, kolkata)))
            .collect();
        assert_eq!(
            shown,
            [
                (
                    "18/10/2026, 12:00".to_owned(),
                    "18/10/2026, 18:00".to_owned()
                ),
                (
                    "19/10/2026, 09:00".to_owned(),
                    "19/10/2026, 18:00".to_owned()
                ),
                (
                    "20/10/2026, 09:00".to_owned(),
                    "20/10/2026, 10:00".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn very_long_campaigns_are_cut_to_max_slot_days() {
        let utc: Tz = "UTC".parse().unwrap();
        let at = |text| place(utc, local(text), Pick::Earliest).instant;
        let slots = calling_slots(
            utc,
            at("01/01/2026, 00:00"),
            at("31/12/9999, 23:59"),
            NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        );
        assert_eq!(slots.len(), MAX_SLOT_DAYS as usize);
    }

    #[test]
    fn closest_timezone_fixes_typos_not_other_zones() {
        assert_eq!(closest_timezone("asia/kolkata"), Some("Asia/Kolkata"));
        assert_eq!(closest_timezone("Asia/Kolkatta"), Some("Asia/Kolkata"));
        assert_eq!(closest_timezone("IST"), None);
    }
}
