"""A model's causal graph: `whatif graph`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import List, Optional

from . import _runner


@dataclass(frozen=True)
class Graph:
    """The causal graph of a model (a catalog name, a path, or model text).

    `.data` is `whatif graph MODEL --format json` as a dict ({"variables", "edges", …});
    `.variables` and `.edges` are its lists. In Jupyter the graph shows as SVG (needs Graphviz).
    """

    model: str
    data: dict

    @property
    def variables(self) -> List[str]:
        """The variables, in declaration order."""
        return list(self.data["variables"])

    @property
    def edges(self) -> List[tuple]:
        """The arrows, as (cause, effect) pairs."""
        return [tuple(edge) for edge in self.data["edges"]]

    def adjustment_sets(self, treatment: str, outcome: str) -> List[List[str]]:
        """The minimal back-door adjustment sets for the effect of `treatment` on `outcome`
        (`--adjustment-sets T Y`, the document's "adjustmentSets")."""
        return [list(s) for s in _graph_json(self.model, ["--adjustment-sets", treatment, outcome])["adjustmentSets"]]

    def to_dot(self) -> str:
        """The graph in Graphviz's DOT language (`--format dot`)."""
        return _graph_output(self.model, "dot")

    def to_svg(self) -> str:
        """The graph drawn as SVG (`--format svg`; needs Graphviz's `dot`)."""
        return _graph_output(self.model, "svg")

    def _repr_svg_(self) -> Optional[str]:
        try:
            return self.to_svg()
        except _runner.WhatIfError:
            return None


def graph(model: str) -> Graph:
    """The causal graph of `model` (a catalog name, a path, or model text).

        g = whatif.graph("banner")
        g.adjustment_sets("banner", "spend")   # [["engagement"]]
    """
    return Graph(model, _graph_json(model, []))


def _graph_json(model: str, options: list) -> dict:
    with _runner.workspace() as folder:
        return json.loads(_runner.run(["graph", _runner.model_argument(model, folder), "--format", "json", *options],
                                      folder).stdout)


def _graph_output(model: str, form: str) -> str:
    with _runner.workspace() as folder:
        return _runner.run(["graph", _runner.model_argument(model, folder), "--format", form], folder).stdout
