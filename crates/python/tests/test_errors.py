"""Errors raise PreflightError, with the CLI's message and a kind."""

import datetime
import json

import pyarrow as pa
import pytest

import ringg_preflight as rp
from conftest import CAMPAIGN, CONTACTS, FIXTURES, NOW, run


def cli_error(binary, *args):
    status, stdout, stderr = run([binary, *args])
    assert status == 2 and stdout == b""
    return stderr.decode().rstrip()


def test_a_campaign_with_an_unknown_field(binary):
    bad = FIXTURES / "campaign-unknown-field.json"
    with pytest.raises(rp.PreflightError) as raised:
        rp.Preflight(bad, now=NOW)
    assert raised.value.kind == "campaign"
    assert str(raised.value) == cli_error(
        binary, "check", str(CONTACTS), "--campaign", str(bad), "--now", NOW
    )
    assert "unknown field" in str(raised.value)
    # The same campaign as JSON text or as a dict is refused alike.
    text = bad.read_text()
    for campaign in (text, json.loads(text)):
        with pytest.raises(rp.PreflightError) as raised:
            rp.Preflight(campaign, now=NOW)
        assert raised.value.kind == "campaign"


def test_a_campaign_file_that_does_not_exist(tmp_path):
    with pytest.raises(rp.PreflightError) as raised:
        rp.Preflight(tmp_path / "missing.json")
    assert raised.value.kind == "io"
    assert "missing.json" in str(raised.value)


def test_an_input_that_does_not_exist_as_split_says(binary, tmp_path):
    preflight = rp.Preflight(CAMPAIGN, now=NOW)
    missing = tmp_path / "missing.csv"
    with pytest.raises(rp.PreflightError) as raised:
        preflight.split(missing, tmp_path / "ours")
    assert raised.value.kind == "io"
    assert str(raised.value) == cli_error(
        binary, "split", str(missing), "--campaign", str(CAMPAIGN), "--now", NOW,
        "--out-dir", str(tmp_path / "ours"),
    )
    with pytest.raises(rp.PreflightError) as raised:
        preflight.check(missing)
    assert raised.value.kind == "io"


def test_a_truncated_workbook_is_refused_as_a_workbook():
    # The first bytes of an .xlsx named .csv: read as the workbook it is,
    # which cannot be opened.
    with pytest.raises(rp.PreflightError) as raised:
        rp.Preflight(CAMPAIGN, now=NOW).check(FIXTURES / "hostile" / "xlsx-named.csv")
    assert raised.value.kind == "workbook"
    assert "zip archive that cannot be opened" in str(raised.value)


def test_json_is_not_csv():
    with pytest.raises(rp.PreflightError) as raised:
        rp.Preflight(CAMPAIGN, now=NOW).check(FIXTURES / "hostile" / "json-named.csv")
    assert raised.value.kind == "not_csv"
    assert "not a CSV file" in str(raised.value)


def test_existing_outputs_need_force(tmp_path, binary):
    preflight = rp.Preflight(CAMPAIGN, now=NOW)
    preflight.split(CONTACTS, tmp_path)
    before = (tmp_path / "valid.csv").read_bytes()
    with pytest.raises(rp.PreflightError) as raised:
        preflight.split(CONTACTS, tmp_path)
    assert raised.value.kind == "usage"
    assert str(raised.value) == cli_error(
        binary, "split", str(CONTACTS), "--campaign", str(CAMPAIGN), "--now", NOW,
        "--out-dir", str(tmp_path),
    )
    assert preflight.split(CONTACTS, tmp_path, force=True).valid_rows == 4
    assert (tmp_path / "valid.csv").read_bytes() == before


def test_now_must_be_rfc3339_or_aware():
    with pytest.raises(rp.PreflightError) as raised:
        rp.Preflight(CAMPAIGN, now="17/10/2026 09:00")
    assert raised.value.kind == "usage"
    assert "RFC 3339" in str(raised.value)
    with pytest.raises(rp.PreflightError) as raised:
        rp.Preflight(CAMPAIGN, now=datetime.datetime(2026, 10, 17, 9, 0))
    assert raised.value.kind == "usage"
    assert "naive" in str(raised.value)
    with pytest.raises(TypeError):
        rp.Preflight(CAMPAIGN, now=20261017)


def test_an_aware_datetime_is_the_same_clock_as_its_rfc3339_text(tmp_path):
    ist = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
    aware = rp.Preflight(CAMPAIGN, now=datetime.datetime(2026, 10, 17, 9, 0, tzinfo=ist))
    text = rp.Preflight(CAMPAIGN, now=NOW)
    assert aware.check(CONTACTS).by_rule == text.check(CONTACTS).by_rule
    # A day after the campaign's window the verdict changes (C-rules).
    late = rp.Preflight(CAMPAIGN, now="2026-10-20T09:00:00+05:30").check(CONTACTS)
    assert late.by_rule != text.check(CONTACTS).by_rule


def test_a_bad_country_code_without_a_campaign():
    with pytest.raises(rp.PreflightError) as raised:
        rp.Preflight(country_code="India")
    assert raised.value.kind == "usage"
    assert "calling code" in str(raised.value)


def test_check_arrow_refuses_what_it_cannot_read():
    preflight = rp.Preflight(country_code="+91", now=NOW)
    with pytest.raises(TypeError, match="__arrow_c_stream__"):
        preflight.check_arrow([["+919876543210"]])
    table = pa.table({"Mobile Number": ["+919876543210"], "preflight_row": [1]})
    with pytest.raises(rp.PreflightError, match="preflight_row") as raised:
        preflight.check_arrow(table)
    assert raised.value.kind == "usage"
    # A column that is not text is cast: numbers read as their digits.
    cast = pa.table(preflight.check_arrow(pa.table({"Mobile Number": [919876543210]})))
    assert cast.column("Mobile Number").to_pylist() == ["+919876543210"]
    assert cast.column("preflight_valid").to_pylist() == [True]


def test_the_result_of_check_arrow_is_read_once():
    preflight = rp.Preflight(country_code="+91", now=NOW)
    result = preflight.check_arrow(pa.table({"Mobile Number": ["+919876543210"]}))
    assert pa.table(result).num_rows == 1
    with pytest.raises(RuntimeError, match="read once"):
        pa.table(result)


def test_check_rows_refuses_a_string_as_a_row():
    preflight = rp.Preflight(country_code="+91")
    with pytest.raises(TypeError):
        preflight.check_rows(["Mobile Number"], ["+919876543210"])
    with pytest.raises(TypeError):
        preflight.check_rows("Mobile Number", [["+919876543210"]])
