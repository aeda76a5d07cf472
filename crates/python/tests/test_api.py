"""The API's promises: reusable and thread-safe, the GIL released, the
partition pattern of duplicates=False, the documented example."""

import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import polars as pl
import pytest
import pyarrow as pa

import ringg_preflight as rp
from conftest import CAMPAIGN, CONTACTS, NOW, ROOT, read_rows, run

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "pandas_polars.py"


def contacts(count):
    """`count` rows, every 13th number repeating an earlier one, every 17th
    too short."""
    rows = []
    for i in range(count):
        phone = f"98{i:08d}"
        if i % 13 == 12:
            phone = rows[i // 2][0]
        if i % 17 == 16:
            phone = f"98{i:03d}"
        rows.append([phone, f"Contact {i}", f"POL-{i}", "20/10/2026"])
    return ["Mobile Number", "Name", "Policy ID", "Due Date"], rows


def test_the_documented_example_runs_as_written():
    docs = (ROOT / "docs" / "python.md").read_text()
    assert EXAMPLE.read_text() in docs
    assert len(EXAMPLE.read_text().splitlines()) == 10
    status, stdout, stderr = run([sys.executable, str(EXAMPLE)])
    assert status == 0, stderr
    assert b"P010: +919876543210 already ap" in stdout


def test_one_preflight_shared_by_threads_gives_the_same_results(tmp_path):
    preflight = rp.Preflight(CAMPAIGN, now=NOW)
    header, rows = contacts(20_000)
    alone = [(c.valid, c.cells, c.errors) for c in preflight.check_rows(header, rows)]
    table = pa.table(dict(zip(header, map(list, zip(*rows)))))
    alone_arrow = pa.table(preflight.check_arrow(table))

    def work(index):
        checked = [(c.valid, c.cells, c.errors) for c in preflight.check_rows(header, rows)]
        report = preflight.split(CONTACTS, tmp_path / f"out{index}")
        return checked, pa.table(preflight.check_arrow(table)), report.to_dict()["by_rule"]

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(work, range(8)))
    assert sum(not valid for valid, _, _ in alone) > 2000
    for checked, arrow, by_rule in results:
        assert checked == alone
        assert arrow.equals(alone_arrow)
        assert by_rule == results[0][2]


def test_the_gil_is_released_while_rows_are_checked(tmp_path):
    header, rows = contacts(200_000)
    path = tmp_path / "big.csv"
    path.write_text("".join(",".join(r) + "\n" for r in [header, *rows]))
    table = pa.table(dict(zip(header, map(list, zip(*rows)))))
    preflight = rp.Preflight(CAMPAIGN, now=NOW)
    for work in (
        lambda: preflight.split(path, tmp_path / "out", force=True),
        lambda: preflight.check(path),
        lambda: pa.table(preflight.check_arrow(table)),
    ):
        started = threading.Event()

        def target():
            started.set()
            work()

        thread = threading.Thread(target=target)
        thread.start()
        started.wait()
        # Python code runs in this thread while the other checks: with the
        # GIL held it would stall here for the whole check.
        spins = 0
        while thread.is_alive():
            spins += 1
        thread.join()
        assert spins > 50_000, work


def test_partitions_checked_without_duplicates_then_deduplicated():
    """The pattern of engines that check each partition on its own (Spark's
    mapInArrow, Dask, Ray): duplicates=False, then drop duplicates on the
    E.164 column; the valid rows are those of one check of the whole."""
    preflight = rp.Preflight(CAMPAIGN, now=NOW)
    header, rows = contacts(6_000)
    frame = pl.DataFrame(rows, schema=header, orient="row")
    whole = pl.DataFrame(preflight.check_arrow(frame))
    parts = [
        pl.DataFrame(preflight.check_arrow(part, duplicates=False))
        for part in (frame[:1000], frame[1000:3500], frame[3500:])
    ]
    assert all("P010" not in (e or "") for p in parts for e in p["preflight_errors"])
    valid = (
        pl.concat(parts)
        .filter(pl.col("preflight_valid"))
        .unique(subset="Mobile Number", keep="first", maintain_order=True)
        .drop("preflight_row", "preflight_valid", "preflight_errors")
    )
    expected = whole.filter(pl.col("preflight_valid")).drop(
        "preflight_row", "preflight_valid", "preflight_errors"
    )
    assert whole["preflight_errors"].str.starts_with("P010").sum() > 300
    assert valid.equals(expected)


