//! `split` gives byte-identical `valid.csv` and `invalid.csv`, the same
//! report (timings aside) and the same rows to the sink, whatever the
//! thread count and the batch size: the pipeline may overlap and
//! parallelise, but the ordered merge decides.

use ringg_preflight::{
    ByteRecord, Campaign, Outputs, Preflight, PreflightBuilder, RowSink, RowVerdict, Severity,
};

/// A seeded generator (SplitMix64), so the file is the same on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

/// A contact file of `rows` rows, a fifth of them bad or odd in one of
/// many ways: every phone code, empty and formula cells, ragged rows,
/// blank lines, invalid UTF-8, CRLF endings, quoted line breaks, numbers
/// repeated far apart (across batches), and a quote left open at the end.
fn contacts(rows: usize) -> Vec<u8> {
    let mut random = Random(0x00C0_FFEE);
    let mut out = b"\xEF\xBB\xBFMobile Number,Name,Policy ID,Due Date\n".to_vec();
    let mut seen: Vec<String> = Vec::new();
    for row in 0..rows {
        let ten = format!("9{:09}", random.below(1_000_000_000));
        let mut phone = match random.below(6) {
            0 => format!("+91{ten}"),
            1 => format!("+91 {} {}", &ten[..5], &ten[5..]),
            2 => format!("0{ten}"),
            3 => format!("91{ten}"),
            4 => ten.clone(),
            _ => format!("0091-{ten}"),
        };
        let mut name = format!("Name {row}");
        let mut line_end = "\n";
        if random.below(5) == 0 {
            match random.below(16) {
                0 => phone = ten[..6].to_owned(),
                1 => phone = "98765 4321O".to_owned(),
                2 => phone = String::new(),
                3 => phone = "9.19876E+11".to_owned(),
                4 => phone = "1800 123 4567".to_owned(),
                5 => phone = format!("\"{ten}, {ten}\""),
                6 => phone = format!("{ten} ext 12"),
                7 => phone = format!("'{ten}"),
                8 => phone = format!("+44 7400 {:06}", random.below(1_000_000)),
                9 => name.clear(),
                10 => name = "=HYPERLINK(x)".to_owned(),
                11 => {
                    out.extend_from_slice(format!("{phone},{name}\n").as_bytes());
                    continue;
                }
                12 => out.extend_from_slice(b"\n\n"),
                13 => name = "x".repeat(1_001),
                14 if !seen.is_empty() => {
                    phone = seen[random.below(seen.len() as u64) as usize].clone()
                }
                _ => line_end = "\r\n",
            }
        }
        if seen.len() < 200 && random.below(10) == 0 {
            seen.push(phone.clone());
        }
        out.extend_from_slice(format!("{phone},{name},POL-{row},20/10/2026{line_end}").as_bytes());
        if row % 997 == 0 {
            // A cell that is not UTF-8, and a quoted line break.
            out.extend_from_slice(b"+919876500001,Ren\xE9e,POL-x,20/10/2026\n");
            out.extend_from_slice(b"+919876500002,\"two\nlines\",POL-y,20/10/2026\n");
        }
    }
    out.extend_from_slice(b"+919876500003,\"never closed,POL-z,20/10/2026\n+919876500004,a,b,c\n");
    out
}

/// A builder with the fixtures' campaign and a fixed clock.
fn with_campaign() -> PreflightBuilder {
    let campaign_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/campaign.json");
    let mut builder = PreflightBuilder::new();
    builder
        .campaign(Campaign::from_path(&campaign_path).expect("campaign"))
        .now("2026-10-17T03:30:00Z".parse().expect("time"));
    builder
}

/// The two files of `builder`'s split of `input`, and its report as JSON
/// without timings; `sink` sees the rows.
fn split(
    builder: &PreflightBuilder,
    input: &[u8],
    sink: &mut dyn RowSink,
) -> (Vec<u8>, Vec<u8>, String) {
    split_with(&builder.build().expect("preflight"), input, sink)
}

