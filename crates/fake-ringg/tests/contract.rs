//! The fake checks requests against Ringg's contract and misbehaves on demand.

use std::time::Duration;

use fake_ringg::{FakeConfig, FakeRingg, Faults};
use serde_json::{Value, json};
use ureq::unversioned::multipart::{Form, Part};

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(5)))
        .build()
        .new_agent()
}

fn body(mut r: ureq::http::Response<ureq::Body>) -> (u16, Value) {
    let status = r.status().as_u16();
    let v = r.body_mut().read_json::<Value>().unwrap_or(Value::Null);
    (status, v)
}

const CSV: &str = "Mobile Number,Name\n+919876543210,A\n+919876543211,B\n";

fn save_form<'a>(fields: &'a [(&'a str, &'a str)]) -> Form<'a> {
    let mut form = Form::new();
    for (k, v) in fields {
        form = form.text(k, v);
    }
    form.part("file", Part::bytes(CSV.as_bytes()).file_name("valid.csv"))
}

const GOOD: [(&str, &str); 7] = [
    ("agent_id", "a1"),
    ("campaign_name", "C"),
    ("country_code", "+91"),
    ("campaign_start_time", "18/12/2026, 09:00"),
    ("campaign_end_time", "18/12/2026, 18:00"),
    (
        "variables_map",
        r#"{"mobile_number":"Mobile Number","callee_name":"Name"}"#,
    ),
    (
        "call_config",
        r#"{"call_time":{"call_start_time":"09:00","call_end_time":"18:00","timezone":"Asia/Kolkata"}}"#,
    ),
];

#[test]
fn key_is_required_in_both_error_shapes() {
    let fake = FakeRingg::start(FakeConfig::default()).expect("starts");
    let a = agent();
    let (s, v) = body(
        a.post(format!("{}/campaign/save", fake.base_url()))
            .send(save_form(&GOOD))
            .expect("answers"),
    );
    assert_eq!((s, v), (401, json!({"detail": "Invalid credentials"})));
    let (s, v) = body(
        a.get(format!("{}/calling/history", fake.base_url()))
            .header("X-API-KEY", "wrong")
            .call()
            .expect("answers"),
    );
    assert_eq!(s, 401);
    assert_eq!(v["error"]["message"], "Invalid credentials");
    assert_eq!(fake.stats().unauthorized, 2);
    assert!(!fake.received()[0].had_api_key);
}

#[test]
fn save_checks_the_form() {
    let fake = FakeRingg::start(FakeConfig::default()).expect("starts");
    let a = agent();
    let url = format!("{}/campaign/save", fake.base_url());
    let post = |fields: &[(&str, &str)]| {
        body(
            a.post(&url)
                .header("X-API-KEY", "test-key")
                .send(save_form(fields))
                .expect("answers"),
        )
    };
    let (s, v) = post(&GOOD);
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["successful_rows"], 2);

    let cases: [(&str, &str, &str); 6] = [
        ("campaign_name", "", "campaign_name must not be empty."),
        (
            "campaign_start_time",
            "18-12-2026 09:00",
            "expected DD/MM/YYYY, HH:MM",
        ),
        ("variables_map", "{oops", "variables_map is not valid JSON"),
        (
            "variables_map",
            r#"{"mobile_number":"Phone","callee_name":"Name"}"#,
            "Column \"Phone\"",
        ),
        (
            "call_config",
            "[]",
            "call_config must be a JSON object string.",
        ),
        ("country_code", "91", "Invalid country_code"),
    ];
    for (field, value, expected) in cases {
        let fields: Vec<(&str, &str)> = GOOD
            .iter()
            .map(|(k, v)| (*k, if *k == field { value } else { *v }))
            .collect();
        let (s, v) = post(&fields);
        assert_eq!(s, 400, "{field}: {v}");
        let detail = v["detail"].as_str().unwrap_or_default();
        assert!(detail.contains(expected), "{field}: {detail}");
    }
    let missing: Vec<(&str, &str)> = GOOD
        .iter()
        .copied()
        .filter(|(k, _)| *k != "call_config")
        .collect();
    let (s, v) = post(&missing);
    assert_eq!(
        (s, v["detail"].as_str()),
        (400, Some("call_config is required."))
    );
    assert_eq!(fake.stats().lists_created, 1);
}

