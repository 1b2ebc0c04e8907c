import CausalModel
import Estimators
import Foundation
import GSL
import MachineResources
import Probability
import Validation

/// A pair of partial R²s of a confounder Z: with the treatment given the covariates,
/// R²_{D~Z|X}, and with the outcome given the treatment and the covariates, R²_{Y~Z|D,X}.
public struct ConfounderStrength: Sendable, Equatable {
    /// R²_{D~Z|X}.
    public var treatmentR2: Double
    /// R²_{Y~Z|D,X}.
    public var outcomeR2: Double

    /// A strength from its two partial R²s.
    public init(treatmentR2: Double, outcomeR2: Double) {
        self.treatmentR2 = treatmentR2
        self.outcomeR2 = outcomeR2
    }

    /// Whether neither partial R² exceeds `other`'s.
    public func isNoStrongerThan(_ other: ConfounderStrength) -> Bool {
        treatmentR2 <= other.treatmentR2 && outcomeR2 <= other.outcomeR2
    }
}

/// The simulator's own check of the trust checks: hide a confounder of known strength in a
/// model, sample, estimate ignoring it, and see what the checks say.
///
/// 1. A `LatentConfounder` U ~ N(0, 1) joins the treatment's and the outcome's mechanisms,
///    with coefficients given, or solved (Brent's method on a pilot of `pilotUnits` units with
///    fixed noise) so that U's partial R²s in the least-squares regressions T ~ 1 + X + U and
///    Y ~ 1 + T + X + U take the values asked. X: the covariates a benchmark of the original
///    model adjusts for (a minimal back-door set; `BenchmarkDesign`).
/// 2. The truth: E[Y(1) − Y(0)] in the confounded model, from `truthUnits` paired potential outcomes.
/// 3. Each of R replications samples n rows, fits Y ~ 1 + T + X by OLS ignoring U, and records
///    the true bias τ̂ − τ, the sensitivity bound se·√ν·√(R²_Y·R²_D/(1 − R²_D)) at the
///    `assumed` strength (default: the confounder's own), whether the interval τ̂ ∓ (bound +
///    t_{1−α/2; ν}·se_adj) covers τ (sensemakr's adjusted interval, with the bias allowed in
///    either direction; se_adj its adjusted standard error), the robustness values, U's partial
///    R²s in that sample, and every refuter's alarm.
///
/// Because the bias formula is an identity of least squares, the sample bias equals the
/// bound at U's sample partial R²s; at the population strengths the bound holds on average
/// (over replications, up to the estimate's sampling error) whenever the confounder is no
/// stronger than assumed. The refuters do not see U: their alarms ring at about their
/// nominal rates whatever its strength.
///
/// Seeds: pilot (seed, 0), replication r (seed, 1, r), truth (seed, 3), refuters of
/// replication r seeded by (seed, 2, r). Results do not depend on the threads.
public struct LatentConfounderCheck: Sendable {
    /// How strong the hidden confounder is.
    public enum Strength: Sendable, Equatable {
        /// Its coefficients γ_T and γ_Y.
        case coefficients(treatment: Double, outcome: Double)
        /// Its population partial R²s, solved for.
        case partialR2(ConfounderStrength)
    }

    /// The model before the confounder is added.
    public var model: StructuralCausalModel
    /// The treatment.
    public var treatment: String
    /// The outcome.
    public var outcome: String
    /// The hidden confounder's strength.
    public var strength: Strength
    /// The strength the sensitivity bound assumes; nil: the confounder's own (measured on the pilot).
    public var assumed: ConfounderStrength?
    /// Rows per replication.
    public var rows: Int
    /// Replications.
    public var replications: Int
    /// The seed.
    public var seed: UInt64
    /// The refuters run on each replication (their `alpha` is also the sensitivity analysis's).
    public var refuter: Refuter
    /// Worker threads.
    public var threads: Int
    /// Units of the pilot that measures (or solves for) the strength.
    public var pilotUnits: Int
    /// Units of the truth.
    public var truthUnits: Int
    /// Called with (replications done, replications).
    public var progress: (@Sendable (Int, Int) -> Void)?

    /// A check with defaults: 200 replications of 1,000 rows, every refuter with 20 simulations.
    public init(model: StructuralCausalModel, treatment: String, outcome: String, strength: Strength,
                assumed: ConfounderStrength? = nil, rows: Int = 1000, replications: Int = 200,
                seed: UInt64 = RandomStream.defaultSeed, refuter: Refuter = Refuter(),
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, pilotUnits: Int = 50_000,
                truthUnits: Int = 200_000, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.model = model
        self.treatment = treatment
        self.outcome = outcome
        self.strength = strength
        self.assumed = assumed
        self.rows = rows
        self.replications = replications
        self.seed = seed
        self.refuter = refuter
        self.threads = threads
        self.pilotUnits = pilotUnits
        self.truthUnits = truthUnits
        self.progress = progress
    }

