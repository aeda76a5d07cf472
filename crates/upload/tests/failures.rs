//! Each failure Ringg can answer with, against the fake.

mod common;

use std::time::{Duration, Instant};

use common::*;
use fake_ringg::Faults;
use ringg_upload::{
    ApiKey, Error, FlowChoice, NumbersQuery, Step, UploadEvent, UploadOutcome, UploadState, upload,
};

#[test]
fn unauthorized_key_is_reported_with_status_step_and_message() {
    let fake = start_fake(fake_config());
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 5);
    let mut opts = options(fake.base_url(), dir.path());
    // A wrong key, which must not leak either.
    let wrong = "rk_live_WRONG_KEY_000111";
    opts.api_key = Some(ApiKey::new(wrong).expect("key"));
    let e = upload(&input(&csv, 5), &opts, &|_| {}).expect_err("401");
    let text = error_text(&e);
    assert!(!text.contains(wrong), "{text}");
    assert_eq!(e.http_status(), Some(401));
    assert_eq!(e.step(), Some(Step::CampaignSave));
    assert_eq!(
        e.to_string(),
        "campaign/save: Ringg answered HTTP 401 Unauthorized: Invalid credentials"
    );
    assert!(e.is_refusal());
    assert!(
        text.contains("RINGG_API_KEY"),
        "help names the variable: {text}"
    );
    // A 4xx certainly did not create anything: nothing is left pending.
    let st = UploadState::load_from_dir(dir.path())
        .expect("readable")
        .expect("exists");
    assert_eq!(st.pending, None);
    assert_eq!(fake.stats().unauthorized, 1);
}

#[test]
fn rejected_key_on_a_get_uses_the_error_object_shape() {
    let mut cfg = fake_config();
    cfg.reject_key = true;
    let fake = start_fake(cfg);
    let e = client(fake.base_url())
        .workspace_numbers(&NumbersQuery::default())
        .expect_err("401");
    let text = error_text(&e);
    assert!(
        matches!(&e, Error::Api { status: 401, code: Some(c), message, .. }
            if c == "401 Unauthorized" && message == "Invalid credentials"),
        "{text}"
    );
    // Not retried.
    assert_eq!(fake.stats().requests, 1);
}

#[test]
fn bad_request_detail_is_shown_as_is() {
    let fake = start_fake(fake_config());
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 5);
    let opts = options(fake.base_url(), dir.path());
    let mut inp = input(&csv, 5);
    inp.form.campaign_start_time = "2026-12-18 09:00".into();
    let e = upload(&inp, &opts, &|_| {}).expect_err("400");
    error_text(&e);
    assert_eq!(
        e.to_string(),
        "campaign/save: Ringg answered HTTP 400 Bad Request: \
         Invalid campaign_start_time \"2026-12-18 09:00\": expected DD/MM/YYYY, HH:MM."
    );
    let mut inp = input(&csv, 5);
    inp.form.variables_map = "{not json".into();
    let e = upload(&inp, &opts, &|_| {}).expect_err("400");
    assert!(
        e.to_string().contains("variables_map is not valid JSON"),
        "{e}"
    );
    assert_eq!(fake.stats().lists_created, 0);
    assert_eq!(fake.stats().rejected, 2);
}

#[test]
fn detail_list_422_is_decoded() {
    // Both senders, sent raw (the typed constructor refuses it locally).
    let fake = start_fake(fake_config());
    let req = ringg_upload::ApiRequest {
        step: Step::MakeCallAsync,
        method: ringg_upload::Method::Post,
        path: "/campaign/make-call-async".into(),
        query: vec![],
        body: ringg_upload::RequestBody::Json(serde_json::json!({
            "bulk_list_id": "b", "agent_id": "a", "country_code": "+91",
            "campaign_start_time": "18/12/2026, 09:00", "campaign_end_time": "18/12/2026, 18:00",
            "call_config": {}, "from_numbers": ["n"], "number_pool_id": "p"
        })),
        note: None,
    };
    let e = client(fake.base_url())
        .send::<serde_json::Value>(&req)
        .expect_err("422");
    let text = error_text(&e);
    assert_eq!(e.http_status(), Some(422));
    assert!(
        text.contains("Provide exactly one of from_numbers or number_pool_id"),
        "{text}"
    );
    assert!(
        e.to_string().contains("[{"),
        "detail list kept as JSON: {e}"
    );
}

