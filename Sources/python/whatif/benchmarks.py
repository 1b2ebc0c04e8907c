"""Estimators scored against a model's truth: `whatif benchmark`."""

from __future__ import annotations

import json
from typing import Any, Optional, Sequence

import pandas as pd

from . import _runner
from ._options import option_arguments


class BenchmarkFrame(pd.DataFrame):
    """One row per estimator (index: its name; columns: the CLI's keys, such as meanEstimate,
    bias, rmse, coverage, seconds); `.data` is the whole `--json` document (truth, roles, …)."""

    _metadata = ["data"]

    @property
    def _constructor(self):
        return BenchmarkFrame


def benchmark(model: str, treatment: Optional[str] = None, outcome: Optional[str] = None, rows: int = 1000,
              replications: int = 100, seed: int = 1, estimators: Optional[Sequence[str]] = None,
              **options: Any) -> BenchmarkFrame:
    """Runs the estimators on `replications` samples of `rows` units of `model` and scores
    them against its true effects, as `whatif benchmark MODEL --treatment T --outcome Y
    --rows N --replications R --seed S --json FILE`. Further options in snake case
    (truth_units=100000, bootstrap=30, level=0.9, threads=2).

        scores = whatif.benchmark("banner", "banner", "spend", rows=500, replications=50)
        scores[["meanEstimate", "bias", "rmse", "coverage"]]; scores.data["truth"]
    """
    with _runner.workspace() as folder:
        arguments = ["benchmark", _runner.model_argument(model, folder), "--rows", str(int(rows)),
                     "--replications", str(int(replications)), "--seed", str(int(seed)), "--json", "result.json"]
        arguments += option_arguments({"treatment": treatment, "outcome": outcome,
                                       "estimators": ",".join(estimators) if estimators else None, **options})
        _runner.run(arguments, folder)
        document = json.loads((folder / "result.json").read_text())
    frame = BenchmarkFrame(pd.DataFrame(document["estimators"]).set_index("name"))
    frame.data = document
    return frame
