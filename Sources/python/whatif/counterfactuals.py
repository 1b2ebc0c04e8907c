"""Counterfactual queries: `whatif counterfactual --json`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Dict, Optional

from . import _runner
from .sampling import Number


@dataclass(frozen=True)
class CounterfactualResult:
    """E[query had `do` held | the evidence]: for a 0/1 variable the probability it is 1.

    `standard_error` is 0 when the answer is exact; `effective_sample_size` is set when it
    was estimated by likelihood weighting. `.data` is the CLI's `--json` document."""

    expectation: float
    standard_error: float
    method: str
    effective_sample_size: Optional[float]
    data: dict


def counterfactual(model: str, observe: Dict[str, Number], do: Dict[str, Number], query: str, *,
                   samples: Optional[int] = None, seed: int = 1, equals: Optional[Number] = None,
                   sampling: bool = False) -> CounterfactualResult:
    """What `query` would have been under `do` for the units matching `observe` (abduction,
    action, prediction), as `whatif counterfactual MODEL --observe … --do … --query … --json`.

        r = whatif.counterfactual("banner", observe={"banner": 1, "spend": 60}, do={"banner": 0}, query="spend")
        r.expectation, r.standard_error
    """
    with _runner.workspace() as folder:
        arguments = ["counterfactual", _runner.model_argument(model, folder), "--query", query, "--seed", str(int(seed)),
                     "--json"]
        if observe:
            arguments += ["--observe", *_runner.assignments(observe)]
        arguments += ["--do", *_runner.assignments(do)]
        if samples is not None:
            arguments += ["--samples", str(int(samples))]
        if equals is not None:
            arguments += ["--equals", _runner.number(equals)]
        if sampling:
            arguments.append("--sampling")
        data = json.loads(_runner.run(arguments, folder).stdout)
    return CounterfactualResult(expectation=data["expectation"], standard_error=data["standardError"],
                                method=data.get("method", ""), effective_sample_size=data.get("effectiveSampleSize"),
                                data=data)