#[test]
fn insufficient_balance_stops_before_scheduling_and_says_by_how_much() {
    let mut cfg = fake_config();
    cfg.balance = 1.0;
    cfg.cost_per_row = 0.5; // 10 rows need 5.00
    let fake = start_fake(cfg);
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 10);
    let mut opts = options(fake.base_url(), dir.path());
    opts.flow = FlowChoice::Large;
    let e = upload(&input(&csv, 10), &opts, &|_| {}).expect_err("short");
    let text = error_text(&e);
    match &e {
        Error::InsufficientBalance {
            shortfall,
            required,
            available,
            message,
            ..
        } => {
            assert_eq!(*shortfall, Some(4.0));
            assert_eq!(*required, Some(5.0));
            assert_eq!(*available, Some(1.0));
            assert!(
                message
                    .as_deref()
                    .is_some_and(|m| m.contains("Insufficient balance"))
            );
        }
        other => panic!("expected InsufficientBalance, got {other:?}"),
    }
    assert!(text.contains("short by 4.00"), "{text}");
    assert!(e.is_refusal());
    let stats = fake.stats();
    assert_eq!(stats.async_campaigns_started, 0);
    assert_eq!(
        stats.by_endpoint.get("POST /campaign/make-call-async"),
        None
    );

    // Top up, run again: resumes at the balance check, no second upload.
    fake.update(|c| c.balance = 100.0);
    let events = Events::default();
    let outcome = upload(&input(&csv, 10), &opts, &|e| events.push(e)).expect("resumes");
    assert!(matches!(outcome, UploadOutcome::Scheduled(ref r) if r.resumed));
    let stats = fake.stats();
    assert_eq!(stats.bulk_lists_created, 1);
    assert_eq!(stats.async_campaigns_started, 1);
    assert!(events.all().iter().any(|e| matches!(
        e,
        UploadEvent::StepSkipped {
            step: Step::UploadCsv,
            ..
        }
    )));
}

#[test]
fn payment_required_from_make_call_async_is_insufficient_balance() {
    let fake = start_fake(fake_config());
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 10);
    let mut opts = options(fake.base_url(), dir.path());
    opts.flow = FlowChoice::Large;
    // The balance drops between the check and the scheduling.
    let on_event = |e: &UploadEvent| {
        if matches!(e, UploadEvent::BalanceOk { .. }) {
            fake.update(|c| c.balance = 0.0);
        }
    };
    let e = upload(&input(&csv, 10), &opts, &on_event).expect_err("402");
    error_text(&e);
    assert!(
        matches!(&e, Error::InsufficientBalance { message: Some(m), .. } if m.contains("needs 5.00")),
        "{e:?}"
    );
    // A 402 means it was not scheduled: nothing left pending.
    let st = UploadState::load_from_dir(dir.path())
        .expect("readable")
        .expect("exists");
    assert_eq!(st.pending, None);
    assert!(!st.started);
}

#[test]
fn rate_limited_then_success_honours_retry_after() {
    let mut cfg = fake_config();
    cfg.faults = Faults {
        rate_limit: 1,
        retry_after_secs: 1,
        only_path: Some("/workspace/numbers".into()),
        ..Faults::default()
    };
    let fake = start_fake(cfg);
    let events = std::sync::Arc::new(Events::default());
    let ev = events.clone();
    let client = client(fake.base_url()).with_events(move |e| ev.push(e));
    let t0 = Instant::now();
    let numbers = client
        .workspace_numbers(&NumbersQuery::default())
        .expect("succeeds after 429");
    let waited = t0.elapsed();
    assert_eq!(numbers.workspace_numbers.len(), 2);
    assert!(waited >= Duration::from_millis(950), "{waited:?}");
    assert!(waited < Duration::from_secs(3), "{waited:?}");
    let retry = events
        .all()
        .into_iter()
        .find_map(|e| match e {
            UploadEvent::Retrying { delay, reason, .. } => Some((delay, reason)),
            _ => None,
        })
        .expect("a retry event");
    assert_eq!(retry, (Duration::from_secs(1), "HTTP 429".to_owned()));
    assert_eq!(fake.stats().requests, 2);
}

