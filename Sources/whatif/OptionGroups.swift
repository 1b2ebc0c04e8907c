import ArgumentParser
import WhatIf

/// The interventions of `whatif sample`: hard ones, shifts and replaced mechanisms.
struct InterventionOptions: ParsableArguments {
    @Option(name: .customLong("do"), help: ArgumentHelp("Hard intervention do(NAME = VALUE).", valueName: "NAME=VALUE"))
    var hard: [String] = []

    @Option(help: ArgumentHelp("Shift a variable's mechanism by a constant.", valueName: "NAME=DELTA"))
    var shift: [String] = []

    @Option(help: ArgumentHelp("Replace a variable's mechanism by an equation in the model-file language.", valueName: "EQUATION"))
    var mechanism: [String] = []

    /// The options as given, to repeat the run.
    var arguments: [String] {
        hard.map { "--do \($0)" } + shift.map { "--shift \($0)" } + mechanism.map { "--mechanism \($0)" }
    }

    /// The interventions, read against `model` (a mechanism is an equation of it).
    func interventions(on model: StructuralCausalModel) throws -> [Intervention] {
        try hard.map { text in let (name, value) = try parseAssignment(text, "--do"); return .set(name, to: value) }
            + shift.map { text in let (name, delta) = try parseAssignment(text, "--shift"); return .shift(name, by: delta) }
            + mechanism.map { try ModelFileParser(file: "--mechanism").parseIntervention($0, in: model) }
    }
}

/// The attribution questions of `whatif counterfactual` about a 0/1 treatment and outcome.
struct AttributionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("PN, PS and PNS of a 0/1 treatment on a 0/1 outcome.", valueName: "X:Y"))
    var causes: String?

    @Option(name: .customLong("effect-on-treated"), help: ArgumentHelp("The effect of treatment on the treated.", valueName: "X:Y"))
    var effectOnTreated: String?

    @Option(parsing: .unconditional, help: "Treatment value of --causes and --effect-on-treated.")
    var treated: Double = 1

    @Option(parsing: .unconditional, help: "Control value of --causes and --effect-on-treated.")
    var control: Double = 0

    /// The question asked, if any.
    func question() throws -> CounterfactualReport.Question? {
        if let causes {
            let (x, y) = try parsePair(causes, "--causes")
            return .causes(treatment: x, outcome: y, treated: treated, control: control)
        }
        if let effectOnTreated {
            let (x, y) = try parsePair(effectOnTreated, "--effect-on-treated")
            return .effectOnTreated(treatment: x, outcome: y, treated: treated, control: control)
        }
        return nil
    }
}

/// The structural time-series model of `whatif impact`.
struct ImpactModelOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "The number of seasons of a seasonal component (1: none).")
    var seasons = 1

    @Option(name: .customLong("season-duration"), parsing: .unconditional, help: "Time points per season.")
    var seasonDuration = 1

    @Option(help: "The trend: level (local level) or linear (local linear trend).")
    var trend: Trend = .level

    @Flag(name: .customLong("dynamic-regression"), help: "Let the regression coefficients drift over time.")
    var dynamicRegression = false

    @Option(name: .customLong("prior-level-sd"), parsing: .unconditional,
            help: ArgumentHelp("The prior guess of the level's drift per time point, as a fraction of the pre-period "
                               + "sd (R's prior.level.sd). The default 0.01 expects a steady level; 0.1 suits a series "
                               + "that wanders, as daily sales often do.", valueName: "SD"))
    var priorLevelSD = Defaults.causalImpactPriorLevelSD

    @Option(name: .customLong("model-priors"),
            help: "causalimpact (standardised data, CausalImpact's priors) or bsts (bsts' default priors, raw data).")
    var modelPriors: Priors = .causalimpact

    enum Trend: String, ExpressibleByArgument, CaseIterable {
        case level, linear
    }

    enum Priors: String, ExpressibleByArgument, CaseIterable {
        case causalimpact, bsts
    }

    /// The model the options ask for.
    var model: ModelOptions {
        var model = ModelOptions()
        model.trend = trend == .level ? .localLevel : .localLinearTrend
        model.seasons = seasons
        model.seasonDuration = seasonDuration
        model.dynamicRegression = dynamicRegression
        model.priorLevelSD = priorLevelSD
        model.priors = modelPriors == .causalimpact ? .causalImpact : .bsts
        return model
    }
}
