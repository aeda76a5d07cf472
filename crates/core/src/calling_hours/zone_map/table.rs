//! libphonenumber's time-zone map, from its text (`prefix|Zone/One&Zone/Two`
//! lines) to the tables [`super::ZoneMap`] looks numbers up in.
//!
//! The build script parses the shipped map with this module and writes the
//! tables as Rust (`zone_map.rs` in `OUT_DIR`), so a run reads them from
//! the binary instead of parsing 3,300 lines on its first number. It uses
//! the standard library alone, for the build script's sake; time zones are
//! kept as names, resolved at run time, set by set, when first needed.

use std::collections::HashMap;

/// In `short_lead`: no prefix matches.
pub(crate) const NO_ZONE_SET: u32 = u32::MAX;

/// libphonenumber's name for "no time zone known".
pub(crate) const UNKNOWN_ZONE: &str = "Etc/Unknown";

/// The map as lookup tables.
///
/// Prefixes start with a country code, whose first digit is never 0, so a
/// prefix's value alone identifies it: `1` and `12` cannot collide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tables {
    /// (prefix, zone-set id), sorted by prefix.
    pub(crate) prefixes: Vec<(u64, u32)>,
    /// Prefix lengths present, longest first.
    pub(crate) lengths: Vec<u32>,
    /// For each two leading digits (`10`..`99`), bit `n` set when a prefix
    /// of length `n` can match a number that starts with them.
    pub(crate) lengths_by_lead: [u32; 100],
    /// For each two leading digits whose numbers can only match a prefix
    /// of one or two digits, the zone-set id itself (`NO_ZONE_SET` when
    /// none matches).
    pub(crate) short_lead: [Option<u32>; 100],
    /// Each distinct zone set, its names joined by `&`, `Etc/Unknown` left
    /// out; its index is its id.
    pub(crate) zone_sets: Vec<String>,
}

/// Parses `prefix|Zone/One&Zone/Two` lines; `#` starts a comment. A later
/// line for the same prefix replaces an earlier one; identical zone lists
/// share one set.
pub(crate) fn parse(text: &str) -> Tables {
    let mut by_prefix: HashMap<u64, u32> = HashMap::new();
    let mut set_ids: HashMap<&str, u32> = HashMap::new();
    let mut tables = Tables {
        prefixes: Vec::new(),
        lengths: Vec::new(),
        lengths_by_lead: [0; 100],
        short_lead: [None; 100],
        zone_sets: Vec::new(),
    };
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
            let names: Vec<&str> = zones
                .split('&')
                .map(str::trim)
                .filter(|name| *name != UNKNOWN_ZONE)
                .collect();
            tables.zone_sets.push(names.join("&"));
            (tables.zone_sets.len() - 1) as u32
        });
        by_prefix.insert(value, id);
        let length = prefix.len() as u32;
        if !tables.lengths.contains(&length) {
            tables.lengths.push(length);
        }
        // A one-digit prefix leads every pair that starts with it.
        let leads = match length {
            1 => value * 10..value * 10 + 10,
            _ => {
                let lead = value / 10u64.pow(length - 2);
                lead..lead + 1
            }
        };
        for lead in leads {
            tables.lengths_by_lead[lead as usize] |= 1 << length;
        }
    }
    tables.lengths.sort_unstable_by(|a, b| b.cmp(a));
    for lead in 10..100u64 {
        const ONE_OR_TWO_DIGITS: u32 = 1 << 1 | 1 << 2;
        if tables.lengths_by_lead[lead as usize] & !ONE_OR_TWO_DIGITS == 0 {
            let id = [lead, lead / 10]
                .iter()
                .find_map(|prefix| by_prefix.get(prefix).copied());
            tables.short_lead[lead as usize] = Some(id.unwrap_or(NO_ZONE_SET));
        }
    }
    tables.prefixes = by_prefix.into_iter().collect();
    tables.prefixes.sort_unstable();
    tables
}
