"""check_arrow streams: a million rows in bounded memory (peak RSS, Linux)."""

import json
import subprocess
import sys
import textwrap

import pytest

# Peak RSS the streamed check of a million rows may add, in MiB. Without
# duplicates, only the batch in flight (65,536 rows) is held: ~1.3 MiB
# measured. With them, the table of the numbers seen, which the CLI's split
# holds too, adds ~30 MiB (~32 bytes a number). The result built whole
# (`pyarrow.table(result)`) would add ~43 MiB more than either: the bounds
# tell streaming from building.
BOUND_MIB = {False: 8, True: 8 + 48}

SCRIPT = textwrap.dedent(
    """
    import json, sys
    import pyarrow as pa
    import pyarrow.compute as pc
    import ringg_preflight as rp

    def rss_mib(field):
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024

    def reset_peak():
        # Linux: the peak RSS (VmHWM) starts again from the current RSS, so
        # the table's construction does not hide the check's own peak.
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")

    rows = 1_000_000
    numbers = pc.cast(pa.array(range(rows), pa.int64()), pa.string())
    table = pa.table({
        "Mobile Number": pc.binary_join_element_wise("+9198", pc.utf8_lpad(numbers, 8, "0"), ""),
        "Name": pc.binary_join_element_wise("Contact ", numbers, ""),
    })
    del numbers
    preflight = rp.Preflight(country_code="+91", now="2026-10-17T09:00:00+05:30")
    # Warm up: the phone metadata and the module's code are paged in.
    pa.table(preflight.check_arrow(table.slice(0, 10_000)))
    reset_peak()
    before = rss_mib("VmRSS")
    duplicates = sys.argv[1] == 'True'
    reader = pa.RecordBatchReader.from_stream(preflight.check_arrow(table, duplicates=duplicates))
    seen = valid = batches = largest = 0
    last = None
    for batch in reader:
        batches += 1
        largest = max(largest, batch.num_rows)
        seen += batch.num_rows
        valid += pc.sum(batch.column("preflight_valid").cast(pa.int64())).as_py() or 0
        last = batch
    after = rss_mib("VmHWM")
    print(json.dumps({
        "before": before, "after": after, "rows": seen, "valid": valid,
        "batches": batches, "largest": largest, "input_mib": table.nbytes / 2**20,
        "last_row": last.column("preflight_row")[-1].as_py(),
        "last_phone": last.column("Mobile Number")[-1].as_py(),
    }))
    """
)


@pytest.mark.parametrize("duplicates", [False, True])
def test_a_million_rows_stream_in_bounded_memory(duplicates):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(duplicates)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["rows"] == result["valid"] == result["last_row"] == 1_000_000
    assert result["last_phone"] == "+919800999999"
    assert result["largest"] <= 65_536 and result["batches"] >= 16
    added = result["after"] - result["before"]
    print(f"duplicates={duplicates}: peak RSS added {added:.1f} MiB (input {result['input_mib']:.1f} MiB)")
    assert added < BOUND_MIB[duplicates], result
