"""Reads a dataset directory Ferry wrote with pd.read_parquet and prints, as JSON, each column's
dtype, the dtype pandas gives the same frame after writing it itself (to_parquet, read_parquet),
and the values the Java test checks exactly."""
import io
import json
import sys

import pandas as pd
import pyarrow.parquet as pq

path = sys.argv[1]
df = pd.read_parquet(path)
buf = io.BytesIO()
df.to_parquet(buf, index=False)
again = pd.read_parquet(io.BytesIO(buf.getvalue()))


def plain(v):
    if v is None or v is pd.NA:
        return None
    if isinstance(v, float) and v != v:
        return None
    return str(v)


first = pq.ParquetFile(path + "/00000").schema_arrow.metadata or {}
out = {
    "has_pandas_metadata": b"pandas" in first,
    "rows": len(df),
    "dtypes": {c: str(t) for c, t in df.dtypes.items()},
    "pandas_own_dtypes": {c: str(t) for c, t in again.dtypes.items()},
    "maybeLong": [plain(v) for v in df["maybeLong"].tolist()],
    "maybeFlag": [plain(v) for v in df["maybeFlag"].tolist()],
    "day": [plain(v) for v in df["day"].head(3).tolist()],
    "amount": [plain(v) for v in df["amount"].head(3).tolist()],
    "at": [plain(v) for v in df["at"].head(3).tolist()],
    "index": str(type(df.index).__name__),
}
print(json.dumps(out))
