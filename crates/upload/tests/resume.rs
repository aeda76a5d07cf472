//! Resume after a crash between steps: no second campaign is ever created.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use common::*;
use ringg_upload::{
    Error, Flow, FlowChoice, Step, UploadEvent, UploadOutcome, UploadState, upload,
};

/// Runs an upload that "crashes" (panics in the event callback) right after
/// `step` was recorded.
fn crash_after(step: Step, inp: &ringg_upload::UploadInput, opts: &ringg_upload::UploadOptions) {
    let crashed = catch_unwind(AssertUnwindSafe(|| {
        upload(inp, opts, &|e| {
            if matches!(e, UploadEvent::StepCompleted { step: s, .. } if *s == step) {
                panic!("simulated crash after {step}");
            }
        })
    }));
    assert!(crashed.is_err(), "the run should have crashed after {step}");
}

fn report(outcome: UploadOutcome) -> ringg_upload::UploadReport {
    match outcome {
        UploadOutcome::Scheduled(r) => r,
        UploadOutcome::DryRun(_) => panic!("expected a real run"),
    }
}

#[test]
fn standard_crash_after_save_resumes_at_start() {
    let fake = start_fake(fake_config());
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 8);
    let opts = options(fake.base_url(), dir.path());
    let inp = input(&csv, 8);

    crash_after(Step::CampaignSave, &inp, &opts);
    let st = UploadState::load_from_dir(dir.path())
        .expect("readable")
        .expect("state written before the crash");
    let list_id = st.list_id.clone().expect("list id recorded");
    assert!(!st.started);
    assert_eq!(fake.stats().lists_created, 1);
    assert_eq!(fake.stats().campaigns_started, 0);

    // A dry run now shows only the remaining step, with the real list id.
    let mut dry = opts.clone();
    dry.dry_run = true;
    let UploadOutcome::DryRun(plan) = upload(&inp, &dry, &|_| {}).expect("dry run") else {
        panic!("expected a dry run");
    };
    assert_eq!(plan.skipped, vec![Step::CampaignSave]);
    assert_eq!(plan.requests.len(), 1);
    assert_eq!(plan.requests[0].step, Step::CampaignStart);
    assert!(plan.to_string().contains(&list_id));
    let requests_before = fake.stats().requests;

    let events = Events::default();
    let r = report(upload(&inp, &opts, &|e| events.push(e)).expect("resumes"));
    assert!(r.resumed);
    assert_eq!(r.list_id.as_deref(), Some(list_id.as_str()));
    let stats = fake.stats();
    assert_eq!(stats.lists_created, 1, "no second campaign");
    assert_eq!(stats.campaigns_started, 1);
    assert_eq!(stats.requests, requests_before + 1);
    assert!(events.all().iter().any(|e| matches!(
        e,
        UploadEvent::Resuming { completed, .. } if completed == &vec![Step::CampaignSave]
    )));
    assert!(events.all().iter().any(|e| matches!(
        e,
        UploadEvent::StepSkipped {
            step: Step::CampaignSave,
            ..
        }
    )));

    // A third run sends nothing at all.
    let requests_before = fake.stats().requests;
    let r = report(upload(&inp, &opts, &|_| {}).expect("nothing to do"));
    assert!(r.already_started);
    assert_eq!(fake.stats().requests, requests_before);
}

#[test]
fn large_crash_after_each_step_never_uploads_twice() {
    let fake = start_fake(fake_config());
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 20);
    let mut opts = options(fake.base_url(), dir.path());
    opts.flow = FlowChoice::Large;
    let inp = input(&csv, 20);

    crash_after(Step::UploadCsv, &inp, &opts);
    assert_eq!(fake.stats().status_polls, 0);
    crash_after(Step::UploadStatus, &inp, &opts);
    let polls = fake.stats().status_polls;
    assert_eq!(polls, 3);
    crash_after(Step::CheckBalance, &inp, &opts);
    assert_eq!(fake.stats().status_polls, polls, "polling not repeated");

    let r = report(upload(&inp, &opts, &|_| {}).expect("finishes"));
    assert_eq!(r.flow, Flow::Large);
    let stats = fake.stats();
    assert_eq!(stats.bulk_lists_created, 1, "no second upload");
    assert_eq!(stats.balance_checks, 1);
    assert_eq!(stats.async_campaigns_started, 1);
    let st = UploadState::load_from_dir(dir.path())
        .expect("readable")
        .expect("exists");
    assert_eq!(
        st.completed_steps(),
        vec![
            Step::UploadCsv,
            Step::UploadStatus,
            Step::CheckBalance,
            Step::MakeCallAsync
        ]
    );
}