#[test]
fn rate_limited_create_is_retried_because_ringg_did_not_process_it() {
    let mut cfg = fake_config();
    cfg.faults = Faults {
        rate_limit: 2,
        retry_after_secs: 0,
        only_path: Some("/campaign/save".into()),
        ..Faults::default()
    };
    let fake = start_fake(cfg);
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 5);
    let events = Events::default();
    let opts = options(fake.base_url(), dir.path());
    upload(&input(&csv, 5), &opts, &|e| events.push(e)).expect("uploads after 429s");
    let stats = fake.stats();
    assert_eq!(stats.by_endpoint["POST /campaign/save"], 3);
    assert_eq!(stats.lists_created, 1);
    assert_eq!(events.retries(), 2);
}

#[test]
fn server_error_then_success_on_a_safe_request() {
    let mut cfg = fake_config();
    cfg.faults = Faults {
        server_errors: 2,
        only_path: Some("/campaign/upload-status".into()),
        ..Faults::default()
    };
    let fake = start_fake(cfg);
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 5);
    let events = Events::default();
    let mut opts = options(fake.base_url(), dir.path());
    opts.flow = FlowChoice::Large;
    upload(&input(&csv, 5), &opts, &|e| events.push(e)).expect("polling survives 500s");
    assert_eq!(events.retries(), 2);
    let stats = fake.stats();
    assert_eq!(stats.by_endpoint["GET /campaign/upload-status/{id}"], 5);
    assert_eq!(stats.async_campaigns_started, 1);
}

#[test]
fn server_error_on_a_create_request_is_reported_not_retried() {
    let mut cfg = fake_config();
    cfg.faults = Faults {
        server_errors: 1,
        only_path: Some("/campaign/save".into()),
        ..Faults::default()
    };
    let fake = start_fake(cfg);
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 5);
    let events = Events::default();
    let opts = options(fake.base_url(), dir.path());
    let e = upload(&input(&csv, 5), &opts, &|e| events.push(e)).expect_err("500 reported");
    let text = error_text(&e);
    assert_eq!(
        e.to_string(),
        "campaign/save: Ringg answered HTTP 500 Internal Server Error: An unexpected error occurred."
    );
    assert!(text.contains("was not re-sent"), "{text}");
    assert!(!e.is_refusal());
    assert_eq!(events.retries(), 0);
    assert_eq!(fake.stats().by_endpoint["POST /campaign/save"], 1);

    // Ringg may have created the list: a rerun refuses to re-send blindly…
    let e = upload(&input(&csv, 5), &opts, &|_| {}).expect_err("uncertain");
    assert!(
        matches!(
            e,
            Error::UncertainStep {
                step: Step::CampaignSave,
                ..
            }
        ),
        "{e:?}"
    );
    error_text(&e);
    assert_eq!(fake.stats().by_endpoint["POST /campaign/save"], 1);
    // …until told to.
    let mut opts = opts;
    opts.resend_uncertain = true;
    upload(&input(&csv, 5), &opts, &|_| {}).expect("re-sent when told");
    assert_eq!(fake.stats().lists_created, 1);
    assert_eq!(fake.stats().campaigns_started, 1);
}

