//! The campaign-file parser and the campaign-level checks over arbitrary
//! text: a file is refused with an error or checked into findings, never a
//! panic.
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use ringg_preflight::{Campaign, DiscardRows, PreflightBuilder};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(campaign) = Campaign::from_json(text, "fuzz.json") else {
        return;
    };
    let _ = ringg_preflight::header::template_header(&campaign);
    let now = Utc.with_ymd_and_hms(2026, 10, 17, 3, 30, 0).unwrap();
    let Ok(preflight) = PreflightBuilder::new()
        .campaign(campaign)
        .now(now)
        .threads(1)
        .build()
    else {
        return;
    };
    let csv = "Mobile Number,Name,Policy ID,Due Date\n+919876543210,Asha,P-1,20/10/2026\n";
    let _ = preflight.split(csv.as_bytes(), None, &mut DiscardRows);
});
