"""Shared fixtures: a generated EULAR/ACR cohort CSV (with blank cells and bad rows) and what
`myo cohort` makes of it (Parquet), read with pyarrow."""

import os
import random
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest

CLINICAL = [
    "proximal_upper_weakness", "proximal_lower_weakness", "neck_flexors_weaker_than_extensors",
    "proximal_legs_weaker_than_distal", "heliotrope_rash", "gottrons_papules", "gottrons_sign",
    "dysphagia", "anti_jo1", "elevated_muscle_enzymes", "finger_flexor_weakness",
    "no_response_to_treatment",
]
BIOPSY = ["endomysial_infiltrate", "perimysial_or_perivascular_infiltrate",
          "perifascicular_atrophy", "rimmed_vacuoles"]
COLUMNS = ["age_at_onset_years", *CLINICAL, "muscle_biopsy", *[f"muscle_biopsy.{b}" for b in BIOPSY]]
ROWS = 4000


def _cell(rng: random.Random) -> str:
    return rng.choice(["", "true", "false", "true", "false", "TRUE"])


@pytest.fixture(scope="session")
def cohort(tmp_path_factory) -> tuple[Path, "pyarrow.Table"]:
    rng = random.Random(2026)
    d = tmp_path_factory.mktemp("cohort")
    csv = d / "cohort.csv"
    lines = [",".join(["id", *COLUMNS])]
    for i in range(ROWS):
        age = rng.choice(["", str(rng.randint(0, 95)), f"{rng.randint(0, 95)}.5"])
        cells = [age, *[_cell(rng) for _ in CLINICAL]]
        biopsy = rng.random() < 0.3
        cells.append("true" if biopsy else "")
        cells += [_cell(rng) if biopsy else "" for _ in BIOPSY]
        bad = rng.random()
        if bad < 0.01:
            cells[1] = "maybe"
        elif bad < 0.02:
            cells[0] = '"1,5"'
        elif bad < 0.03:
            cells[0] = "150"
        elif bad < 0.04:
            cells[-1] = "yes"
            cells[len(CLINICAL) + 1] = "false"  # says no biopsy, but a feature has a value
        elif bad < 0.05:
            cells[3] = "1"
        lines.append(",".join([f"r{i:05d}", *cells]))
    csv.write_text("\n".join(lines) + "\n")
    out = d / "expected.parquet"
    myo = os.environ["MYO_BIN"]
    run = subprocess.run([myo, "cohort", "score", "eular-acr-2017", str(csv), "--out", str(out), "--quiet"],
                         capture_output=True, text=True)
    assert run.returncode == 2, run.stderr  # some rows are bad on purpose
    assert "failed" in run.stderr
    return csv, pq.read_table(out)


def assert_same(got, expected) -> None:
    """Row for row equal, nulls included, ordered by id."""
    import pyarrow.compute as pc

    got = got.sort_by("id")
    expected = expected.sort_by("id")
    assert got.num_rows == expected.num_rows
    for name in expected.column_names:
        a = [None if v is None else v for v in got.column(name).to_pylist()]
        b = expected.column(name).to_pylist()
        assert a == b, f"column {name} differs"
    errors = pc.sum(pc.is_valid(expected.column("error"))).as_py()
    assert errors > ROWS // 50, "the file has bad rows, each with an error"
