"""Keyword options as command-line options: niter=500 → --niter 500, dynamic_regression=True →
--dynamic-regression, trig=["7:2", "30:1"] → --trig 7:2 --trig 30:1."""

from __future__ import annotations

from typing import Any, Dict, List

from . import _runner


def option_arguments(options: Dict[str, Any]) -> List[str]:
    """The command-line form of `options` (None and False are left out)."""
    arguments: List[str] = []
    for key, value in options.items():
        flag = "--" + key.replace("_", "-")
        if value is None or value is False:
            continue
        if value is True:
            arguments.append(flag)
        elif isinstance(value, (list, tuple)):
            for item in value:
                arguments += [flag, _text(item)]
        else:
            arguments += [flag, _text(value)]
    return arguments


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return _runner.number(value)
    return str(value)
