import Foundation
import Probability

/// The checked data and the fully specified model (components, priors,
/// regression design) that every chain samples. Built once, shared read-only.
struct ModelSpecification: Sendable {
    let response: [Double]
    /// Indices of the non-NaN response values.
    let observedRows: [Int]
    /// The sample sd of the observed response (n − 1 denominator).
    let sdy: Double
    let stack: ComponentStack
    /// The static regression, when there are covariates and no dynamic regression.
    let regression: StaticRegression?
    /// σ_obs's prior when there is no static regression.
    let observationPrior: SdPrior
    let covariateNames: [String]
    /// The regression holidays, when the model has events.
    let holidays: RegressionHoliday?
    /// Gaussian or Student-t observation errors.
    let observationErrors: ObservationErrors

    /// Every component parameter reported per draw: the state components', the holidays',
    /// then ν of Student-t errors under bsts' name "observation.df".
    var parameterNames: [String] {
        stack.parameterNames + (holidays?.coefficientNames ?? [])
            + (observationErrors == .student ? ["observation.df"] : [])
    }

    var length: Int { response.count }

    init(response y: [Double], covariates: [[Double]], covariateNames names: [String], options: ModelOptions) throws {
        let n = y.count
        guard n > 0 else { throw BSTSError.emptyResponse }
        if let row = y.firstIndex(where: { $0.isInfinite }) { throw BSTSError.responseNotFinite(row: row + 1, value: y[row]) }
        guard names.count == covariates.count else { throw BSTSError.covariateNames(count: names.count, expected: covariates.count) }
        for (name, column) in zip(names, covariates) {
            guard column.count == n else { throw BSTSError.covariateLength(name: name, count: column.count, expected: n) }
            if let row = column.firstIndex(where: { !$0.isFinite }) {
                throw BSTSError.covariateNotFinite(name: name, row: row + 1, value: column[row])
            }
        }
        guard options.seasons >= 1 else {
            throw BSTSError.invalidOption(name: "seasons", value: "\(options.seasons)", requirement: "must be at least 1 (1 = no seasonal component)")
        }
        guard options.seasonDuration >= 1 else {
            throw BSTSError.invalidOption(name: "seasonDuration", value: "\(options.seasonDuration)", requirement: "must be at least 1")
        }
        guard options.priorLevelSD > 0, options.priorLevelSD.isFinite else {
            throw BSTSError.invalidOption(name: "priorLevelSD", value: "\(options.priorLevelSD)", requirement: "must be positive and finite")
        }
        if let m = options.expectedModelSize, !(m > 0 && m.isFinite) {
            throw BSTSError.invalidOption(name: "expectedModelSize", value: "\(m)", requirement: "must be positive and finite")
        }
        if let problem = options.componentProblem {
            throw BSTSError.invalidOption(name: problem.option, value: problem.value, requirement: problem.requirement)
        }
        let observed = y.indices.filter { !y[$0].isNaN }
        guard observed.count >= 3 else { throw BSTSError.tooFewObservations(observed.count) }
        let sdy = Self.standardDeviation(observed.map { y[$0] })
        guard sdy > 0 else { throw BSTSError.constantResponse }
        guard FitLimits.scaleRange.contains(sdy) else { throw BSTSError.responseScale(sd: sdy) }
        for (name, column) in zip(names, covariates) {
            if let row = column.firstIndex(where: { abs($0) > FitLimits.scaleRange.upperBound }) {
                throw BSTSError.covariateScale(name: name, row: row + 1, value: column[row])
            }
        }

        response = y
        observedRows = observed
        self.sdy = sdy
        covariateNames = names
        observationErrors = options.observationErrors

        let preset = options.priors
        var components: [any StateComponent] = []
        let firstY = y[observed[0]], lastY = y[observed[observed.count - 1]]
        let levelPrior = SdPrior(
            guess: options.priorLevelSD * sdy,
            sampleSize: preset == .causalImpact ? Defaults.causalImpactLevelSampleSize : Defaults.bstsSampleSize,
            upperLimit: Defaults.bstsStateUpperLimit * sdy)
        let initialVariance = (Defaults.initialStateSDFraction * sdy) * (Defaults.initialStateSDFraction * sdy)
        let smallPrior = SdPrior(guess: Defaults.bstsSigmaGuessFraction * sdy, sampleSize: Defaults.bstsSampleSize,
                                 upperLimit: Defaults.bstsStateUpperLimit * sdy)
        switch options.trend {
        case .localLevel:
            components.append(LocalLevel(levelPrior: levelPrior, initialLevel: firstY, initialVariance: initialVariance))
        case .localLinearTrend:
            components.append(LocalLinearTrend(
                levelPrior: levelPrior, slopePrior: smallPrior,
                initialMean: [firstY, (lastY - firstY) / Double(n)],
                initialVariances: [initialVariance, initialVariance]))
        case .student:
            components.append(StudentLocalLinearTrend(
                levelPrior: levelPrior, slopePrior: smallPrior,
                initialMean: [firstY, (lastY - firstY) / Double(n)],
                initialVariances: [initialVariance, initialVariance]))
        case .semilocal:
            components.append(SemilocalLinearTrend(
                levelPrior: levelPrior, slopePrior: smallPrior, slopeMeanPriorSD: Defaults.initialStateSDFraction * sdy,
                initialLevel: firstY, initialVariance: initialVariance))
        }
        let seasonals = (options.seasons > 1 ? [DummySeasonality(seasons: options.seasons, duration: options.seasonDuration)] : [])
            + options.additionalSeasons.filter { $0.seasons > 1 }
        for seasonal in seasonals {
            components.append(Seasonal(seasons: seasonal.seasons, duration: seasonal.duration,
                                       seasonalPrior: smallPrior, initialVariance: initialVariance,
                                       label: seasonals.count > 1 ? Seasonal.label(seasonal) : nil))
        }
        for trig in options.trigonometric {
            components.append(TrigonometricSeasonal(period: trig.period, harmonics: trig.harmonics,
                                                    sigmaPrior: smallPrior, initialVariance: initialVariance))
        }
        if options.autoregressiveOrder > 0 {
            components.append(Autoregression(
                order: options.autoregressiveOrder,
                sigmaPrior: SdPrior(guess: Defaults.bstsSigmaGuessFraction * sdy, sampleSize: Defaults.bstsSampleSize)))
        }

        let withoutRegression = SdPrior(guess: Defaults.observationGuessWithoutRegression * sdy,
                                        sampleSize: Defaults.bstsSampleSize,
                                        upperLimit: Defaults.observationUpperLimit * sdy)
        if covariates.isEmpty {
            regression = nil
            observationPrior = withoutRegression
        } else if options.dynamicRegression {
            let scales = covariates.map { Self.standardDeviation($0) }
            if let constant = scales.firstIndex(where: { !($0 > 0) }) {
                throw BSTSError.constantDynamicCovariate(name: names[constant])
            }
            components.append(DynamicRegression(
                design: covariates.flatMap { $0 }, length: n, covariateNames: names,
                coefficientPriors: scales.map {
                    SdPrior(guess: Defaults.dynamicSigmaGuessFraction * sdy / $0, sampleSize: Defaults.dynamicSampleSize)
                },
                initialVariance: Defaults.dynamicInitialVariance))
            regression = nil
            observationPrior = preset == .causalImpact
                ? SdPrior(guess: options.priorLevelSD * sdy, sampleSize: Defaults.causalImpactDynamicObservationSampleSize,
                          upperLimit: Defaults.causalImpactDynamicObservationUpperLimit * sdy)
                : withoutRegression
        } else {
            regression = StaticRegression(response: y, observedRows: observed, covariates: covariates, sdy: sdy, preset: preset,
                                          expectedModelSize: options.expectedModelSize)
            observationPrior = withoutRegression
        }
        holidays = options.events.isEmpty ? nil
            : RegressionHoliday(events: options.events, length: n, priorSD: Defaults.regressionHolidayPriorSD(sdy: sdy))
        stack = try ComponentStack(components: components, length: n, observationVariance: Defaults.initialObservationVariance)
    }

