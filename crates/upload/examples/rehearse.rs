//! Rehearse an upload against an in-process fake Ringg, rendering events the
//! way a command-line front end would (progress bar on a terminal).
//!
//! ```text
//! cargo run -p ringg-upload --example rehearse -- [standard|large] [ROWS]
//! ```

use std::time::Duration;

use fake_ringg::{FakeConfig, FakeRingg};
use ringg_upload::{
    ApiKey, CampaignForm, FlowChoice, PollPolicy, ProgressMode, UploadInput, UploadOptions,
    UploadOutcome, upload,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let flow: FlowChoice = args.next().unwrap_or_else(|| "large".into()).parse()?;
    let rows: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(200);

    let fake = FakeRingg::start(FakeConfig {
        polls_until_done: 6,
        ..FakeConfig::default()
    })?;
    let dir = std::env::temp_dir().join(format!("ringg-rehearse-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let csv = dir.join("valid.csv");
    let mut text = String::from("Mobile Number,Name\n");
    for i in 0..rows {
        text.push_str(&format!("+9198765{i:05},Person {i}\n"));
    }
    std::fs::write(&csv, text)?;

    let mut opts = UploadOptions::new(&dir);
    opts.base_url = fake.base_url().to_owned();
    opts.api_key = Some(ApiKey::new("test-key")?);
    opts.from_numbers = vec!["5d7f9a2b-1c3e-4f6a-8b9c-0d1e2f3a4b5c".into()];
    opts.flow = flow;
    opts.progress = ProgressMode::Stderr;
    opts.poll = PollPolicy {
        initial_interval: Duration::from_millis(300),
        max_interval: Duration::from_millis(600),
    };
    let input = UploadInput {
        form: CampaignForm {
            agent_id: "830f767a-397e-4b39-82ff-235cd344e2f9".into(),
            campaign_name: "Rehearsal".into(),
            country_code: "+91".into(),
            campaign_start_time: "18/12/2026, 09:00".into(),
            campaign_end_time: "18/12/2026, 18:00".into(),
            variables_map: r#"{"mobile_number":"Mobile Number","callee_name":"Name"}"#.into(),
            call_config: r#"{"call_time":{"call_start_time":"09:00","call_end_time":"18:00","timezone":"Asia/Kolkata"}}"#.into(),
            remove_invalid_rows: Some(true),
            transliterate_callee_name: None,
        },
        csv_path: csv,
        valid_rows: rows as u64,
    };

    // Dry run first, then the real thing.
    let mut dry = opts.clone();
    dry.dry_run = true;
    if let UploadOutcome::DryRun(plan) = upload(&input, &dry, &|_| {})? {
        println!("{plan}");
    }
    let outcome = upload(&input, &opts, &|e| {
        if !e.is_verbose() {
            eprintln!("  {e}");
        }
    })?;
    if let UploadOutcome::Scheduled(report) = outcome {
        println!("{report}");
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