def test_fix_repairs_dates_in_every_form(tmp_path):
    """fix=True: the split's valid.csv, check_rows' cells and check_arrow's
    text columns carry the same repaired date."""
    path = tmp_path / "dates.csv"
    path.write_text(
        "Mobile Number,Name,Policy ID,Due Date\n"
        "+919876543210,Asha,POL-1,2026-10-20\n"
        "+919876543211,Ravi,POL-2,21/10/2026\n"
    )
    preflight = rp.Preflight(CAMPAIGN, now=NOW, fix=True)
    preflight.split(path, tmp_path / "out")
    _, written = read_rows(tmp_path / "out" / "valid.csv")
    header, rows = read_rows(path)
    assert [c.cells for c in preflight.check_rows(header, rows)] == written
    table = pa.table(dict(zip(header, map(list, zip(*rows)))))
    checked = pa.table(preflight.check_arrow(table)).select(header)
    assert [list(r.values()) for r in checked.to_pylist()] == written
    assert written[0][3] != rows[0][3], "the fixture's first date is repaired"


def test_campaign_as_path_json_text_or_dict_and_prompt_as_text_or_path(tmp_path):
    text = CAMPAIGN.read_text()
    import json

    by = [
        rp.Preflight(campaign, now=NOW).check(CONTACTS).to_dict()["by_rule"]
        for campaign in (CAMPAIGN, str(CAMPAIGN), text, json.loads(text))
    ]
    assert all(b == by[0] for b in by)
    # A prompt's {{variable}} must be mapped (H005): as text or as a file.
    prompt = "Hello {{callee_name}}, your {{vehicle_number}} is due."
    (tmp_path / "prompt.txt").write_text(prompt)
    for given in (prompt, tmp_path / "prompt.txt"):
        report = rp.Preflight(CAMPAIGN, now=NOW, prompt=given).check(CONTACTS)
        assert "H005" in report.by_rule
        assert any("vehicle_number" in f.message for f in report.file_findings)
    assert rp.__version__


def test_a_workbook_splits_as_the_binary_splits_it(binary, tmp_path):
    workbook = ROOT / "fixtures" / "workbooks" / "contacts.xlsx"
    preflight = rp.Preflight(CAMPAIGN, now=NOW)
    report = preflight.split(workbook, tmp_path / "python")
    status, _, stderr = run(
        [binary, "split", str(workbook), "--campaign", str(CAMPAIGN), "--now", NOW,
         "--out-dir", str(tmp_path / "cli"), "-q"]
    )
    assert status < 2, stderr
    for name in ("valid.csv", "invalid.csv"):
        assert (tmp_path / "python" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes()
    assert report.to_dict()["input"] == {"format": "xlsx", "sheet": "Contacts"}
    assert report.invalid_rows > 0 and report.valid_rows > 0


def test_the_sheet_is_chosen_by_name_or_number():
    workbook = ROOT / "fixtures" / "workbooks" / "contacts.xlsx"
    for sheet in ("Notes", "notes", "2"):
        report = rp.Preflight(CAMPAIGN, now=NOW, sheet=sheet).check(workbook)
        assert report.to_dict()["input"]["sheet"] == "Notes"
    with pytest.raises(rp.PreflightError) as raised:
        rp.Preflight(CAMPAIGN, now=NOW, sheet="Leads").check(workbook)
    # A sheet that is not there is the caller's value, as --sheet's is.
    assert raised.value.kind == "usage"
    assert "its sheets are `Contacts`, `Notes`" in str(raised.value)