#[test]
fn resume_keeps_the_recorded_flow_under_auto() {
    let fake = start_fake(fake_config());
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 20);
    let mut opts = options(fake.base_url(), dir.path());
    opts.flow = FlowChoice::Large;
    let inp = input(&csv, 20);
    crash_after(Step::UploadCsv, &inp, &opts);
    // Auto would pick standard for 20 rows; the state says large.
    opts.flow = FlowChoice::Auto;
    let r = report(upload(&inp, &opts, &|_| {}).expect("resumes"));
    assert_eq!(r.flow, Flow::Large);
    assert_eq!(fake.stats().lists_created, 0);
    // Asking explicitly for the other flow is refused.
    let dir2 = tempfile::tempdir().expect("tempdir");
    let csv2 = write_csv(dir2.path(), 20);
    let mut opts2 = options(fake.base_url(), dir2.path());
    opts2.flow = FlowChoice::Large;
    crash_after(Step::UploadCsv, &input(&csv2, 20), &opts2);
    opts2.flow = FlowChoice::Standard;
    let e = upload(&input(&csv2, 20), &opts2, &|_| {}).expect_err("flow mismatch");
    assert!(matches!(e, Error::StateMismatch { .. }), "{e:?}");
    error_text(&e);
}

#[test]
fn state_of_a_different_csv_is_refused_unless_told() {
    let fake = start_fake(fake_config());
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 8);
    let mut opts = options(fake.base_url(), dir.path());
    crash_after(Step::CampaignSave, &input(&csv, 8), &opts);

    // The CSV changes (another split into the same directory).
    let csv = write_csv(dir.path(), 9);
    let e = upload(&input(&csv, 9), &opts, &|_| {}).expect_err("mismatch");
    let text = error_text(&e);
    assert!(matches!(e, Error::StateMismatch { .. }), "{text}");
    assert!(text.contains("sha256"), "{text}");
    assert_eq!(fake.stats().campaigns_started, 0);

    opts.ignore_state_mismatch = true;
    upload(&input(&csv, 9), &opts, &|_| {}).expect("resumes when told");
    assert_eq!(fake.stats().lists_created, 1);
    assert_eq!(fake.stats().campaigns_started, 1);
}

#[test]
fn state_from_another_server_is_refused() {
    let fake = start_fake(fake_config());
    let other = start_fake(fake_config());
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 8);
    crash_after(
        Step::CampaignSave,
        &input(&csv, 8),
        &options(fake.base_url(), dir.path()),
    );
    let e = upload(
        &input(&csv, 8),
        &options(other.base_url(), dir.path()),
        &|_| {},
    )
    .expect_err("other server");
    assert!(
        matches!(&e, Error::StateMismatch { reason, .. } if reason.contains("records ids from")),
        "{e:?}"
    );
    assert_eq!(other.stats().requests, 0);
}

#[test]
fn corrupt_state_file_is_an_error_not_a_fresh_start() {
    let fake = start_fake(fake_config());
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write_csv(dir.path(), 8);
    std::fs::write(dir.path().join("upload-state.json"), "{ half written").expect("write");
    let e = upload(
        &input(&csv, 8),
        &options(fake.base_url(), dir.path()),
        &|_| {},
    )
    .expect_err("corrupt");
    assert!(matches!(e, Error::State { .. }), "{e:?}");
    assert_eq!(fake.stats().requests, 0);
}
