//! The phone check alone, per number: the fast path (`PhoneRules::check`)
//! against libphonenumber's full parse (`PhoneRules::check_reference`), on
//! the spellings of the generated contact file.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ringg_preflight::campaign::NumberType;
use ringg_preflight::phone::PhoneRules;
use ringg_preflight_benches::{SEED, phone_cells};

fn phone_check(c: &mut Criterion) {
    let cells = phone_cells(10_000, SEED);
    let rules = PhoneRules::new(Some(91), &NumberType::ANSWERABLE);
    let mut group = c.benchmark_group("phone_check");
    group.throughput(Throughput::Elements(cells.len() as u64));
    group.bench_function("fast_path", |b| {
        b.iter(|| {
            cells
                .iter()
                .filter(|cell| rules.check(cell).number.is_some())
                .count()
        })
    });
    group.bench_function("full_parse", |b| {
        b.iter(|| {
            cells
                .iter()
                .filter(|cell| rules.check_reference(cell).number.is_some())
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, phone_check);
criterion_main!(benches);