    /// Checks the settings.
    public func validate() throws {
        if !refuter.kinds.isEmpty { try refuter.validate() }
        func r2(_ x: Double, _ what: String) throws {
            guard x >= 0, x < 1 else {
                throw SensitivityError.invalidOption(option: what, detail: "a partial R² must lie in [0, 1) (got \(x))")
            }
        }
        switch strength {
        case .partialR2(let s):
            try r2(s.treatmentR2, "confounder")
            try r2(s.outcomeR2, "confounder")
        case .coefficients(let a, let b):
            guard a.isFinite, b.isFinite else {
                throw SensitivityError.invalidOption(option: "confounder coefficients", detail: "must be numbers (got \(a), \(b))")
            }
        }
        if let assumed {
            try r2(assumed.treatmentR2, "assume")
            try r2(assumed.outcomeR2, "assume")
        }
        guard rows >= 20 else { throw SensitivityError.invalidOption(option: "rows", detail: "at least 20 (got \(rows))") }
        guard replications >= 1 else { throw SensitivityError.invalidOption(option: "replications", detail: "at least 1 (got \(replications))") }
        guard pilotUnits >= 1000, truthUnits >= 1000 else {
            throw SensitivityError.invalidOption(option: "pilot units", detail: "the pilot and the truth need at least 1000 units")
        }
    }

    /// Runs the check.
    public func run() throws -> LatentConfounderReport {
        try validate()
        let design = try BenchmarkDesign(model: model, treatment: treatment, outcome: outcome)
        let covariates = design.covariates
        let pilotSeed = StreamKey(seed: seed).appending(0).state
        let confounder = try calibrated(covariates: covariates, pilotSeed: pilotSeed)
        let confounded = try confounder.adding(to: model, treatment: treatment, outcome: outcome)
        let actual = try Self.partialR2s(of: confounder.name, in: confounded, treatment: treatment, outcome: outcome,
                                         covariates: covariates, rows: pilotUnits, seed: pilotSeed)
        let assumed = self.assumed ?? actual
        let truth = try Self.averageEffect(confounded, treatment: treatment, outcome: outcome, units: truthUnits,
                                           seed: StreamKey(seed: seed).appending(3).state)
        let columns = [confounder.name, self.treatment, self.outcome] + covariates.filter { $0 != self.treatment && $0 != self.outcome }
        let selection = try ColumnSelection(confounded, variables: columns)
        let (rows, seed, refuter, treatment, outcome) = (self.rows, self.seed, self.refuter, self.treatment, self.outcome)
        let runs = try runReplications(count: replications, threads: threads, progress: progress) { r in
            let table = try StructuralCausalModel.sample(rows: rows, seed: StreamKey(seed: seed).appending(1).appending(UInt64(r)).state,
                                                         selections: [selection], options: SamplingOptions(threads: 1))
            let data = try CausalData(table: table, roles: Roles(outcome: outcome, treatment: treatment, covariates: covariates))
            let sensitivity = try SensitivityAnalysis(treatment: treatment, outcome: outcome, covariates: covariates,
                                                      alpha: refuter.alpha).run(on: data)
            let ovb = sensitivity.ovb
            let adjusted = ovb.adjusted(treatmentR2: assumed.treatmentR2, outcomeR2: assumed.outcomeR2, alpha: refuter.alpha)
            // The bias may go either way: the interval widened by the bound on both sides.
            let bound = ovb.bias(treatmentR2: assumed.treatmentR2, outcomeR2: assumed.outcomeR2)
            let halfWidth = (adjusted.upper - adjusted.lower) / 2
            let unadjusted = sensitivity.unadjusted
            let u = try table.numbers(confounder.name)
            let sample = try Self.partialR2s(u: u, treatment: data.treatment!, outcome: data.outcome, covariates: covariates, data: data)
            let refutation = refuter.kinds.isEmpty ? nil
                : try refuter.run(OrdinaryLeastSquares(level: 1 - refuter.alpha), on: data,
                                  seed: StreamKey(seed: seed).appending(2).appending(UInt64(r)).state)
            return CheckReplication(
                estimate: ovb.estimate, standardError: ovb.standardError, bias: ovb.estimate - truth.value,
                bound: bound, covered: unadjusted.lower <= truth.value && truth.value <= unadjusted.upper,
                adjustedCovered: abs(ovb.estimate - truth.value) <= bound + halfWidth,
                robustnessValue: sensitivity.robustnessValue, robustnessValueAlpha: sensitivity.robustnessValueAlpha,
                sampleStrength: sample, alarms: refutation?.refutations.map(\.alarm) ?? [])
        }
        return LatentConfounderReport(treatment: self.treatment, outcome: self.outcome, covariates: covariates, confounder: confounder,
                                      strength: actual, assumed: assumed, truth: truth.value, truthStandardError: truth.standardError,
                                      rows: rows, refuters: refuter.kinds, alpha: refuter.alpha, replications: runs)
    }

