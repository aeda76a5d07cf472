//! A valid row with no findings costs no allocation: the validator's hot
//! path (phone fast path, dates, variables, callee time) works in reused
//! and stack buffers. Counted with a global allocator that counts only on
//! the test's own thread while it asks to.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use ringg_preflight::header::Header;
use ringg_preflight::{ByteRecord, Campaign, PreflightBuilder, RecordValidator};

struct CountingAllocator;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

fn count() {
    if COUNTING.with(Cell::get) {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counting only reads a thread-local flag and bumps an atomic.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: the caller's contract is passed on as it is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Allocations made on this thread while `work` runs.
fn allocations_during(work: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    COUNTING.with(|counting| counting.set(true));
    work();
    COUNTING.with(|counting| counting.set(false));
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

#[test]
fn validating_clean_rows_allocates_nothing() {
    let campaign_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/campaign.json");
    let campaign = Campaign::from_path(&campaign_path).expect("campaign");
    let preflight = PreflightBuilder::new()
        .campaign(campaign.clone())
        .now("2026-10-17T03:30:00Z".parse().expect("time"))
        .build()
        .expect("preflight");
    let names = ["Mobile Number", "Name", "Policy ID", "Due Date"].map(String::from);
    let header = Header::analyse(names.to_vec(), Some(&campaign));
    let validator = RecordValidator::new(
        header,
        preflight.phone_rules().clone(),
        preflight.severities().clone(),
    );
    // The spellings of valid Indian mobiles the fast path reads.
    let rows: Vec<ByteRecord> = [
        "+919876543210",
        "9876543211",
        "+91 98765 43212",
        "098765 43213",
        "919876543214",
        "+91-98765-43215",
        "0091 9876543216",
        "9190341071",
    ]
    .iter()
    .map(|phone| ByteRecord::from(vec![*phone, "Asha Rao", "POL-1", "20/10/2026"]))
    .collect();
    // First use builds India's matcher and this thread's automaton cache.
    for (row, record) in rows.iter().enumerate() {
        let verdict = validator.validate(record, row as u64 + 1, row as u64 + 2);
        assert!(verdict.findings.is_empty(), "{:?}", verdict.findings);
        assert!(verdict.phone.is_some());
    }
    let allocations = allocations_during(|| {
        for round in 0..100u64 {
            for (row, record) in rows.iter().enumerate() {
                let verdict = validator.validate(record, round + row as u64, 2);
                std::hint::black_box(&verdict);
            }
        }
    });
    assert_eq!(allocations, 0, "allocations for 800 clean rows");
    // The counter counts: a row with a finding allocates its message.
    let with_finding = ByteRecord::from(vec!["98765", "Asha Rao", "POL-1", "20/10/2026"]);
    assert!(allocations_during(|| drop(validator.validate(&with_finding, 1, 2))) > 0);
}
