"""Measurements of the Python package against the CLI it wraps (docs/python.md, "Speed").
Not part of the wheel. Run with the wheel installed (and pyspark for the Spark figures):

    python Tests/python/measure.py sample          # whatif.sample vs whatif sample to CSV + pandas
    python Tests/python/measure.py impact          # whatif.impact's overhead over the CLI
    python Tests/python/measure.py spark ROWS      # Spark shards vs one whatif sample process
    python Tests/python/measure.py by SERIES       # impact --by vs whatif.spark.impact_by

Each prints medians (of 7 runs, or 1 for the Spark runs) measured in the same run.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

import whatif

ROOT = Path(__file__).resolve().parents[2]
CANONICAL = ROOT / "docs" / "examples" / "impact-canonical.csv"
TEN_VARIABLES = "\n".join(["x0 = Normal(0, 1)"] + [f"x{i} = 0.5 * x{i - 1} + Normal({i}, 1)" for i in range(1, 10)]) + "\n"


def median_ms(function, repeats=7) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def measure_sample() -> None:
    def through_file():
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "s.csv")
            subprocess.run([whatif.executable(), "sample", "banner", "--rows", "1000000", "--output", path], check=True)
            return pd.read_csv(path, engine="pyarrow")
    api = lambda: whatif.sample("banner", rows=10**6)
    baseline, ours = [], []
    for _ in range(7):  # interleaved, so that both see the same machine
        baseline.append(median_ms(through_file, 1))
        ours.append(median_ms(api, 1))
    print(f"whatif.sample('banner', rows=10**6): {statistics.median(ours):.0f} ms; "
          f"whatif sample → CSV + pd.read_csv(engine='pyarrow'): {statistics.median(baseline):.0f} ms; "
          f"ratio {statistics.median(ours) / statistics.median(baseline):.2f}")


def measure_impact() -> None:
    frame = pd.read_csv(CANONICAL)
    with tempfile.TemporaryDirectory() as folder:
        command = [whatif.executable(), "impact", str(CANONICAL), "--pre", "1:70", "--post", "71:100", "--json",
                   os.path.join(folder, "r.json")]
        cli, api = [], []
        for _ in range(15):  # interleaved, so that both see the same machine
            cli.append(median_ms(lambda: subprocess.run(command, check=True, capture_output=True), 1))
            api.append(median_ms(lambda: whatif.impact(frame, pre=(1, 70), post=(71, 100)), 1))
    print(f"whatif.impact (canonical example): {statistics.median(api):.0f} ms; whatif impact --json (whole process): "
          f"{statistics.median(cli):.0f} ms; overhead {statistics.median(api) - statistics.median(cli):+.1f} ms")


def spark_session():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    session = (SparkSession.builder.master("local[*]").config("spark.ui.enabled", "false")
               .config("spark.driver.memory", "4g").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    return session


def measure_spark(rows: int) -> None:
    import whatif.spark
    spark = spark_session()
    with tempfile.TemporaryDirectory() as folder:
        whatif.spark.sample_to_parquet(spark, TEN_VARIABLES, rows=10_000, path=os.path.join(folder, "warm"))
        start = time.perf_counter()
        whatif.spark.sample_to_parquet(spark, TEN_VARIABLES, rows=rows, path=os.path.join(folder, "big"), seed=3,
                                       rows_per_shard=max(1, min(5_000_000, rows // 8)))
        spark_seconds = time.perf_counter() - start
        model = os.path.join(folder, "ten.scm")
        Path(model).write_text(TEN_VARIABLES)
        start = time.perf_counter()
        subprocess.run([whatif.executable(), "sample", model, "--rows", str(rows), "--seed", "3", "--output",
                        os.path.join(folder, "one.csv")], check=True)
        one_seconds = time.perf_counter() - start
        start = time.perf_counter()
        compared = compare_streams(os.path.join(folder, "big"), os.path.join(folder, "one.csv"))
        print(f"{rows:,} rows of a 10-variable model: Spark local → Parquet {spark_seconds:.1f} s "
              f"({rows / spark_seconds / 1e6:.2f} M rows/s); one whatif sample process → CSV {one_seconds:.1f} s "
              f"({rows / one_seconds / 1e6:.2f} M rows/s); Parquet equals the single run value for value: "
              f"{compared == rows} ({compared:,} rows compared in {time.perf_counter() - start:.0f} s)")
    spark.stop()


def compare_streams(parquet_folder: str, csv_path: str) -> int:
    """Rows of the Parquet shards (in stream order) that equal the single run's CSV, row by
    row and value for value, read in bounded memory; raises at the first difference."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as csv
    import pyarrow.parquet as pq

    files = sorted(Path(parquet_folder).glob("*.parquet"))
    firsts = {f: pq.read_table(f, columns=["row"]).column("row")[0].as_py() for f in files if pq.read_metadata(f).num_rows}
    reader = csv.open_csv(csv_path)
    columns = reader.schema.names
    pending, compared = None, 0
    for file in sorted(firsts, key=firsts.get):
        shard = pq.read_table(file)
        assert shard.column("row").to_numpy()[0] == compared + 1, f"{file}: rows do not follow on"
        values = np.column_stack([shard.column(c).to_numpy() for c in columns])
        offset = 0
        while offset < len(values):
            if pending is None or len(pending) == 0:
                batch = reader.read_next_batch()
                pending = np.column_stack([batch.column(i).cast(pa.float64()).to_numpy() for i in range(len(columns))])
            take = min(len(pending), len(values) - offset)
            if not np.array_equal(values[offset:offset + take], pending[:take]):
                raise AssertionError(f"rows {compared + 1}…{compared + take} differ")
            offset += take
            compared += take
            pending = pending[take:]
    return compared


def long_table(series: int) -> pd.DataFrame:
    """`series` copies of the canonical example, each shifted, one after the other."""
    frame = pd.read_csv(CANONICAL)
    parts = []
    for k in range(series):
        part = frame.copy()
        part["y"] = part["y"] + 0.01 * k
        part.insert(0, "series", f"s{k:04d}")
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def measure_by(series: int) -> None:
    import whatif.spark
    table = long_table(series)
    start = time.perf_counter()
    local = whatif.impact_by(table, "series", pre=(1, 70), post=(71, 100))
    by_seconds = time.perf_counter() - start
    spark = spark_session()
    start = time.perf_counter()
    distributed = whatif.spark.impact_by(spark, table, "series", pre=(1, 70), post=(71, 100))
    spark_seconds = time.perf_counter() - start
    same = local["result"].tolist() == distributed["result"].tolist() and local["key"].tolist() == distributed["key"].tolist()
    print(f"{series} series of 100 points: whatif impact --by {by_seconds:.1f} s; whatif.spark.impact_by "
          f"{spark_seconds:.1f} s; results equal: {same}")
    spark.stop()


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "sample"
    size = int(float(sys.argv[2])) if len(sys.argv) > 2 else None
    {"sample": measure_sample, "impact": measure_impact}.get(what, lambda: None)()
    if what == "spark":
        measure_spark(size or 10**7)
    if what == "by":
        measure_by(size or 1000)
