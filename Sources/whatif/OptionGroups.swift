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
    @Option(parsing: .unconditionalSingleValue,
            help: ArgumentHelp("The number of seasons of a dummy seasonal component (1: none); repeat for several "
                               + "seasonal components.", valueName: "K"))
    var seasons: [Int] = []

    @Option(name: .customLong("season-duration"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Time points per season (default 1), one per --seasons in the same order.",
                               valueName: "D"))
    var seasonDuration: [Int] = []

    @Option(help: ArgumentHelp("The trend: level (local level), linear (local linear trend), semilocal (a slope "
                               + "that reverts to its mean, for long post-periods) or student (a local linear trend "
                               + "with Student-t jumps in level and slope)."))
    var trend: Trend = .level

    @Option(parsing: .unconditional, help: ArgumentHelp("Add an AR(P) noise state (0: none).", valueName: "P"))
    var ar = 0

    @Option(help: ArgumentHelp("The observation errors: gaussian, or student (Student-t errors with estimated "
                               + "degrees of freedom, so that outliers in the pre-period sway the model less)."))
    var errors: Errors = .gaussian

    @Option(parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Add trigonometric seasonality: harmonics 1…HARMONICS of a cycle of PERIOD time points "
                               + "(a real number such as 365.25; HARMONICS at most PERIOD/2); repeatable.",
                               valueName: "PERIOD:HARMONICS"),
            transform: TrigonometricSeasonality.init(option:))
    var trig: [TrigonometricSeasonality] = []

    @Option(help: ArgumentHelp("Add holidays and known events from a calendar: a CSV file with columns event and date "
                               + "(time points as the data's time index writes them), and optionally before and after "
                               + "(days of the window, each with its own effect).", valueName: "FILE.csv"))
    var events: String?

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
        case level, linear, semilocal, student
    }

    enum Errors: String, ExpressibleByArgument, CaseIterable {
        case gaussian, student
    }

    enum Priors: String, ExpressibleByArgument, CaseIterable {
        case causalimpact, bsts
    }

    /// Each --season-duration belongs to the --seasons in the same place.
    func validate() throws {
        guard seasonDuration.count <= max(1, seasons.count) else {
            throw ValidationError("--season-duration is given \(seasonDuration.count) times for \(seasons.count) "
                + "--seasons: give at most one per seasonal component, in the same order")
        }
    }

    /// The model the options ask for.
    var model: ModelOptions {
        var model = ModelOptions()
        switch trend {
        case .level: model.trend = .localLevel
        case .linear: model.trend = .localLinearTrend
        case .semilocal: model.trend = .semilocal
        case .student: model.trend = .student
        }
        let seasonals = seasons.indices.map { k in
            DummySeasonality(seasons: seasons[k], duration: k < seasonDuration.count ? seasonDuration[k] : 1)
        }
        if let first = seasonals.first {
            model.seasons = first.seasons
            model.seasonDuration = first.duration
        } else if let duration = seasonDuration.first {
            model.seasonDuration = duration
        }
        model.additionalSeasons = Array(seasonals.dropFirst())
        model.autoregressiveOrder = ar
        model.trigonometric = trig
        model.observationErrors = errors == .student ? .student : .gaussian
        model.dynamicRegression = dynamicRegression
        model.priorLevelSD = priorLevelSD
        model.priors = modelPriors == .causalimpact ? .causalImpact : .bsts
        return model
    }
}

extension TrigonometricSeasonality {
    /// Reads `--trig PERIOD:HARMONICS`; the ranges are checked with the rest of the model.
    init(option text: String) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let period = Double(parts[0]), let harmonics = Int(parts[1]) else {
            throw ValidationError("expected PERIOD:HARMONICS, such as 7:3 or 365.25:2")
        }
        self.init(period: period, harmonics: harmonics)
    }
}
