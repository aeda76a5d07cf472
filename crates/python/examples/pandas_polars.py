import pandas as pd, polars as pl, pyarrow as pa
from ringg_preflight import Preflight

preflight = Preflight("fixtures/campaign.json", now="2026-10-17T09:00:00+05:30")
contacts = pd.read_csv("fixtures/contacts.csv", dtype=str, keep_default_na=False)
checked = pa.table(preflight.check_arrow(pa.Table.from_pandas(contacts))).to_pandas()
valid = checked[checked.preflight_valid].drop(columns=["preflight_row", "preflight_valid", "preflight_errors"])
frame = pl.DataFrame(preflight.check_arrow(pl.read_csv("fixtures/contacts.csv", infer_schema=False)))
print(frame.filter(~pl.col("preflight_valid")).select("preflight_row", "preflight_errors"))
assert len(valid) == frame["preflight_valid"].sum() == 4 and valid["Mobile Number"].str.startswith("+").all()
