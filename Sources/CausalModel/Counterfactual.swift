import Foundation
import Probability
import Reporting

/// Observed values of some of a model's variables for one unit: the evidence
/// that a counterfactual query conditions on. Variables not named are unobserved.
public struct Evidence: Hashable, Sendable, CustomStringConvertible {
    /// Observed value by variable name.
    public let values: [String: Double]

    /// Evidence from observed values by variable name.
    public init(_ values: [String: Double] = [:]) {
        self.values = values
    }

    /// "A = 1, B = 2.5", by name.
    public var description: String {
        values.keys.sorted().map { "\($0) = \(values[$0]!.compactDescription)" }.joined(separator: ", ")
    }
}

/// How the noise behind the evidence was inferred (Pearl's abduction step).
public enum AbductionMethod: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Every relevant noise term solved exactly from the evidence: one noise
    /// vector per unit, an exact answer.
    case exactInversion = "exact inversion"
    /// The finite space of the remaining discrete noise cut into cells on which
    /// every world is constant, each weighted by its probability: an exact answer.
    case enumeration = "exact enumeration"
    /// Linear-Gaussian model: the Gaussian posterior mean of the noise, exact for expectations.
    case gaussianConditioning = "Gaussian conditioning"
    /// Free noise drawn from its prior, solved noise weighted by the likelihood of
    /// the evidence (self-normalised importance sampling): an estimate with a standard error.
    case likelihoodWeighting = "likelihood weighting"

    /// Whether answers are exact (no Monte Carlo error).
    public var isExact: Bool { self != .likelihoodWeighting }

    /// The method's name in words, as printed and in JSON.
    public var description: String { rawValue }
}

/// Named defaults of counterfactual computations.
public enum CounterfactualDefaults {
    /// Draws per unit for likelihood weighting: with an effective sample size near
    /// this, a probability's standard error is at most 0.5/√100 000 ≈ 0.0016.
    public static let samples = 100_000
    /// The most draws per unit (10⁷, a hundred times the default: standard errors
    /// ten times smaller). Expectations and probabilities keep running sums, not
    /// draws; `counterfactualSample`, which returns its rows, holds 8 bytes per kept
    /// value per draw, so 10⁷ draws stay within a few hundred megabytes.
    public static let maximumSamples = 10_000_000
    /// The most cells exact enumeration may visit before it gives way to
    /// likelihood weighting (about 2²⁰: a few seconds of work, bounded memory).
    public static let maximumCells = 1 << 20
    /// The largest Poisson mean and Binomial number of trials that exact
    /// enumeration cuts at thresholds (10⁴); larger ones fall back to likelihood
    /// weighting: the thresholds of a count that large are too many to enumerate
    /// usefully, and GSL's Binomial CDF returns NaN near 10⁷ trials.
    public static let maximumEnumeratedCount = 10_000.0
    /// Below this effective sample size a sampled answer carries a warning
    /// (its standard error is then itself unreliable).
    public static let lowEffectiveSampleSize = 100.0
    /// … or below this fraction of the draws, which signals evidence that the
    /// model finds unlikely (most draws wasted).
    public static let lowEffectiveSampleFraction = 0.01
}

/// Settings of a counterfactual computation.
public struct CounterfactualOptions: Sendable {
    /// Draws per unit when likelihood weighting is needed: 1 … `CounterfactualDefaults.maximumSamples`
    /// (computations throw a `ModelError` otherwise).
    public var samples: Int
    /// Seed of those draws.
    public var seed: UInt64
    /// Use likelihood weighting even when an exact method applies (for checks).
    public var forceSampling: Bool
    /// The most cells exact enumeration may visit before falling back to sampling.
    public var maximumCells: Int
    /// Worker threads, kept between 1 and four per active processor as
    /// `SamplingOptions` keeps them; a run never starts more than it has blocks
    /// for. Results do not depend on it.
    public var threads: Int {
        get { workerCount }
        set { workerCount = SamplingOptions(threads: newValue).threads }
    }

