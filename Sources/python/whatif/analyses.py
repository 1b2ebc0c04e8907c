"""The analyses of data and models that report a JSON document: `whatif ope`, `uplift`,
`sensitivity`, `power` and `refute`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Optional, Union

import pandas as pd

from . import _runner
from ._options import option_arguments

Data = Union[pd.DataFrame, str]


@dataclass(frozen=True)
class Analysis:
    """An analysis' result: `.data` is the CLI's `--json` document as a dict."""

    command: str
    data: dict

    def table(self, member: str) -> pd.DataFrame:
        """A list member of the document (such as "estimators", "points", "bounds") as a DataFrame."""
        return pd.DataFrame(self.data[member])


def _analysis(command: str, source: Data, options: dict, model: bool = False) -> Analysis:
    """Runs `whatif COMMAND SOURCE OPTIONS --json FILE`; a DataFrame source is written as CSV."""
    with _runner.workspace() as folder:
        if isinstance(source, pd.DataFrame):
            _runner.write_frame(source, folder / "data.csv")
            argument = "data.csv"
        elif model:
            argument = _runner.model_argument(source, folder)
        else:
            argument = _runner.path_argument(source)
        _runner.run([command, argument, *option_arguments(options), "--json", "result.json"], folder)
        return Analysis(command, json.loads((folder / "result.json").read_text()))


def ope(source: Data, action: str, reward: str, **options: Any) -> Analysis:
    """Off-policy evaluation (`whatif ope`): logged data (a DataFrame or CSV path) with
    propensity=…, target_prefix=…, reward_model_prefix=…; or a model (catalog name, path or
    text) with target="A ~ …", rows=…, replications=…, seed=…. `.table("estimators")`."""
    as_model = isinstance(source, str) and ("target" in options)
    return _analysis("ope", source, {"action": action, "reward": reward, **options}, model=as_model)


def uplift(frame: Data, treatment: str, outcome: str, score: str, true_effect: Optional[str] = None,
           **options: Any) -> Analysis:
    """Qini and uplift curves and areas of a score (`whatif uplift`); with true_effect the oracle's too."""
    return _analysis("uplift", frame, {"treatment": treatment, "outcome": outcome, "score": score,
                                       "true_effect": true_effect, **options})


def sensitivity(frame: Data, treatment: str, outcome: str, **options: Any) -> Analysis:
    """Sensitivity of a regression estimate to an omitted confounder (`whatif sensitivity`,
    Cinelli & Hazlett): covariates="a,b", benchmark="x", kd="1,2,3". `.table("bounds")`."""
    return _analysis("sensitivity", frame, {"treatment": treatment, "outcome": outcome, **options})


def refute(frame: Data, treatment: str, outcome: str, seed: int = 1, **options: Any) -> Analysis:
    """Refutation checks of an effect estimate (`whatif refute`): estimator=…, refuters="a,b"."""
    return _analysis("refute", frame, {"treatment": treatment, "outcome": outcome, "seed": seed, **options})


def power(model: str, treatment: str, outcome: str, rows, seed: int = 1, **options: Any) -> Analysis:
    """Simulated power of a test at each sample size (`whatif power`): rows=[200, 400],
    effect=[0, 1], replications=…, alpha=…. `.table("points")`."""
    sizes = ",".join(str(int(n)) for n in rows) if not isinstance(rows, (int, str)) else str(rows)
    effect = options.pop("effect", None)
    if effect is not None and not isinstance(effect, (int, float, str)):
        effect = ",".join(_runner.number(e) for e in effect)
    return _analysis("power", model, {"treatment": treatment, "outcome": outcome, "rows": sizes, "effect": effect,
                                      "seed": seed, **options}, model=True)
