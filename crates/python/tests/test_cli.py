"""The console script and `python -m ringg_preflight` are the Rust binary:
same exit statuses, same output."""

import sys

import pytest

from conftest import CAMPAIGN, CONTACTS, FIXTURES, NOW, run

KEEP_INVALID = FIXTURES / "campaign-keep-invalid-rows.json"

# (arguments, the binary's exit status)
COMMANDS = [
    (["check", str(CONTACTS), "--campaign", str(CAMPAIGN), "--now", NOW], 0),
    (["check", str(CONTACTS), "--campaign", str(KEEP_INVALID), "--now", NOW], 1),
    (["check", str(CONTACTS), "--campaign", str(CAMPAIGN), "--now", NOW, "--strict"], 1),
    (["check", str(CONTACTS), "--campaign", str(CAMPAIGN), "--now", NOW, "--format", "json"], 0),
    (["check", str(FIXTURES / "no-such-file.csv")], 2),
    (["check", str(CONTACTS), "--campaign", str(FIXTURES / "campaign-unknown-field.json")], 2),
    (["explain", "P003"], 0),
    (["explain", "Z999"], 2),
    (["explain"], 0),
    (["template", "--campaign", str(CAMPAIGN)], 0),
    (["--version"], 0),
    (["--help"], 0),
    ([], 2),
    (["check", "--no-such-option"], 2),
]


def without_timings(output):
    # --format json carries the run's duration.
    import re

    return re.sub(rb'"total_ms": *[0-9.e+-]+', b'"total_ms": 0', output)


@pytest.mark.parametrize("args,status", COMMANDS, ids=[" ".join(a[:2]) or "none" for a, _ in COMMANDS])
def test_same_status_and_output_as_the_binary(binary, console_script, args, status):
    expected = run([binary, *args])
    assert expected[0] == status
    for program in ([console_script], [sys.executable, "-m", "ringg_preflight"]):
        got = run([*program, *args])
        assert got[0] == status, (program, got[2])
        assert without_timings(got[1]) == without_timings(expected[1]), program
        assert got[2] == expected[2], program


def test_split_through_the_console_script(binary, console_script, tmp_path):
    args = ["split", str(CONTACTS), "--campaign", str(CAMPAIGN), "--now", NOW]
    expected = run([binary, *args, "--out-dir", str(tmp_path / "binary")])
    got = run([console_script, *args, "--out-dir", str(tmp_path / "script")])
    assert got[0] == expected[0] == 0
    assert got[2] == expected[2].replace(b"binary", b"script")
    for name in ("valid.csv", "invalid.csv"):
        assert (tmp_path / "script" / name).read_bytes() == (tmp_path / "binary" / name).read_bytes()
    # A second split without --force is refused by both, alike.
    again = [run([p, *args, "--out-dir", str(tmp_path / "binary")]) for p in (binary, console_script)]
    assert again[0] == again[1] and again[0][0] == 2