    /// The sample standard deviation (n − 1 denominator), computed on scaled values so
    /// that it neither overflows nor underflows (`RunningMoments.meanAndStandardDeviation`).
    static func standardDeviation(_ x: [Double]) -> Double {
        guard x.count > 1 else { return 0 }
        return RunningMoments.meanAndStandardDeviation(of: x).standardDeviation
    }
}

/// The design of a static regression: an intercept column and the covariates.
struct StaticRegression: Sendable {
    /// P = 1 + number of covariates.
    let columns: Int
    /// X over all n rows, column-major (column j at j·n); column 0 is the intercept.
    let design: [Double]
    /// X over the observed rows, column-major.
    let observedDesign: [Double]
    /// X'X over the observed rows (NOTES §9.8: computed once).
    let gram: [Double]
    let prior: SpikeSlabPrior

    init(response y: [Double], observedRows: [Int], covariates: [[Double]], sdy: Double, preset: PriorPreset,
         expectedModelSize: Double? = nil) {
        let n = y.count, p = covariates.count + 1
        columns = p
        design = [Double](repeating: 1, count: n) + covariates.flatMap { $0 }
        var compact = [Double](repeating: 0, count: p * observedRows.count)
        for j in 0..<p {
            for (i, row) in observedRows.enumerated() { compact[j * observedRows.count + i] = design[j * n + row] }
        }
        observedDesign = compact
        let k = observedRows.count
        var xtx = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0...i {
                var s = 0.0
                for t in 0..<k { s += compact[i * k + t] * compact[j * k + t] }
                xtx[i * p + j] = s
                xtx[j * p + i] = s
            }
        }
        gram = xtx
        let causalImpact = preset == .causalImpact
        prior = SpikeSlabPrior(
            design: design, rows: n, columns: p,
            expectedModelSize: expectedModelSize
                ?? (causalImpact ? Defaults.causalImpactExpectedModelSize : Defaults.bstsExpectedModelSize),
            expectedR2: causalImpact ? Defaults.causalImpactExpectedR2 : Defaults.bstsExpectedR2,
            priorDF: causalImpact ? Defaults.causalImpactPriorDF : Defaults.bstsPriorDF,
            sdy: sdy, upperLimit: Defaults.observationUpperLimit * sdy)
    }

    /// Xβ for every row, written to `out` (n values).
    func fitted(coefficients beta: [Double], rows n: Int, into out: UnsafeMutablePointer<Double>) {
        for t in 0..<n { out[t] = 0 }
        design.withUnsafeBufferPointer { x in
            for j in 0..<columns where beta[j] != 0 {
                let b = beta[j], column = x.baseAddress! + j * n
                for t in 0..<n { out[t] += b * column[t] }
            }
        }
    }
}