/// [`split`] with a `Preflight` built already, perhaps used before.
fn split_with(
    preflight: &Preflight,
    input: &[u8],
    sink: &mut dyn RowSink,
) -> (Vec<u8>, Vec<u8>, String) {
    let (mut valid, mut invalid) = (Vec::new(), Vec::new());
    let outputs = Outputs {
        valid: &mut valid,
        invalid: &mut invalid,
    };
    let report = preflight
        .split(input, Some(outputs), sink)
        .expect("split runs");
    let mut json = serde_json::to_value(&report).expect("report serialises");
    json.as_object_mut().expect("object").remove("timings");
    (valid, invalid, json.to_string())
}

/// What one run produced: the two files, the report as JSON without
/// timings, and the sink's rows.
fn run(input: &[u8], threads: usize, batch_size: usize) -> (Vec<u8>, Vec<u8>, String, String) {
    let mut builder = with_campaign();
    builder
        .threads(threads)
        .batch_size(batch_size)
        .keep_row_findings(true);
    let mut sunk = String::new();
    let (valid, invalid, json) = split(
        &builder,
        input,
        &mut |verdict: &RowVerdict, record: &ByteRecord| {
            let codes: Vec<_> = verdict.findings.iter().map(|f| f.code.as_str()).collect();
            sunk.push_str(&format!(
                "{} {} {codes:?} {}\n",
                verdict.row,
                verdict.line,
                record.len()
            ));
        },
    );
    (valid, invalid, json, sunk)
}

#[test]
fn outputs_are_identical_for_every_thread_count_and_batch_size() {
    let input = contacts(20_000);
    let reference = run(&input, 1, 8_192);
    let report: serde_json::Value = serde_json::from_str(&reference.2).expect("json");
    // The file exercises what it claims to: many codes, both outputs.
    let by_rule = report["by_rule"].as_object().expect("by_rule");
    for code in [
        "F001", "F002", "F004", "F005", "F006", "P001", "P002", "P003", "P004", "P005", "P006",
        "P007", "P008", "P009", "P010", "V001", "V002", "V003",
    ] {
        assert!(by_rule.contains_key(code), "{code} missing: {by_rule:?}");
    }
    assert!(report["valid_rows"].as_u64() > Some(10_000), "{report}");
    assert!(report["invalid_rows"].as_u64() > Some(1_000), "{report}");

    for (threads, batch_size) in [
        (2, 8_192),
        (8, 8_192),
        (0, 8_192),
        (2, 1),
        (8, 7),
        (2, 1_500),
        (8, 100_000),
    ] {
        let run = run(&input, threads, batch_size);
        let what = format!("{threads} threads, batches of {batch_size}");
        assert!(run.0 == reference.0, "valid.csv differs with {what}");
        assert!(run.1 == reference.1, "invalid.csv differs with {what}");
        assert_eq!(run.2, reference.2, "report differs with {what}");
        assert_eq!(run.3, reference.3, "sink rows differ with {what}");
    }
}

/// `valid.csv`, `invalid.csv` and the report of a run without a campaign
/// (numbers read as Indian), in batches of `batch_size`.
fn run_without_campaign(input: &[u8], batch_size: usize) -> (Vec<u8>, Vec<u8>, String) {
    let mut builder = PreflightBuilder::new();
    builder.country_code("+91").batch_size(batch_size);
    split(&builder, input, &mut ringg_preflight::DiscardRows)
}

#[test]
fn date_columns_are_detected_from_the_same_rows_whatever_the_batch_size() {
    // No name marks `Renewal` as dates, and only half its cells are: not a
    // date column. A sample of its first cell alone would say it is.
    let mut input = b"Mobile Number,Name,Renewal\n".to_vec();
    for row in 0..3_000u64 {
        let renewal = if row % 2 == 0 { "20/10/2026" } else { "soon" };
        input.extend_from_slice(format!("+9198765{row:05},Name {row},{renewal}\n").as_bytes());
    }
    let reference = run_without_campaign(&input, 8_192);
    let report: serde_json::Value = serde_json::from_str(&reference.2).expect("json");
    assert_eq!(report["valid_rows"], 3_000, "{report}");
    for batch_size in [1, 7, 1_024, 2_047, 2_049] {
        let run = run_without_campaign(&input, batch_size);
        assert!(
            run.0 == reference.0,
            "valid.csv differs in batches of {batch_size}"
        );
        assert!(
            run.1 == reference.1,
            "invalid.csv differs in batches of {batch_size}"
        );
        assert_eq!(
            run.2, reference.2,
            "report differs in batches of {batch_size}"
        );
    }
}

