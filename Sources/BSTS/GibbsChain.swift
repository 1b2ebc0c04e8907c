import Foundation
import GSL
import Probability
import StateSpace

/// Every stored draw of one chain, burn-in included.
struct ChainDraws: Sendable {
    /// log p(y − Xβ | σ's) from each stored sweep's state draw (for the burn-in rule).
    var logLikelihood: [Double] = []
    var observationSD: [Double] = []
    /// Per reported state σ (`ComponentStack.deviationNames`): its value at each stored sweep.
    var stateSD: [[Double]] = []
    /// Per component parameter (`ComponentStack.parameterNames`): its value at each stored sweep.
    var parameters: [[Double]] = []
    /// Per covariate (intercept excluded): β_j at each stored sweep (0 when excluded).
    var coefficients: [[Double]] = []
    /// Per covariate: γ_j at each stored sweep.
    var included: [[Bool]] = []
    /// Per stored sweep: Z_t α_t + x_tᵀβ for every t (intercept folded into the trend).
    var contributions: [[Double]] = []
}

/// One Markov chain of the Gibbs sampler (NOTES §3, §9.1–9.2). Owns its random
/// stream, simulation smoother and buffers; a sweep allocates nothing but the
/// stored contribution row.
final class GibbsChain {
    let specification: ModelSpecification
    let stream: RandomStream
    let smoother: SimulationSmoother
    let regression: SpikeSlabSampler?
    /// The latent weights and ν of Student-t errors; nil for Gaussian errors.
    let studentErrors: StudentErrors?
    private var observationVariance: Double
    private var stateVariances: [Double]
    /// The components' parameters (`ComponentStack.parameterNames`), at least one slot.
    private let parameters: UnsafeMutablePointer<Double>
    private var coefficients: [Double]

    private let n: Int, m: Int
    private let states: UnsafeMutablePointer<Double>      // α, n × m
    private let signal: UnsafeMutablePointer<Double>      // Z_t α_t
    private let fitted: UnsafeMutablePointer<Double>      // x_tᵀβ (intercept included)
    private let holidayEffect: UnsafeMutablePointer<Double>   // Σ holiday coefficients active at t (0 without events)
    private let holidayCoefficients: UnsafeMutablePointer<Double>
    private let target: UnsafeMutablePointer<Double>      // y − Xβ, NaN where y is missing
    private let regressionTarget: UnsafeMutablePointer<Double>   // y − Zα over observed rows
    private let sums: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Int>
    /// Per-time disturbance variance scales (n × r), when a component has them (Student-t trend).
    private let disturbanceScales: UnsafeMutablePointer<Double>?

    init(_ specification: ModelSpecification, stream: RandomStream) throws {
        self.specification = specification
        self.stream = stream
        n = specification.length
        m = specification.stack.stateDimension
        smoother = try SimulationSmoother(model: specification.stack.model)
        observationVariance = Defaults.initialObservationVariance
        stateVariances = specification.stack.initialDisturbanceVariances
        let initial = specification.stack.initialParameters
        parameters = .allocate(capacity: max(1, initial.count))
        parameters.initialize(repeating: 0, count: max(1, initial.count))
        for (i, value) in initial.enumerated() { parameters[i] = value }
        if let design = specification.regression {
            regression = SpikeSlabSampler(prior: design.prior, observedDesign: design.observedDesign,
                                          observations: specification.observedRows.count, gram: design.gram,
                                          initialVariance: observationVariance)
            coefficients = [Double](repeating: 0, count: design.columns)
        } else {
            regression = nil
            coefficients = []
        }
        studentErrors = specification.observationErrors == .student
            ? StudentErrors(length: n, observedRows: specification.observedRows) : nil
        states = .allocate(capacity: n * m)
        signal = .allocate(capacity: n)
        fitted = .allocate(capacity: n)
        target = .allocate(capacity: n)
        regressionTarget = .allocate(capacity: max(1, specification.observedRows.count))
        let r = max(1, specification.stack.disturbanceCount)
        sums = .allocate(capacity: r)
        counts = .allocate(capacity: r)
        disturbanceScales = specification.stack.hasDisturbanceScales ? .allocate(capacity: n * r) : nil
        disturbanceScales?.initialize(repeating: 1, count: n * r)
        fitted.initialize(repeating: 0, count: n)
        holidayEffect = .allocate(capacity: n)
        holidayEffect.initialize(repeating: 0, count: n)
        let holidayCount = max(1, specification.holidays?.coefficientNames.count ?? 0)
        holidayCoefficients = .allocate(capacity: holidayCount)
        holidayCoefficients.initialize(repeating: 0, count: holidayCount)
    }

    deinit {
        states.deallocate(); signal.deallocate(); fitted.deallocate(); target.deallocate()
        regressionTarget.deallocate(); sums.deallocate(); counts.deallocate(); parameters.deallocate()
        holidayEffect.deallocate(); holidayCoefficients.deallocate(); disturbanceScales?.deallocate()
    }

