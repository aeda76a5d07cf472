#!/usr/bin/env bash
# The Python package's CI: a fresh virtual environment in a temporary
# directory, `pip install ./crates/python` (maturin builds the wheel into
# the workspace's target directory, so a second run recompiles nothing),
# the test dependencies, then pytest. Run from anywhere; `.ci/run` runs it
# last. Needs python3 (3.9 or newer) with venv, and network access to PyPI.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
# The binary the tests compare the console script with (built already by
# `cargo test --workspace` in .ci/run).
cargo build --quiet --locked -p ringg-preflight-cli
export RINGG_PREFLIGHT_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/ringg-preflight"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
"$venv/bin/python" -m pip install --quiet ./crates/python
"$venv/bin/python" -m pip install --quiet pytest pyarrow polars pandas
# From the root: the tests and the documented example use fixtures/.
"$venv/bin/python" -m pytest -q crates/python/tests
