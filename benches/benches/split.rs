//! `split` of the generated contact file against the floor (parse with the
//! `csv` crate and copy every record to one output file), in one group with
//! `Throughput::Bytes`, so the split/floor ratio shows in one run.
//!
//! The 100,000-row file of SPEC §7 always runs, and beside it the
//! realistic file of issue 18 (`split/realistic-100k`: quoted names, mostly
//! `+91` numbers, see `generate_realistic`), the floor on it too; set
//! `RINGG_BENCH_MILLION=1` for the 1,000,000-row file too (not in CI).
//! Whole-process timings, start-up included, are measured with the
//! `floor` and `ringg-preflight` programs side by side (see the README).

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ringg_preflight::{Campaign, DiscardRows, Outputs, Preflight, PreflightBuilder};
use ringg_preflight_benches::{
    NOW, campaign_file, contacts_file, data_dir, floor_copy, realistic_file,
};

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

/// The floor, the split and the split with one validator on `input`, in
/// one group, as `ids` name them.
fn compare(
    c: &mut Criterion,
    group: &str,
    [floor, split, split_1_thread]: [BenchmarkId; 3],
    input: &Path,
    [all_cores, one_thread]: [&Preflight; 2],
) {
    let out = data_dir().join("bench-out");
    std::fs::create_dir_all(&out).expect("output directory");
    let bytes = std::fs::metadata(input).expect("input size").len();
    let mut group = c.benchmark_group(group);
    group.throughput(Throughput::Bytes(bytes));
    if bytes > 20_000_000 {
        group.sample_size(10);
    }
    group.bench_function(floor, |b| {
        b.iter(|| {
            let output = BufWriter::with_capacity(
                1 << 16,
                File::create(out.join("floor.csv")).expect("floor output"),
            );
            floor_copy(File::open(input).expect("input"), output).expect("floor runs")
        })
    });
    group.bench_function(split, |b| b.iter(|| split_to_files(all_cores, input, &out)));
    group.bench_function(split_1_thread, |b| {
        b.iter(|| split_to_files(one_thread, input, &out))
    });
    group.finish();
}

fn split_against_floor(c: &mut Criterion) {
    let mut sizes = vec![100_000];
    if std::env::var_os("RINGG_BENCH_MILLION").is_some() {
        sizes.push(1_000_000);
    }
    let all_cores = preflight(0);
    let one_thread = preflight(1);
    let preflights = [&all_cores, &one_thread];
    for rows in sizes {
        let input = contacts_file(rows).expect("generated input");
        let ids = ["floor", "split", "split_1_thread"].map(|name| BenchmarkId::new(name, rows));
        compare(c, &format!("split_{rows}_rows"), ids, &input, preflights);
        if rows == 100_000 {
            // Issue 18's realistic file beside it: `split/realistic-100k`,
            // `split/floor/realistic-100k`, `split/1-thread/realistic-100k`.
            let input = realistic_file(rows).expect("generated realistic input");
            let ids = [
                BenchmarkId::new("floor", "realistic-100k"),
                BenchmarkId::from_parameter("realistic-100k"),
                BenchmarkId::new("1-thread", "realistic-100k"),
            ];
            compare(c, "split", ids, &input, preflights);
        }
    }
}

criterion_group!(benches, split_against_floor);
criterion_main!(benches);