#[test]
fn upload_status_failed_is_shown_with_count_and_url() {
    let mut cfg = fake_config();
    cfg.invalid_rows = 3;
    let fake = start_fake(cfg);
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 10);
    let mut opts = options(fake.base_url(), dir.path());
    opts.flow = FlowChoice::Large;
    let mut inp = input(&csv, 10);
    inp.form.remove_invalid_rows = Some(false);
    let e = upload(&inp, &opts, &|_| {}).expect_err("failed");
    let text = error_text(&e);
    match &e {
        Error::UploadFailed {
            status,
            invalid_rows,
            invalid_rows_url,
            ..
        } => {
            assert_eq!(status, "failed");
            assert_eq!(*invalid_rows, Some(3));
            assert!(
                invalid_rows_url
                    .as_deref()
                    .is_some_and(|u| u.contains("/files/invalid-rows/"))
            );
        }
        other => panic!("expected UploadFailed, got {other:?}"),
    }
    assert!(text.contains("3 invalid rows"), "{text}");
    assert!(e.is_refusal());
    assert_eq!(fake.stats().balance_checks, 0);
    assert_eq!(fake.stats().async_campaigns_started, 0);

    // A plain processing failure (no invalid rows) is reported too.
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 10);
    fake.update(|c| {
        c.invalid_rows = 0;
        c.fail_upload = true;
    });
    let mut opts = options(fake.base_url(), dir.path());
    opts.flow = FlowChoice::Large;
    let e = upload(&input(&csv, 10), &opts, &|_| {}).expect_err("failed");
    assert!(e.to_string().contains("CSV processing failed."), "{e}");
}

#[test]
fn invalid_rows_removed_by_ringg_are_reported() {
    let mut cfg = fake_config();
    cfg.invalid_rows = 2;
    let fake = start_fake(cfg);
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 10);
    let events = Events::default();
    let mut opts = options(fake.base_url(), dir.path());
    opts.flow = FlowChoice::Large;
    let outcome = upload(&input(&csv, 10), &opts, &|e| events.push(e)).expect("uploads");
    let UploadOutcome::Scheduled(report) = outcome else {
        panic!("expected a real run");
    };
    assert_eq!(report.invalidated_rows_count, Some(2));
    assert!(report.to_string().contains("Ringg skipped 2 invalid rows"));
    assert!(events.all().iter().any(|e| matches!(
        e,
        UploadEvent::InvalidRowsReported {
            count: 2,
            url: Some(_)
        }
    )));
}

#[test]
fn polling_times_out_and_a_rerun_resumes_polling() {
    let mut cfg = fake_config();
    cfg.polls_until_done = 1_000_000;
    let fake = start_fake(cfg);
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 10);
    let mut opts = options(fake.base_url(), dir.path());
    opts.flow = FlowChoice::Large;
    opts.timeout = Duration::from_millis(300);
    let t0 = Instant::now();
    let e = upload(&input(&csv, 10), &opts, &|_| {}).expect_err("times out");
    let took = t0.elapsed();
    error_text(&e);
    assert!(
        matches!(&e, Error::PollTimeout { last_status: Some(s), .. } if s == "verifying"),
        "{e:?}"
    );
    assert!(took < Duration::from_secs(2), "{took:?}");
    assert!(fake.stats().status_polls >= 2);

    fake.update(|c| c.polls_until_done = 0);
    upload(&input(&csv, 10), &opts, &|_| {}).expect("resumes and finishes");
    assert_eq!(fake.stats().bulk_lists_created, 1);
    assert_eq!(fake.stats().async_campaigns_started, 1);
}

