"""Helper of scripts/bench-cohort: generate EULAR/ACR cohort files, score them with a vectorised
pandas implementation (weights read from the instrument's definition file, not copied), and
check `myo cohort` against `myo score` row for row.

    python bench_cohort.py gen DIR ROWS
    python bench_cohort.py pandas FILE.csv      # prints seconds for read + score
    python bench_cohort.py check COHORT.csv SCORE.ndjson
"""

import json
import sys
import time
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEF = tomllib.loads((ROOT / "crates/instruments/defs/eular-acr-2017.toml").read_text())
CLINICAL = [c["id"] for c in DEF["clinical"]]
BIOPSY = [b["id"] for b in DEF["biopsy"]]
TREE = [t["id"] for t in DEF["tree_only"]]


def gen(out: Path, n: int) -> None:
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    rng = np.random.default_rng(2026)
    cols = {"id": pa.array(np.arange(1, n + 1, dtype=np.int64))}
    age = rng.integers(0, 90, n).astype(float)
    cols["age_at_onset_years"] = pa.array(age, mask=rng.random(n) < 0.05)

    def tri():
        return pa.array(rng.random(n) < 0.4, mask=rng.random(n) < 0.05)

    for c in CLINICAL + TREE:
        cols[c] = tri()
    biopsy = rng.random(n) < 0.3
    cols["muscle_biopsy"] = pa.array(biopsy, mask=~biopsy)
    for b in BIOPSY:
        vals = rng.random(n) < 0.4
        cols[f"muscle_biopsy.{b}"] = pa.array(vals, mask=(rng.random(n) < 0.05) | ~biopsy)
    table = pa.table(cols)
    pacsv.write_csv(table, out / "cohort.csv", pacsv.WriteOptions(quoting_style="none"))
    pq.write_table(table, out / "cohort.parquet", row_group_size=131072)
    with open(out / "cohort.ndjson", "w") as f:
        rows = table.to_pylist()
        for r in rows:
            case = {k: v for k, v in r.items() if v is not None and k != "id" and "." not in k and k != "muscle_biopsy"}
            if r["muscle_biopsy"]:
                case["muscle_biopsy"] = {b: r[f"muscle_biopsy.{b}"] for b in BIOPSY if r[f"muscle_biopsy.{b}"] is not None}
            f.write(json.dumps(case) + "\n")


def pandas_score(path: str) -> float:
    import pandas as pd

    start = time.perf_counter()
    bools = CLINICAL + TREE + ["muscle_biopsy"] + [f"muscle_biopsy.{b}" for b in BIOPSY]
    df = pd.read_csv(path, dtype={c: "boolean" for c in bools} | {"age_at_onset_years": "float64"})
    m = df["muscle_biopsy"].fillna(False).to_numpy(dtype=bool).astype(int)
    score = np.zeros(len(df), dtype=np.int64)
    for c in DEF["clinical"]:
        w = np.array(c["weight"])[m]
        score += np.where(df[c["id"]].fillna(False).to_numpy(dtype=bool), w, 0)
    for b in DEF["biopsy"]:
        present = df[f"muscle_biopsy.{b['id']}"].fillna(False).to_numpy(dtype=bool)
        score += np.where(present & (m == 1), b["weight"], 0)
    age = df["age_at_onset_years"].to_numpy()
    a = DEF["age"]
    aw = np.select(
        [age >= a["older_from_years"], age >= a["adult_from_years"]],
        [np.array(a["from_40"])[m], np.array(a["adult_under_40"])[m]],
        0,
    )
    score += np.where(np.isnan(age), 0, aw)
    cut = np.array([DEF["cutoffs"]["without_biopsy"], DEF["cutoffs"]["with_biopsy"]])[m]
    category = (score[:, None] >= cut).sum(axis=1)
    missing = df[["age_at_onset_years"] + CLINICAL + TREE].isna().sum(axis=1).to_numpy()
    df["score"] = score / 10
    df["category"] = category
    df["missing_count"] = missing
    return time.perf_counter() - start


def check(cohort_csv: str, score_ndjson: str) -> None:
    import csv

    n = mismatches = 0
    with open(cohort_csv) as c, open(score_ndjson) as s:
        for row, line in zip(csv.DictReader(c), s):
            v = json.loads(line)
            n += 1
            same = (
                float(row["score"]) == v["score"]
                and row["category"] == v["outcome"]
                and float(row["probability"]) == v["probability"]
                and (row["subgroup"] or None) == v["subgroup"]
                and row["missing"] == "|".join(v["missing"])
                and row["status"] == v["status"]
                and int(row["revision"]) == v["revision"]
                and not row["error"]
            )
            mismatches += not same
    print(f"check: {n} rows compared, {mismatches} mismatches")
    sys.exit(1 if mismatches or n == 0 else 0)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "gen":
        gen(Path(sys.argv[2]), int(sys.argv[3]))
    elif cmd == "pandas":
        print(f"{pandas_score(sys.argv[2]):.3f}")
    elif cmd == "check":
        check(sys.argv[2], sys.argv[3])
