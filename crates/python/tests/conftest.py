"""Shared fixtures: the repository's fixture files and the Rust binary."""

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "fixtures"
CONTACTS = FIXTURES / "contacts.csv"
CAMPAIGN = FIXTURES / "campaign.json"
NOW = "2026-10-17T09:00:00+05:30"


def read_rows(path):
    """The header and the records of a CSV file as the split counts them
    (blank lines are not records); the BOM is left for the checker."""
    with open(path, newline="", encoding="utf-8") as file:
        records = [row for row in csv.reader(file) if row]
    return records[0], records[1:]


def split_verdicts(out_dir, total_rows):
    """Each row's verdict as the split's outputs give it, in input order:
    ``(True, cells)`` for a valid row, ``(False, preflight_errors)``."""
    _, valid = read_rows(Path(out_dir) / "valid.csv")
    _, invalid = read_rows(Path(out_dir) / "invalid.csv")
    errors = {int(row[-2]): row[-1] for row in invalid}
    valid = iter(valid)
    verdicts = []
    for row in range(1, total_rows + 1):
        if row in errors:
            verdicts.append((False, errors[row]))
        else:
            verdicts.append((True, next(valid)))
    assert next(valid, None) is None
    return verdicts


@pytest.fixture(scope="session")
def binary():
    """The Rust binary: $RINGG_PREFLIGHT_BIN, else the workspace's build."""
    path = os.environ.get("RINGG_PREFLIGHT_BIN")
    candidates = [Path(path)] if path else [
        ROOT / "target" / "debug" / "ringg-preflight",
        ROOT / "target" / "release" / "ringg-preflight",
    ]
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    pytest.fail(
        "no ringg-preflight binary: run `cargo build -p ringg-preflight-cli` "
        "or set RINGG_PREFLIGHT_BIN"
    )


@pytest.fixture(scope="session")
def console_script():
    """The `ringg-preflight` the package installed beside this Python."""
    beside = Path(sys.executable).parent / "ringg-preflight"
    found = str(beside) if beside.is_file() else shutil.which("ringg-preflight")
    assert found, "the package's console script is not installed"
    return found


def run(command, cwd=ROOT):
    """Runs `command`, returning (status, stdout, stderr)."""
    done = subprocess.run(
        command, cwd=cwd, capture_output=True, env={**os.environ, "NO_COLOR": "1"}
    )
    return done.returncode, done.stdout, done.stderr
