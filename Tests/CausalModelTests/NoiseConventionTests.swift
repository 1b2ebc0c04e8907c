import Foundation
import Testing
import Probability
@testable import CausalModel

/// The noise convention (`NoiseConvention.swift`), family by family: a value
/// computed from a variate has that variate in its preimage; the Jacobian agrees
/// with Probability's densities; discrete preimages have the probability mass
/// as their length; the cut points sit exactly where the value jumps; the
/// validity rules are exactly Probability's; and the evaluator's vectorised
/// kernels compute the convention's values bit for bit.
@Suite struct NoiseConventionTests {
    /// Families with typical and edge parameters.
    static let cases: [(family: DistributionFamily, parameters: [Double])] = [
        (.normal, [2, 3]), (.normal, [-1000, 0.001]),
        (.logNormal, [0.5, 0.4]),
        (.studentT, [5, 1, 2]), (.studentT, [1.5, 0, 1]),
        (.uniform, [-1, 3]),
        (.exponential, [2.5]),
        (.gamma, [2.5, 1.5]), (.gamma, [0.5, 2]),
        (.beta, [2, 5]),
        (.laplace, [-1, 0.7]),
        (.bernoulli, [0.3]), (.bernoulli, [0]), (.bernoulli, [1]),
        (.bernoulliLogit, [-1.2]),
        (.binomial, [12, 0.35]), (.binomial, [0, 0.5]), (.binomial, [5, 1]),
        (.poisson, [3.7]), (.poisson, [120]), (.poisson, [0]),
        (.categorical, [0.2, 0.5, 0.3]), (.categorical, [1, 0, 2, 0]), (.categorical, [3]),
    ]

    static let continuous = cases.indices.filter { !cases[$0].family.isDiscrete }
    static let discrete = cases.indices.filter { cases[$0].family.isDiscrete }

    /// Uniform probabilities from the far tails to the middle.
    static let levels = [1e-9, 1e-4, 0.01, 0.1, 0.25, 0.5, 0.6, 0.9, 0.99, 0.9999, 1 - 1e-9]

    static func base(_ family: DistributionFamily, _ p: [Double]) throws -> any UnivariateDistribution {
        try family.baseDistribution(shape: family.shapeParameters.map { p[$0] })
    }

    static func value(_ family: DistributionFamily, _ p: [Double], _ e: Double) throws -> Double {
        family.value(epsilon: e, parameters: p, distribution: try family.distribution(p))
    }

    // MARK: Continuous families

    /// ε ↦ x ↦ preimage(x) returns ε, to the rounding of x carried through dε/dx
    /// (|Δε| ≤ 4 ulp(x)·|dε/dx| + 4 ulp(ε)).
    @Test(arguments: continuous)
    func continuousValueHasItsVariateAsPreimage(index: Int) throws {
        let (family, p) = Self.cases[index]
        let base = try Self.base(family, p)
        for u in Self.levels {
            let e = base.quantile(u)
            let x = try Self.value(family, p, e)
            guard case .point(let back) = try family.preimage(of: x, parameters: p) else {
                Issue.record("\(family.rawValue)\(p): no preimage of \(x) = value(\(e))")
                continue
            }
            let slope = exp(family.logJacobian(at: x, parameters: p))
            let tolerance = 4 * x.ulp * slope + 4 * e.ulp
            #expect(abs(back - e) <= tolerance, "\(family.rawValue)\(p): ε = \(e), x = \(x), preimage \(back), |Δ| > \(tolerance)")
        }
    }