    private var workerCount: Int

    /// Options with the named defaults and one worker per active processor.
    public init(samples: Int = CounterfactualDefaults.samples, seed: UInt64 = RandomStream.defaultSeed, forceSampling: Bool = false,
                maximumCells: Int = CounterfactualDefaults.maximumCells,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.samples = samples
        self.seed = seed
        self.forceSampling = forceSampling
        self.maximumCells = maximumCells
        workerCount = SamplingOptions(threads: threads).threads
    }

    /// Throws when `samples` lies outside 1 … `CounterfactualDefaults.maximumSamples`.
    func validate() throws {
        let limit = CounterfactualDefaults.maximumSamples
        guard samples >= 1 && samples <= limit else {
            throw ModelError("samples must be between 1 and \(limit) draws per unit (got \(samples))")
        }
    }
}

/// A counterfactual number with its accuracy.
public struct CounterfactualEstimate: Sendable, CustomStringConvertible {
    /// The expectation or probability.
    public let value: Double
    /// Its Monte Carlo standard error: 0 when the method is exact, NaN when the
    /// draws cannot estimate it (an effective sample size below 2).
    public let standardError: Double
    /// How the noise was inferred.
    public let method: AbductionMethod
    /// Kish's effective sample size (Σw)²/Σw² of the likelihood weights, when sampled.
    public let effectiveSampleSize: Double?
    /// Warnings about the answer's reliability (a low effective sample size, a fallback).
    public let warnings: [String]
    /// Whether every sampled draw gave the same value (within 1e-9 relative), so that
    /// the answer does not depend on the noise and is exact although it was sampled:
    /// an effect the model adds to every unit alike, say.
    public var drawsAgree = false

    /// Whether the answer is exact: an exact method, or sampled draws that all agree.
    public var isExact: Bool { method.isExact || drawsAgree }

    /// How the answer was found, in words: the method, and why a sampled answer is exact.
    public var methodDescription: String {
        drawsAgree ? "\(method.rawValue) (every draw gives the same value)" : method.rawValue
    }

    /// "25 (exact inversion)", or "23.8 ± 0.015 (likelihood weighting)".
    public var description: String {
        isExact ? "\(value) (\(methodDescription))" : "\(value) ± \(standardError) (\(method))"
    }
}

/// Weighted rows of counterfactual values: the posterior of the noise given the
/// evidence pushed through each world. Exact methods give weighted cells (or a
/// single row); likelihood weighting gives weighted draws.
///
/// Any function of the rows has the posterior expectation Σᵢ wᵢ f(i) (weights
/// normalised to sum to one); `estimate(_:)` computes it with its standard error.
public struct CounterfactualSample: Sendable {
    /// The worlds, as the interventions that define them.
    public let worlds: [[Intervention]]
    /// The variables kept, in the order asked for.
    public let variables: [String]
    /// Normalised weights, one per row.
    public var weights: [Double] {
        let top = logWeights.max() ?? 0
        let relative = logWeights.map { exp($0 - top) }
        let total = relative.reduce(0, +)
        return relative.map { $0 / total }
    }
    /// Each row's log weight.
    private let logWeights: [Double]
    /// values[world][variable][row].
    private let values: [[[Double]]]
    /// How the noise was inferred.
    public let method: AbductionMethod
    /// Kish's effective sample size of the weights, when sampled.
    public let effectiveSampleSize: Double?
    /// Warnings about the answer's reliability.
    public let warnings: [String]

    init(worlds: [[Intervention]], variables: [String], rows: WeightedRows, method: AbductionMethod, warnings: [String]) {
        self.worlds = worlds
        self.variables = variables
        logWeights = rows.logWeights
        values = worlds.indices.map { w in variables.indices.map { j in rows.values[w * variables.count + j] } }
        self.method = method
        effectiveSampleSize = method.isExact ? nil : rows.effectiveSampleSize
        self.warnings = warnings
    }

