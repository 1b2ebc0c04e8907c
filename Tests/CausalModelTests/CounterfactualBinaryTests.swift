import Foundation
import Probability
import Tabular
import Testing
import TestSupport
@testable import CausalModel

/// Counterfactuals in small binary SCMs against brute-force enumeration over
/// the exogenous values, written here independently of the library: a hidden
/// binary confounder u, a covariate z, a treatment x and an outcome y, each
/// 1 when its uniform ε falls below its probability given its parents.
@Suite struct CounterfactualBinaryTests {
    /// A random binary model: probability tables by parent values.
    struct BinaryModel {
        let pu: Double
        let pz: Double
        /// px[z][u]
        let px: [[Double]]
        /// py[x][z][u]
        let py: [[[Double]]]

        init(seed: UInt64) {
            let stream = RandomStream(seed: seed)
            func p() -> Double { 0.05 + 0.9 * stream.uniform() }
            pu = p()
            pz = p()
            px = (0..<2).map { _ in (0..<2).map { _ in p() } }
            py = (0..<2).map { _ in (0..<2).map { _ in (0..<2).map { _ in p() } } }
        }

        /// The model file: probabilities as multilinear polynomials in the 0/1 parents
        /// (coefficients by Möbius inversion of the table).
        var text: String {
            func multilinear(_ names: [String], _ table: ([Int]) -> Double) -> String {
                var terms: [String] = []
                for subset in 0..<(1 << names.count) {
                    var coefficient = 0.0
                    for inner in 0..<(1 << names.count) where inner & ~subset == 0 {
                        let sign = (subset.nonzeroBitCount - inner.nonzeroBitCount) % 2 == 0 ? 1.0 : -1.0
                        coefficient += sign * table(names.indices.map { (inner >> $0) & 1 })
                    }
                    let factors = names.indices.filter { (subset >> $0) & 1 == 1 }.map { names[$0] }
                    terms.append((["\(coefficient)"] + factors).joined(separator: " * "))
                }
                return terms.joined(separator: " + ")
            }
            return """
                latent u ~ Bernoulli(\(pu))
                z ~ Bernoulli(\(pz))
                x ~ Bernoulli(\(multilinear(["z", "u"]) { px[$0[0]][$0[1]] }))
                y ~ Bernoulli(\(multilinear(["x", "z", "u"]) { py[$0[0]][$0[1]][$0[2]] }))
                """
        }

        /// One joint exogenous cell: its probability and what it implies.
        struct Cell {
            let weight: Double
            let u: Int, z: Int, x: Int, y: Int
            /// y under do(x = 0) and do(x = 1).
            let y0: Int, y1: Int
        }

        /// Every cell of the exogenous space: ε_u cut at pu, ε_z at pz, ε_x at all
        /// four px, ε_y at all eight py; the midpoint of each interval stands for it.
        var cells: [Cell] {
            func intervals(_ cuts: [Double]) -> [(mid: Double, length: Double)] {
                let edges: [Double] = [0.0] + cuts.sorted() + [1.0]
                var result: [(mid: Double, length: Double)] = []
                for i in 0..<(edges.count - 1) where edges[i + 1] > edges[i] {
                    result.append(((edges[i] + edges[i + 1]) / 2, edges[i + 1] - edges[i]))
                }
                return result
            }
            var result: [Cell] = []
            for eu in intervals([pu]) {
                for ez in intervals([pz]) {
                    for ex in intervals(px.flatMap { $0 }) {
                        for ey in intervals(py.flatMap { $0.flatMap { $0 } }) {
                            let u = eu.mid < pu ? 1 : 0
                            let z = ez.mid < pz ? 1 : 0
                            let x = ex.mid < px[z][u] ? 1 : 0
                            func y(_ x: Int) -> Int { ey.mid < py[x][z][u] ? 1 : 0 }
                            result.append(Cell(weight: eu.length * ez.length * ex.length * ey.length, u: u, z: z, x: x,
                                               y: y(x), y0: y(0), y1: y(1)))
                        }
                    }
                }
            }
            return result
        }

