//! `split` of the generated contact file against the floor (parse with the
//! `csv` crate and copy every record to one output file), in one group with
//! `Throughput::Bytes`, so the split/floor ratio shows in one run.
//!
//! The 100,000-row file of SPEC §7 always runs; set
//! `RINGG_BENCH_MILLION=1` for the 1,000,000-row file too (not in CI).
//! Whole-process timings, start-up included, are measured with the
//! `floor` and `ringg-preflight` programs side by side (see the README).

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ringg_preflight::{Campaign, DiscardRows, Outputs, Preflight, PreflightBuilder};
use ringg_preflight_benches::{NOW, campaign_file, contacts_file, data_dir, floor_copy};

fn preflight(threads: usize) -> Preflight {
    let campaign = Campaign::from_path(&campaign_file()).expect("bench campaign");
    PreflightBuilder::new()
        .campaign(campaign)
        .now(NOW.parse().expect("bench clock"))
        .threads(threads)
        .build()
        .expect("preflight builds")
}

fn split_to_files(preflight: &Preflight, input: &Path, out: &Path) -> u64 {
    let mut valid = BufWriter::with_capacity(1 << 16, File::create(out.join("valid.csv")).unwrap());
    let mut invalid =
        BufWriter::with_capacity(1 << 16, File::create(out.join("invalid.csv")).unwrap());
    let file = File::open(input).expect("input");
    // As the binary does: a file's length sizes the duplicate table once.
    let len = file.metadata().expect("input size").len();
    let report = preflight
        .split_sized(
            file,
            Some(len),
            Some(Outputs {
                valid: &mut valid,
                invalid: &mut invalid,
            }),
            &mut DiscardRows,
        )
        .expect("split runs");
    report.total_rows
}

fn split_against_floor(c: &mut Criterion) {
    let mut sizes = vec![100_000];
    if std::env::var_os("RINGG_BENCH_MILLION").is_some() {
        sizes.push(1_000_000);
    }
    let out = data_dir().join("bench-out");
    std::fs::create_dir_all(&out).expect("output directory");
    let all_cores = preflight(0);
    let one_thread = preflight(1);
    for rows in sizes {
        let input = contacts_file(rows).expect("generated input");
        let bytes = std::fs::metadata(&input).expect("input size").len();
        let mut group = c.benchmark_group(format!("split_{rows}_rows"));
        group.throughput(Throughput::Bytes(bytes));
        if rows >= 1_000_000 {
            group.sample_size(10);
        }
        group.bench_function(BenchmarkId::new("floor", rows), |b| {
            b.iter(|| {
                let output = BufWriter::with_capacity(
                    1 << 16,
                    File::create(out.join("floor.csv")).expect("floor output"),
                );
                floor_copy(File::open(&input).expect("input"), output).expect("floor runs")
            })
        });
        group.bench_function(BenchmarkId::new("split", rows), |b| {
            b.iter(|| split_to_files(&all_cores, &input, &out))
        });
        group.bench_function(BenchmarkId::new("split_1_thread", rows), |b| {
            b.iter(|| split_to_files(&one_thread, &input, &out))
        });
        group.finish();
    }
}

criterion_group!(benches, split_against_floor);
criterion_main!(benches);