/// Findings as a sink was handed them: code, severity, message.
type Seen = Vec<(String, Severity, String)>;

/// Every finding a split hands its sink.
struct SeenFindings {
    reads_rows: bool,
    seen: Seen,
}

impl RowSink for SeenFindings {
    fn row(&mut self, verdict: &RowVerdict, _: &ByteRecord) {
        for finding in &verdict.findings {
            let code = finding.code.as_str().to_owned();
            self.seen
                .push((code, finding.severity, finding.message.clone()));
        }
    }

    fn reads_rows(&self) -> bool {
        self.reads_rows
    }
}

/// The two files, the report without timings, and what the sink was
/// handed, of `builder`'s split of `input` with a sink that says it reads
/// rows or not.
fn run_with_sink(
    builder: &PreflightBuilder,
    input: &[u8],
    reads_rows: bool,
) -> (Vec<u8>, Vec<u8>, String, Seen) {
    let mut sink = SeenFindings {
        reads_rows,
        seen: Vec::new(),
    };
    let (valid, invalid, json) = split(builder, input, &mut sink);
    (valid, invalid, json, sink.seen)
}

#[test]
fn a_sink_that_reads_no_rows_changes_nothing_but_what_it_is_handed() {
    // Dates in another format, repaired with --fix: their findings become
    // warnings, and the repairs must reach valid.csv all the same.
    let mut input = contacts(5_000);
    input.extend_from_slice(
        b"+919876500005,Asha,POL-d,2026-10-20\n+919876500006,Ravi,POL-e,20.10.2026\n",
    );
    for fix in [false, true] {
        let mut builder = with_campaign();
        builder.fix(fix);
        let reading = run_with_sink(&builder, &input, true);
        let quiet = run_with_sink(&builder, &input, false);
        assert!(quiet.0 == reading.0, "valid.csv differs (fix {fix})");
        assert!(quiet.1 == reading.1, "invalid.csv differs (fix {fix})");
        // The counts, warned rows and severities per rule included.
        assert_eq!(quiet.2, reading.2, "report differs (fix {fix})");
        assert!(
            quiet.3.is_empty(),
            "a sink that reads no rows is not called"
        );
        let warnings = reading.3.iter().filter(|seen| seen.1 == Severity::Warn);
        assert!(warnings.count() > 100, "the file has warnings");
        assert!(reading.3.iter().all(|seen| !seen.2.is_empty()), "messages");
        if fix {
            let valid = String::from_utf8_lossy(&reading.0);
            assert!(valid.contains("POL-d,20/10/2026") && valid.contains("POL-e,20/10/2026"));
            let repaired = reading.3.iter().filter(|seen| seen.0 == "D002");
            assert!(
                repaired.clone().count() >= 2
                    && repaired.into_iter().all(|seen| seen.1 == Severity::Warn)
            );
        }
    }
}

#[test]
fn a_preflight_that_split_before_splits_the_next_file_as_a_new_one_would() {
    // The second split reuses the first one's batches: records read into
    // buffers that held other records, verdicts and rendered rows of
    // another file, a first batch that was not a first batch before.
    let (large, small) = (contacts(5_000), contacts(300));
    let mut builder = with_campaign();
    builder.threads(1).batch_size(256);
    let fresh = |input: &[u8]| split(&builder, input, &mut ringg_preflight::DiscardRows);
    let preflight = builder.build().expect("preflight");
    for input in [&large, &small, &large, &small] {
        assert_eq!(
            split_with(&preflight, input, &mut ringg_preflight::DiscardRows),
            fresh(input),
            "{} bytes",
            input.len()
        );
    }
}
