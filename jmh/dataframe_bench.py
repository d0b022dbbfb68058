"""pyarrow's Parquet write and read of the dataframe benchmark's rows, for jmh/dataframe-bench.sh.

usage: python dataframe_bench.py <rows.arrows> <dir> <warmups> <runs> <out.json>

Reads the Arrow IPC stream DataframeData wrote (untimed), then times pq.write_table with pyarrow's
defaults (SNAPPY, dictionary) to <dir>/pyarrow.parquet, the same followed by an fsync of the file (as
Ferry's file store forces the file to disk on commit), and pq.read_table of that file with threads
(the default) and with use_threads=False; prints and writes the means in milliseconds.
"""
import json
import os
import statistics
import sys
import time

import pyarrow as pa
import pyarrow.parquet as pq


def timed(fn, warmups, runs):
    for _ in range(warmups):
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.mean(times), (statistics.stdev(times) if len(times) > 1 else 0.0)


def main():
    src, out_dir, warmups, runs, out = sys.argv[1:6]
    warmups, runs = int(warmups), int(runs)
    with pa.ipc.open_stream(src) as r:
        table = r.read_all()
    path = out_dir + "/pyarrow.parquet"
    write_ms, write_sd = timed(lambda: pq.write_table(table, path), warmups, runs)

    def write_durable():
        # what Ferry's file store does on commit: the bytes forced to disk
        pq.write_table(table, path)
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    fsync_ms, fsync_sd = timed(write_durable, warmups, runs)

    def read(threads):
        t = pq.read_table(path, use_threads=threads)
        assert t.num_rows == table.num_rows, t.num_rows

    read_ms, read_sd = timed(lambda: read(True), warmups, runs)
    read1_ms, read1_sd = timed(lambda: read(False), warmups, runs)
    result = {
        "pyarrow": pa.__version__,
        "note": "defaults; read with threads on %d cpus" % pa.cpu_count(),
        "rows": table.num_rows,
        "write_ms": write_ms,
        "write_sd": write_sd,
        "write_fsync_ms": fsync_ms,
        "write_fsync_sd": fsync_sd,
        "read_ms": read_ms,
        "read_sd": read_sd,
        "read_1thread_ms": read1_ms,
        "read_1thread_sd": read1_sd,
    }
    with open(out, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
