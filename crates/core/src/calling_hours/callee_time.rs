//! Callee local time (T001): the campaign's calling slots, converted into
//! every time zone of a number's prefix, against the legal calling hours of
//! the number's country.
//!
//! The verdict depends only on the number's zone set and its legal hours,
//! never on the rest of the number, so it is computed once per (zone set,
//! legal hours) pair, the first time a row needs it, and read lock-free
//! after that. A row that passes costs a few hash probes and no allocation.

use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Write as _};
use std::sync::OnceLock;

use chrono::NaiveTime;
use chrono_tz::Tz;
use rlibphonenumber::Region;

use crate::calling_hours::zone_map::ZoneMap;
use crate::campaign::window::{CampaignWindow, TIME_OF_DAY_FORMAT, parse_time_of_day};
use crate::findings::finding::Finding;
use crate::phone::{AcceptedNumber, library, metadata};
use crate::rules::Code;

const CALLING_HOURS_FIELD: &str = "preflight.calling_hours";
/// The `preflight.calling_hours` key for every region not named.
const DEFAULT_KEY: &str = "default";
/// Distinct local windows named per zone in a message, and zone groups
/// named per message: enough to act on, short enough to read.
const MAX_WINDOWS_NAMED: usize = 3;
const MAX_GROUPS_NAMED: usize = 3;

/// Legal calling hours in the callee's local time: from `start` to `end`
/// on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CallingHours {
    start: NaiveTime,
    end: NaiveTime,
}

impl CallingHours {
    const fn new(start_hour: u32, end_hour: u32) -> Self {
        CallingHours {
            start: hour(start_hour),
            end: hour(end_hour),
        }
    }

    /// `HH:MM-HH:MM` (an en dash is accepted too), start before end.
    fn parse(text: &str) -> Option<Self> {
        let (start, end) = text.split_once('-').or_else(|| text.split_once('–'))?;
        let hours = CallingHours {
            start: parse_time_of_day(start.trim())?,
            end: parse_time_of_day(end.trim())?,
        };
        (hours.start < hours.end).then_some(hours)
    }
}

const fn hour(hour: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(hour, 0, 0) {
        Some(time) => time,
        None => panic!("an hour of the day"),
    }
}

impl fmt::Display for CallingHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}–{}",
            self.start.format(TIME_OF_DAY_FORMAT),
            self.end.format(TIME_OF_DAY_FORMAT)
        )
    }
}

/// India (TRAI): 09:00–21:00.
const INDIA: CallingHours = CallingHours::new(9, 21);
/// The United States and Canada (TCPA): 08:00–21:00.
const NORTH_AMERICA: CallingHours = CallingHours::new(8, 21);
/// Everywhere else unless `preflight.calling_hours` says otherwise.
const ELSEWHERE: CallingHours = CallingHours::new(8, 21);

/// The index of the default hours in [`LegalHours::ranges`].
const DEFAULT: u8 = 0;

/// How a calling code's numbers find their legal hours.
#[derive(Debug, Clone, Copy)]
enum HoursOf {
    /// Every region of the code has these (an index into `ranges`).
    Same(u8),
    /// The code's regions differ (say `CA` is set apart from `US`): the
    /// number's own region decides.
    ByRegion,
}

/// The legal calling hours per region, after `preflight.calling_hours`.
#[derive(Debug, Clone)]
pub(crate) struct LegalHours {
    /// Distinct hours in force; the indices below point here.
    ranges: Vec<CallingHours>,
    by_region: HashMap<Region, u8>,
    /// Indexed by calling code (at most three digits).
    by_calling_code: Vec<HoursOf>,
}

