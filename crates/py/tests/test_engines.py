"""The wheel inside PySpark (`mapInArrow`, local[2]) and Polars gives exactly what `myo cohort`
gives on the same CSV file: every row, missing items and errors included."""

import os
import shutil
import sys

import pyarrow as pa
import pytest

import myo
from conftest import COLUMNS, assert_same


def test_pyarrow_direct(cohort):
    csv, expected = cohort
    import pyarrow.csv as pacsv

    names = ["id", *COLUMNS]
    table = pacsv.read_csv(csv, convert_options=pacsv.ConvertOptions(
        column_types={n: pa.string() for n in names}, strings_can_be_null=True))
    got = myo.score_batch("eular-acr-2017", table)
    assert isinstance(got, pa.RecordBatch)
    assert_same(pa.Table.from_batches([got]), expected)


def test_unknown_instrument_is_refused():
    with pytest.raises(ValueError, match="unknown instrument"):
        myo.score_batch("eular-acr", pa.record_batch({"id": ["a"]}))


def test_polars(cohort):
    pl = pytest.importorskip("polars")
    csv, expected = cohort
    df = pl.read_csv(csv, infer_schema=False)
    got = myo.score_batch("eular-acr-2017", df.to_arrow())
    table = pa.Table.from_batches([got])
    table = table.set_column(0, "id", table.column("id").cast(pa.string()))
    assert_same(table, expected)


@pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs java")
def test_spark_map_in_arrow(cohort):
    pyspark = pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    csv, expected = cohort
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (SparkSession.builder.master("local[2]")
             .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", "2").config("spark.driver.memory", "1g")
             .getOrCreate())
    try:
        df = spark.read.csv(str(csv), header=True).repartition(2)
        df = df.toDF(*[c.replace(".", "__") for c in df.columns])  # Spark reserves the dot
        inst = "eular-acr-2017"
        wanted = [c for c in ["id", *myo.input_columns(inst, spark=True)] if c in df.columns]
        scored = df.select(*wanted).mapInArrow(
            lambda it: (myo.score_batch(inst, b) for b in it), myo.spark_schema(inst))
        got = scored.toArrow()
        assert_same(got, expected)
    finally:
        spark.stop()
