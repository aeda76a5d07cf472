#!/usr/bin/env bash
# Whole-process timings of SPEC §7, side by side: the floor program against
# `ringg-preflight split` (all validators, then `--threads 1`) on the
# generated 100k and 1M-row files and on the realistic 100k-row file of
# issue 18 (`gen-realistic`: quoted names, mostly `+91` numbers), each
# with its split/floor ratio; a 10-row check, and peak memory. Uses
# hyperfine (Debian: apt-get install hyperfine) when it is installed, else
# a timing loop of its own (python3, the runs interleaved, medians); GNU
# time (/usr/bin/time) for memory. CI runs none of this.
#
#   bash benches/measure.sh            # 100k and 10 rows
#   MILLION=1 bash benches/measure.sh  # and 1M rows
#   RUNS=30 bash benches/measure.sh    # runs per command (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet -p ringg-preflight-cli -p ringg-preflight-benches --bins
bin=target/release
campaign=fixtures/campaign.json
now=2026-10-17T09:00:00+05:30
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# times JSON WARMUP [-i] -n NAME COMMAND... : hyperfine's medians, or the
# fallback's, as hyperfine's JSON (results[].command, results[].median).
times() {
  local json=$1 warmup=$2
  shift 2
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup "$warmup" --runs "${RUNS:-20}" --export-json "$json" "$@"
  else
    python3 - "$json" "$warmup" "${RUNS:-20}" "$@" <<'PY'
import json, shlex, statistics, subprocess, sys, time
json_path, warmup, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
args, commands, ignore = sys.argv[4:], [], False
while args:
    flag = args.pop(0)
    if flag == "-i":
        ignore = True
    elif flag == "-n":
        commands.append((args.pop(0), shlex.split(args.pop(0))))
def run(command):
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode != 0 and not ignore:
        sys.exit(f"{shlex.join(command)} exited with {done.returncode}")
    return elapsed
for _ in range(warmup):
    for _, command in commands:
        run(command)
# Interleaved, so that the machine's drift falls on every command alike.
samples = {name: [] for name, _ in commands}
for _ in range(runs):
    for name, command in commands:
        samples[name].append(run(command))
results = []
for name, times in samples.items():
    median = statistics.median(times)
    print(f"{name:>10}: median {median * 1e3:7.2f} ms  "
          f"(min {min(times) * 1e3:.2f}, max {max(times) * 1e3:.2f}, {runs} runs)")
    results.append({"command": name, "median": median, "times": times})
json.dump({"results": results}, open(json_path, "w"))
PY
  fi
}

inputs=()
for rows in "${sizes[@]}"; do inputs+=("$("$bin/gen-contacts" "$rows")"); done
inputs+=("$("$bin/gen-realistic" 100000)")

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
for input in "${inputs[@]}"; do
  rows=$(($(wc -l <"$input") - 1))
  echo "== $(basename "$input"): $rows rows, $(stat -c %s "$input") bytes"
  split="$bin/ringg-preflight split $input --campaign $campaign --now $now --out-dir $out --force -q"
  times "$out/times.json" 3 \
    -n floor "$bin/floor $input $out/floor.csv" \
    -n split "$split" \
    -n split-1t "$split --threads 1"
  python3 - "$out/times.json" "$rows" "$(stat -c %s "$input")" "$(basename "$input")" <<'PY'
import json, sys
runs = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
rows, size, name = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
floor = runs["floor"]
for split in ("split", "split-1t"):
    print(f"{name}: median floor {floor * 1e3:.1f} ms, {split} {runs[split] * 1e3:.1f} ms, "
          f"{split}/floor {runs[split] / floor:.2f}x, {rows / runs[split]:,.0f} rows/s, "
          f"{size / runs[split] / 1e6:.0f} MB/s")
PY
  for program in floor split; do
    if [[ $program == floor ]]; then
      command=("$bin/floor" "$input" "$out/floor.csv")
    else
      command=("$bin/ringg-preflight" split "$input" --campaign "$campaign" --now "$now" --out-dir "$out" --force -q)
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
times "$out/times.json" 2 -i \
  -n without "$bin/ringg-preflight split $input --campaign $campaign --now $now --out-dir $out --force" \
  -n with-list "$bin/ringg-preflight split $input --campaign $campaign --now $now --out-dir $out --force --suppress $list"
peak=$(/usr/bin/time -f %M "$bin/ringg-preflight" split "$input" --campaign "$campaign" --now "$now" \
  --out-dir "$out" --force --suppress "$list" 2>&1 >/dev/null | tail -1)
echo "peak RSS split with the list: $((peak / 1024)) MiB"

ten=$out/ten.csv
head -11 "$("$bin/gen-contacts" 100000)" >"$ten"
echo "== 10 rows"
# check exits 1 when a file would not upload cleanly: that is its answer.
times "$out/times.json" 3 -i \
  -n check "$bin/ringg-preflight check $ten --campaign $campaign --now $now" \
  -n split "$bin/ringg-preflight split $ten --campaign $campaign --now $now --out-dir $out --force"

# A 100,000-row workbook (issue 18): calamine alone reading every cell,
# the floor, against the split of the same .xlsx (at most 1.5x).
workbook=$("$bin/gen-workbook" 100000)
echo "== 100000 rows as .xlsx, $(stat -c %s "$workbook") bytes"
times "$out/workbook.json" 2 \
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
