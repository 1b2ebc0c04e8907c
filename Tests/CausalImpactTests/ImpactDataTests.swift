import Foundation
import Testing
import BSTS
import Tabular
@testable import CausalImpact

/// Data preparation rules (NOTES §1, §6, §7).
@Suite struct ImpactDataTests {
    static func prepare(_ csv: String, pre: String, post: String, response: String? = nil,
                        priors: PriorPreset = .causalImpact) throws -> ImpactData {
        let table = try CSVReader.parse(csv, source: "data.csv")
        var spec = try ImpactSpecification(parsingPre: pre, post: post, response: response, in: table)
        spec.model.priors = priors
        return try ImpactData(table: table, specification: spec)
    }

    @Test func responseIsTheFirstNumericColumnAndTheRestAreCovariates() throws {
        let data = try Self.prepare("t,y,x1,x2\n1,1,5,7\n2,2,6,8\n3,4,8,7\n4,9,9,9\n", pre: "1:3", post: "4:4")
        #expect(data.responseName == "y")
        #expect(data.covariateNames == ["x1", "x2"])
        #expect(data.timeIndex?.name == "t")
        let chosen = try Self.prepare("t,y,x1,x2\n1,1,5,7\n2,2,6,8\n3,4,8,7\n4,9,9,9\n", pre: "1:3", post: "4:4",
                                      response: "x1")
        #expect(chosen.responseName == "x1")
        #expect(chosen.covariateNames == ["y", "x2"])
    }

    @Test func aTextDateColumnIsTheTimeIndexAndNamesThePeriods() throws {
        let csv = "Date,sales,ads\n2024-01-01,1,5\n2024-01-02,2,6\n2024-01-03,4,8\n2024-01-04,3,9\n2024-01-05,9,9\n"
        let data = try Self.prepare(csv, pre: "2024-01-01:2024-01-04", post: "2024-01-05:2024-01-05")
        #expect(data.responseName == "sales")
        #expect(data.covariateNames == ["ads"])
        #expect(data.pre == 0...3)
        #expect(data.post == 4...4)
        // With a time index, row numbers are not read.
        #expect(throws: ImpactError.self) { try Self.prepare(csv, pre: "1:2024-01-04", post: "2024-01-05:2024-01-05") }
    }

    @Test func timesOfDayMayHoldColons() throws {
        let csv = "time,y\n09:00,1\n10:00,2\n11:00,4\n12:00,3\n13:00,9\n"
        let data = try Self.prepare(csv, pre: "09:00:12:00", post: "13:00:13:00")
        #expect(data.pre == 0...3 && data.post == 4...4)
    }

    @Test func aNumericTimeIndexIsLookedUp() throws {
        let csv = "time,y\n2001,1\n2002,2\n2003,4\n2004,3\n2005,9\n"
        let data = try Self.prepare(csv, pre: "2001:2004", post: "2005:2005")
        #expect(data.pre == 0...3 && data.post == 4...4)
        #expect(data.covariateNames.isEmpty)
    }

    /// Regression: plain integers from 1 to n were read as row numbers even with a numeric
    /// time index, which shifted the periods by the index's offset without a word.
    @Test func aNumericTimeIndexOverlappingTheRowNumbersIsStillLookedUp() throws {
        let y = (0..<10).map { "\($0 % 3 + $0)" }
        let fromTwo = "t,y\n" + (0..<10).map { "\($0 + 2),\(y[$0])" }.joined(separator: "\n") + "\n"
        let shifted = try Self.prepare(fromTwo, pre: "2:8", post: "9:11")
        #expect(shifted.pre == 0...6 && shifted.post == 7...9)
        let fromZero = "t,y\n" + (0..<10).map { "\($0),\(y[$0])" }.joined(separator: "\n") + "\n"
        let zero = try Self.prepare(fromZero, pre: "0:6", post: "7:9")
        #expect(zero.pre == 0...6 && zero.post == 7...9)
        // Where t equals the row number, both readings agree (the reference data sets).
        let fromOne = "t,y\n" + (0..<10).map { "\($0 + 1),\(y[$0])" }.joined(separator: "\n") + "\n"
        #expect(try Self.prepare(fromOne, pre: "1:7", post: "8:10").post == 7...9)
    }

    @Test func leadingMissingResponsesMoveThePreperiodStart() throws {
        let data = try Self.prepare("y\nNA\nNA\n1\n2\n4\n3\n10\n", pre: "1:6", post: "7:7")
        #expect(data.requestedPre == 0...5)
        #expect(data.pre == 2...5)
        #expect(data.modelRows == 2...6)
        #expect(data.modelResponse.count == 5)
    }

