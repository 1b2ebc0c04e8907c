import Foundation
import Testing
import BSTS
import Probability
import Tabular
@testable import CausalImpact

/// Events in the refits of a placebo backtest and of the covariate check: each refit
/// carries the calendar onto its own rows, so that it is exactly the analysis of the
/// series cut after its window with the calendar's occurrences on that series.
@Suite struct EventRefitTests {
    /// 120 days from 2024-01-01: a level of 50 with noise (the first 4 days missing), a
    /// covariate tracking it, and a promotion every 16 days (a day before it +2, the day itself +6).
    static let dates = [(1, 31), (2, 29), (3, 31), (4, 29)].flatMap { month, days in
        (1...days).map { String(format: "2024-%02d-%02d", month, $0) }
    }
    static let promotionDays = Array(stride(from: 9, to: 120, by: 16))
    static let calendar = [ImpactEvent(name: "Promo", occurrences: promotionDays.map { dates[$0] }, daysBefore: 1)]

    static func table(rows: Int = 120) throws -> Table {
        let stream = RandomStream(seed: 21, path: [0x6576])
        var x: [Double] = [], y: [Double] = []
        for t in 0..<120 {
            let common = stream.normal()
            x.append(20 + common + 0.5 * stream.normal())
            var value = 50 + 2 * common + stream.normal()
            if promotionDays.contains(t) { value += 6 }
            if promotionDays.contains(t + 1) { value += 2 }
            // The first four responses are missing, so the modelled series (and each refit) starts on row 5.
            y.append(t < 4 ? .nan : value)
        }
        return try Table(names: ["date", "y", "x"],
                         columns: [.text(Array(dates[0..<rows])), .numeric(Array(y[0..<rows])), .numeric(Array(x[0..<rows]))],
                         source: "promotions")
    }

    static func specification() -> ImpactSpecification {
        var spec = ImpactSpecification(pre: .rows(1...100), post: .rows(101...120), response: "y")
        spec.events = calendar
        spec.sampler.iterations = 60
        spec.sampler.seed = 5
        return spec
    }

    @Test func eachPlaceboWindowIsTheAnalysisOfTheCutSeriesWithItsEvents() throws {
        let table = try Self.table(), spec = Self.specification()
        let backtest = try PlaceboBacktest.run(table: table, specification: spec, windows: 3, threads: 2)
        for (j, window) in backtest.results.enumerated() {
            let end = window.post.upperBound, start = window.post.lowerBound
            var direct = ImpactSpecification(pre: .rows(1...start), post: .rows((start + 1)...(end + 1)), response: "y")
            // The same calendar as an analyst of the cut series would write it: its occurrences on that series.
            direct.events = [ImpactEvent(name: "Promo", occurrences: Self.promotionDays.filter { $0 <= end }.map { Self.dates[$0] },
                                         daysBefore: 1)]
            direct.sampler.iterations = 60
            direct.sampler.seed = 5 &+ UInt64(j + 1) &* 0x9E37_79B9_7F4A_7C15
            let summary = try ImpactAnalysis.run(table: try Self.table(rows: end + 1), specification: direct).summary
            #expect(window.averageEffect == summary.average.absoluteEffect, "window \(j + 1)")
            #expect(window.tailProbability == summary.tailProbability, "window \(j + 1)")
        }
        // The events matter: without them the windows' estimates differ.
        var plain = spec
        plain.events = []
        let without = try PlaceboBacktest.run(table: table, specification: plain, windows: 3, threads: 2)
        #expect(without.results.map(\.averageEffect) != backtest.results.map(\.averageEffect))
    }

    /// A calendar that lists a date twice gives the analysis of the calendar that lists it once.
    @Test func aDateListedTwiceCountsOnce() throws {
        let table = try Self.table()
        var once = Self.specification(), twice = once
        twice.events[0].occurrences.insert(Self.dates[Self.promotionDays[2]], at: 0)
        let a = try ImpactAnalysis.run(table: table, specification: once).summary
        let b = try ImpactAnalysis.run(table: table, specification: twice).summary
        #expect(a.average.absoluteEffect == b.average.absoluteEffect && a.tailProbability == b.tailProbability)
        once.events = []
        #expect(try ImpactAnalysis.run(table: table, specification: once).summary.average.absoluteEffect
                != a.average.absoluteEffect)
    }

    @Test func theCovariateCheckAnalysesEachCovariateWithTheEvents() throws {
        let table = try Self.table(), spec = Self.specification()
        let shift = try #require(try CovariateShift.check(table: table, specification: spec).first)
        var direct = spec
        direct.response = "x"
        direct.model.priorLevelSD = CovariateShift.wanderingLevelSD
        let single = try Table(names: ["date", "x"], columns: [table.columns[0], table.columns[2]], source: "x")
        let summary = try ImpactAnalysis.run(table: single, specification: direct).summary
        #expect(shift.effect == summary.average.absoluteEffect)
        #expect(shift.tailProbability == summary.tailProbability)
    }
}
