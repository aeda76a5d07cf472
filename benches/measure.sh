#!/usr/bin/env bash
# Whole-process timings of SPEC §7, side by side: the floor program against
# `ringg-preflight split` on the generated 100k and 1M-row files, a 10-row
# check, and peak memory. Needs hyperfine (Debian: apt-get install
# hyperfine) and GNU time (/usr/bin/time); CI runs none of this.
#
#   bash benches/measure.sh            # 100k and 10 rows
#   MILLION=1 bash benches/measure.sh  # and 1M rows
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet -p ringg-preflight-cli -p ringg-preflight-benches --bins
bin=target/release
campaign=fixtures/campaign.json
now=2026-10-17T09:00:00+05:30
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

sizes=(100000)
if [[ -n "${MILLION:-}" ]]; then sizes+=(1000000); fi

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
for rows in "${sizes[@]}"; do
  input=$("$bin/gen-contacts" "$rows")
  echo "== $rows rows, $(stat -c %s "$input") bytes"
  hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-json "$out/times.json" \
    -n floor "$bin/floor $input $out/floor.csv" \
    -n split "$bin/ringg-preflight split $input --campaign $campaign --now $now --out-dir $out --force"
  python3 - "$out/times.json" "$rows" "$(stat -c %s "$input")" <<'PY'
import json, sys
runs = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
rows, size = int(sys.argv[2]), int(sys.argv[3])
floor, split = runs["floor"], runs["split"]
print(f"median floor {floor * 1e3:.1f} ms, split {split * 1e3:.1f} ms, "
      f"split/floor {split / floor:.2f}x, {rows / split:,.0f} rows/s, "
      f"{size / split / 1e6:.0f} MB/s")
PY
  for program in floor split; do
    if [[ $program == floor ]]; then
      command=("$bin/floor" "$input" "$out/floor.csv")
    else
      command=("$bin/ringg-preflight" split "$input" --campaign "$campaign" --now "$now" --out-dir "$out" --force)
    fi
    peak=$(/usr/bin/time -f %M "${command[@]}" 2>&1 >/dev/null | tail -1)
    echo "peak RSS $program: $((peak / 1024)) MiB"
  done
done

# The split with a 1M-entry do-not-call list (issue 19): loading the list
# and looking each contact up, against the same split without it.
list=$("$bin/gen-suppression" 1000000)
input=$("$bin/gen-contacts" 100000)
echo "== 100000 rows, with and without a 1,000,000-entry suppression list"
hyperfine -N -i --warmup 2 --runs "${RUNS:-20}" \
  -n without "$bin/ringg-preflight split $input --campaign $campaign --now $now --out-dir $out --force" \
  -n with-list "$bin/ringg-preflight split $input --campaign $campaign --now $now --out-dir $out --force --suppress $list"
peak=$(/usr/bin/time -f %M "$bin/ringg-preflight" split "$input" --campaign "$campaign" --now "$now" \
  --out-dir "$out" --force --suppress "$list" 2>&1 >/dev/null | tail -1)
echo "peak RSS split with the list: $((peak / 1024)) MiB"

ten=$out/ten.csv
head -11 "$("$bin/gen-contacts" 100000)" >"$ten"
echo "== 10 rows"
# check exits 1 when a file would not upload cleanly: that is its answer.
hyperfine -N -i --warmup 3 --runs "${RUNS:-20}" \
  -n check "$bin/ringg-preflight check $ten --campaign $campaign --now $now" \
  -n split "$bin/ringg-preflight split $ten --campaign $campaign --now $now --out-dir $out --force"

# A 100,000-row workbook (issue 18): calamine alone reading every cell,
# the floor, against the split of the same .xlsx (at most 1.5x).
workbook=$("$bin/gen-workbook" 100000)
echo "== 100000 rows as .xlsx, $(stat -c %s "$workbook") bytes"
hyperfine -N --warmup 2 --runs "${RUNS:-20}" --export-json "$out/workbook.json" \
  -n calamine "$bin/read-workbook $workbook" \
  -n split "$bin/ringg-preflight split $workbook --campaign $campaign --now $now --out-dir $out --force -q"
python3 - "$out/workbook.json" <<'PY'
import json, sys
runs = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
print(f"median calamine {runs['calamine'] * 1e3:.1f} ms, split {runs['split'] * 1e3:.1f} ms, "
      f"split/calamine {runs['split'] / runs['calamine']:.2f}x")
PY
peak=$(/usr/bin/time -f %M "$bin/ringg-preflight" split "$workbook" --campaign "$campaign" --now "$now" \
  --out-dir "$out" --force -q 2>&1 >/dev/null | tail -1)
echo "peak RSS split of the workbook: $((peak / 1024)) MiB"
