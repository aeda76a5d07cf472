"""The same files give the same verdicts through split, check, check_rows,
check_rows_iter, check_arrow (pyarrow and polars input) and the CLI."""

import json
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import polars as pl
import pytest

import ringg_preflight as rp
from conftest import CAMPAIGN, CONTACTS, FIXTURES, NOW, read_rows, run, split_verdicts

CASES = {
    "contacts": (CONTACTS, CAMPAIGN),
    "every-family": (FIXTURES / "every-family.csv", FIXTURES / "every-family.json"),
}

# The bundled example's verdicts, as the README shows them.
CONTACTS_ERRORS = {
    5: "P003",
    6: "P010",
    7: "P007",
    8: "P008",
    9: "T001",
    10: "V001",
}


def without_timings(report):
    report = dict(report)
    report.pop("timings")
    return report


def arrow_table(path):
    """The file as a pyarrow table of text columns, as read from the CSV."""
    header, rows = read_rows(path)
    columns = list(zip(*rows)) if rows else [[] for _ in header]
    return pa.Table.from_arrays([pa.array(list(c), pa.string()) for c in columns], names=header)


def arrow_verdicts(table, phone_column):
    """Verdicts from a check_arrow result read as a pyarrow table."""
    names = [n for n in table.column_names if not n.startswith("preflight_")]
    verdicts = []
    for number, (row, valid, errors) in enumerate(
        zip(
            table.column("preflight_row").to_pylist(),
            table.column("preflight_valid").to_pylist(),
            table.column("preflight_errors").to_pylist(),
        ),
        start=1,
    ):
        assert row == number
        if valid:
            assert errors is None
            verdicts.append((True, [table.column(n)[number - 1].as_py() for n in names]))
        else:
            verdicts.append((False, errors))
    return verdicts


def rows_verdicts(checked):
    return [(c.valid, c.cells if c.valid else c.errors) for c in checked]


@pytest.fixture(params=sorted(CASES))
def case(request, tmp_path):
    csv_path, campaign = CASES[request.param]
    preflight = rp.Preflight(campaign, now=NOW)
    report = preflight.split(csv_path, tmp_path / "out")
    return csv_path, campaign, preflight, report, tmp_path / "out"


def test_the_bundled_example_gives_the_readmes_verdicts(tmp_path):
    preflight = rp.Preflight(str(CAMPAIGN), now=NOW)
    report = preflight.split(CONTACTS, tmp_path)
    assert (report.total_rows, report.valid_rows, report.invalid_rows) == (10, 4, 6)
    assert report.would_upload and report.flow == "standard" and report.duplicates == 1
    assert report.by_rule == {
        "P002": 1, "P003": 1, "P007": 1, "P008": 1, "P009": 1, "P010": 1, "V001": 1, "T001": 1,
    }
    verdicts = split_verdicts(tmp_path, 10)
    assert [v for v, _ in verdicts] == [row not in CONTACTS_ERRORS for row in range(1, 11)]
    assert {row: e[:4] for row, (v, e) in enumerate(verdicts, 1) if not v} == CONTACTS_ERRORS
    assert verdicts[3] == (True, ["+919190341071", "Ravi Kumar", "POL-126", "23/10/2026"])


def test_report_attributes_and_to_dict_are_report_json(case):
    _, _, _, report, out = case
    written = json.loads((out / "report.json").read_text())
    assert report.to_dict() == written
    assert (report.total_rows, report.valid_rows, report.invalid_rows) == (
        written["total_rows"], written["valid_rows"], written["invalid_rows"],
    )
    assert report.valid_rows + report.invalid_rows == report.total_rows
    assert report.by_rule == written["by_rule"]
    assert report.flow == written["flow"]
    assert report.would_upload == written["would_upload"]
    assert [f.to_dict() for f in report.campaign_findings] == written["campaign"]
    assert [f.to_dict() for f in report.file_findings] == written["file"]
    for finding, raw in zip(report.file_findings, written["file"]):
        assert (finding.code, finding.severity, finding.message, finding.help) == (
            raw["code"], raw["severity"], raw["message"], raw["help"],
        )
        assert finding.line == raw["location"].get("line")
        assert finding.row == raw["location"].get("row")
        assert finding.column == raw["location"].get("column")


def test_check_reports_what_split_reports(case):
    csv_path, _, preflight, report, _ = case
    assert without_timings(preflight.check(csv_path).to_dict()) == without_timings(report.to_dict())


