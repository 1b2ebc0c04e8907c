// The umbrella module: `import WhatIf` brings in the whole library, the model
// catalog and the pictures included.
@_exported import BSTS
@_exported import CausalDSL
@_exported import CausalGraph
@_exported import CausalImpact
@_exported import CausalModel
@_exported import Estimators
@_exported import Fitting
@_exported import GSL
@_exported import MachineResources
@_exported import ModelCatalog
@_exported import Plotting
@_exported import Probability
@_exported import Reporting
@_exported import StateSpace
@_exported import Tabular
@_exported import Trust
@_exported import Validation