        /// P(event | condition) over the cells.
        func probability(_ event: (Cell) -> Bool, given condition: (Cell) -> Bool = { _ in true }) -> Double {
            let cells = self.cells
            let total = cells.filter(condition).reduce(0) { $0 + $1.weight }
            return cells.filter { condition($0) && event($0) }.reduce(0) { $0 + $1.weight } / total
        }
    }

    static let seeds: [UInt64] = Array(1...8)

    @Test(arguments: seeds) func probabilitiesOfCausationMatchEnumeration(seed: UInt64) throws {
        let truth = BinaryModel(seed: seed)
        let model = try ModelFileParser().parse(truth.text)
        let answer = try model.probabilitiesOfCausation(treatment: "x", outcome: "y")
        let pn = truth.probability({ $0.y0 == 0 }, given: { $0.x == 1 && $0.y == 1 })
        let ps = truth.probability({ $0.y1 == 1 }, given: { $0.x == 0 && $0.y == 0 })
        let pns = truth.probability { $0.y1 == 1 && $0.y0 == 0 }
        let necessity = try #require(answer.necessity)
        let sufficiency = try #require(answer.sufficiency)
        #expect(necessity.method == .enumeration && sufficiency.method == .enumeration)
        #expect(answer.necessityAndSufficiency.method == .enumeration)
        #expect(abs(necessity.value - pn) <= 1e-9, "PN \(necessity.value) vs \(pn)")
        #expect(abs(sufficiency.value - ps) <= 1e-9, "PS \(sufficiency.value) vs \(ps)")
        #expect(abs(answer.necessityAndSufficiency.value - pns) <= 1e-9, "PNS \(answer.necessityAndSufficiency.value) vs \(pns)")
        let inputs = answer.inputs
        #expect(abs(inputs.treatedWithOutcome - truth.probability { $0.x == 1 && $0.y == 1 }) <= 1e-9)
        #expect(abs(inputs.controlWithoutOutcome - truth.probability { $0.x == 0 && $0.y == 0 }) <= 1e-9)
        #expect(abs(inputs.outcomeIfTreated - truth.probability { $0.y1 == 1 }) <= 1e-9)
        #expect(abs(inputs.outcomeIfControl - truth.probability { $0.y0 == 1 }) <= 1e-9)
        #expect(try #require(answer.bounds.necessity).contains(pn), "PN \(pn) outside \(answer.bounds.necessity!)")
        #expect(try #require(answer.bounds.sufficiency).contains(ps), "PS \(ps) outside \(answer.bounds.sufficiency!)")
        #expect(answer.bounds.necessityAndSufficiency.contains(pns), "PNS \(pns) outside \(answer.bounds.necessityAndSufficiency)")
    }

    /// Partial evidence (z, y observed; x and u not): P(Y_{x=0} = 1 | z, y) and P(Y_{x=1} = 1 | y).
    @Test(arguments: seeds) func partialEvidenceMatchesEnumeration(seed: UInt64) throws {
        let truth = BinaryModel(seed: seed)
        let model = try ModelFileParser().parse(truth.text)
        let a = try model.counterfactualProbability(that: "y", equals: 1, given: Evidence(["z": 1, "y": 1]), doing: [.set("x", to: 0)])
        let b = try model.counterfactualExpectation(of: "y", given: Evidence(["y": 0]), doing: [.set("x", to: 1)])
        #expect(a.method == .enumeration && b.method == .enumeration)
        let ta = truth.probability({ $0.y0 == 1 }, given: { $0.z == 1 && $0.y == 1 })
        let tb = truth.probability({ $0.y1 == 1 }, given: { $0.y == 0 })
        #expect(abs(a.value - ta) <= 1e-9, "\(a.value) vs \(ta)")
        #expect(abs(b.value - tb) <= 1e-9, "\(b.value) vs \(tb)")
    }