def test_check_rows_and_its_iterator_give_the_splits_verdicts(case):
    csv_path, _, preflight, report, out = case
    header, rows = read_rows(csv_path)
    expected = split_verdicts(out, report.total_rows)
    assert rows_verdicts(preflight.check_rows(header, rows)) == expected
    assert rows_verdicts(preflight.check_rows_iter(header, iter(rows))) == expected
    # The numbers each CheckedRow carries.
    checked = preflight.check_rows(header, rows)
    assert [c.row for c in checked] == list(range(1, len(rows) + 1))
    for c in checked:
        assert c.valid == all(f.severity != "error" for f in c.findings)


def test_check_arrow_gives_the_splits_verdicts_from_pyarrow(tmp_path):
    # (every-family.csv has a ragged row, which no table can hold.)
    csv_path = CONTACTS
    preflight = rp.Preflight(CAMPAIGN, now=NOW)
    out = tmp_path / "out"
    report = preflight.split(csv_path, out)
    table = arrow_table(csv_path)
    result = pa.table(preflight.check_arrow(table))
    assert result.column_names[-3:] == ["preflight_row", "preflight_valid", "preflight_errors"]
    assert result.schema.field("preflight_row").type == pa.int64()
    assert result.schema.field("preflight_valid").type == pa.bool_()
    assert result.schema.field("preflight_errors").type == pa.string()
    assert arrow_verdicts(result, "Mobile Number") == split_verdicts(out, report.total_rows)


def test_check_arrow_gives_the_splits_verdicts_from_polars(tmp_path):
    preflight = rp.Preflight(CAMPAIGN, now=NOW)
    report = preflight.split(CONTACTS, tmp_path)
    frame = pl.read_csv(CONTACTS, infer_schema=False)
    result = pl.DataFrame(preflight.check_arrow(frame))
    assert result.columns == frame.columns + ["preflight_row", "preflight_valid", "preflight_errors"]
    assert arrow_verdicts(result.to_arrow(), "Mobile Number") == split_verdicts(tmp_path, 10)
    # pyarrow reads polars' result without a copy through the same interface.
    assert pa.table(preflight.check_arrow(frame)).num_rows == report.total_rows


def test_the_cli_and_the_package_write_the_same_files(case, binary, console_script, tmp_path):
    csv_path, campaign, _, _, out = case
    for index, program in enumerate((binary, console_script)):
        theirs = tmp_path / f"by-{index}"
        status, _, _ = run(
            [program, "split", str(csv_path), "--campaign", str(campaign), "--now", NOW,
             "--out-dir", str(theirs), "-q"]
        )
        assert status in (0, 1)
        for name in ("valid.csv", "invalid.csv"):
            assert (theirs / name).read_bytes() == (out / name).read_bytes(), (program, name)
        assert without_timings(json.loads((theirs / "report.json").read_text())) == without_timings(
            json.loads((out / "report.json").read_text())
        )


def generated_rows(count, seed=20):
    """Rows whose verdicts depend on the first rows: most numbers written
    +44, some without a country code (P011's third trigger), a column of
    dates found by content (one cell not a date), repeated numbers."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        national = f"7400 {rng.randrange(100000, 999999)}"
        phone = f"0{national}" if i % 9 == 4 else f"+44 {national}"
        if i % 50 == 7:
            phone = rows[i - 3][0]
        seen = "soon" if i == 11 else f"{rng.randrange(1, 29):02}/10/2026"
        rows.append([phone, f"name {i}", seen])
    return ["Mobile Number", "Name", "Seen"], rows


def test_verdicts_learned_from_the_first_rows_match_across_batches(tmp_path):
    header, rows = generated_rows(5000)
    path = tmp_path / "generated.csv"
    path.write_text("".join(",".join(r) + "\n" for r in [header, *rows]))
    preflight = rp.Preflight(country_code="+91", now=NOW)
    report = preflight.split(path, tmp_path / "out")
    expected = split_verdicts(tmp_path / "out", report.total_rows)
    assert report.by_rule.get("P011") and report.by_rule.get("D001") and report.duplicates
    assert rows_verdicts(preflight.check_rows(header, rows)) == expected
    # Small batches: the first rows span many of them.
    table = pa.Table.from_batches(
        pa.Table.from_pylist([dict(zip(header, r)) for r in rows]).to_batches(max_chunksize=100)
    )
    assert table.num_rows == 5000 and len(table.to_batches()) == 50
    assert arrow_verdicts(pa.table(preflight.check_arrow(table)), "Mobile Number") == expected
    stream = pa.RecordBatchReader.from_batches(table.schema, table.to_batches())
    assert arrow_verdicts(pa.table(preflight.check_arrow(stream)), "Mobile Number") == expected