    @Test func standardisationUsesThePreperiodOnly() throws {
        // Pre-period y: 1, 2, 3 (mean 2, sd 1); x: 10, 20, 30 (mean 20, sd 10).
        let data = try Self.prepare("y,x\n1,10\n2,20\n3,30\n100,1000\n", pre: "1:3", post: "4:4")
        #expect(data.responseScale == Standardization(mean: 2, sd: 1))
        #expect(Array(data.modelResponse[0..<3]) == [-1, 0, 1])
        #expect(data.modelResponse[3].isNaN)
        #expect(data.modelCovariates == [[-1, 0, 1, 98]])
    }

    @Test func missingPreperiodValuesAreIgnoredByTheStandardisation() throws {
        // Observed pre-period y: 2, 6 and 4 → mean 4, sd 2.
        let data = try Self.prepare("y\n2\nNA\n6\n4\n9\n", pre: "1:4", post: "5:5")
        #expect(data.responseScale == Standardization(mean: 4, sd: 2))
        #expect(data.modelResponse[1].isNaN)
    }

    @Test func aConstantCovariateIsOnlyCentred() throws {
        let data = try Self.prepare("y,x\n1,5\n2,5\n3,5\n4,7\n", pre: "1:3", post: "4:4")
        #expect(data.modelCovariates == [[0, 0, 0, 2]])
    }

    @Test func bstsPriorsMeanNoStandardisation() throws {
        let data = try Self.prepare("y,x\n1,10\n2,20\n3,30\n100,1000\n", pre: "1:3", post: "4:4", priors: .bsts)
        #expect(data.responseScale == .identity)
        #expect(Array(data.modelResponse[0..<3]) == [1, 2, 3])
        #expect(data.modelCovariates == [[10, 20, 30, 1000]])
    }

    @Test func theResponseAfterThePreperiodIsHidden() throws {
        let data = try Self.prepare("y,x\n1,1\n2,2\n3,3\n7,4\n8,5\n9,6\n", pre: "1:3", post: "5:6")
        #expect(data.modelResponse.count == 6)
        #expect(data.modelResponse[3...].allSatisfy { $0.isNaN })
        #expect(data.modelCovariates[0].allSatisfy { $0.isFinite })
    }
}

/// Time points that are not evenly spaced are found, in days for ISO dates.
@Suite struct TimeIndexSpacingTests {
    @Test func isoDaysCountDaysAsTheCalendarDoes() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let epoch = try #require(calendar.date(from: DateComponents(year: 1970, month: 1, day: 1)))
        let labels = ["1970-01-01", "2000-02-29", "2000-03-01", "1900-03-01", "2024-12-31", "1601-01-01", "2400-02-29"]
        let days = try #require(TimeIndex.isoDays(labels))
        for (label, day) in zip(labels, days) {
            let parts = label.split(separator: "-").compactMap { Int($0) }
            let date = try #require(calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])))
            let expected = try #require(calendar.dateComponents([.day], from: epoch, to: date).day)
            #expect(day == Double(expected), "\(label)")
        }
        #expect(TimeIndex.isoDays(["2024-1-01"]) == nil && TimeIndex.isoDays(["2024-13-01"]) == nil)
    }

    @Test func aMissingDayIsFoundAndWarnedAbout() throws {
        let dates = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-05", "2024-01-06", "2024-01-07"]
        let index = TimeIndex(name: "date", column: .text(dates))
        let uneven = try #require(index.unevenStep)
        #expect(uneven.row == 3 && uneven.step == 2 && uneven.usual == 1)
        let csv = "date,y\n" + dates.enumerated().map { "\($0.element),\(Double($0.offset % 3) + 1)" }.joined(separator: "\n")
        let data = try ImpactDataTests.prepare(csv, pre: "2024-01-01:2024-01-05", post: "2024-01-06:2024-01-07")
        #expect(ImpactWarning.model(ModelOptions(), data: data) == [.unevenTimeIndex(
            column: "date", previous: "2024-01-03", label: "2024-01-05", step: "2 days", usual: "1 day")])
        // Evenly spaced years and weeks raise nothing.
        #expect(TimeIndex(name: "t", column: .numeric([1990, 1991, 1992, 1993])).unevenStep == nil)
        #expect(TimeIndex(name: "date", column: .text(["2024-01-01", "2024-01-08", "2024-01-15"])).unevenStep == nil)
        #expect(TimeIndex(name: "t", column: .numeric([1, 2, 4, 5, 6])).unevenStep?.row == 2)
    }
}
