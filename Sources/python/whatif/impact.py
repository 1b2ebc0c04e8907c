"""Causal impact analysis of time series: `whatif impact` (CausalImpact's method)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, Optional, Tuple, Union

import pandas as pd

from . import _runner
from ._options import option_arguments

Period = Union[str, Tuple[Any, Any]]
TIME_INDEX_NAMES = ("t", "time", "date")


class SVG(str):
    """An SVG document as text, drawn inline by Jupyter (`_repr_svg_`)."""

    def _repr_svg_(self) -> str:
        return str(self)


@dataclass(frozen=True, eq=False)
class ImpactResult:
    """The result of `whatif.impact`.

    data: the CLI's `--json` document as a dict; report: what the CLI prints with `--report`
    (the summary table, then the written report); summary: the average and cumulative
    effects as a DataFrame; series: the pointwise series over every input row, indexed as
    the input frame; plot(): the three-panel impact plot as SVG.

    The report and the plot are drawn when first asked for, by running the same analysis
    again with `--report --plot` (the same seed gives the same draws, so the same numbers),
    which keeps a call that needs only the numbers as fast as the CLI's `--json`."""

    data: dict
    frame: pd.DataFrame = field(repr=False)
    arguments: Tuple[str, ...] = field(repr=False)
    _drawn: Dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def report(self) -> str:
        """The summary table and the written report, as `whatif impact --report` prints them."""
        return self._draw()["report"]

    @property
    def summary(self) -> pd.DataFrame:
        """One row each for "average" and "cumulative": actual, then the mean, sd, lower and
        upper of predicted, absolute_effect and relative_effect (a fraction)."""
        rows = {}
        for period in ("average", "cumulative"):
            block = self.data.get(period) or {}
            row = {"actual": block.get("actual")}
            for part, name in (("predicted", "predicted"), ("absoluteEffect", "absolute_effect"),
                               ("relativeEffect", "relative_effect")):
                for statistic in ("mean", "sd", "lower", "upper"):
                    row[name if statistic == "mean" else f"{name}_{statistic}"] = (block.get(part) or {}).get(statistic)
            rows[period] = row
        return pd.DataFrame.from_dict(rows, orient="index", dtype=float)

    @property
    def series(self) -> pd.DataFrame:
        """actual, predicted (with lower and upper), point_effect, cumulative_effect… per row."""
        columns = {_snake(name): pd.array(values, dtype="Float64").astype(float)
                   for name, values in self.data["series"].items()}
        return pd.DataFrame(columns, index=self.frame.index)

    @property
    def tail_probability(self) -> Optional[float]:
        """The posterior tail-area probability p."""
        return self.data.get("tailProbability")

    def plot(self) -> SVG:
        """The three-panel plot (observed and predicted, pointwise and cumulative effect)."""
        return SVG(self._draw()["svg"])

    def _draw(self) -> Dict[str, str]:
        if not self._drawn:
            with _runner.workspace() as folder:
                _write_series(self.frame, folder / "data.csv")
                completed = _runner.run([*self.arguments, "--plot", "plot.svg", "--report"], folder)
                self._drawn.update(report=completed.stdout, svg=(folder / "plot.svg").read_text())
        return self._drawn


def impact(frame: Union[pd.DataFrame, pd.Series], pre: Period, post: Period, seed: int = 1,
           **options: Any) -> ImpactResult:
    """The effect of an intervention on the first column of `frame` (or `response=`), as
    `whatif impact DATA.csv --pre A:B --post C:D --seed S` estimates it; other numeric
    columns are covariates. Periods are (start, end), inclusive, or "start:end": values of
    the time index when the frame has one (a DatetimeIndex, or an index or column named
    t, time or date), else 1-based row numbers. Options as the CLI's, in snake case:
    niter=1000, seasons=7, trend="linear", dynamic_regression=True, alpha=0.1, …

        result = whatif.impact(frame, pre=(1, 70), post=(71, 100), seed=1)
        result.summary; print(result.report); result.plot()
    """
    data = _as_frame(frame)
    with _runner.workspace() as folder:
        _write_series(data, folder / "data.csv")
        arguments = ("impact", "data.csv", "--pre", _period(pre), "--post", _period(post), "--seed", str(int(seed)),
                     "--json", "result.json", *option_arguments(options))
        _runner.run(list(arguments), folder)
        document = json.loads((folder / "result.json").read_text())
    return ImpactResult(data=document, frame=data.copy(), arguments=arguments)  # a copy: the report reruns on it


def impact_by(frame: pd.DataFrame, by: str, pre: Period, post: Period, seed: int = 1, **options: Any) -> pd.DataFrame:
    """One impact analysis per series of a long-format frame (one per value of column `by`),
    over all cores, as `whatif impact DATA.csv --by COLUMN` runs them: a DataFrame with one
    row per series (key, rows, result: the `--json` dict or None, error: the message or
    None). A series that fails is named with its error; the others are unaffected."""
    data = _as_frame(frame)
    with _runner.workspace() as folder:
        _write_series(data, folder / "data.csv")
        arguments = ["impact", "data.csv", "--by", by, "--pre", _period(pre), "--post", _period(post),
                     "--seed", str(int(seed)), "--json", "result.json", *option_arguments(options)]
        try:
            _runner.run(arguments, folder)
        except _runner.WhatIfError:
            if not (folder / "result.json").exists():   # every series failed: the table still says why
                raise
        document = json.loads((folder / "result.json").read_text())
    return series_table(document["series"])


def series_table(series: list) -> pd.DataFrame:
    """Per-series results (dicts with key, rows, and result or error) as a DataFrame."""
    frame = pd.DataFrame({"key": [s["key"] for s in series], "rows": [int(s["rows"]) for s in series]})
    frame["result"] = pd.Series([s.get("result") for s in series], dtype=object)
    frame["error"] = pd.Series([s.get("error") for s in series], dtype=object)
    return frame


def _as_frame(frame: Union[pd.DataFrame, pd.Series]) -> pd.DataFrame:
    if isinstance(frame, pd.Series):
        return frame.to_frame(name=frame.name or "y")
    return frame


def _write_series(frame: pd.DataFrame, path) -> None:
    """The frame as the CLI's CSV; a time index (dates, or an index named t, time or date)
    becomes a column so that periods can be given in its values."""
    index = frame.index
    if isinstance(index, pd.DatetimeIndex) or index.name in TIME_INDEX_NAMES:
        named = frame.rename_axis(index.name if index.name in TIME_INDEX_NAMES else "date")
        _runner.write_frame(named, path, index=True)
    else:
        _runner.write_frame(frame, path)


def _period(period: Period) -> str:
    if isinstance(period, str):
        return period
    start, end = period
    return f"{_bound(start)}:{_bound(end)}"


def _bound(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, pd.Timestamp) or hasattr(value, "isoformat"):
        stamp = pd.Timestamp(value)
        return stamp.date().isoformat() if stamp == stamp.normalize() else stamp.isoformat()
    return _runner.number(value)


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name)