    /// Every (z, x, y) pattern as a row of an evidence table: each row's answer is
    /// its own conditional probability.
    @Test func unitRowsMatchEnumeration() throws {
        let truth = BinaryModel(seed: 21)
        let model = try ModelFileParser().parse(truth.text)
        let patterns: [[Double]] = (0..<8).map { (bits: Int) -> [Double] in
            [Double(bits & 1), Double((bits >> 1) & 1), Double((bits >> 2) & 1)]
        }
        let names = ["z", "x", "y"]
        let table = try Table(numericColumns: names.indices.map { j in (names[j], patterns.map { $0[j] }) })
        let result = try model.counterfactuals(for: table, doing: [.set("x", to: 0)])
        #expect(result.rowsByMethod == [AbductionMethod.enumeration: 8])
        let y = try result.table.numbers("y")
        let u = try result.table.numbers("u")
        for (r, p) in patterns.enumerated() {
            let given: (BinaryModel.Cell) -> Bool = { Double($0.z) == p[0] && Double($0.x) == p[1] && Double($0.y) == p[2] }
            let ty = truth.probability({ $0.y0 == 1 }, given: given)
            let tu = truth.probability({ $0.u == 1 }, given: given)
            #expect(abs(y[r] - ty) <= 1e-9, "row \(r): \(y[r]) vs \(ty)")
            #expect(abs(u[r] - tu) <= 1e-9, "row \(r) u: \(u[r]) vs \(tu)")
        }
        #expect(try result.table.numbers("x") == Array(repeating: 0, count: 8))
    }

    /// Likelihood weighting agrees with enumeration within its standard error.
    @Test(arguments: [UInt64(3), 5]) func samplingAgreesWithinStandardErrors(seed: UInt64) throws {
        let truth = BinaryModel(seed: seed)
        let model = try ModelFileParser().parse(truth.text)
        let options = CounterfactualOptions(samples: 40_000, seed: seed, forceSampling: true, threads: 2)
        let pn = try model.counterfactualProbability(that: "y", equals: 0, given: Evidence(["x": 1, "y": 1]),
                                                     doing: [.set("x", to: 0)], options: options)
        let partial = try model.counterfactualExpectation(of: "y", given: Evidence(["z": 1, "y": 1]), doing: [.set("x", to: 0)],
                                                          options: options)
        let pns = try model.probabilitiesOfCausation(treatment: "x", outcome: "y", options: options).necessityAndSufficiency
        for (estimate, exact) in [(pn, truth.probability({ $0.y0 == 0 }, given: { $0.x == 1 && $0.y == 1 })),
                                  (partial, truth.probability({ $0.y0 == 1 }, given: { $0.z == 1 && $0.y == 1 })),
                                  (pns, truth.probability { $0.y1 == 1 && $0.y0 == 0 })] {
            #expect(estimate.method == .likelihoodWeighting)
            // A probability of 0 or 1 (a monotone model) is reproduced exactly by every draw.
            #expect(estimate.standardError > 0 || exact == 0 || exact == 1)
            let check = withinStandardErrors(estimate.value, exact, standardError: estimate.standardError)
            #expect(check.ok, "\(check.message)")
        }
    }

    /// With do(x) equal to the observed x, the counterfactual outcome is the observed one.
    @Test func consistencyReproducesTheEvidence() throws {
        let model = try ModelFileParser().parse(BinaryModel(seed: 4).text)
        for x in [0.0, 1] {
            for y in [0.0, 1] {
                let exact = try model.counterfactualProbability(that: "y", equals: y, given: Evidence(["x": x, "y": y]),
                                                                doing: [.set("x", to: x)])
                #expect(exact.value == 1)
                let sampled = try model.counterfactualProbability(that: "y", equals: y, given: Evidence(["x": x, "y": y]),
                                                                  doing: [.set("x", to: x)],
                                                                  options: CounterfactualOptions(samples: 2_000, forceSampling: true))
                #expect(sampled.value == 1)
            }
        }
    }

