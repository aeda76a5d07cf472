//! The split, and so the record validator, over arbitrary bytes: it never
//! panics, and when it reads the input at all it loses no row. The first
//! byte picks the options (encoding, batch size, a small field limit), so
//! transcoding and limits are fuzzed too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ringg_preflight::{DiscardRows, InputEncoding, Limits, Outputs, PreflightBuilder};

fuzz_target!(|data: &[u8]| {
    let Some((&knobs, input)) = data.split_first() else {
        return;
    };
    let mut builder = PreflightBuilder::new();
    builder
        .country_code("+91")
        .threads(1)
        .batch_size(usize::from(knobs & 0x07) + 1)
        .keep_row_findings(true);
    match knobs >> 6 {
        1 => {
            builder.encoding(InputEncoding::windows_1252());
        }
        2 => {
            if let Some(utf16) = InputEncoding::for_label("utf-16le") {
                builder.encoding(utf16);
            }
        }
        _ => {}
    }
    if knobs & 0x20 != 0 {
        builder.limits(Limits {
            max_field_bytes: 64,
            max_row_bytes: 256,
            max_rows: Some(50),
        });
    }
    let preflight = builder.build().expect("builds without a campaign");
    let (mut valid, mut invalid) = (Vec::new(), Vec::new());
    let outputs = Outputs {
        valid: &mut valid,
        invalid: &mut invalid,
    };
    if let Ok(report) = preflight.split(input, Some(outputs), &mut DiscardRows) {
        assert_eq!(report.valid_rows + report.invalid_rows, report.total_rows);
        let rows = |bytes: &[u8]| {
            csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(bytes)
                .byte_records()
                .count() as u64
        };
        if report.total_rows > 0 {
            assert_eq!(rows(&valid), report.valid_rows + 1);
            assert_eq!(rows(&invalid), report.invalid_rows + 1);
        }
    }
});
