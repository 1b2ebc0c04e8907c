// WhatIfBenchmarks: timing harness, not part of `swift test`.
//
//     swift run -c release WhatIfBenchmarks            # every suite
//     swift run -c release WhatIfBenchmarks sampler    # one suite
//     swift run -c release WhatIfBenchmarks --quick    # fewer repetitions
import Foundation

let suites: [any BenchmarkSuite] = [
    SamplerBenchmarks(),
    BSTSBenchmarks(),
    BSTSPriorsBenchmarks(),
    EstimatorBenchmarks(),
    GraphBenchmarks(),
    CounterfactualBenchmarks(),
    ImpactBenchmarks(),
    ImpactCalibrationBenchmarks(),
]

let arguments = Array(CommandLine.arguments.dropFirst())
let quick = arguments.contains("--quick")
let wanted = arguments.filter { !$0.hasPrefix("--") }
for suite in suites where wanted.isEmpty || wanted.contains(suite.name) {
    print("== \(suite.name) ==")
    do { try suite.run(quick: quick) } catch { print("failed: \(error)") }
    print("")
}
