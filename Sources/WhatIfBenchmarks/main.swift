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
    PlaceboBenchmarks(),
    AutocorrelatedCalibrationBenchmarks(),
    ComponentBenchmarks(),
    TrustBenchmarks(),
    DecisionBenchmarks(),
    FuzzBenchmarks(),
    ScalingBenchmarks(),
    NetworkBenchmarks(),
    FittingBenchmarks(),
]

let arguments = Array(CommandLine.arguments.dropFirst())
let quick = arguments.contains("--quick")
let wanted = arguments.filter { !$0.hasPrefix("--") }
let names = suites.map(\.name)
if let unknown = (wanted + arguments.filter { $0.hasPrefix("--") && $0 != "--quick" }).first(where: { !names.contains($0) }) {
    FileHandle.standardError.write(Data("WhatIfBenchmarks: unknown '\(unknown)'; suites: \(names.joined(separator: ", ")); option: --quick\n".utf8))
    exit(2)
}
for suite in suites where wanted.isEmpty || wanted.contains(suite.name) {
    print("== \(suite.name) ==")
    do { try suite.run(quick: quick) } catch { print("failed: \(error)") }
    print("")
}