#[test]
fn slow_answer_to_a_create_request_is_not_re_sent() {
    let mut cfg = fake_config();
    cfg.delay = Duration::from_millis(400);
    let fake = start_fake(cfg);
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 5);
    let events = Events::default();
    let mut opts = options(fake.base_url(), dir.path());
    opts.request_timeout = Duration::from_millis(100);
    let e = upload(&input(&csv, 5), &opts, &|e| events.push(e)).expect_err("times out");
    error_text(&e);
    assert!(
        matches!(
            e,
            Error::Transport {
                step: Step::CampaignSave,
                may_have_been_sent: true,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(events.retries(), 0);
    // The fake still processes it after the client gave up.
    let t0 = Instant::now();
    while fake.stats().lists_created == 0 && t0.elapsed() < Duration::from_secs(3) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(fake.stats().by_endpoint["POST /campaign/save"], 1);
    assert_eq!(fake.stats().lists_created, 1);
    let e = upload(&input(&csv, 5), &opts, &|_| {}).expect_err("uncertain");
    assert!(matches!(e, Error::UncertainStep { .. }), "{e:?}");
    assert_eq!(fake.stats().lists_created, 1);
}

#[test]
fn slow_safe_request_is_retried_until_it_answers_in_time() {
    let mut cfg = fake_config();
    cfg.delay = Duration::from_secs(2);
    let fake = start_fake(cfg);
    let mut ccfg = ringg_upload::ClientConfig::new(ApiKey::new(KEY).expect("key"));
    ccfg.base_url = fake.base_url().to_owned();
    ccfg.retry = fast_retry();
    ccfg.request_timeout = Duration::from_millis(300);
    let client = ringg_upload::Client::new(ccfg).expect("client");
    // Slow for the first two attempts, then fast.
    let events = std::sync::Arc::new(Events::default());
    let ev = events.clone();
    let handle = std::sync::Arc::new(fake);
    let h2 = handle.clone();
    let client = client.with_events(move |e| {
        ev.push(e);
        if matches!(e, UploadEvent::Retrying { attempt: 2, .. }) {
            h2.update(|c| c.delay = Duration::ZERO);
        }
    });
    let numbers = client
        .workspace_numbers(&NumbersQuery::default())
        .expect("third attempt answers");
    assert_eq!(numbers.workspace_numbers.len(), 2);
    assert_eq!(events.retries(), 2);
}

#[test]
fn dropped_connection_on_a_get_is_retried() {
    let mut cfg = fake_config();
    cfg.faults = Faults {
        drop_connections: 2,
        only_path: Some("/campaign/all".into()),
        ..Faults::default()
    };
    let fake = start_fake(cfg);
    let events = std::sync::Arc::new(Events::default());
    let ev = events.clone();
    let list = client(fake.base_url())
        .with_events(move |e| ev.push(e))
        .all_campaigns(&Default::default())
        .expect("third attempt answers");
    assert!(list.campaigns.is_empty());
    assert_eq!(events.retries(), 2);
    assert_eq!(fake.stats().requests, 3);
}

#[test]
fn dropped_connection_after_a_create_was_processed_is_never_re_sent() {
    let mut cfg = fake_config();
    cfg.faults = Faults {
        drop_connections: 1,
        drop_after_processing: true,
        only_path: Some("/campaign/save".into()),
        ..Faults::default()
    };
    let fake = start_fake(cfg);
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 5);
    let events = Events::default();
    let opts = options(fake.base_url(), dir.path());
    let e = upload(&input(&csv, 5), &opts, &|e| events.push(e)).expect_err("connection lost");
    let text = error_text(&e);
    assert!(
        matches!(
            e,
            Error::Transport {
                may_have_been_sent: true,
                ..
            }
        ),
        "{text}"
    );
    assert_eq!(events.retries(), 0);
    assert_eq!(fake.stats().lists_created, 1);
    // The rerun stops instead of creating a second list.
    let e = upload(&input(&csv, 5), &opts, &|_| {}).expect_err("uncertain");
    assert!(matches!(e, Error::UncertainStep { .. }), "{e:?}");
    assert_eq!(fake.stats().lists_created, 1);
    assert_eq!(fake.stats().by_endpoint["POST /campaign/save"], 1);
}

#[test]
fn connection_refused_is_retried_even_for_a_create_request() {
    // A port with nothing listening.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 5);
    let events = Events::default();
    let opts = options(&format!("http://127.0.0.1:{port}/ca/api/v0"), dir.path());
    let e = upload(&input(&csv, 5), &opts, &|e| events.push(e)).expect_err("refused");
    let text = error_text(&e);
    assert!(
        matches!(
            e,
            Error::Transport {
                step: Step::CampaignSave,
                may_have_been_sent: false,
                ..
            }
        ),
        "{text}"
    );
    // 4 attempts in all, 3 retries; nothing was sent, so nothing is pending.
    assert_eq!(events.retries(), 3);
    let st = UploadState::load_from_dir(dir.path())
        .expect("readable")
        .expect("exists");
    assert_eq!(st.pending, None);
    assert_no_key(&events.text());
}
