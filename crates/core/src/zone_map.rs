//! libphonenumber's time-zone map: number prefix → the time zones its
//! numbers may be in, loaded once into a longest-prefix table.
//!
//! The data (`data/libphonenumber-timezones/map_data.txt`, Apache-2.0) is
//! embedded in the binary, so nothing is read at run time. It is immutable,
//! so one table built on first use is shared by every thread and every
//! [`crate::Preflight`].

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use chrono_tz::Tz;

/// The map as shipped with the repository.
const MAP_DATA: &str = include_str!("../../../data/libphonenumber-timezones/map_data.txt");

/// In [`ZoneMap`]'s `short_lead`: no prefix matches.
const NO_ZONE_SET: u32 = u32::MAX;

/// libphonenumber's name for "no time zone known".
const UNKNOWN_ZONE: &str = "Etc/Unknown";

/// Powers of ten up to 10^15: E.164 numbers have at most 15 digits.
const POW10: [u64; 16] = {
    let mut table = [1u64; 16];
    let mut i = 1;
    while i < 16 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// `value / 10^exponent` (`exponent` at most 15, as for E.164 digits;
/// beyond, 0). Every row's number is cut to its prefix: with a constant
/// divisor per arm the compiler multiplies and shifts instead of issuing a
/// 64-bit division, which showed in profiles.
fn drop_digits(value: u64, exponent: u32) -> u64 {
    match exponent {
        0 => value,
        1 => value / 10,
        2 => value / 100,
        3 => value / 1_000,
        4 => value / 10_000,
        5 => value / 100_000,
        6 => value / 1_000_000,
        7 => value / 10_000_000,
        8 => value / 100_000_000,
        9 => value / 1_000_000_000,
        10 => value / 10_000_000_000,
        11 => value / 100_000_000_000,
        12 => value / 1_000_000_000_000,
        13 => value / 10_000_000_000_000,
        14 => value / 100_000_000_000_000,
        15 => value / 1_000_000_000_000_000,
        _ => 0,
    }
}

/// Prefix → zone-set id, with every prefix length present, longest first.
///
/// Prefixes start with a country code, whose first digit is never 0, so a
/// prefix's value alone identifies it: `1` and `12` cannot collide.
#[derive(Debug)]
pub(crate) struct ZoneMap {
    by_prefix: HashMap<u64, u32, BuildHasherDefault<PrefixHasher>>,
    /// Prefix lengths present, longest first.
    lengths: Vec<u32>,
    /// For each two leading digits (`10`..`99`), bit `n` set when a prefix
    /// of length `n` can match a number that starts with them: a lookup
    /// then tries one or two lengths, not every length in the map.
    lengths_by_lead: [u32; 100],
    /// For each two leading digits whose numbers can only match a prefix
    /// of one or two digits (`91`: India has one zone), the zone-set id
    /// itself (`NO_ZONE_SET` when none matches): most numbers then cost an
    /// array read, not a hash lookup.
    short_lead: [Option<u32>; 100],
    /// Distinct zone sets; many prefixes share one (`America/New_York`).
    zone_sets: Vec<Box<[Tz]>>,
}

impl ZoneMap {
    /// The embedded map, parsed on first use.
    pub(crate) fn embedded() -> &'static ZoneMap {
        static MAP: OnceLock<ZoneMap> = OnceLock::new();
        MAP.get_or_init(|| ZoneMap::parse(MAP_DATA))
    }

    /// Parses `prefix|Zone/One&Zone/Two` lines; `#` starts a comment.
    ///
    /// `Etc/Unknown` and names `chrono-tz` does not know are dropped from a
    /// set; a prefix whose set ends up empty stays in the table, so its
    /// numbers are not attributed to a shorter prefix's zones.
    pub(crate) fn parse(text: &str) -> ZoneMap {
        let mut map = ZoneMap {
            by_prefix: HashMap::default(),
            lengths: Vec::new(),
            lengths_by_lead: [0; 100],
            short_lead: [None; 100],
            zone_sets: Vec::new(),
        };
        let mut set_ids: HashMap<&str, u32> = HashMap::new();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((prefix, zones)) = line.split_once('|') else {
                continue;
            };
            let prefix = prefix.trim();
            if prefix.is_empty()
                || prefix.len() > 15
                || prefix.starts_with('0')
                || !prefix.bytes().all(|b| b.is_ascii_digit())
            {
                continue;
            }
            let Ok(value) = prefix.parse::<u64>() else {
                continue;
            };
            let zones = zones.trim();
            let id = *set_ids.entry(zones).or_insert_with(|| {
                let set: Box<[Tz]> = zones
                    .split('&')
                    .map(str::trim)
                    .filter(|name| *name != UNKNOWN_ZONE)
                    .filter_map(|name| name.parse::<Tz>().ok())
                    .collect();
                map.zone_sets.push(set);
                (map.zone_sets.len() - 1) as u32
            });
            map.by_prefix.insert(value, id);
            let length = prefix.len() as u32;
            if !map.lengths.contains(&length) {
                map.lengths.push(length);
            }
            // A one-digit prefix leads every pair that starts with it.
            let leads = match length {
                1 => (value * 10..value * 10 + 10).collect::<Vec<_>>(),
                _ => vec![value / POW10[(length - 2) as usize]],
            };
            for lead in leads {
                map.lengths_by_lead[lead as usize] |= 1 << length;
            }
        }
        map.lengths.sort_unstable_by(|a, b| b.cmp(a));
        for lead in 10..100u64 {
            const ONE_OR_TWO_DIGITS: u32 = 1 << 1 | 1 << 2;
            if map.lengths_by_lead[lead as usize] & !ONE_OR_TWO_DIGITS == 0 {
                let id = [lead, lead / 10]
                    .iter()
                    .find_map(|prefix| map.by_prefix.get(prefix).copied());
                map.short_lead[lead as usize] = Some(id.unwrap_or(NO_ZONE_SET));
            }
        }
        map
    }

    /// How many distinct zone sets the map holds; ids run below this.
    pub(crate) fn zone_set_count(&self) -> usize {
        self.zone_sets.len()
    }

    /// The zone set of a number's longest matching prefix, with its id;
    /// `None` when no prefix matches or the set is empty. `digits` are the
    /// E.164 digits, country code first.
    pub(crate) fn zones_of(&self, digits: u64) -> Option<(u32, &[Tz])> {
        let count = digits.checked_ilog10()? + 1;
        let (candidates, short) = match count {
            1 => (u32::MAX, None),
            _ => {
                let lead = drop_digits(digits, count - 2) as usize;
                (self.lengths_by_lead[lead], self.short_lead[lead])
            }
        };
        let id = match short {
            Some(NO_ZONE_SET) => return None,
            Some(id) => id,
            None => self
                .lengths
                .iter()
                .filter(|&&length| length <= count && candidates & (1 << length) != 0)
                .find_map(|&length| {
                    let prefix = drop_digits(digits, count - length);
                    self.by_prefix.get(&prefix).copied()
                })?,
        };
        Some((id, &*self.zone_sets[id as usize])).filter(|(_, zones)| !zones.is_empty())
    }
}

