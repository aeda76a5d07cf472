//! Both flows end to end against the fake, dry run, and the query endpoints.

mod common;

use common::*;
use ringg_upload::{
    ApiKey, CampaignsQuery, Flow, FlowChoice, HistoryQuery, NumbersQuery, ProgressMode, Step,
    TerminateRequest, UploadEvent, UploadOutcome, UploadState, upload,
};

fn scheduled(outcome: UploadOutcome) -> ringg_upload::UploadReport {
    match outcome {
        UploadOutcome::Scheduled(r) => r,
        UploadOutcome::DryRun(p) => panic!("expected a real run, got a dry run:\n{p}"),
    }
}

#[test]
fn standard_flow_end_to_end() {
    let fake = start_fake(fake_config());
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 25);
    let events = Events::default();
    let opts = options(fake.base_url(), dir.path());

    let report = scheduled(upload(&input(&csv, 25), &opts, &|e| events.push(e)).expect("uploads"));

    assert_eq!(report.flow, Flow::Standard);
    assert!(report.list_id.is_some());
    assert_eq!(report.bulk_list_id, None);
    assert!(!report.resumed && !report.already_started);
    assert_eq!(
        report.start_status.as_deref(),
        Some("campaign registered successfully!")
    );
    let stats = fake.stats();
    assert_eq!(stats.lists_created, 1);
    assert_eq!(stats.campaigns_started, 1);
    assert_eq!(stats.requests, 2);
    assert_eq!(stats.rejected, 0);

    // What the fake received matches the contract.
    let received = fake.received();
    assert_eq!(received[0].path, "/campaign/save");
    assert!(received[0].had_api_key);
    assert_eq!(received[0].fields["agent_id"], AGENT);
    assert_eq!(received[0].fields["remove_invalid_rows"], "true");
    let file = received[0].file.as_ref().expect("file part");
    assert_eq!(file.file_name.as_deref(), Some("valid.csv"));
    assert_eq!(file.rows, 25);
    let start = received[1].json.as_ref().expect("json body");
    assert_eq!(
        start["list_id"],
        report.list_id.clone().expect("id").as_str()
    );
    assert_eq!(start["from_numbers"][0], FROM_NUMBER);
    assert_eq!(
        start["callback_url"],
        "https://api.example.com/ringg/callback"
    );

    // The state file records every step.
    let state = UploadState::load_from_dir(dir.path())
        .expect("state readable")
        .expect("state exists");
    assert!(state.started);
    assert_eq!(state.pending, None);
    assert_eq!(
        state.completed_steps(),
        vec![Step::CampaignSave, Step::CampaignStart]
    );

    let all = events.all();
    assert!(matches!(
        all[0],
        UploadEvent::FlowChosen {
            flow: Flow::Standard,
            ..
        }
    ));
    assert!(all.iter().any(|e| matches!(
        e,
        UploadEvent::StepCompleted {
            step: Step::CampaignStart,
            ..
        }
    )));
    assert_no_key(&events.text());
    assert_no_key(&format!("{report}\n{report:?}"));
}

#[test]
fn large_flow_end_to_end_with_progress() {
    let fake = start_fake(fake_config());
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 40);
    let events = Events::default();
    let mut opts = options(fake.base_url(), dir.path());
    opts.flow = FlowChoice::Large;
    // An injected, hidden bar exercises the progress path without drawing.
    let bar = indicatif::ProgressBar::hidden();
    opts.progress = ProgressMode::Custom(bar.clone());

    let report = scheduled(upload(&input(&csv, 40), &opts, &|e| events.push(e)).expect("uploads"));

    assert_eq!(report.flow, Flow::Large);
    assert!(report.bulk_list_id.is_some());
    assert_eq!(report.start_status.as_deref(), Some("scheduled"));
    let stats = fake.stats();
    assert_eq!(stats.bulk_lists_created, 1);
    assert_eq!(stats.status_polls, 3);
    assert_eq!(stats.balance_checks, 1);
    assert_eq!(stats.async_campaigns_started, 1);
    assert_eq!(stats.lists_created, 0);
    assert_eq!(bar.length(), Some(40));
    assert_eq!(bar.position(), 40);

    // Progress was reported with processed/total rows.
    let progress: Vec<_> = events
        .all()
        .into_iter()
        .filter_map(|e| match e {
            UploadEvent::UploadProgress {
                status,
                processed,
                total,
            } => Some((status, processed, total)),
            _ => None,
        })
        .collect();
    assert_eq!(progress.len(), 3);
    assert_eq!(progress[0], ("verifying".into(), Some(13), Some(40)));
    assert_eq!(progress[2].0, "completed");

    // make-call-async got call_config as an object and exactly one sender.
    let body = fake
        .received()
        .into_iter()
        .find(|r| r.path == "/campaign/make-call-async")
        .and_then(|r| r.json)
        .expect("make-call-async body");
    assert!(body["call_config"].is_object());
    assert_eq!(body["from_numbers"][0], FROM_NUMBER);
    assert!(body.get("number_pool_id").is_none());
    assert_eq!(body["campaign_start_time"], "18/12/2026, 09:00");
    assert_no_key(&events.text());
}