    /// Binomial and Categorical noise: thresholds at every CDF value.
    @Test func binomialAndCategoricalMatchEnumeration() throws {
        let model = try ModelFileParser().parse("""
            k ~ Binomial(3, 0.4)
            c ~ Categorical(0.2, 0.5 + 0.1 * k, 0.3)
            y ~ Bernoulli(0.1 + 0.2 * c + 0.05 * k)
            """)
        func binomial(_ j: Int) -> Double {
            let choose = [1.0, 3, 3, 1][j]
            return choose * pow(0.4, Double(j)) * pow(0.6, Double(3 - j))
        }
        // P(y_{k=3} = 1 | y = 1) and E[c_{k=0} | c = 1, y = 0] by brute force over (k, ε_c, ε_y).
        var joint = 0.0, evidence = 0.0, cSum = 0.0, cEvidence = 0.0
        for k in 0..<4 {
            let cuts = ([0, 3].map { kk -> [Double] in
                let w = [0.2, 0.5 + 0.1 * Double(kk), 0.3]
                let total = w.reduce(0, +)
                return [w[0] / total, (w[0] + w[1]) / total]
            } + [[0.2 / (1.0 + 0.1 * Double(k)), (0.7 + 0.1 * Double(k)) / (1.0 + 0.1 * Double(k))]]).flatMap { $0 }
            let edges = [0.0] + cuts.sorted() + [1.0]
            func category(_ e: Double, _ kk: Int) -> Int {
                let w = [0.2, 0.5 + 0.1 * Double(kk), 0.3]
                let total = w.reduce(0, +)
                return e <= w[0] / total ? 0 : (e <= (w[0] + w[1]) / total ? 1 : 2)
            }
            for i in 0..<(edges.count - 1) where edges[i + 1] > edges[i] {
                let ec = (edges[i] + edges[i + 1]) / 2
                let width = edges[i + 1] - edges[i]
                let c = category(ec, k)
                let p = 0.1 + 0.2 * Double(c) + 0.05 * Double(k)
                let c3 = category(ec, 3), c0 = category(ec, 0)
                let p3 = 0.1 + 0.2 * Double(c3) + 0.15
                let weight = binomial(k) * width
                // y = 1 on [0, p): the counterfactual y is 1 on [0, p3).
                evidence += weight * p
                joint += weight * min(p, p3)
                if c == 1 {
                    cEvidence += weight * (1 - p)
                    cSum += weight * (1 - p) * Double(c0)
                }
            }
        }
        let a = try model.counterfactualProbability(that: "y", equals: 1, given: Evidence(["y": 1]), doing: [.set("k", to: 3)])
        let b = try model.counterfactualExpectation(of: "c", given: Evidence(["c": 1, "y": 0]), doing: [.set("k", to: 0)])
        #expect(a.method == .enumeration && b.method == .enumeration)
        #expect(abs(a.value - joint / evidence) <= 1e-9, "\(a.value) vs \(joint / evidence)")
        #expect(abs(b.value - cSum / cEvidence) <= 1e-9, "\(b.value) vs \(cSum / cEvidence)")
    }

    /// The bounds worked by hand for P(x, y) = 0.3, P(x, y′) = 0.2, P(x′, y) = 0.1,
    /// P(x′, y′) = 0.4, P(y_x) = 0.6, P(y_x′) = 0.2 (so P(y) = 0.4); a linear program
    /// over the joint of (X, Y₀, Y₁) gives the same optima.
    @Test func tianPearlBoundsByHand() {
        let bounds = TianPearlBounds(CausationInputs(treatedWithOutcome: 0.3, treatedWithoutOutcome: 0.2, controlWithOutcome: 0.1,
                                                     controlWithoutOutcome: 0.4, outcomeIfTreated: 0.6, outcomeIfControl: 0.2))
        func close(_ b: ProbabilityBounds?, _ lower: Double, _ upper: Double) -> Bool {
            guard let b else { return false }
            return abs(b.lower - lower) <= 1e-12 && abs(b.upper - upper) <= 1e-12
        }
        // PNS: max{0, 0.4, 0.2, 0.2} and min{0.6, 0.8, 0.7, 0.7}.
        #expect(close(bounds.necessityAndSufficiency, 0.4, 0.6))
        // PN: (0.4 − 0.2)/0.3 and min{1, (0.8 − 0.4)/0.3}.
        #expect(close(bounds.necessity, 2.0 / 3, 1))
        // PS: (0.6 − 0.4)/0.4 and (0.6 − 0.3)/0.4.
        #expect(close(bounds.sufficiency, 0.5, 0.75))
        let none = TianPearlBounds(CausationInputs(treatedWithOutcome: 0, treatedWithoutOutcome: 0.5, controlWithOutcome: 0.2,
                                                   controlWithoutOutcome: 0.3, outcomeIfTreated: 0.1, outcomeIfControl: 0.2))
        #expect(none.necessity == nil)
    }
}
