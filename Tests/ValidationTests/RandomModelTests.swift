import Foundation
import Testing
import CausalModel
import Tabular
import TestSupport
@testable import Validation

@Suite struct RandomModelTests {
    static func spec(_ nodes: Int, degree: Double = 2, _ edit: (inout RandomModelSpecification) -> Void = { _ in })
        -> RandomModelSpecification {
        var s = RandomModelSpecification(nodes: nodes)
        s.expectedDegree = degree
        edit(&s)
        return s
    }

    /// The adjacency file says exactly the model's arrows (read from its equations), and
    /// the model file reads back as the same model.
    @Test(arguments: [RandomModelSpecification.GraphFamily.erdosRenyi, .scaleFree])
    func graphFileAndModelFileMatchTheModel(_ family: RandomModelSpecification.GraphFamily) throws {
        let generated = try RandomModel(Self.spec(15, degree: 3) { $0.graph = family; $0.mechanism = .mixed; $0.noise = .mixed },
                                        seed: 11)
        let lines = generated.adjacencyCSV.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let names = lines[0]
        #expect(names == generated.model.variableNames)
        var fromFile = Set<[String]>()
        for (i, row) in lines.dropFirst().enumerated() {
            #expect(row.count == names.count)
            for (j, cell) in row.enumerated() where cell == "1" { fromFile.insert([names[i], names[j]]) }
        }
        let graph = generated.model.graph
        let fromModel = Set(graph.edges.map { [graph.names[$0.from], graph.names[$0.to]] })
        #expect(fromFile == fromModel)
        #expect(!fromModel.isEmpty)
        #expect(try ModelFileParser().parse(generated.modelFileText) == generated.model)
    }

    @Test func theSeedDecidesTheModel() throws {
        let s = Self.spec(30) { $0.mechanism = .nonlinear; $0.binaryFraction = 0.2; $0.countFraction = 0.1; $0.standardize = true }
        #expect(try RandomModel(s, seed: 5).model == RandomModel(s, seed: 5).model)
        #expect(try RandomModel(s, seed: 5).model != RandomModel(s, seed: 6).model)
        let kinds = try RandomModel(s, seed: 5).model.noiseTerms.map(\.family)
        #expect(kinds.filter { $0 == .bernoulliLogit }.count == 6)
        #expect(kinds.filter { $0 == .poisson }.count == 3)
    }

    /// Varsortability and R²-sortability against a straightforward computation: pairs
    /// joined by a path of length k from boolean powers of the adjacency matrix, R² from
    /// an ordinary least-squares fit of each variable on all the others (normal
    /// equations solved by Gaussian elimination).
    @Test func statisticsAgreeWithAStraightforwardComputation() throws {
        let generated = try RandomModel(Self.spec(12, degree: 3) { $0.mechanism = .mixed }, seed: 3)
        let sample = try generated.model.sample(rows: 2000, seed: 9)
        let statistics = try generated.sortability(of: sample)
        let columns = try generated.names.map { try sample.numbers($0) }
        let n = columns.count, rows = columns[0].count
        func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
        let variances = columns.map { x in let m = mean(x); return x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(rows - 1) }
        var r2: [Double] = []
        for j in 0..<n {
            let others = (0..<n).filter { $0 != j }
            let design = (0..<rows).map { r in [1.0] + others.map { columns[$0][r] } }
            let k = others.count + 1
            var a = [[Double]](repeating: [Double](repeating: 0, count: k + 1), count: k)
            for r in 0..<rows {
                for p in 0..<k {
                    for q in 0..<k { a[p][q] += design[r][p] * design[r][q] }
                    a[p][k] += design[r][p] * columns[j][r]
                }
            }
            for p in 0..<k {
                let pivot = (p..<k).max { abs(a[$0][p]) < abs(a[$1][p]) }!
                a.swapAt(p, pivot)
                for q in 0..<k where q != p {
                    let f = a[q][p] / a[p][p]
                    for c in p...k { a[q][c] -= f * a[p][c] }
                }
            }
            let beta = (0..<k).map { a[$0][k] / a[$0][$0] }
            let y = columns[j], m = mean(y)
            var residual = 0.0, total = 0.0
            for r in 0..<rows {
                let fit = zip(design[r], beta).reduce(0) { $0 + $1.0 * $1.1 }
                residual += (y[r] - fit) * (y[r] - fit)
                total += (y[r] - m) * (y[r] - m)
            }
            r2.append(1 - residual / total)
        }
        // Pairs joined by a path of length exactly k: the support of the k-th power of the adjacency.
        var adjacency = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
        for (j, parents) in generated.dag.parents.enumerated() { for i in parents { adjacency[i][j] = true } }
        func sortability(_ s: [Double]) -> Double {
            var power = adjacency, pairs = 0.0, ordered = 0.0
            for _ in 1..<n {
                for i in 0..<n {
                    for j in 0..<n where power[i][j] {
                        pairs += 1
                        if s[j] / s[i] > 1 + 1e-9 { ordered += 1 } else if s[j] / s[i] > 1 - 1e-9 { ordered += 0.5 }
                    }
                }
                power = (0..<n).map { i in (0..<n).map { j in (0..<n).contains { power[i][$0] && adjacency[$0][j] } } }
            }
            return ordered / pairs
        }
        let v = try #require(statistics.varsortability), r = try #require(statistics.r2Sortability)
        #expect(abs(v - sortability(variances)) < 1e-12)
        #expect(abs(r - sortability(r2)) < 1e-12)
        #expect(statistics.rows == 2000)
    }