#[test]
fn auto_flow_picks_large_at_5000_rows() {
    let fake = start_fake(fake_config());
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 5_000);
    let events = Events::default();
    let opts = options(fake.base_url(), dir.path());
    let report =
        scheduled(upload(&input(&csv, 5_000), &opts, &|e| events.push(e)).expect("uploads"));
    assert_eq!(report.flow, Flow::Large);
    assert_eq!(fake.stats().bulk_lists_created, 1);
    assert!(events.all().iter().any(|e| matches!(
        e,
        UploadEvent::FlowChosen {
            flow: Flow::Large,
            valid_rows: 5_000,
            ..
        }
    )));
}

#[test]
fn number_pool_uses_v2_start_and_pool_in_make_call_async() {
    let fake = start_fake(fake_config());
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 5);
    let mut opts = options(fake.base_url(), dir.path());
    opts.from_numbers.clear();
    opts.number_pool_id = Some("pool-1".into());
    scheduled(upload(&input(&csv, 5), &opts, &|_| {}).expect("standard with pool"));
    let dir2 = tempfile::tempdir().expect("tempdir");
    let csv2 = write_csv(dir2.path(), 5);
    let mut opts2 = options(fake.base_url(), dir2.path());
    opts2.from_numbers.clear();
    opts2.number_pool_id = Some("pool-1".into());
    opts2.flow = FlowChoice::Large;
    scheduled(upload(&input(&csv2, 5), &opts2, &|_| {}).expect("large with pool"));

    let received = fake.received();
    let v2 = received
        .iter()
        .find(|r| r.path == "/campaign/v2/start")
        .and_then(|r| r.json.clone())
        .expect("v2 start");
    assert_eq!(v2["number_pool_id"], "pool-1");
    let mca = received
        .iter()
        .find(|r| r.path == "/campaign/make-call-async")
        .and_then(|r| r.json.clone())
        .expect("make-call-async");
    assert_eq!(mca["number_pool_id"], "pool-1");
    assert!(mca.get("from_numbers").is_none());
    let stats = fake.stats();
    assert_eq!(stats.campaigns_started, 1);
    assert_eq!(stats.async_campaigns_started, 1);
}

#[test]
fn both_or_neither_sender_is_refused_before_sending() {
    let fake = start_fake(fake_config());
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 5);
    let mut opts = options(fake.base_url(), dir.path());
    opts.number_pool_id = Some("pool-1".into());
    let e = upload(&input(&csv, 5), &opts, &|_| {}).expect_err("both refused");
    assert!(matches!(e, ringg_upload::Error::InvalidOptions(_)), "{e}");
    opts.number_pool_id = None;
    opts.from_numbers.clear();
    let e = upload(&input(&csv, 5), &opts, &|_| {}).expect_err("neither refused");
    assert!(matches!(e, ringg_upload::Error::InvalidOptions(_)), "{e}");
    assert_eq!(fake.stats().requests, 0);
}

#[test]
fn dry_run_sends_nothing_and_redacts_the_key() {
    let fake = start_fake(fake_config());
    for (flow, expected) in [(FlowChoice::Standard, 2usize), (FlowChoice::Large, 4)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let csv = write_csv(dir.path(), 12);
        let size = std::fs::metadata(&csv).expect("meta").len();
        let events = Events::default();
        let mut opts = options(fake.base_url(), dir.path());
        opts.flow = flow;
        opts.dry_run = true;
        let outcome = upload(&input(&csv, 12), &opts, &|e| events.push(e)).expect("dry run");
        let UploadOutcome::DryRun(plan) = outcome else {
            panic!("expected a dry run");
        };
        assert_eq!(plan.requests.len(), expected);
        let text = plan.to_string();
        let json = serde_json::to_string(&plan).expect("serialises");
        assert_no_key(&text);
        assert_no_key(&json);
        assert_no_key(&format!("{plan:?}"));
        assert_no_key(&events.text());
        assert!(text.contains("X-API-KEY: <redacted>"), "{text}");
        assert!(
            text.contains(&format!("@valid.csv ({size} bytes")),
            "{text}"
        );
        assert!(text.contains("form agent_id = 830f767a"), "{text}");
        if flow == FlowChoice::Standard {
            assert!(text.contains("POST http://127.0.0.1:"), "{text}");
            assert!(text.contains("/ca/api/v0/campaign/save"), "{text}");
            assert!(text.contains("\"list_id\": \"{list_id}\""), "{text}");
        } else {
            assert!(text.contains("/campaign/upload-csv"), "{text}");
            assert!(text.contains("GET "), "{text}");
            assert!(
                text.contains("/campaign/upload-status/{bulk_list_id}"),
                "{text}"
            );
            assert!(
                text.contains("/campaign/check-balance/{bulk_list_id}"),
                "{text}"
            );
            assert!(text.contains("\"call_config\": {"), "{text}");
        }
        // Nothing written either.
        assert!(
            UploadState::load_from_dir(dir.path())
                .expect("readable")
                .is_none()
        );
    }
    assert_eq!(fake.stats().requests, 0);
}

