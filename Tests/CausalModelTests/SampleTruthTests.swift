import Foundation
import Testing
@testable import CausalModel

/// `SampleTruth`, the one computation of a sample's true effects: block by block
/// it gives the same numbers as all rows at once, those numbers are the plain
/// means of the unit effects computed here, and a non-binary treatment ends the
/// binary effects with the row that broke them while the averages go on.
@Suite struct SampleTruthTests {
    let model = try! ModelFileParser().parse("""
        x = Normal(0, 1)
        t ~ Bernoulli(logistic(x))
        y = 1 + x + t * (2 + x) + Normal(0, 1)
        """)

    /// The sampled table with the design's columns, and its columns in header order.
    func sample(_ design: PotentialOutcomes, rows: Int) throws -> (headers: [String], columns: [[Double]]) {
        let table = try StructuralCausalModel.sample(rows: rows, seed: 5, selections: design.selections(for: model))
        return (table.names, try table.names.map { try table.numbers($0) })
    }

    /// The truth of `rows` sampled units of `design`, added in one block, with the sampled columns.
    func truth(_ design: PotentialOutcomes, rows: Int) throws -> (truth: SampleTruth, headers: [String], columns: [[Double]]) {
        let (headers, columns) = try sample(design, rows: rows)
        let truth = try SampleTruth(design: design, headers: headers)
        try Self.add(columns, rows: 0..<rows, to: truth)
        return (truth, headers, columns)
    }

    static func add(_ columns: [[Double]], rows: Range<Int>, to truth: SampleTruth) throws {
        var buffers: [UnsafeMutableBufferPointer<Double>] = []
        defer { for b in buffers { b.deallocate() } }
        for column in columns {
            let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: rows.count)
            _ = b.initialize(from: column[rows])
            buffers.append(b)
        }
        try truth.add(buffers.map { UnsafeBufferPointer($0) })
    }

    @Test func blocksGiveTheNumbersOfOnePassAndThePlainMeans() throws {
        let design = try PotentialOutcomes(treatment: "t", outcome: "y")
        let (whole, headers, columns) = try truth(design, rows: 10_000)
        let blocks = try SampleTruth(design: design, headers: headers)
        for range in [0..<1, 1..<4096, 4096..<9000, 9000..<10_000] { try Self.add(columns, rows: range, to: blocks) }
        #expect(blocks.effects == whole.effects && blocks.averages == whole.averages)

        let t = columns[headers.firstIndex(of: "t")!]
        let y0 = columns[headers.firstIndex(of: "y_0")!], y1 = columns[headers.firstIndex(of: "y_1")!]
        func mean(_ keep: (Int) -> Bool) -> Double {
            let kept = t.indices.filter(keep)
            return kept.reduce(0) { $0 + (y1[$1] - y0[$1]) } / Double(kept.count)
        }
        let effects = try #require(whole.effects)
        #expect(abs(effects.ate - mean { _ in true }) < 1e-12)
        #expect(abs(effects.att - mean { t[$0] == 1 }) < 1e-12)
        #expect(abs(effects.atu - mean { t[$0] == 0 }) < 1e-12)
        #expect(effects.treatedUnits == t.filter { $0 == 1 }.count)
        #expect(abs(whole.averages.mean(1) - y1.reduce(0, +) / 10_000) < 1e-12)
        // The library's treatment effects are this computation.
        #expect(try model.treatmentEffects(treatment: "t", outcome: "y", rows: 10_000, seed: 5) == effects)
    }

    @Test func aNonBinaryTreatmentEndsTheEffectsAtItsRow() throws {
        let (truth, headers, columns) = try truth(PotentialOutcomes(treatment: "x", outcome: "y"), rows: 100)
        #expect(truth.effects == nil)
        let x = columns[headers.firstIndex(of: "x")!]
        let row = x.firstIndex { $0 != 0 && $0 != 1 }! + 1
        #expect(truth.noEffectsReason?.hasPrefix("x is not binary (row \(row) has ") == true, "\(truth.noEffectsReason ?? "")")
        #expect(truth.averages.units == 100)
        #expect(throws: ModelError.self) { try model.treatmentEffects(treatment: "x", outcome: "y", rows: 100, seed: 5) }
    }

    @Test func aGridWithoutZeroAndOneHasOnlyAverages() throws {
        let truth = try truth(PotentialOutcomes(treatment: "t", outcome: "y", values: [0, 0.5]), rows: 50).truth
        #expect(truth.effects == nil)
        #expect(truth.noEffectsReason == "the treatment values do not include both 0 and 1")
        #expect(truth.averages.units == 50 && truth.averages.values == [0, 0.5])
    }

    @Test func missingColumnsAreErrors() throws {
        let design = try PotentialOutcomes(treatment: "t", outcome: "y")
        #expect(throws: ModelError.self) { try SampleTruth(design: design, headers: ["t", "y_0"]) }
    }
}
