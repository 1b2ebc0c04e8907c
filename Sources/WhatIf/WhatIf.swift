// The umbrella module: `import WhatIf` brings in the whole library.
@_exported import BSTS
@_exported import CausalGraph
@_exported import CausalDSL
@_exported import CausalImpact
@_exported import CausalModel
@_exported import Probability
@_exported import Tabular