    /// The number of rows.
    public var rowCount: Int { logWeights.count }

    /// The values of `variable` in world `world`, one per row.
    public func values(of variable: String, inWorld world: Int) throws -> [Double] {
        guard let j = variables.firstIndex(of: variable) else {
            throw ModelError("the sample has no variable '\(variable)' (it has \(variables.joined(separator: ", ")))")
        }
        guard worlds.indices.contains(world) else {
            throw ModelError("the sample has no world \(world) (it has \(worlds.count))")
        }
        return values[world][j]
    }

    /// The posterior expectation Σᵢ wᵢ fᵢ of per-row values f, with the standard
    /// error of self-normalised importance sampling (see `WeightedMean`; 0 for an
    /// exact method, NaN below an effective sample size of 2). Throws when f does
    /// not have one value per row.
    public func estimate(_ f: [Double]) throws -> CounterfactualEstimate {
        guard f.count == rowCount else { throw ModelError("estimate needs one value per row (\(rowCount)), got \(f.count)") }
        var mean = WeightedMean()
        for i in f.indices { mean.add(logWeight: logWeights[i], value: f[i]) }
        return mean.estimate(method: method, warnings: warnings)
    }
}

extension StructuralCausalModel {
    /// Pearl's three steps for one unit: abduction (the posterior of the noise
    /// given `evidence`), action (each world of `worlds` is the model under its
    /// interventions; an empty list is the factual world) and prediction (each
    /// world evaluated on that noise). Keeps `variables` of every world.
    ///
    /// The method is chosen per query (see `AbductionMethod`): exact inversion
    /// when the evidence pins down every relevant noise term, exact enumeration
    /// when the rest is finite discrete noise, likelihood weighting otherwise.
    /// Throws when a name is unknown or no noise reproduces the evidence.
    /// Memory grows with the rows kept (at most `options.samples` draws, or
    /// `options.maximumCells` cells).
    ///
    ///     let s = try model.counterfactualSample(given: Evidence(["X": 1, "Y": 1]),
    ///                                            worlds: [[.set("X", to: 0)]], variables: ["Y"])
    ///     let pn = try s.estimate(try s.values(of: "Y", inWorld: 0).map { $0 == 0 ? 1 : 0 })
    public func counterfactualSample(given evidence: Evidence, worlds: [[Intervention]], variables: [String],
                                     options: CounterfactualOptions = CounterfactualOptions()) throws -> CounterfactualSample {
        let indices = try variables.map { name -> Int in
            guard let i = index(of: name) else { throw unknownVariable(name) }
            return i
        }
        let selection = worlds.indices.flatMap { w in indices.map { (world: w, variable: $0) } }
        let outcome = try population(evidence, worlds: worlds, variables: indices, purpose: .distribution, options: options,
                                     into: WeightedRows(selection: selection))
        return CounterfactualSample(worlds: worlds, variables: variables, rows: outcome.sink, method: outcome.method,
                                    warnings: outcome.warnings)
    }

    /// The evidence checked against the model: which variables are observed, and their values.
    func evidenceColumns(_ evidence: Evidence) throws -> (isObserved: [Bool], columns: EvidenceColumns) {
        var isObserved = [Bool](repeating: false, count: variables.count)
        var values = [[Double]?](repeating: nil, count: variables.count)
        for (name, value) in evidence.values {
            guard let i = index(of: name) else { throw unknownVariable(name).inEvidence }
            guard value.isFinite else { throw ModelError("the observed value \(value) is not a finite number", variable: name) }
            isObserved[i] = true
            values[i] = [value]
        }
        return (isObserved, EvidenceColumns(values: values, units: 1))
    }

