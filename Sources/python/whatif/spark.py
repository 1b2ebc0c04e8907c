"""Running WhatIf under Apache Spark: samples too large for one machine, written as Parquet
by executors that each draw a disjoint range of rows of one seed's stream, and impact
analyses of every series of a long-format table in parallel.

The sampler's random stream is a pure function of (seed, noise term, block of rows), so
`whatif sample MODEL --rows N --first-row F` draws exactly rows F … F+N−1 of the run
`whatif sample MODEL --rows TOTAL`: the shards written here are that run, value for value.
Every executor needs this package installed (the wheel carries the engine) and, for a
model given as a path, that file at the same path; a catalog name or model text travels as is.

    from pyspark.sql import SparkSession
    import whatif.spark
    spark = SparkSession.builder.master("local[*]").getOrCreate()
    whatif.spark.sample_to_parquet(spark, "banner", rows=10**8, path="banner.parquet", seed=7)
    results = whatif.spark.impact_by(spark, long_frame, by="store", pre=(1, 70), post=(71, 100))
"""

from __future__ import annotations

import json
import subprocess
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pandas as pd

from . import _runner
from ._options import option_arguments
from .impact import Period, _period, series_table
from .sampling import _intervention_arguments

ROW_COLUMN = "row"
ORDER_COLUMN = "__whatif_order"


def shard_ranges(rows: int, rows_per_shard: int) -> List[Tuple[int, int]]:
    """(first row, row count) of consecutive shards covering rows 1 … `rows` of the stream."""
    if rows_per_shard < 1:
        raise _runner.WhatIfError(f"rows_per_shard must be at least 1 (got {rows_per_shard})")
    return [(first, min(rows_per_shard, rows - first + 1)) for first in range(1, rows + 1, rows_per_shard)]


def sample_columns(model: str, do: Optional[Dict[str, float]] = None,
                   potential_outcomes: Optional[Tuple[str, str]] = None) -> List[str]:
    """The columns `whatif sample` writes for these arguments (its header)."""
    with _runner.workspace() as folder:
        arguments = ["sample", _runner.model_argument(model, folder), "--rows", "0", *_intervention_arguments(do, None, ())]
        if potential_outcomes is not None:
            arguments += ["--potential-outcomes", ":".join(potential_outcomes)]
        return _runner.run(arguments, folder).stdout.strip().split(",")


def sample_to_parquet(spark, model: str, rows: int, path: str, seed: int = 1, rows_per_shard: int = 1_000_000,
                      do: Optional[Dict[str, float]] = None, potential_outcomes: Optional[Tuple[str, str]] = None,
                      mode: str = "error", threads_per_shard: Optional[int] = None) -> List[str]:
    """Writes the sample `whatif sample MODEL --rows ROWS --seed SEED` as Parquet at `path`,
    drawn by Spark tasks of `rows_per_shard` rows each (`--first-row`). Every column is a
    double; column `row` holds the row's 1-based place in the stream, so sorting by it gives
    the single-machine run. `mode` is Spark's save mode. Returns the columns (with `row`)."""
    columns = sample_columns(model, do, potential_outcomes)
    if ROW_COLUMN in columns:
        raise _runner.WhatIfError(f"the model has a variable named '{ROW_COLUMN}', the column of row numbers")
    from pyspark.sql.types import DoubleType, LongType, StructField, StructType

    schema = StructType([StructField(ROW_COLUMN, LongType(), False)]
                        + [StructField(name, DoubleType(), True) for name in columns])
    shards = shard_ranges(int(rows), int(rows_per_shard))
    options = _intervention_arguments(do, None, ())
    if potential_outcomes is not None:
        options += ["--potential-outcomes", ":".join(potential_outcomes)]
    if threads_per_shard is not None:
        options += ["--threads", str(int(threads_per_shard))]

    def draw(batches):
        for batch in batches:
            for first, count in zip(batch.column("first_row").to_pylist(), batch.column("count").to_pylist()):
                yield from shard_batches(model, seed, first, count, columns, options)

    descriptors = spark.sparkContext.parallelize(shards, max(1, len(shards))).toDF("first_row long, count long")
    descriptors.mapInArrow(draw, schema).write.mode(mode).parquet(path)
    return [ROW_COLUMN] + columns


def shard_batches(model: str, seed: int, first: int, count: int, columns: List[str], options: List[str]) -> Iterator:
    """Rows first … first+count−1 of the seed's stream as Arrow record batches (all doubles,
    plus the row number), parsed while `whatif sample` writes them."""
    import pyarrow as pa
    import pyarrow.csv as csv

    with _runner.workspace() as folder:
        arguments = [_runner.executable(), "sample", _runner.model_argument(model, folder), "--rows", str(count),
                     "--seed", str(int(seed)), "--first-row", str(first), *options]
        with (folder / "stderr.txt").open("w+") as errors:
            process = subprocess.Popen(arguments, cwd=folder, stdout=subprocess.PIPE, stderr=errors)
            reader = csv.open_csv(process.stdout, convert_options=csv.ConvertOptions(
                column_types={name: pa.float64() for name in columns}))
            next_row = first
            for batch in reader:
                numbers = pa.array(range(next_row, next_row + batch.num_rows), type=pa.int64())
                next_row += batch.num_rows
                yield pa.RecordBatch.from_arrays([numbers, *batch.columns], names=[ROW_COLUMN, *columns])
            status = process.wait()
            if status != 0:
                errors.seek(0)
                raise _runner.WhatIfError(_runner.error_message(errors.read(), status), status)


def impact_by(spark, frame, by: str, pre: Period, post: Period, seed: int = 1,
              **options: Any) -> pd.DataFrame:
    """One `whatif impact` per series of a long-format table (a pandas or Spark DataFrame),
    one Spark task per series: the same table as `whatif.impact_by` and `whatif impact
    DATA.csv --by COLUMN` (key, rows, result: the `--json` dict or None, error), in order of
    each series' first row. A failing series is named with its error."""
    from pyspark.sql import functions

    table = spark.createDataFrame(frame) if isinstance(frame, pd.DataFrame) else frame
    table = table.withColumn(ORDER_COLUMN, functions.monotonically_increasing_id())
    arguments = ["--pre", _period(pre), "--post", _period(post), "--seed", str(int(seed)),
                 *option_arguments(options)]

    def analyse(group: pd.DataFrame) -> pd.DataFrame:
        group = group.sort_values(ORDER_COLUMN)
        series = group.drop(columns=[by, ORDER_COLUMN]).reset_index(drop=True)
        result, error = None, None
        with _runner.workspace() as folder:
            _runner.write_frame(series, folder / "data.csv")
            try:
                result = _runner.run(["impact", "data.csv", "--json", "-", *arguments], folder).stdout
            except _runner.WhatIfError as failure:
                error = failure.message
        return pd.DataFrame({"order": [int(group[ORDER_COLUMN].iloc[0])], "key": [_key_text(group[by].iloc[0])],
                             "rows": [len(series)], "result": [result], "error": [error]})

    schema = "order long, key string, rows long, result string, error string"
    collected = table.groupBy(by).applyInPandas(analyse, schema=schema).toPandas().sort_values("order")
    return series_table([{"key": row.key, "rows": int(row.rows),
                                  "result": json.loads(row.result) if isinstance(row.result, str) else None,
                                  "error": row.error if isinstance(row.error, str) else None}
                                 for row in collected.itertuples()])


def _key_text(value: Any) -> str:
    """A key as `whatif impact --by` names it (a whole number without ".0"; missing: NA)."""
    if value is None or (isinstance(value, float) and value != value):
        return "NA"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)