    /// log f_X(x) = log f_ε(ε) + log |dε/dx|, with both densities from Probability:
    /// the value's distribution and the base one; and the Jacobian against a
    /// central difference of the preimage.
    @Test(arguments: continuous)
    func jacobianAgreesWithTheDensities(index: Int) throws {
        let (family, p) = Self.cases[index]
        let base = try Self.base(family, p)
        let valueDistribution = try family.distribution(p)
        for u in [0.01, 0.2, 0.5, 0.7, 0.99] {
            let e = base.quantile(u)
            let x = try Self.value(family, p, e)
            let jacobian = family.logJacobian(at: x, parameters: p)
            let expected = valueDistribution.logDensity(x)
            #expect(abs(base.logDensity(e) + jacobian - expected) <= 1e-9 * max(1, abs(expected)),
                    "\(family.rawValue)\(p) at x = \(x): \(base.logDensity(e)) + \(jacobian) vs \(expected)")
            let h = 1e-6 * max(abs(x), 1e-3)
            guard case .point(let above) = try family.preimage(of: x + h, parameters: p),
                  case .point(let below) = try family.preimage(of: x - h, parameters: p) else {
                Issue.record("\(family.rawValue)\(p): no preimage near \(x)")
                continue
            }
            let slope = (above - below) / (2 * h)
            #expect(abs(log(abs(slope)) - jacobian) < 1e-5, "\(family.rawValue)\(p) at x = \(x): slope \(slope)")
        }
    }

    @Test func continuousValuesOutsideTheSupportHaveNoPreimage() throws {
        let outside: [(DistributionFamily, [Double], Double)] = [
            (.logNormal, [0, 1], 0), (.logNormal, [0, 1], -2), (.uniform, [-1, 3], 3.5), (.uniform, [-1, 3], -1.5),
            (.exponential, [2], -0.1), (.gamma, [2, 1], 0), (.beta, [2, 5], 1), (.beta, [2, 5], 0),
        ]
        for (family, p, x) in outside {
            #expect(try family.preimage(of: x, parameters: p) == .empty, "\(family.rawValue)\(p) at \(x)")
        }
    }

    // MARK: Discrete families

    /// Cut points collected from 0.
    static func cutPoints(_ family: DistributionFamily, _ p: [Double]) throws -> [Double] {
        var cuts: [Double] = []
        try family.forEachCutPoint(parameters: p, from: 0) { cuts.append($0); return true }
        return cuts
    }

    /// The value at u lies in an interval that contains u (Bernoulli's [lower, upper),
    /// the others' (lower, upper]) and whose length is the value's probability mass.
    @Test(arguments: discrete)
    func discreteValueHasItsVariateInItsPreimage(index: Int) throws {
        let (family, p) = Self.cases[index]
        let mass = try family.distribution(p)
        let probes = Self.levels + (try Self.cutPoints(family, p)).flatMap { [$0.nextDown, $0, $0.nextUp] }
        // The base ε is uniform on the open interval (0, 1).
        for u in probes where u > 0 && u < 1 {
            let x = try Self.value(family, p, u)
            guard case .interval(let lower, let upper) = try family.preimage(of: x, parameters: p) else {
                Issue.record("\(family.rawValue)\(p): no preimage of \(x) = value(\(u))")
                continue
            }
            let inside = family == .bernoulli || family == .bernoulliLogit ? lower <= u && u < upper : lower < u && u <= upper
            #expect(inside, "\(family.rawValue)\(p): u = \(u) gives \(x), preimage [\(lower), \(upper)]")
            #expect(abs((upper - lower) - exp(mass.logDensity(x))) <= 1e-12, "\(family.rawValue)\(p): mass of \(x)")
        }
    }

    /// Just below and just above each cut point (the neighbouring doubles): the
    /// value jumps there and nowhere else. Bernoulli is 1 just below p and 0 from p
    /// on; the others take k at F(k) and more just above it.
    @Test(arguments: discrete)
    func cutPointsSitExactlyWhereTheValueJumps(index: Int) throws {
        let (family, p) = Self.cases[index]
        let cuts = try Self.cutPoints(family, p)
        #expect(cuts == cuts.sorted(), "\(family.rawValue)\(p): cut points out of order")
        #expect(cuts.allSatisfy { $0 > 0 && $0 < 1 }, "\(family.rawValue)\(p): cut points outside (0, 1)")
        let leftClosed = family == .bernoulli || family == .bernoulliLogit
        for (previous, c) in zip([0] + cuts, cuts) {
            let below = try Self.value(family, p, c.nextDown), at = try Self.value(family, p, c)
            let above = try Self.value(family, p, c.nextUp)
            if leftClosed {
                #expect(below == 1 && at == 0 && above == 0, "\(family.rawValue)\(p) at \(c): \(below), \(at), \(above)")
            } else {
                // c.nextDown may itself be the previous cut point (cut points one ulp apart near 1).
                #expect(above > at, "\(family.rawValue)\(p) at \(c): \(at), then \(above)")
                #expect(below == at || c.nextDown <= previous, "\(family.rawValue)\(p) at \(c): \(below), then \(at)")
            }
        }
        // Strictly between consecutive cut points (and 0 and 1) the value does not change.
        let edges = [0] + cuts + [1]
        for (a, b) in zip(edges, edges.dropFirst()) where a.nextUp < b {
            let probes = [a.nextUp, a + (b - a) / 3, (a + b) / 2, b.nextDown].filter { $0 > a && $0 < b }
            let values = try probes.map { try Self.value(family, p, $0) }
            #expect(Set(values).count == 1, "\(family.rawValue)\(p): value changes inside (\(a), \(b)): \(values)")
        }
    }

    /// The cut points are the CDF of the value at 0, 1, …, computed here
    /// independently: p for Bernoulli, running sums of the mass function (in log
    /// space) for Binomial and Poisson, running sums of the weights for Categorical.
    @Test(arguments: discrete)
    func cutPointsAreTheCDF(index: Int) throws {
        let (family, p) = Self.cases[index]
        let cuts = try Self.cutPoints(family, p)
        var expected: [Double] = []
        switch family {
        case .bernoulli: expected = [p[0]]
        case .bernoulliLogit: expected = [1 / (1 + exp(-p[0]))]
        case .binomial:
            let n = p[0], q = p[1]
            var total = 0.0
            for k in stride(from: 0.0, to: n, by: 1) {
                let logChoose: Double = lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1)
                let logMass: Double = logChoose + k * log(q) + (n - k) * log1p(-q)
                total += exp(logMass)
                expected.append(total)
            }
        case .poisson:
            var total = 0.0
            for k in 0..<cuts.count {
                let logMass: Double = Double(k) * log(p[0]) - p[0] - lgamma(Double(k) + 1)
                total += exp(logMass)
                expected.append(total)
            }
        case .categorical:
            let total = p.reduce(0, +)
            var running = 0.0
            for w in p.dropLast() { running += w; expected.append(running / total) }
        default: break
        }
        expected = expected.filter { $0 > 0 && $0 < 1 - 1e-13 }
        #expect(cuts.count >= expected.count, "\(family.rawValue)\(p): \(cuts.count) cut points, expected \(expected.count)")
        for (c, e) in zip(cuts, expected) {
            #expect(abs(c - e) <= 1e-12, "\(family.rawValue)\(p): cut point \(c), CDF \(e)")
        }
        // Whatever lies beyond the independent list is within rounding of 1.
        for c in cuts.dropFirst(expected.count) { #expect(c > 1 - 1e-12, "\(family.rawValue)\(p): extra cut point \(c)") }
    }

    @Test func discreteValuesOutsideTheSupportHaveNoPreimage() throws {
        let outside: [(DistributionFamily, [Double], Double)] = [
            (.bernoulli, [0.3], 2), (.bernoulli, [0.3], 0.5), (.bernoulli, [0], 1), (.binomial, [5, 0.5], 6),
            (.binomial, [5, 0.5], -1), (.poisson, [2], 1.5), (.poisson, [0], 1), (.categorical, [1, 0, 2], 1),
            (.categorical, [1, 0, 2], 3),
        ]
        for (family, p, x) in outside {
            #expect(try family.preimage(of: x, parameters: p) == .empty, "\(family.rawValue)\(p) at \(x)")
        }
    }

    // MARK: Valid parameters

    /// `isValid` accepts exactly what Probability's initializers accept, on a grid of
    /// ordinary and edge values; `preimage` throws the initializer's complaint.
    @Test(arguments: DistributionFamily.allCases)
    func validityIsProbabilitys(family: DistributionFamily) throws {
        let grid: [Double] = [-1, 0, 0.3, 1, 2.5, 12, 1e9, 1e9 + 1, 2_147_483_648, .infinity, -.infinity, .nan]
        let arity = family == .categorical ? 3 : family.parameterNames.count
        var rows: [[Double]] = [[]]
        for _ in 0..<arity { rows = rows.flatMap { row in grid.map { row + [$0] } } }
        if family == .categorical { rows += grid.map { [$0] } }
        for p in rows {
            let accepted = (try? family.distribution(p)) != nil
            #expect(family.isValid(p) == accepted, "\(family.rawValue)\(p): isValid \(family.isValid(p)), Probability \(accepted)")
            if !accepted {
                #expect(throws: InvalidParameter.self, "\(family.rawValue)\(p)") { try family.preimage(of: 0, parameters: p) }
            }
        }
    }

    // MARK: The evaluator's kernels

    /// Parameter expressions of each family over a parent z in (0, 1): per-row
    /// parameters, then constant ones.
    static let parameterExpressions: [DistributionFamily: [[String]]] = [
        .normal: [["z - 0.5", "0.5 + z"], ["2", "3"]],
        .logNormal: [["z", "0.5 + z"], ["0.5", "0.4"]],
        .studentT: [["5", "z", "1 + z"], ["5", "1", "2"]],
        .uniform: [["z", "z + 2"], ["-1", "3"]],
        .exponential: [["1 + z"], ["2.5"]],
        .gamma: [["2.5", "1 + z"], ["2.5", "1.5"]],
        .beta: [["2", "5"]],
        .laplace: [["z", "1 + z"], ["-1", "0.7"]],
        .bernoulli: [["z"], ["0.3"]],
        .bernoulliLogit: [["4 * z - 2"], ["-1.2"]],
        .binomial: [["12", "z"], ["12", "0.35"]],
        .poisson: [["1 + 10 * z"], ["3.7"]],
        .categorical: [["z", "1 - z", "0.5"], ["0.2", "0.5", "0.3"]],
    ]

    /// y = Family(parameters of z), with each parameter also a variable of its own:
    /// the evaluator's y equals the convention's value at the same ε, bit for bit.
    @Test(arguments: DistributionFamily.allCases)
    func evaluatorComputesTheConventionsValues(family: DistributionFamily) throws {
        for expressions in Self.parameterExpressions[family]! {
            let parameters = expressions.indices.map { "p\($0)" }
            let text = (["z = Uniform(0, 1)"] + zip(parameters, expressions).map { "\($0) = \($1)" }
                        + ["y = \(family.rawValue)(\(expressions.joined(separator: ", ")))"]).joined(separator: "\n")
            let model = try ModelFileParser().parse(text)
            let compiled = try CompiledModel(model)
            let evaluator = BlockEvaluator(compiled)
            let n = 1000
            var bases: [any UnivariateDistribution] = []
            for (k, noise) in compiled.noise.enumerated() {
                let term = model.noiseTerm(named: noise.name)!
                let base = try term.family.baseDistribution(shape: term.family.shapeParameters.map { term.parameters[$0].constantValue! })
                bases.append(base)
                for i in 0..<n { evaluator.epsilon[k][i] = base.quantile((Double(i) + 0.5 + 0.3 * Double(k)) / Double(n + 1)) }
            }
            let storage = ColumnStorage(columns: model.variables.count, rows: n)
            try evaluator.evaluate(rows: n, firstRow: 0, columns: storage.columns)
            let y = storage.columns[model.index(of: "y")!]
            let epsilon = evaluator.epsilon[compiled.noise.firstIndex { $0.name == "U_y" }!]
            let columns = parameters.map { storage.columns[model.index(of: $0)!] }
            for i in 0..<n {
                let p = columns.map { $0[i] }
                let expected = try Self.value(family, p, epsilon[i])
                #expect(y[i] == expected, "\(family.rawValue)(\(expressions)) row \(i): evaluator \(y[i]), convention \(expected)")
            }
        }
    }
}
