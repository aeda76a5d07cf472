"""check_arrow on 1,000,000 rows already in a pyarrow table, against the
CLI's split of the same rows as CSV and a Python `phonenumbers` equivalent.

    cargo build --release -p ringg-preflight-cli -p ringg-preflight-benches --bins
    pip install ./crates/python pyarrow phonenumbers
    python crates/python/bench.py [ROWS]

Prints the median of several runs of each (the phonenumbers one runs once:
it takes minutes). The figures are in docs/python.md.
"""

import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa

import ringg_preflight as rp

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release"
CAMPAIGN = ROOT / "fixtures" / "campaign.json"
NOW = "2026-10-17T09:00:00+05:30"
RUNS = int(os.environ.get("RUNS", "5"))


def median_seconds(work, runs=RUNS):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    csv_path = subprocess.run(
        [str(BIN / "gen-contacts"), str(rows)], check=True, capture_output=True, text=True
    ).stdout.strip()
    # The generated file has ragged rows, which no table holds: both sides
    # get the same rows, those of the header's width.
    with open(csv_path, newline="") as file:
        records = [r for r in csv.reader(file) if len(r) == 4]
    csv_path = os.path.join(tempfile.mkdtemp(), "contacts.csv")
    with open(csv_path, "w", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(records)
    header, rows_read = records[0], records[1:]
    table = pa.table({name: [r[i] for r in rows_read] for i, name in enumerate(header)})
    del records, rows_read
    rows = table.num_rows
    print(f"{rows:,} rows, {os.path.getsize(csv_path) / 1e6:.0f} MB of CSV, {os.cpu_count()} cores")

    out = tempfile.mkdtemp()
    split = [
        str(BIN / "ringg-preflight"), "split", csv_path, "--campaign", str(CAMPAIGN),
        "--now", NOW, "--out-dir", out, "--force", "-q",
    ]
    cli = median_seconds(lambda: subprocess.run(split, check=False))

    preflight = rp.Preflight(CAMPAIGN, now=NOW)
    counts = {}

    def check_arrow():
        valid = 0
        for batch in pa.RecordBatchReader.from_stream(preflight.check_arrow(table)):
            valid += batch.column("preflight_valid").true_count
        counts["valid"] = valid

    arrow = median_seconds(check_arrow)
    split_report = preflight.check(csv_path)
    assert counts["valid"] == split_report.valid_rows, (counts, split_report)

    print(f"CLI split (CSV file → three files): {cli:.3f} s")
    print(f"check_arrow (pyarrow table → stream): {arrow:.3f} s, {arrow / cli:.2f}× the CLI split")

    try:
        import phonenumbers
    except ImportError:
        print("phonenumbers is not installed: no Python comparison")
        return
    phones = table.column("Mobile Number").to_pylist()
    answerable = {
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        phonenumbers.PhoneNumberType.VOIP,
        phonenumbers.PhoneNumberType.PERSONAL_NUMBER,
    }

    def with_phonenumbers():
        # Parse in the campaign's region, validate, check the type, E.164,
        # duplicates: the phone part of the checks only.
        seen, valid = set(), 0
        for text in phones:
            try:
                number = phonenumbers.parse(text, "IN")
            except phonenumbers.NumberParseException:
                continue
            if not phonenumbers.is_valid_number(number):
                continue
            if phonenumbers.number_type(number) not in answerable:
                continue
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            if e164 in seen:
                continue
            seen.add(e164)
            valid += 1
        counts["phonenumbers"] = valid

    python = median_seconds(with_phonenumbers, runs=1)
    print(
        f"phonenumbers (Python, phone checks only): {python:.1f} s, "
        f"{python / arrow:.0f}× check_arrow ({counts['phonenumbers']:,} valid numbers)"
    )


if __name__ == "__main__":
    main()