    /// Standardised mechanisms give every continuous variable variance 1: exactly for a
    /// linear model (checked on a sample within 5 SE of the sample variance), and up to
    /// the pilot sample's error otherwise (its SE and the test sample's combined).
    @Test(arguments: [RandomModelSpecification.MechanismFamily.linear, .nonlinear])
    func standardisedVariablesHaveUnitVariance(_ mechanism: RandomModelSpecification.MechanismFamily) throws {
        let generated = try RandomModel(Self.spec(10, degree: 3) { $0.standardize = true; $0.mechanism = mechanism; $0.noise = .mixed },
                                        seed: 21)
        #expect(generated.standardizationIsExact == (mechanism == .linear))
        let rows = 20_000
        let sample = try generated.model.sample(rows: rows, seed: 4)
        for name in generated.names {
            let x = try sample.numbers(name)
            let m = x.reduce(0, +) / Double(rows)
            let m2 = x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(rows)
            let m4 = x.reduce(0) { $0 + pow($1 - m, 4) } / Double(rows)
            let se = ((m4 - m2 * m2) / Double(rows)).squareRoot()
            // The pilot's estimate has the same error again, independently.
            let combined = mechanism == .linear ? se : se * (1 + Double(rows) / Double(GenerationDefaults.pilotRows)).squareRoot()
            let check = withinStandardErrors(m2, 1, standardError: combined, z: 5)
            #expect(check.ok, "\(name): \(check.message)")
        }
    }

    /// Over seeds: standardised linear ER models sit near 0.5 on both statistics (within
    /// 4.4 standard errors of the mean over seeds); unstandardised ones are clearly above.
    @Test func standardisationRemovesTheLeak() throws {
        let seeds = 12
        func statistics(standardize: Bool) throws -> (var: [Double], r2: [Double]) {
            var v: [Double] = [], r: [Double] = []
            for seed in 1...seeds {
                let generated = try RandomModel(Self.spec(20) { $0.standardize = standardize }, seed: UInt64(seed))
                let s = try generated.sortability(of: try generated.model.sample(rows: 5000, seed: UInt64(seed)))
                v.append(try #require(s.varsortability))
                r.append(try #require(s.r2Sortability))
            }
            return (v, r)
        }
        func meanAndSE(_ x: [Double]) -> (Double, Double) {
            let m = x.reduce(0, +) / Double(x.count)
            let sd = (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot()
            return (m, sd / Double(x.count).squareRoot())
        }
        let standardized = try statistics(standardize: true)
        for (label, values) in [("varsortability", standardized.var), ("R²-sortability", standardized.r2)] {
            let (m, se) = meanAndSE(values)
            let check = withinStandardErrors(m, 0.5, standardError: se)
            #expect(check.ok, "standardised \(label): \(check.message)")
        }
        let raw = try statistics(standardize: false)
        for (label, values) in [("varsortability", raw.var), ("R²-sortability", raw.r2)] {
            let (m, se) = meanAndSE(values)
            #expect(m - defaultZBudget * se > 0.5, "unstandardised \(label): mean \(m), SE \(se)")
        }
    }

    @Test func badSpecificationsNameTheOption() {
        #expect(Self.spec(0).violation == "--nodes must be between 1 and \(GenerationDefaults.maximumNodes) (got 0)")
        #expect(Self.spec(5) { $0.binaryFraction = 0.7; $0.countFraction = 0.5 }.violation?.hasPrefix("--binary and --counts") == true)
        #expect(Self.spec(5, degree: -1).violation?.hasPrefix("--degree") == true)
        #expect(throws: ModelError.self) { try RandomModel(Self.spec(5) { $0.binaryFraction = 2 }, seed: 1) }
    }
}
