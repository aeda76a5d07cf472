//! Contract checks shared by the handlers.

use serde_json::{Map, Value};

/// `DD/MM/YYYY, HH:MM`, a real calendar date and time.
pub(crate) fn is_ringg_time(s: &str) -> bool {
    parse_ringg_time(s).is_some()
}

/// Parses `DD/MM/YYYY, HH:MM` into (year, month, day, hour, minute).
pub(crate) fn parse_ringg_time(s: &str) -> Option<(u32, u32, u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 17 || b[2] != b'/' || b[5] != b'/' || &b[10..12] != b", " || b[14] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (d, m, y, hh, mm) = (
        num(0..2)?,
        num(3..5)?,
        num(6..10)?,
        num(12..14)?,
        num(15..17)?,
    );
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) || hh > 23 || mm > 59 {
        return None;
    }
    Some((y, m, d, hh, mm))
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        _ => 28,
    }
}

/// A field that must be a JSON string holding an object.
pub(crate) fn json_object_string(name: &str, s: &str) -> Result<Map<String, Value>, String> {
    match serde_json::from_str::<Value>(s) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(format!("{name} must be a JSON object string.")),
        Err(e) => Err(format!("{name} is not valid JSON: {e}")),
    }
}

/// `+<digits>` (1–4 digits), or the older two-letter form.
pub(crate) fn is_country_code(s: &str) -> bool {
    if let Some(d) = s.strip_prefix('+') {
        (1..=4).contains(&d.len()) && d.bytes().all(|c| c.is_ascii_digit())
    } else {
        s.len() == 2 && s.bytes().all(|c| c.is_ascii_uppercase())
    }
}

/// `true` / `false`, any case.
pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// Checks `call_config`: an object whose optional `call_time` and
/// `call_retry_config` have the documented shapes.
pub(crate) fn check_call_config(cfg: &Map<String, Value>) -> Result<(), String> {
    if let Some(ct) = cfg.get("call_time") {
        let ct = ct
            .as_object()
            .ok_or("call_config.call_time must be an object.")?;
        for key in ["call_start_time", "call_end_time"] {
            if let Some(v) = ct.get(key) {
                let ok = v.as_str().is_some_and(is_hh_mm);
                if !ok {
                    return Err(format!("call_config.call_time.{key} must be HH:MM."));
                }
            }
        }
        if let Some(tz) = ct.get("timezone")
            && !tz.as_str().is_some_and(|t| t.contains('/') || t == "UTC")
        {
            return Err("call_config.call_time.timezone must be an IANA time zone.".to_owned());
        }
    }
    if let Some(rc) = cfg.get("call_retry_config") {
        let rc = rc
            .as_object()
            .ok_or("call_config.call_retry_config must be an object.")?;
        for (k, v) in rc {
            if !v.is_u64() {
                return Err(format!(
                    "call_config.call_retry_config.{k} must be a non-negative integer."
                ));
            }
        }
    }
    Ok(())
}

fn is_hh_mm(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && s.get(0..2)
            .and_then(|h| h.parse::<u32>().ok())
            .is_some_and(|h| h < 24)
        && s.get(3..5)
            .and_then(|m| m.parse::<u32>().ok())
            .is_some_and(|m| m < 60)
}

/// Splits one CSV line into cells (double quotes honoured, no multi-line cells).
pub(crate) fn split_csv_line(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut in_quotes = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if in_quotes && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => cells.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    cells.push(cur);
    cells
}

/// The parts of an uploaded CSV the fake looks at.
pub(crate) struct CsvSummary {
    pub(crate) header: Vec<String>,
    pub(crate) rows: u64,
    /// The first cells of the phone column (at most 100).
    pub(crate) phones: Vec<String>,
}

/// Reads the header, counts the data rows and samples the phone column.
pub(crate) fn summarize_csv(bytes: &[u8], phone_column: &str) -> Result<CsvSummary, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "The CSV file is not UTF-8.".to_owned())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    let header_line = lines
        .by_ref()
        .find(|l| !l.trim().is_empty())
        .ok_or("Invalid file format: the CSV is empty.")?;
    let header: Vec<String> = split_csv_line(header_line)
        .into_iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let phone_idx = header.iter().position(|h| h == phone_column);
    let mut rows = 0u64;
    let mut phones = Vec::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        rows += 1;
        if let Some(i) = phone_idx
            && phones.len() < 100
            && let Some(cell) = split_csv_line(line).get(i)
        {
            phones.push(cell.trim().to_owned());
        }
    }
    Ok(CsvSummary {
        header,
        rows,
        phones,
    })
}

/// `DD/MM/YYYY, HH:MM` as ISO 8601 (`YYYY-MM-DDTHH:MM:00Z`), for `/campaign/all`.
pub(crate) fn ringg_time_to_iso(s: &str) -> Option<String> {
    let (y, m, d, hh, mm) = parse_ringg_time(s)?;
    Some(format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:00Z"))
}

/// The current UTC time as ISO 8601.
pub(crate) fn iso_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert!(is_ringg_time("18/10/2026, 09:00"));
        assert!(is_ringg_time("29/02/2028, 23:59"));
        assert!(!is_ringg_time("29/02/2027, 10:00"));
        assert!(!is_ringg_time("2026-10-18 09:00"));
        assert!(!is_ringg_time("18/10/2026 09:00"));
        assert!(!is_ringg_time("18/10/2026, 24:00"));
        assert!(!is_ringg_time("1８/10/2026, 09:00"));
        assert_eq!(
            ringg_time_to_iso("18/10/2026, 09:05").as_deref(),
            Some("2026-10-18T09:05:00Z")
        );
    }

    #[test]
    fn csv() {
        let s = summarize_csv(
            b"\xef\xbb\xbfMobile Number,Name\n+91 1,\"Doe, J\"\n\n+91 2,X\n",
            "Mobile Number",
        )
        .expect("ok");
        assert_eq!(s.header, vec!["Mobile Number", "Name"]);
        assert_eq!(s.rows, 2);
        assert_eq!(s.phones, vec!["+91 1", "+91 2"]);
        assert_eq!(
            split_csv_line(r#"a,"b ""q""",c"#),
            vec!["a", "b \"q\"", "c"]
        );
    }

    #[test]
    fn misc() {
        assert!(is_country_code("+91"));
        assert!(is_country_code("IN"));
        assert!(!is_country_code("91"));
        assert_eq!(parse_bool("TRUE"), Some(true));
        assert!(json_object_string("x", "[1]").is_err());
        assert!(iso_now().ends_with('Z'));
        let cfg = json_object_string("call_config", r#"{"call_time":{"call_start_time":"9:00"}}"#)
            .expect("object");
        assert!(check_call_config(&cfg).is_err());
    }
}
