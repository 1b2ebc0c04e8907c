import Foundation
import Testing
import Tabular
import TestSupport
@testable import CausalModel

@Suite struct SamplerTests {
    let model = try! ModelFileParser().parse("""
        z = Normal(0, 1)
        t ~ Bernoulli(logistic(z))
        k ~ Poisson(exp(0.3 + 0.5 * t))
        c ~ Categorical(0.2, 0.5, 0.3)
        y = 2 * t + z * z + k + c + Normal(0, 1)
        """)

    static func csv(_ model: StructuralCausalModel, rows: Int, seed: UInt64, threads: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try OutputFile(path: path)
        try model.writeSampleCSV(rows: rows, seed: seed, to: file, options: SamplingOptions(threads: threads))
        try file.commit()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Invariant 4: the bytes depend on the seed, not on the number of threads.
    @Test func sameSeedSameBytesWhateverTheThreadCount() throws {
        let rows = 3 * 4096 + 123
        let one = try Self.csv(model, rows: rows, seed: 9, threads: 1)
        #expect(try Self.csv(model, rows: rows, seed: 9, threads: 2) == one)
        #expect(try Self.csv(model, rows: rows, seed: 9, threads: 5) == one)
        #expect(try Self.csv(model, rows: rows, seed: 10, threads: 1) != one)
        #expect(one.split(separator: "\n").count == rows + 1)
    }

    @Test func streamedCSVEqualsTheInMemorySample() throws {
        let table = try model.sample(rows: 5000, seed: 4, options: SamplingOptions(threads: 3))
        #expect(try Self.csv(model, rows: 5000, seed: 4, threads: 2) == CSVFormat.text(of: table))
        #expect(try CSVReader.parse(CSVFormat.text(of: table)) == Table(names: table.names, columns: table.columns))
    }

    @Test func aSmallSampleIsThePrefixOfALargeOne() throws {
        let small = try model.sample(rows: 10, seed: 77)
        let large = try model.sample(rows: 9000, seed: 77)
        for name in model.variableNames {
            #expect(Array(try large.numbers(name).prefix(10)) == (try small.numbers(name)))
        }
    }

    /// A shard (`firstRow`, no header) is the same rows of the whole run, whether it sits
    /// inside one block (its evaluators then hold only the rows up to its end) or spans two.
    @Test func aShardIsTheSameRowsOfTheWholeRun() throws {
        let whole = try Self.csv(model, rows: 5000, seed: 6, threads: 2).split(separator: "\n", omittingEmptySubsequences: false)
        for (first, count) in [(0, 7), (100, 10), (4090, 10), (4096, 3)] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-\(UUID()).csv").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let file = try OutputFile(path: path)
            try StructuralCausalModel.writeCSV(rows: count, seed: 6, selections: [ColumnSelection(model)], to: file,
                                               firstRow: first, header: false)
            try file.commit()
            let shard = try String(contentsOfFile: path, encoding: .utf8)
            #expect(shard == whole[(first + 1)...(first + count)].joined(separator: "\n") + "\n", "rows \(first) + \(count)")
        }
    }

    /// Discrete noise: P(t = 1) = E[logistic(z)], Poisson means, categorical frequencies.
    @Test func discreteMechanismsHaveTheirDistributions() throws {
        let n = 200_000
        let table = try model.sample(rows: n, seed: 31)
        let t = try table.numbers("t"), k = try table.numbers("k"), c = try table.numbers("c")
        // E[logistic(Z)] = 0.5 by symmetry.
        let pt = withinStandardErrors(SampleMoments.mean(t), 0.5, standardError: (0.25 / Double(n)).squareRoot())
        #expect(pt.ok, "\(pt.message)")
        for arm in [0.0, 1.0] {
            let ks = zip(t, k).filter { $0.0 == arm }.map(\.1)
            let lambda = exp(0.3 + 0.5 * arm)
            let check = withinStandardErrors(SampleMoments.mean(ks), lambda, standardError: (lambda / Double(ks.count)).squareRoot())
            #expect(check.ok, "Poisson arm \(arm): \(check.message)")
        }
        for (value, p) in [(0.0, 0.2), (1.0, 0.5), (2.0, 0.3)] {
            let f = Double(c.filter { $0 == value }.count) / Double(n)
            let check = withinStandardErrors(f, p, standardError: (p * (1 - p) / Double(n)).squareRoot())
            #expect(check.ok, "category \(value): \(check.message)")
        }
    }

    /// Non-linear model with quadrature reference means (w4_reference.json).
    @Test func nonLinearModelMatchesQuadratureMeans() throws {
        let json = try ReferenceFile.json("w4_reference")
        let model = try ModelFileParser(file: "w4").parse("""
            C = Normal(0, 1)
            W = 0.8 * C + Normal(0, 1)
            T ~ Bernoulli(sigmoid(0.5 + 1.2 * C - 0.7 * W))
            K ~ Poisson(exp(0.3 + 0.5 * T + 0.2 * C))
            M = tanh(C * W) + 0.5 * T + Normal(0, 0.5)
            Y = tanh(1.5 * T - 0.5 * C) + 0.3 * K * W + 0.5 * M + Normal(0, 1)
            """)
        let n = 400_000
        let observed = json["observational_means"] as! [String: Double]
        let table = try model.sample(rows: n, seed: 8)
        for name in ["T", "K", "M", "Y"] {
            let x = try table.numbers(name)
            let check = withinStandardErrors(SampleMoments.mean(x), observed[name]!, standardError: SampleMoments.standardErrorOfMean(x))
            #expect(check.ok, "observational \(name): \(check.message)")
        }
        let interventional = json["interventional_means"] as! [String: [String: Double]]
        for arm in [0, 1] {
            let data = try model.intervening(.set("T", to: Double(arm))).sample(rows: n, seed: 9)
            for name in ["K", "M", "Y"] {
                let x = try data.numbers(name)
                let truth = interventional["do(T=\(arm))"]![name]!
                let check = withinStandardErrors(SampleMoments.mean(x), truth, standardError: SampleMoments.standardErrorOfMean(x))
                #expect(check.ok, "do(T=\(arm)) \(name): \(check.message)")
            }
        }
    }

    @Test func negativeRowCountIsAnError() {
        #expect(throws: ModelError.self) { try model.sample(rows: -1, seed: 1) }
    }
}