#[test]
fn dry_run_needs_no_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 3);
    let mut opts = options("http://127.0.0.1:9/ca/api/v0", dir.path());
    opts.api_key = None;
    opts.dry_run = true;
    let outcome = upload(&input(&csv, 3), &opts, &|_| {}).expect("dry run without key");
    assert!(matches!(outcome, UploadOutcome::DryRun(_)));
    opts.dry_run = false;
    let e = upload(&input(&csv, 3), &opts, &|_| {}).expect_err("a real run needs the key");
    assert!(matches!(e, ringg_upload::Error::MissingApiKey));
}

#[test]
fn query_endpoints_and_terminate() {
    let fake = start_fake(fake_config());
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 7);
    let opts = options(fake.base_url(), dir.path());
    let report = scheduled(upload(&input(&csv, 7), &opts, &|_| {}).expect("uploads"));
    let list_id = report.list_id.expect("list id");
    let client = client(fake.base_url());

    let numbers = client
        .workspace_numbers(&NumbersQuery::default())
        .expect("numbers");
    assert_eq!(numbers.workspace_numbers.len(), 2);
    assert_eq!(
        numbers.workspace_numbers[0].id.as_deref(),
        Some(FROM_NUMBER)
    );

    let campaigns = client
        .all_campaigns(&CampaignsQuery {
            call_count: Some(true),
            ..Default::default()
        })
        .expect("campaigns");
    assert_eq!(campaigns.campaigns.len(), 1);
    assert_eq!(campaigns.campaigns[0].id.as_deref(), Some(list_id.as_str()));
    assert_eq!(
        campaigns.campaigns[0].campaign_status.as_deref(),
        Some("registered")
    );
    assert_eq!(campaigns.campaigns[0].total_count, Some(7));

    let history = client
        .call_history(&HistoryQuery {
            bulk_list_id: Some(list_id.clone()),
            limit: Some(5),
            ..Default::default()
        })
        .expect("history");
    assert_eq!(history.total, Some(7));
    assert_eq!(history.calls.len(), 5);
    assert_eq!(history.calls[0].status.as_deref(), Some("registered"));

    let t = client
        .terminate(&TerminateRequest {
            campaign_id: Some(list_id.clone()),
            ..Default::default()
        })
        .expect("terminate");
    assert_eq!(t.message.as_deref(), Some("Calls terminated successfully!"));
    // Terminating again: Ringg says there is nothing left; not retried.
    let e = client
        .terminate(&TerminateRequest {
            campaign_id: Some(list_id),
            ..Default::default()
        })
        .expect_err("nothing left to terminate");
    assert_eq!(e.http_status(), Some(400));
    assert!(e.to_string().contains("No terminable calls found."), "{e}");
    assert_eq!(fake.stats().by_endpoint["PATCH /campaign/terminate"], 2);
    assert_eq!(fake.stats().terminations, 1);
    error_text(&e);
}

#[test]
fn client_describe_matches_what_is_sent() {
    let client = client("http://127.0.0.1:9/ca/api/v0/");
    let req = ringg_upload::ApiRequest::terminate(&TerminateRequest {
        campaign_id: Some("abc".into()),
        ..Default::default()
    })
    .expect("request");
    let d = client.describe(&req);
    assert_eq!(d.url, "http://127.0.0.1:9/ca/api/v0/campaign/terminate");
    assert_eq!(d.json, Some(serde_json::json!({"campaign_id": "abc"})));
    assert_no_key(&d.to_string());
    assert_no_key(&format!("{client:?}"));
    // The key type never shows the secret.
    let key = ApiKey::new(KEY).expect("key");
    assert_no_key(&format!("{key:?}"));
}