    /// The initial state draw, one unstored sweep, then `iterations` stored sweeps.
    /// `report` is called with the number of stored sweeps since its last call.
    func run(iterations: Int, reportEvery interval: Int, report: (Int) -> Void) throws -> ChainDraws {
        _ = try drawStates()
        _ = try sweep()
        let covariates = specification.covariateNames.count
        let staticCovariates = regression == nil ? 0 : covariates
        var draws = ChainDraws()
        draws.logLikelihood.reserveCapacity(iterations)
        draws.observationSD.reserveCapacity(iterations)
        draws.contributions.reserveCapacity(iterations)
        let stack = specification.stack
        draws.stateSD = [[Double]](repeating: [], count: stack.deviationNames.count)
        let stateParameters = stack.parameterNames.count, parameterCount = specification.parameterNames.count
        let holidayEnd = stateParameters + (specification.holidays?.coefficientNames.count ?? 0)
        draws.parameters = [[Double]](repeating: [], count: parameterCount)
        draws.coefficients = [[Double]](repeating: [], count: staticCovariates)
        draws.included = [[Bool]](repeating: [], count: staticCovariates)
        for iteration in 1...iterations {
            let logLikelihood = try sweep()
            draws.logLikelihood.append(logLikelihood)
            draws.observationSD.append(observationVariance.squareRoot())
            for (i, d) in stack.deviationDisturbances.enumerated() { draws.stateSD[i].append(stateVariances[d].squareRoot()) }
            for i in 0..<stateParameters { draws.parameters[i].append(parameters[i]) }
            for i in stateParameters..<holidayEnd { draws.parameters[i].append(holidayCoefficients[i - stateParameters]) }
            if let studentErrors { draws.parameters[holidayEnd].append(studentErrors.degreesOfFreedom) }
            if let regression {
                for j in 0..<staticCovariates {
                    draws.coefficients[j].append(coefficients[j + 1])
                    draws.included[j].append(regression.included[j + 1])
                }
            }
            draws.contributions.append([Double](unsafeUninitializedCapacity: n) { buffer, count in
                for t in 0..<n { buffer[t] = signal[t] + fitted[t] + holidayEffect[t] }
                count = n
            })
            if iteration % interval == 0 { report(interval) }
        }
        if iterations % interval != 0 { report(iterations % interval) }
        return draws
    }

    /// Regression (flips, σ²_obs, β; with Student-t errors flips and β at the held σ²_obs, then
    /// σ²_obs given β, as Boom's TRegressionSpikeSlabSampler) given the state; with Student-t
    /// errors ν and then the weights (a joint draw of both, `StudentErrors`); state variances;
    /// the state path given all parameters. Returns the log-likelihood of the state draw (given the weights).
    private func sweep() throws -> Double {
        let y = specification.response
        let observed = specification.observedRows
        for (i, row) in observed.enumerated() { regressionTarget[i] = y[row] - signal[row] - holidayEffect[row] }
        if let regression, let design = specification.regression {
            if let studentErrors {
                regression.drawHoldingVariance(target: regressionTarget, weights: studentErrors.observedWeights,
                                               using: stream)
            } else {
                regression.draw(target: regressionTarget, using: stream)
            }
            observationVariance = regression.variance
            coefficients = regression.coefficients
            design.fitted(coefficients: coefficients, rows: n, into: fitted)
        } else {
            let squares = studentErrors?.weightedSumOfSquares(observedResidual: regressionTarget)
                ?? Reductions.dot(regressionTarget, regressionTarget, observed.count)
            observationVariance = specification.observationPrior.drawVariance(
                sumOfSquares: squares, count: observed.count, using: stream)
        }
        if let studentErrors {
            for t in 0..<n { target[t] = y[t] - signal[t] - fitted[t] - holidayEffect[t] }
            studentErrors.drawDegreesOfFreedom(residual: target, variance: observationVariance, using: stream)
            studentErrors.drawWeights(residual: target, variance: observationVariance, using: stream)
        }
        let stack = specification.stack
        stateVariances.withUnsafeMutableBufferPointer { variances in
            stack.drawParameters(states: states, variances: variances.baseAddress!, parameters: parameters,
                                 sums: sums, counts: counts, scales: disturbanceScales, using: stream)
        }
        if let holidays = specification.holidays {
            for t in 0..<n { target[t] = y[t] - signal[t] - fitted[t] }
            holidays.draw(residual: target, observationVariance: observationVariance, weights: studentErrors?.weights,
                          coefficients: holidayCoefficients, effect: holidayEffect, using: stream)
        }
        if stack.hasParameterizedTransition {
            do {
                for (regime, transition) in try stack.transitions(parameters: parameters).enumerated() {
                    try smoother.setTransition(transition, regime: regime)
                }
            } catch {
                throw BSTSError.samplerFailure("\(error)")
            }
        }
        return try drawStates()
    }

    /// α ~ p(α | y − Xβ, σ's) by the simulation smoother; refreshes Z_t α_t.
    private func drawStates() throws -> Double {
        do {
            try smoother.setObservationVariance(observationVariance)
            if let studentErrors {
                try smoother.setObservationVarianceScales(UnsafeBufferPointer(start: studentErrors.varianceScales, count: n))
            }
            try smoother.setDisturbanceVariances(stateVariances)
            if let disturbanceScales {
                try smoother.setDisturbanceVarianceScales(UnsafeBufferPointer(start: disturbanceScales,
                                                                              count: n * stateVariances.count))
            }
        } catch {
            throw BSTSError.samplerFailure("\(error)")
        }
        let y = specification.response
        for t in 0..<n { target[t] = y[t] - fitted[t] - holidayEffect[t] }
        let logLikelihood = smoother.draw(observations: UnsafeBufferPointer(start: target, count: n),
                                          into: UnsafeMutableBufferPointer(start: states, count: n * m),
                                          using: stream)
        specification.stack.observationContribution(states: states, into: signal)
        return logLikelihood
    }
}