#[test]
fn make_call_async_contract() {
    let fake = FakeRingg::start(FakeConfig {
        polls_until_done: 1,
        ..FakeConfig::default()
    })
    .expect("starts");
    let a = agent();
    let b = fake.base_url();
    let (s, v) = body(
        a.post(format!("{b}/campaign/upload-csv"))
            .header("X-API-KEY", "test-key")
            .send(save_form(
                &GOOD[..3]
                    .iter()
                    .chain(&GOOD[5..6])
                    .copied()
                    .collect::<Vec<_>>(),
            ))
            .expect("answers"),
    );
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["status"], "verifying");
    let id = v["bulk_list_id"].as_str().expect("id").to_owned();
    let mut req = json!({
        "bulk_list_id": id, "agent_id": "a1", "country_code": "+91",
        "campaign_start_time": "18/12/2026, 09:00", "campaign_end_time": "18/12/2026, 18:00",
        "call_config": {"call_time": {"call_start_time": "09:00"}},
    });
    let send = |v: &Value| {
        body(
            a.post(format!("{b}/campaign/make-call-async"))
                .header("X-API-KEY", "test-key")
                .send_json(v)
                .expect("answers"),
        )
    };
    // Neither sender: 422 in FastAPI's shape.
    let (s, v) = send(&req);
    assert_eq!(s, 422);
    assert!(
        v["detail"][0]["msg"]
            .as_str()
            .is_some_and(|m| m.contains("exactly one"))
    );
    // Not processed yet.
    req["from_numbers"] = json!(["n1"]);
    let (s, v) = send(&req);
    assert_eq!(
        (s, v["detail"].as_str()),
        (400, Some("Bulk list is not ready to start."))
    );
    // call_config as a string is refused.
    let status = body(
        a.get(format!("{b}/campaign/upload-status/{id}"))
            .header("X-API-KEY", "test-key")
            .call()
            .expect("answers"),
    );
    assert_eq!(status.1["status"], "completed");
    let mut bad = req.clone();
    bad["call_config"] = json!("{\"call_time\":{}}");
    let (s, v) = send(&bad);
    assert_eq!(
        (s, v["detail"].as_str()),
        (400, Some("call_config must be a JSON object."))
    );
    let (s, v) = send(&req);
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["status"], "scheduled");
    let (s, _) = send(&req);
    assert_eq!(s, 400, "scheduled twice");
    assert_eq!(fake.stats().async_campaigns_started, 1);
}

#[test]
fn faults_rate_limit_then_server_error_then_ok() {
    let fake = FakeRingg::start(FakeConfig {
        faults: Faults {
            rate_limit: 1,
            retry_after_secs: 7,
            server_errors: 1,
            ..Faults::default()
        },
        ..FakeConfig::default()
    })
    .expect("starts");
    let a = agent();
    let get = || {
        a.get(format!("{}/workspace/numbers", fake.base_url()))
            .header("X-API-KEY", "test-key")
            .call()
            .expect("answers")
    };
    let r = get();
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(
        r.headers().get("retry-after").and_then(|v| v.to_str().ok()),
        Some("7")
    );
    assert_eq!(get().status().as_u16(), 500);
    assert_eq!(get().status().as_u16(), 200);
    assert_eq!(fake.stats().faults_injected, 2);
}

#[test]
fn dropped_connection_and_stop_on_drop() {
    let fake = FakeRingg::start(FakeConfig {
        faults: Faults {
            drop_connections: 1,
            ..Faults::default()
        },
        ..FakeConfig::default()
    })
    .expect("starts");
    let url = format!("{}/workspace/numbers", fake.base_url());
    let a = agent();
    assert!(a.get(&url).header("X-API-KEY", "test-key").call().is_err());
    assert!(a.get(&url).header("X-API-KEY", "test-key").call().is_ok());
    drop(fake);
    // Stopped: nothing listens any more.
    assert!(agent().get(&url).call().is_err());
}