impl LegalHours {
    /// The defaults with `settings` (`preflight.calling_hours`) applied; a
    /// malformed entry is a C001 (value) or C011 (key) finding and is
    /// ignored.
    pub(crate) fn new(settings: &BTreeMap<String, String>, findings: &mut Vec<Finding>) -> Self {
        let mut regions: Vec<(Region, CallingHours)> =
            [("IN", INDIA), ("US", NORTH_AMERICA), ("CA", NORTH_AMERICA)]
                .into_iter()
                .filter_map(|(code, hours)| Some((code.parse().ok()?, hours)))
                .collect();
        let mut default = ELSEWHERE;
        for (key, value) in settings {
            let Some(hours) = CallingHours::parse(value) else {
                findings.push(
                    Finding::new(
                        Code::C001,
                        format!(
                            "`{CALLING_HOURS_FIELD}.{key}` is `{value}`; expected `HH:MM-HH:MM` with the start before the end, e.g. `09:00-21:00`"
                        ),
                    )
                    .at_field(&format!("{CALLING_HOURS_FIELD}.{key}")),
                );
                continue;
            };
            if key.eq_ignore_ascii_case(DEFAULT_KEY) {
                default = hours;
                continue;
            }
            match known_region(key) {
                Some(region) => {
                    regions.retain(|(known, _)| *known != region);
                    regions.push((region, hours));
                }
                None => findings.push(
                    Finding::new(
                        Code::C011,
                        format!(
                            "`{CALLING_HOURS_FIELD}` names `{key}`, which is neither a region code such as `IN` or `US` nor `default`"
                        ),
                    )
                    .at_field(CALLING_HOURS_FIELD),
                ),
            }
        }

        // The default is `ranges[DEFAULT]`.
        let mut ranges = vec![default];
        let mut index_of = |hours: CallingHours| -> u8 {
            match ranges.iter().position(|known| *known == hours) {
                Some(index) => index as u8,
                None => {
                    ranges.push(hours);
                    (ranges.len() - 1) as u8
                }
            }
        };
        let by_region: HashMap<Region, u8> = regions
            .into_iter()
            .map(|(region, hours)| (region, index_of(hours)))
            .collect();
        let region_index = |region: Region| by_region.get(&region).copied().unwrap_or(DEFAULT);
        let mut by_calling_code = vec![HoursOf::Same(DEFAULT); 1000];
        // The generated tables, not the library: the campaign's set-up must
        // not cost the library's start-up.
        for (code, regions) in metadata::calling_codes() {
            let mut regions = regions.iter().copied();
            let Some(first) = regions.next().map(region_index) else {
                continue;
            };
            if let Some(entry) = by_calling_code.get_mut(usize::from(code)) {
                *entry = if regions.all(|region| region_index(region) == first) {
                    HoursOf::Same(first)
                } else {
                    HoursOf::ByRegion
                };
            }
        }
        LegalHours {
            ranges,
            by_region,
            by_calling_code,
        }
    }

    /// The index in `ranges` of `number`'s legal hours.
    fn index_for(&self, number: &AcceptedNumber) -> u8 {
        match self.by_calling_code.get(usize::from(number.country_code)) {
            Some(HoursOf::Same(index)) => *index,
            None => DEFAULT,
            // Only when the campaign set apart regions that share a calling
            // code: ask libphonenumber which region the number is in.
            Some(HoursOf::ByRegion) => library()
                .parse(number.e164.to_string(), None)
                .ok()
                .and_then(|parsed| parsed.get_region_code())
                .and_then(|region| self.by_region.get(&region).copied())
                .unwrap_or(DEFAULT),
        }
    }
}

/// `key` as a region libphonenumber knows (`IN`, `us`), from the generated
/// tables.
fn known_region(key: &str) -> Option<Region> {
    let region: Region = key.trim().to_ascii_uppercase().parse().ok()?;
    metadata::region(region).map(|entry| entry.region)
}

/// A number whose prefix has no known time zone: T001 cannot judge it, and
/// the report counts it (`calling_hours.unknown_zone`) instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UnknownZone;

/// The T001 check of one campaign: its window, the legal hours, and the
/// verdicts computed so far.
#[derive(Debug)]
pub(crate) struct CalleeTime {
    window: CampaignWindow,
    hours: LegalHours,
    zones: &'static ZoneMap,
    /// The message per (zone set, legal hours), `None` when every slot lands
    /// inside the legal hours in every zone of the set.
    verdicts: Box<[OnceLock<Option<Box<str>>>]>,
}

impl CalleeTime {
    /// The check for `window` under `hours`.
    pub(crate) fn new(window: CampaignWindow, hours: LegalHours) -> Self {
        // The map is tables built into the binary: taking it costs nothing.
        let zones = ZoneMap::embedded();
        let verdicts = (0..zones.zone_set_count() * hours.ranges.len())
            .map(|_| OnceLock::new())
            .collect();
        CalleeTime {
            window,
            hours,
            zones,
            verdicts,
        }
    }

    /// The T001 message for `number`: `None` when its calls all land in
    /// legal hours, or when its prefix has no known time zone.
    pub(crate) fn check(&self, number: &AcceptedNumber) -> Result<Option<&str>, UnknownZone> {
        let (set, zones) = self
            .zones
            .zones_of(number.e164.digits())
            .ok_or(UnknownZone)?;
        let hours = self.hours.index_for(number);
        let index = set as usize * self.hours.ranges.len() + usize::from(hours);
        Ok(self.verdicts[index]
            .get_or_init(|| self.judge(zones, self.hours.ranges[usize::from(hours)]))
            .as_deref())
    }

