"""WhatIf from Python: causal simulation with known ground truth, counterfactuals and
impact analysis, over the self-contained `whatif` executable bundled in this package.

Every function runs the same engine as the command line and returns what it returns
(pandas objects and dataclasses; `.data` is the CLI's `--json` document); a failure raises
`WhatIfError` with the CLI's one-line message. A model is a catalog name (`whatif.models()`),
a path to a `.scm` file, or model text. See docs/python.md.
"""

from ._runner import WhatIfError, executable
from .analyses import Analysis, ope, power, refute, sensitivity, uplift
from .benchmarks import BenchmarkFrame, benchmark
from .counterfactuals import CounterfactualResult, counterfactual
from .graphs import Graph, graph
from .impact import SVG, ImpactResult, impact, impact_by
from .sampling import model_text, models, sample

__version__ = "0.1.0"

__all__ = [
    "WhatIfError", "executable", "models", "model_text", "sample", "graph", "Graph", "counterfactual",
    "CounterfactualResult", "impact", "impact_by", "ImpactResult", "SVG", "benchmark", "BenchmarkFrame",
    "ope", "uplift", "sensitivity", "power", "refute", "Analysis",
]
