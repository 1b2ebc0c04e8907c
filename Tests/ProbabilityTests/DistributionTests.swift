import Foundation
import Testing
import TestSupport
@testable import Probability

/// Every distribution, checked the same ways: the sample mean against the
/// analytic mean (within 4.42 standard errors), cdf(quantile(p)) ≈ p, and the
/// density integrating (or the mass summing) to the CDF.
@Suite struct DistributionTests {
    static let all: [any UnivariateDistribution] = [
        try! Normal(mean: 2, sd: 3),
        try! LogNormal(logMean: 0.5, logSD: 0.4),
        try! StudentT(degreesOfFreedom: 5, location: 1, scale: 2),
        try! Uniform(lower: -1, upper: 3),
        try! Exponential(rate: 2.5),
        try! Gamma(shape: 2.5, scale: 1.5),
        try! Beta(2, 5),
        try! Laplace(location: -1, scale: 0.7),
        try! Bernoulli(probability: 0.3),
        try! Bernoulli(logit: -1.2),
        try! Binomial(trials: 12, probability: 0.35),
        try! Poisson(mean: 3.7),
        try! Poisson(mean: 120),
        try! Categorical(weights: [0.2, 0.5, 0.3]),
    ]

    @Test(arguments: 0..<all.count)
    func sampleMeanMatchesAnalyticMean(index: Int) {
        let d = Self.all[index]
        let n = 200_000
        let stream = RandomStream(seed: 11, path: [UInt64(index)])
        let xs = d.sample(n, using: stream)
        let mean = xs.reduce(0, +) / Double(n)
        let check = withinStandardErrors(mean, d.mean, standardError: (d.variance / Double(n)).squareRoot())
        #expect(check.ok, "\(type(of: d).name): \(check.message)")
    }

    @Test(arguments: 0..<all.count)
    func quantileInvertsTheCDF(index: Int) {
        let d = Self.all[index]
        for p in [0.001, 0.05, 0.3, 0.5, 0.77, 0.95, 0.999] {
            let x = d.quantile(p)
            if d.isDiscrete {
                #expect(d.cdf(x) >= p - 1e-12, "\(type(of: d).name) p=\(p)")
                #expect(x == 0 || d.cdf(x - 1) < p, "\(type(of: d).name) p=\(p) not the smallest")
            } else {
                #expect(abs(d.cdf(x) - p) < 1e-9, "\(type(of: d).name) p=\(p): cdf(\(x)) = \(d.cdf(x))")
            }
        }
    }

    @Test(arguments: 0..<all.count)
    func densityAccumulatesToTheCDF(index: Int) {
        let d = Self.all[index]
        let lo = d.quantile(0.01), hi = d.quantile(0.9)
        if d.isDiscrete {
            var total = 0.0
            var k = 0.0
            while k <= hi { total += exp(d.logDensity(k)); k += 1 }
            #expect(abs(total - d.cdf(hi)) < 1e-9, "\(type(of: d).name)")
        } else {
            // Simpson's rule on [lo, hi].
            let m = 4000
            let h = (hi - lo) / Double(m)
            var s = exp(d.logDensity(lo)) + exp(d.logDensity(hi))
            for i in 1..<m { s += (i % 2 == 1 ? 4 : 2) * exp(d.logDensity(lo + Double(i) * h)) }
            let integral = s * h / 3
            #expect(abs(integral - (d.cdf(hi) - d.cdf(lo))) < 1e-6, "\(type(of: d).name): \(integral)")
        }
    }

    /// A discrete quantile is exactly the smallest k with cdf(k) ≥ p, also at the
    /// CDF's own values and the doubles beside them (where a quantile computed
    /// from a running sum of masses would disagree with the CDF by rounding).
    @Test(arguments: all.indices.filter { all[$0].isDiscrete })
    func discreteQuantileIsExactAtTheCDF(index: Int) {
        let d = Self.all[index]
        var k = 0.0
        while d.cdf(k) < 1 && k < 1000 {
            let c = d.cdf(k)
            if c > 0 {
                #expect(d.quantile(c) == k || d.cdf(k - 1) == c, "\(type(of: d).name): quantile(cdf(\(k)))")
                #expect(d.quantile(c.nextUp) > k, "\(type(of: d).name): quantile just above cdf(\(k))")
            }
            k += 1
        }
    }

    @Test func poissonOfMeanZeroIsThePointMassAtZero() throws {
        let d = try Poisson(mean: 0)
        #expect(d.cdf(-1) == 0 && d.cdf(0) == 1 && d.cdf(3) == 1)
        #expect(d.quantile(0.5) == 0)
    }

    /// Categorical's cumulative probabilities are the running sums of the weights
    /// divided by their total, computed here the same way, bit for bit.
    @Test func categoricalCumulativeIsRunningWeightsOverTheirTotal() throws {
        let weights = [0.1, 0.7, 0.05, 0.3, 1e-3, 0.2]
        let d = try Categorical(weights: weights)
        let total = weights.reduce(0, +)
        var running = 0.0
        for k in weights.indices.dropLast() {
            running += weights[k]
            #expect(d.cumulative[k] == running / total, "k = \(k)")
        }
        #expect(d.cumulative.last == 1)
    }

    @Test func invalidParametersNameTheParameter() {
        #expect(throws: InvalidParameter(distribution: "Normal", parameter: "sd", value: -1, requirement: "must be positive and finite")) {
            try Normal(mean: 0, sd: -1)
        }
        #expect(throws: InvalidParameter.self) { try Bernoulli(probability: 1.5) }
        #expect(throws: InvalidParameter.self) { try Binomial(trials: 2.5, probability: 0.5) }
        #expect(throws: InvalidParameter.self) { try Uniform(lower: 2, upper: 1) }
        #expect(throws: InvalidParameter.self) { try Categorical(weights: [0, 0]) }
        #expect(throws: InvalidParameter.self) { try Poisson(mean: -3) }
        do {
            _ = try Gamma(shape: 0, scale: 1)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "Gamma parameter shape = 0 must be positive and finite")
        }
    }

    @Test func substreamsAreReproducibleAndDistinct() {
        let root = RandomStream(seed: 5)
        let a = root.substream(1).normal(), b = root.substream(1).normal(), c = root.substream(2).normal()
        #expect(a == b)
        #expect(a != c)
    }
}
