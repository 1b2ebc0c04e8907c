// The umbrella module: `import WhatIf` brings in the whole library.
@_exported import BSTS
@_exported import CausalDSL
@_exported import CausalGraph
@_exported import CausalImpact
@_exported import CausalModel
@_exported import Estimators
@_exported import Probability
@_exported import StateSpace
@_exported import Tabular
