import ArgumentParser
import Foundation
import ModelCatalog
import WhatIf

/// The options of `whatif ope MODEL`: the target policy, the sizes of the simulation,
/// the reward model of the DM family and the picture.
struct OpeModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("MODEL: the target policy, a new mechanism for the action (\"A ~ Categorical(…)\", \"A = …\").", valueName: "EQUATION"))
    var target: String?

    @Option(help: "MODEL: logged rounds in each replication.")
    var rows: Int?

    @Option(help: "MODEL: independent replications.")
    var replications: Int?

    @Option(name: .customLong("reward-model"), help: ArgumentHelp(
        "MODEL: the DM family's reward model: fitted (per-action least squares on the context), true (the model's own), "
            + "constant (per-action mean reward) or none.", valueName: "KIND"))
    var rewardModel: RewardModelKind?

    @Option(name: .customLong("assumed-logging"), help: ArgumentHelp(
        "MODEL: compute the propensities from this logging mechanism instead of the action's own (wrong propensities).", valueName: "EQUATION"))
    var assumedLogging: String?

    @Option(name: .customLong("truth-units"), help: "MODEL: Monte Carlo units for the true value (when it is not exact).")
    var truthUnits: Int?

    @Option(help: ArgumentHelp("MODEL: draw the estimates and intervals against the true value to this SVG file.", valueName: "FILE.svg"))
    var plot: String?

    /// The options given, by name, for messages.
    var given: [String] {
        [("--target", target != nil), ("--rows", rows != nil), ("--replications", replications != nil),
         ("--reward-model", rewardModel != nil), ("--assumed-logging", assumedLogging != nil), ("--truth-units", truthUnits != nil),
         ("--plot", plot != nil)].filter(\.1).map(\.0)
    }

    func validate(for source: String) throws {
        guard target != nil, rows != nil, replications != nil else {
            throw ValidationError("a model (\(source)) needs --target \"A ~ …\", --rows N and --replications R")
        }
    }

    /// Runs the benchmark of `command`'s estimators on the model, writes its outputs and prints its table.
    func run(_ command: OpeCommand) throws {
        let entry = try ModelCatalog.entry(for: command.source)
        let model = try entry.model()
        let parser = ModelFileParser(file: "--target")
        let policy = try parser.parseIntervention(target!, in: model)
        let assumed = try assumedLogging.map { try ModelFileParser(file: "--assumed-logging").parseIntervention($0, in: model) }
        let progress = ProgressLine("replications")
        var options = PolicyBenchmarkOptions(rows: rows!, replications: replications!, seed: command.runOptions.seed,
                                             rewardModel: rewardModel ?? .fitted, switchLambda: command.switchLambda,
                                             bootstrapReplications: command.bootstrap, level: command.level,
                                             progress: { progress.update($0, $1) })
        if let truthUnits { options.truthUnits = truthUnits }
        if let threads = command.runOptions.threads { options.threads = threads }
        let jsonFile = try command.json.map(OutputFile.init(path:))
        let plotFile = try plot.map(OutputFile.init(path:))
        let report = try namingOptions {
            try PolicyBenchmark(model: model, action: command.action, reward: command.reward, target: policy,
                                assumedLogging: assumed, options: options).run()
        }
        progress.finish()
        try jsonFile?.write(report.jsonText())
        try plotFile?.write(report.chart(title: entry.name).svg())
        try OutputFile.commit([jsonFile, plotFile])
        if command.json != "-" && plot != "-" { try printOut(report.text(title: entry.name)) }
    }
}

extension RewardModelKind: ExpressibleByArgument {}