    /// Converts every calling slot into each zone; names the local windows
    /// that leave `allowed`, zones with the same windows together.
    fn judge(&self, zones: &[Tz], allowed: CallingHours) -> Option<Box<str>> {
        // (local windows as text, zones called at those times)
        let mut groups: Vec<(String, Vec<&'static str>)> = Vec::new();
        for zone in zones {
            let mut outside: Vec<(NaiveTime, NaiveTime)> = Vec::new();
            for slot in &self.window.slots {
                let start = slot.start.with_timezone(zone).naive_local();
                let end = slot.end.with_timezone(zone).naive_local();
                let inside = start.date() == end.date()
                    && start.time() >= allowed.start
                    && end.time() <= allowed.end;
                let window = (start.time(), end.time());
                if !inside && !outside.contains(&window) {
                    outside.push(window);
                }
            }
            if outside.is_empty() {
                continue;
            }
            let mut text = String::new();
            for (index, (start, end)) in outside.iter().take(MAX_WINDOWS_NAMED).enumerate() {
                if index > 0 {
                    text.push_str(", ");
                }
                let _ = write!(
                    text,
                    "{}–{}",
                    start.format(TIME_OF_DAY_FORMAT),
                    end.format(TIME_OF_DAY_FORMAT)
                );
            }
            if outside.len() > MAX_WINDOWS_NAMED {
                text.push_str(", …");
            }
            match groups.iter_mut().find(|(windows, _)| *windows == text) {
                Some((_, names)) => names.push(zone.name()),
                None => groups.push((text, vec![zone.name()])),
            }
        }
        if groups.is_empty() {
            return None;
        }
        let mut message = String::from("called ");
        for (index, (windows, names)) in groups.iter().take(MAX_GROUPS_NAMED).enumerate() {
            if index > 0 {
                message.push_str(" and ");
            }
            let _ = write!(message, "{windows} {}", names.join(", "));
        }
        let unnamed: usize = groups
            .iter()
            .skip(MAX_GROUPS_NAMED)
            .map(|(_, names)| names.len())
            .sum();
        if unnamed > 0 {
            let _ = write!(message, " and {unnamed} more time zones");
        }
        let _ = write!(message, "; allowed {allowed}");
        Some(message.into_boxed_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calling_hours_parse_strictly() {
        assert_eq!(
            CallingHours::parse("09:00-21:00"),
            Some(CallingHours::new(9, 21))
        );
        assert_eq!(
            CallingHours::parse("09:00 – 21:00"),
            Some(CallingHours::new(9, 21))
        );
        assert_eq!(CallingHours::parse("9-21"), None);
        assert_eq!(CallingHours::parse("21:00-09:00"), None);
        assert_eq!(CallingHours::parse("09:00"), None);
        assert_eq!(CallingHours::new(8, 21).to_string(), "08:00–21:00");
    }

    #[test]
    fn settings_override_regions_and_the_default() {
        let settings: BTreeMap<String, String> = [
            ("GB", "09:00-20:00"),
            ("default", "10:00-19:00"),
            ("ca", "09:30-20:30"),
            ("XX", "09:00-20:00"),
            ("US", "8am-9pm"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let mut findings = Vec::new();
        let hours = LegalHours::new(&settings, &mut findings);
        let messages: Vec<_> = findings
            .iter()
            .map(|f| (f.code, f.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    Code::C001,
                    "`preflight.calling_hours.US` is `8am-9pm`; expected `HH:MM-HH:MM` with the start before the end, e.g. `09:00-21:00`"
                ),
                (
                    Code::C011,
                    "`preflight.calling_hours` names `XX`, which is neither a region code such as `IN` or `US` nor `default`"
                ),
            ]
        );
        let of = |region: &str| {
            let index = hours.by_region[&region.parse::<Region>().unwrap()];
            hours.ranges[usize::from(index)].to_string()
        };
        assert_eq!(of("GB"), "09:00–20:00");
        assert_eq!(of("CA"), "09:30–20:30");
        assert_eq!(of("US"), "08:00–21:00", "a malformed override is ignored");
        assert_eq!(of("IN"), "09:00–21:00");
        assert_eq!(hours.ranges[0].to_string(), "10:00–19:00");
        // +1 now needs each number's region; +44 covers GB, GG, IM, JE,
        // which differ too; +91 is India alone.
        assert!(matches!(hours.by_calling_code[1], HoursOf::ByRegion));
        assert!(matches!(hours.by_calling_code[91], HoursOf::Same(_)));
    }
}