/// A multiplicative hasher for the `u64` prefix keys: every row looks up
/// several prefixes, and SipHash's resistance to crafted keys buys nothing
/// for a fixed, embedded table.
#[derive(Default)]
struct PrefixHasher(u64);

impl Hasher for PrefixHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(map: &ZoneMap, digits: u64) -> Vec<&'static str> {
        map.zones_of(digits)
            .map(|(_, zones)| zones.iter().map(|tz| tz.name()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn the_longest_matching_prefix_wins() {
        let map = ZoneMap::parse(
            "# comment\n\
             1|America/New_York&America/Los_Angeles\n\
             1208|America/Boise&America/Los_Angeles\n\
             1208201|America/Denver\n\
             \n\
             44|Europe/London\n",
        );
        assert_eq!(names(&map, 12_082_015_555), ["America/Denver"]);
        assert_eq!(
            names(&map, 12_082_025_555),
            ["America/Boise", "America/Los_Angeles"]
        );
        assert_eq!(
            names(&map, 13_055_550_173),
            ["America/New_York", "America/Los_Angeles"]
        );
        assert_eq!(names(&map, 447_400_123_456), ["Europe/London"]);
        assert_eq!(map.zones_of(919_876_543_210), None, "no prefix matches");
        assert_eq!(map.zones_of(1), Some((0, &map.zone_sets[0][..])));
    }

    #[test]
    fn trying_only_the_lengths_a_lead_allows_finds_what_trying_every_length_does() {
        let map = ZoneMap::embedded();
        let every_length = |digits: u64| {
            let count = digits.checked_ilog10()? + 1;
            map.lengths
                .iter()
                .filter(|&&length| length <= count)
                .find_map(|&length| {
                    let prefix = digits / POW10[(count - length) as usize];
                    map.by_prefix.get(&prefix).copied()
                })
                .map(|id| (id, &*map.zone_sets[id as usize]))
                .filter(|(_, zones)| !zones.is_empty())
        };
        // Every prefix of the map, extended with digits to many lengths,
        // and numbers no prefix covers.
        let mut checked = 0;
        for (index, &prefix) in map.by_prefix.keys().enumerate() {
            let mut digits = prefix;
            while digits < 100_000_000_000_000 {
                digits = digits * 10 + (index as u64 + digits) % 10;
                assert_eq!(map.zones_of(digits), every_length(digits), "{digits}");
                checked += 1;
            }
        }
        for digits in [1, 7, 10, 99, 800_123, 999_999_999_999_999] {
            assert_eq!(map.zones_of(digits), every_length(digits), "{digits}");
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn identical_zone_sets_share_one_id() {
        let map = ZoneMap::parse(
            "1201|America/New_York\n1202|America/New_York\n1206|America/Los_Angeles\n",
        );
        assert_eq!(map.zone_set_count(), 2);
        assert_eq!(
            map.zones_of(12_015_550_173).map(|(id, _)| id),
            map.zones_of(12_025_550_173).map(|(id, _)| id)
        );
    }

    #[test]
    fn unknown_zones_are_skipped_and_do_not_fall_back_to_a_shorter_prefix() {
        let map = ZoneMap::parse("88|Asia/Dhaka\n882|Etc/Unknown\n883|Mars/Olympus&Asia/Tokyo\n");
        assert_eq!(map.zones_of(882_123_456_789), None);
        assert_eq!(names(&map, 883_123_456_789), ["Asia/Tokyo"]);
        assert_eq!(names(&map, 881_123_456_789), ["Asia/Dhaka"]);
    }

    #[test]
    fn the_embedded_map_places_numbers_of_four_countries() {
        let map = ZoneMap::embedded();
        assert_eq!(names(map, 919_876_543_210), ["Asia/Calcutta"]);
        assert_eq!(names(map, 12_125_550_173), ["America/New_York"]);
        assert_eq!(names(map, 14_155_550_173), ["America/Los_Angeles"]);
        assert_eq!(
            names(map, 447_400_123_456),
            ["Europe/Guernsey", "Europe/Isle_of_Man", "Europe/London"]
        );
        // Every zone name in the data is one chrono-tz knows.
        let listed = MAP_DATA
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once('|'))
            .flat_map(|(_, zones)| zones.split('&'))
            .filter(|name| *name != UNKNOWN_ZONE)
            .all(|name| name.trim().parse::<Tz>().is_ok());
        assert!(listed, "a zone in map_data.txt is unknown to chrono-tz");
    }
}