    /// Runs the three steps for one unit into `sink` (whose selection names
    /// pairs of `worlds` and `variables`), with enumeration falling back to
    /// likelihood weighting when it grows too large. Throws when no row carries weight.
    func population<Sink: PopulationSink>(_ evidence: Evidence, worlds: [[Intervention]], variables: [Int],
                                          purpose: CounterfactualPurpose, options: CounterfactualOptions, into sink: Sink) throws
        -> (sink: Sink, method: AbductionMethod, warnings: [String]) {
        let (isObserved, columns) = try evidenceColumns(evidence)
        let setting = try CounterfactualSetting(model: self, worlds: worlds)
        let queries = Array(repeating: variables, count: worlds.count)
        let (filled, plan, fallback) = try CounterfactualEngine.run(setting, isObserved: isObserved, queries: queries,
                                                                    purpose: purpose, evidence: columns, options: options,
                                                                    describeUnit: { _ in "" }, sink: { _ in sink })
        var warnings = fallback
        let ess = filled.effectiveSampleSize
        guard ess > 0 else { throw noMatchingNoise(evidence, plan: plan) }
        if plan.method == .likelihoodWeighting, let warning = lowEffectiveSampleSizeWarning(ess, draws: options.samples) {
            warnings.append(warning)
        }
        return (filled, plan.method, warnings)
    }

    /// The error for a unit whose evidence no row of the plan reproduced, worded
    /// by what that means: under an exact method the evidence has probability
    /// zero under the model; under likelihood weighting either an observed
    /// noise-free function of continuous noise was asked for exactly (a set of
    /// density zero in the noise space, which draws never hit even when it is
    /// consistent), or the evidence is impossible or too rare for the draws.
    func noMatchingNoise(_ evidence: Evidence, plan: AbductionPlan, unit: String = "the evidence") -> ModelError {
        let subject = evidence.values.isEmpty ? unit : "\(unit) (\(evidence))"
        let names = { (indices: [Int]) in indices.map { self.variables[$0].name }.joined(separator: ", ") }
        guard plan.method == .likelihoodWeighting else {
            var message = "\(subject) has probability zero under the model"
            if !plan.checked.isEmpty { message += ": no value of the noise reproduces the observed \(names(plan.checked))" }
            return ModelError(message)
        }
        let continuous = plan.checked.filter { !plan.continuousSources(of: $0).isEmpty }
        if !continuous.isEmpty {
            let sources = Array(Set(continuous.flatMap { plan.continuousSources(of: $0) })).sorted()
            let shown = names(Array(sources.prefix(3))) + (sources.count > 3 ? ", …" : "")
            let plural = continuous.count > 1
            return ModelError("\(subject) cannot be matched by sampling: \(names(continuous)) \(plural ? "are" : "is") "
                              + "noise-free \(plural ? "functions" : "a function") of continuous noise (of \(shown)), so no draw "
                              + "reproduces \(plural ? "them" : "it") exactly even when some value of the noise does; "
                              + "observe the variables \(plural ? "they are" : "it is") computed from instead, "
                              + "or give \(plural ? "their equations" : "its equation") noise of \(plural ? "their" : "its") own")
        }
        return ModelError("no draw reproduced \(subject): it has probability zero under the model, or too small a probability "
                          + "to hit by sampling (check the values, or draw more samples)")
    }
}

/// The warning for a low effective sample size, if it is low (see `CounterfactualDefaults`).
func lowEffectiveSampleSizeWarning(_ ess: Double, draws: Int) -> String? {
    let floor = max(CounterfactualDefaults.lowEffectiveSampleSize, CounterfactualDefaults.lowEffectiveSampleFraction * Double(draws))
    guard ess < floor else { return nil }
    return "likelihood weighting kept an effective sample size of only \(Int(ess.rounded())) of \(draws) draws: "
        + "the evidence is unlikely under the model and the answer is unreliable (draw more samples)"
}

extension ModelError {
    /// This error, said of evidence.
    var inEvidence: ModelError { ModelError("evidence: " + message, variable: variable, location: location) }
}
