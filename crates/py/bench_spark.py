"""Spark scaling of the wheel: rows/s in local[1] and local[2], and where the CPU goes (the JVM
with its row<->Arrow conversion, the Python workers, and Rust inside them). One run on a shared
machine: read the ratios. Run by `scripts/test-spark --bench` after the tests.

    python bench_spark.py [ROWS]
"""

import os
import sys
import tempfile
import time

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

import myo

INST = "eular-acr-2017"
TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu() -> dict:
    """CPU seconds of this process's descendants, by kind (java, python workers)."""
    procs = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                raw = f.read()
        except OSError:
            continue
        comm = raw[raw.index("(") + 1:raw.rindex(")")]
        rest = raw[raw.rindex(")") + 2:].split()
        procs[int(pid)] = (comm, int(rest[1]), (int(rest[11]) + int(rest[12])) / TICK)
    me = os.getpid()
    out = {"java": 0.0, "python workers": 0.0}
    for pid, (comm, ppid, cpu) in procs.items():
        p, seen = ppid, 0
        while p and p != me and p in procs and seen < 50:
            p, seen = procs[p][1], seen + 1
        if p == me and pid != me:
            out["java" if comm == "java" else "python workers"] += cpu
    return out


def data(rows: int, path: str) -> pa.Table:
    rng = np.random.default_rng(7)
    cols = {"id": pa.array(np.arange(rows, dtype=np.int64))}
    cols["age_at_onset_years"] = pa.array(rng.integers(0, 90, rows).astype(float))
    for c in myo.input_columns(INST):
        if c not in cols and "." not in c and c != "muscle_biopsy":
            cols[c] = pa.array(rng.random(rows) < 0.4, mask=rng.random(rows) < 0.05)
    t = pa.table(cols)
    pq.write_table(t, path, row_group_size=131072)
    return t


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    from pyspark.sql import SparkSession

    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    path = os.path.join(tempfile.mkdtemp(), "cohort.parquet")
    table = data(rows, path)
    t0 = time.perf_counter()
    myo.score_batch(INST, table)
    rust = time.perf_counter() - t0
    print(f"{rows} rows; Rust (wheel, one call, one thread): {rust:.3f} s = {rows / rust / 1e6:.1f} M rows/s")
    for master in ["local[1]", "local[2]"]:
        spark = (SparkSession.builder.master(master)
                 .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                 .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                 .config("spark.driver.memory", "1g")
                 .config("spark.sql.execution.arrow.maxRecordsPerBatch", "65536").getOrCreate())
        df = spark.read.parquet(path)
        cols = ["id", *[c for c in myo.input_columns(INST) if c in df.columns]]
        narrow = df.select(*cols)
        variants = {
            "mapInArrow passthrough (id only)": narrow.mapInArrow(
                lambda it: (b.select(["id"]) for b in it), "id bigint"),
            "mapInArrow myo.score_batch": narrow.mapInArrow(
                lambda it: (myo.score_batch(INST, b) for b in it), myo.spark_schema(INST, "id", "bigint")),
        }
        for name, q in variants.items():
            q.write.format("noop").mode("overwrite").save()  # warm-up: workers, JIT
            before, t0 = tree_cpu(), time.perf_counter()
            q.write.format("noop").mode("overwrite").save()
            wall = time.perf_counter() - t0
            after = tree_cpu()
            cpu = {k: after[k] - before[k] for k in after}
            total = sum(cpu.values())
            print(f"{master:9} {name:36} {wall:6.2f} s  {rows / wall / 1e6:5.2f} M rows/s  "
                  f"cpu: java {cpu['java']:.1f} s ({100 * cpu['java'] / max(total, 1e-9):.0f} %), "
                  f"python workers {cpu['python workers']:.1f} s")
        spark.stop()


if __name__ == "__main__":
    main()
