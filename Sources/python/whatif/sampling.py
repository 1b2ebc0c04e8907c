"""The model catalog and sampling: `whatif models` and `whatif sample`."""

from __future__ import annotations

import json
from typing import Dict, Iterable, Optional, Sequence, Tuple, Union

import pandas as pd

from . import _runner

Number = Union[int, float]


def models() -> pd.DataFrame:
    """The bundled models, as `whatif models` lists them: columns `name` and `description`."""
    with _runner.workspace() as folder:
        text = _runner.run(["models"], folder).stdout
    rows = [line.split(None, 1) for line in text.splitlines() if line.strip()]
    return pd.DataFrame([(r[0], r[1].strip() if len(r) > 1 else "") for r in rows], columns=["name", "description"])


def model_text(name: str) -> str:
    """The text of a catalog model's file (`whatif models NAME`)."""
    with _runner.workspace() as folder:
        return _runner.run(["models", name], folder).stdout


def sample(model: str, rows: int, seed: int = 1, do: Optional[Dict[str, Number]] = None,
           potential_outcomes: Optional[Tuple[str, str]] = None, *, truth: bool = False,
           treatment_values: Optional[Sequence[Number]] = None, shift: Optional[Dict[str, Number]] = None,
           mechanism: Iterable[str] = (), first_row: int = 1, threads: Optional[int] = None,
           ) -> Union[pd.DataFrame, Tuple[pd.DataFrame, dict]]:
    """Samples `rows` units of `model` (a catalog name, a path, or model text) as
    `whatif sample` does: one column per variable in declaration order, the same values
    for the same seed.

    do: hard interventions {"T": 1} (`--do`); shift: {"X": 0.5} (`--shift`); mechanism:
    replacement equations such as "T ~ Bernoulli(0.3)" (`--mechanism`).
    potential_outcomes=("T", "Y") adds Y_0 and Y_1 (and T_propensity where T's mechanism
    gives it); with truth=True the sample's true ATE, ATT and ATU come back too, as the
    dict of `--truth` (a (DataFrame, dict) pair). first_row starts at that row of the
    seed's stream (shards of one run: see whatif.spark).

        frame = whatif.sample("banner", rows=1000, seed=7, potential_outcomes=("shown", "clicked"))
    """
    if truth and potential_outcomes is None:
        raise _runner.WhatIfError("truth=True needs potential_outcomes=(T, Y)")
    with _runner.workspace() as folder:
        arguments = ["sample", _runner.model_argument(model, folder), "--rows", str(int(rows)), "--seed", str(int(seed)),
                     "--first-row", str(int(first_row))]
        arguments += _intervention_arguments(do, shift, mechanism)
        if potential_outcomes is not None:
            arguments += ["--potential-outcomes", ":".join(potential_outcomes)]
        if treatment_values is not None:
            arguments += ["--treatment-values", ",".join(_runner.number(v) for v in treatment_values)]
        if truth:
            arguments += ["--truth", "truth.json"]
        if threads is not None:
            arguments += ["--threads", str(int(threads))]
        frame = _runner.run_reading_csv(arguments, folder)
        if truth:
            return frame, json.loads((folder / "truth.json").read_text())
        return frame


def _intervention_arguments(do, shift, mechanism) -> list:
    """The `--do`, `--shift` and `--mechanism` options."""
    arguments = []
    for name, value in (do or {}).items():
        arguments += ["--do", f"{name}={_runner.number(value)}"]
    for name, value in (shift or {}).items():
        arguments += ["--shift", f"{name}={_runner.number(value)}"]
    for equation in mechanism:
        arguments += ["--mechanism", equation]
    return arguments
