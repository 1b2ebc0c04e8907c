"""whatif.spark in local mode: shards equal one big run, per-series results equal `--by`."""

import json
import os
import sys

import pandas as pd
import pytest

import whatif
import whatif.spark
from conftest import EXAMPLES, cli
from test_api import TEN_VARIABLES


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession
    session = (SparkSession.builder.master("local[2]").appName("whatif-tests")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_shard_ranges_cover_the_stream_once():
    assert whatif.spark.shard_ranges(10, 4) == [(1, 4), (5, 4), (9, 2)]
    assert whatif.spark.shard_ranges(8, 4) == [(1, 4), (5, 4)]


def test_shards_read_back_from_parquet_equal_one_run(spark, tmp_path):
    path = tmp_path / "ten.parquet"
    columns = whatif.spark.sample_to_parquet(spark, TEN_VARIABLES, rows=23_456, path=str(path), seed=11,
                                             rows_per_shard=5_000)
    back = pd.read_parquet(path).sort_values("row").reset_index(drop=True)
    single = whatif.sample(TEN_VARIABLES, rows=23_456, seed=11)
    assert columns == ["row"] + single.columns.tolist()
    assert back["row"].tolist() == list(range(1, 23_457))
    assert back[single.columns].to_numpy().tolist() == single.to_numpy(dtype=float).tolist()


def test_per_series_impact_equals_the_cli_by(spark):
    source = EXAMPLES / "store-sales.csv"
    table = whatif.spark.impact_by(spark, pd.read_csv(source), "store", pre=(1, 70), post=(71, 100), seed=5,
                                   niter=150)
    expected = json.loads(cli("impact", source, "--by", "store", "--pre", "1:70", "--post", "71:100", "--seed", 5,
                              "--niter", 150, "--json", "-").stdout)["series"]
    assert table["key"].tolist() == [s["key"] for s in expected]
    assert table["rows"].tolist() == [s["rows"] for s in expected]
    assert table["result"].tolist() == [s.get("result") for s in expected]
    assert table["error"].tolist() == [s.get("error") for s in expected]
