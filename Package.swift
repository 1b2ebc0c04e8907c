// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// The catalog's model files, bundled as resources of the ModelCatalog target. SwiftPM caches
/// the evaluated manifest by its text (~/.cache/org.swift.swiftpm/manifests), so a new file in
/// Models/ is bundled only once the text of this file changes (any edit, this comment included).
let catalogModels = ((try? FileManager.default.contentsOfDirectory(atPath: Context.packageDirectory + "/Models")) ?? [])
    .filter { $0.hasSuffix(".scm") }
    .sorted()

/// The notebooks: one executable target each, in `Notebooks-as-scripts/NAME` (docs/notebooks.md).
let notebooks = [
    "BannerWalkthrough",
    "GraphsAndAdjustment",
    "MatchingAndWeighting",
    "PotentialOutcomesTable",
    "RandomisedVersusObservational",
    "MarketsDifferenceInDifferences",
    "ConcertInstrument",
    "LoyaltyDiscontinuity",
    "SimpsonsParadox",
    "CounterfactualSteps",
    "HeterogeneousEffects",
    "CampaignImpact",
    "ValidatingEstimators",
    "OffPolicyEvaluation",
    "UpliftEvaluation",
    "SensitivityAndRefutation",
    "PowerAndAATests",
]

let package = Package(
    name: "WhatIf",
    products: [
        // MARK: - Public API
        .library(name: "WhatIf", targets: ["WhatIf"]),
        .library(name: "ModelCatalog", targets: ["ModelCatalog"]),
        .executable(name: "whatif", targets: ["whatif"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: - The wall around C
        .systemLibrary(
            name: "CGSL",
            path: "Sources/CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .target(name: "GSL", dependencies: ["CGSL"]),

        // MARK: - Library modules
        .target(name: "Reporting"),
        .target(name: "MachineResources", dependencies: ["Reporting"]),
        .target(name: "Probability", dependencies: ["GSL", "Reporting"]),
        .target(name: "Tabular", dependencies: ["MachineResources"]),
        .target(name: "CausalModel", dependencies: ["GSL", "Probability", "CausalGraph", "Tabular", "Reporting", "MachineResources"]),
        .target(name: "CausalDSL", dependencies: ["CausalModel"]),
        .target(name: "CausalGraph", dependencies: ["Reporting"]),
        .target(name: "Plotting", dependencies: ["CausalGraph", "Reporting"]),
        .target(name: "StateSpace", dependencies: ["Probability", "GSL"]),
        .target(name: "BSTS", dependencies: ["StateSpace", "Probability", "GSL", "MachineResources"]),
        .target(name: "CausalImpact", dependencies: ["BSTS", "Probability", "Tabular", "Reporting", "MachineResources"]),
        .target(name: "Estimators", dependencies: ["GSL", "Probability", "Tabular", "Reporting"]),
        .target(name: "Fitting", dependencies: ["CausalModel", "Estimators", "MachineResources", "GSL", "Probability", "Tabular", "Reporting"]),
        .target(
            name: "Validation",
            dependencies: ["CausalModel", "CausalGraph", "Estimators", "GSL", "Probability", "Tabular", "Plotting", "Reporting",
                           "MachineResources"]
        ),
        .target(
            name: "Trust",
            dependencies: ["GSL", "Probability", "Tabular", "CausalModel", "Estimators", "Validation", "Plotting", "Reporting", "MachineResources"]
        ),
        .target(
            name: "WhatIf",
            dependencies: [
                "GSL", "Reporting", "Probability", "Tabular", "CausalGraph", "CausalModel", "CausalDSL", "Estimators",
                "StateSpace", "BSTS", "CausalImpact", "Validation", "Trust", "Plotting", "ModelCatalog", "Fitting", "MachineResources",
            ]
        ),

        .target(
            name: "ModelCatalog",
            dependencies: ["CausalModel", "Reporting", "Tabular"],
            path: "Models",
            resources: catalogModels.map { .copy($0) }
        ),

        // MARK: - Executables
        .executableTarget(
            name: "whatif",
            dependencies: [
                "WhatIf",
                "ModelCatalog",
                "Plotting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .executableTarget(
            name: "WhatIfBenchmarks",
            dependencies: ["WhatIf", "CausalGraph", "TestSupport", "BSTS", "Estimators", "Trust", "Fuzzing", "Fitting"]
        ),

        // MARK: - The program of docs/getting-started.md (compiled and run by a test)
        .executableTarget(name: "GettingStarted", dependencies: ["WhatIf"], path: "docs/getting-started"),

        // MARK: - Notebooks (runnable walk-throughs; docs/notebooks.md)
        .target(name: "NotebookSupport", dependencies: ["WhatIf"], path: "Notebooks-as-scripts/NotebookSupport"),

        // MARK: - Tests
        .target(name: "Fuzzing", dependencies: ["CausalModel", "CausalGraph", "Tabular", "ModelCatalog"]),
        .target(name: "TestSupport", dependencies: ["GSL", "Probability", "Tabular", "BSTS", "CausalImpact"]),
        .testTarget(name: "GSLTests", dependencies: ["GSL"]),
        .testTarget(name: "FittingTests", dependencies: ["Fitting", "CausalModel", "ModelCatalog", "GSL", "Probability", "Tabular"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting"]),
        .testTarget(name: "CausalDSLTests", dependencies: ["CausalDSL", "CausalModel", "ModelCatalog", "Probability"]),
        .testTarget(
            name: "ModelCatalogTests",
            dependencies: ["ModelCatalog", "CausalModel", "CausalGraph", "Estimators", "TestSupport"]
        ),
        .testTarget(name: "ProbabilityTests", dependencies: ["Probability", "TestSupport"]),
        .testTarget(name: "TabularTests", dependencies: ["Tabular"]),
        .testTarget(name: "CausalGraphTests", dependencies: ["CausalGraph"]),
        .testTarget(
            name: "CausalModelTests",
            dependencies: ["CausalModel", "ModelCatalog", "TestSupport"],
            resources: [.copy("Reference")]
        ),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "CausalGraph"]),
        .testTarget(name: "FuzzingTests", dependencies: ["Fuzzing", "CausalModel", "Tabular"]),
        .testTarget(name: "whatifTests", dependencies: ["whatif", "GettingStarted"]),
        // The Python package (Sources/python, docs/python.md): builds the wheel and runs Tests/python.
        .testTarget(name: "PythonPackageTests"),
        .testTarget(name: "NotebookTests", dependencies: notebooks.map { .target(name: $0) }),
        .testTarget(name: "StateSpaceTests", dependencies: ["StateSpace", "GSL", "Probability", "TestSupport"]),
        .testTarget(
            name: "BSTSTests",
            dependencies: ["BSTS", "StateSpace", "GSL", "Probability", "TestSupport", "Tabular"],
            resources: [.copy("Reference")]
        ),
        .testTarget(
            name: "EstimatorsTests",
            dependencies: ["Estimators", "GSL", "Probability", "Tabular", "TestSupport"],
            exclude: ["Reference"]
        ),
        .testTarget(
            name: "CausalImpactTests",
            dependencies: ["CausalImpact", "BSTS", "Probability", "Tabular", "TestSupport", "Reporting"],
            resources: [.copy("Reference")]
        ),
        .testTarget(
            name: "TrustTests",
            dependencies: ["Trust", "GSL", "Estimators", "CausalModel", "ModelCatalog", "Tabular", "TestSupport"],
            exclude: ["Reference"]
        ),
        .testTarget(
            name: "ValidationTests",
            dependencies: ["Validation", "ModelCatalog", "CausalModel", "CausalGraph", "Estimators", "Plotting", "TestSupport",
                           "MachineResources"]
        ),
    ]
)

package.targets += notebooks.map { name in
    .executableTarget(name: name, dependencies: ["NotebookSupport", "WhatIf"], path: "Notebooks-as-scripts/\(name)")
}