    /// The confounder with the coefficients asked, or solved for the partial R²s asked.
    private func calibrated(covariates: [String], pilotSeed: UInt64) throws -> LatentConfounder {
        switch strength {
        case let .coefficients(a, b):
            return LatentConfounder(treatmentCoefficient: a, outcomeCoefficient: b)
        case .partialR2(let target):
            func measured(_ gammaT: Double, _ gammaY: Double) throws -> ConfounderStrength {
                let c = LatentConfounder(treatmentCoefficient: gammaT, outcomeCoefficient: gammaY)
                return try Self.partialR2s(of: c.name, in: c.adding(to: model, treatment: treatment, outcome: outcome),
                                           treatment: treatment, outcome: outcome, covariates: covariates, rows: pilotUnits, seed: pilotSeed)
            }
            var failure: (any Error)?
            func solve(_ target: Double, _ f: (Double) throws -> Double) throws -> Double {
                guard target > 0 else { return 0 }
                let root = increasingRoot(above: 0, initialStep: 0.25, limit: 1e4) { gamma in
                    do { return try f(gamma) - target } catch { failure = failure ?? error; return .nan }
                }
                if let failure { throw failure }
                guard let root else {
                    throw SensitivityError.invalidOption(option: "confounder", detail: "no coefficient gives a partial R² of \(target)")
                }
                return root
            }
            let gammaT = try solve(target.treatmentR2) { try measured($0, 0).treatmentR2 }
            let gammaY = try solve(target.outcomeR2) { try measured(gammaT, $0).outcomeR2 }
            return LatentConfounder(treatmentCoefficient: gammaT, outcomeCoefficient: gammaY)
        }
    }

    /// U's partial R²s in T ~ 1 + X + U and Y ~ 1 + T + X + U on `rows` units of `model`.
    static func partialR2s(of name: String, in model: StructuralCausalModel, treatment: String, outcome: String,
                           covariates: [String], rows: Int, seed: UInt64) throws -> ConfounderStrength {
        let table = try model.sample(rows: rows, seed: seed, options: SamplingOptions(threads: 1))
        let data = try CausalData(table: table, roles: Roles(outcome: outcome, treatment: treatment, covariates: covariates))
        return try partialR2s(u: try table.numbers(name), treatment: data.treatment!, outcome: data.outcome,
                              covariates: covariates, data: data)
    }

    private static func partialR2s(u: [Double], treatment t: [Double], outcome y: [Double], covariates: [String],
                                   data: CausalData) throws -> ConfounderStrength {
        let x = Array(zip(covariates, data.covariates))
        let onTreatment = try RegressionFit(response: t, regressors: x + [("U", u)])
        let onOutcome = try RegressionFit(response: y, regressors: [("T", t)] + x + [("U", u)])
        let last = covariates.count + 1
        return ConfounderStrength(
            treatmentR2: OmittedVariableBias.partialR2(tValue: onTreatment.tValue(last), degreesOfFreedom: onTreatment.degreesOfFreedom),
            outcomeR2: OmittedVariableBias.partialR2(tValue: onOutcome.tValue(last + 1), degreesOfFreedom: onOutcome.degreesOfFreedom))
    }

    /// E[Y(1) − Y(0)] by paired potential outcomes, with its Monte Carlo standard error (`TruthValue`: 0 when exact).
    static func averageEffect(_ model: StructuralCausalModel, treatment: String, outcome: String, units: Int,
                              seed: UInt64) throws -> (value: Double, standardError: Double) {
        let potential = try PotentialOutcomes(treatment: treatment, outcome: outcome)
        let selections = try potential.selections(for: model).dropFirst().prefix(2)
        let table = try StructuralCausalModel.sample(rows: units, seed: seed, selections: Array(selections))
        let differences = zip(try table.numbers(potential.header(for: 1)), try table.numbers(potential.header(for: 0))).map { $0 - $1 }
        guard let truth = TruthValue.weightedMean(differences) else {
            throw SensitivityError.invalidOption(option: "truth", detail: "no finite effect of \(treatment) on \(outcome) in \(units) units")
        }
        return (truth.value, truth.standardError)
    }
}
