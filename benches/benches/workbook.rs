//! `split` of the generated 100,000-row `.xlsx` against `calamine` alone
//! reading its cells (issue 18: reading must not be the bottleneck, the
//! split at most 1.5× the read), in one group so the ratio shows in one
//! run.

use std::io::{self, Cursor};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ringg_preflight::{Campaign, DiscardRows, Outputs, PreflightBuilder};
use ringg_preflight_benches::workbook::{read_every_cell, workbook_file};
use ringg_preflight_benches::{NOW, campaign_file};

fn split_against_calamine(c: &mut Criterion) {
    let path = workbook_file(100_000).expect("generated workbook");
    let bytes = std::fs::read(&path).expect("workbook");
    let campaign = Campaign::from_path(&campaign_file()).expect("bench campaign");
    let preflight = PreflightBuilder::new()
        .campaign(campaign)
        .now(NOW.parse().expect("bench clock"))
        .build()
        .expect("preflight builds");
    let mut group = c.benchmark_group("workbook/100000");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(10);
    group.bench_function("calamine", |b| {
        b.iter(|| read_every_cell(&bytes).expect("calamine reads it"))
    });
    group.bench_function("split", |b| {
        b.iter(|| {
            let report = preflight
                .split(
                    Cursor::new(&bytes[..]),
                    Some(Outputs {
                        valid: &mut io::sink(),
                        invalid: &mut io::sink(),
                    }),
                    &mut DiscardRows,
                )
                .expect("split runs");
            report.total_rows
        })
    });
    group.finish();
}

criterion_group!(benches, split_against_calamine);
criterion_main!(benches);
