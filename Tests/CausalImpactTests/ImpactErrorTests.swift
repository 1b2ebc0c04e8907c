import Testing
import Tabular
@testable import CausalImpact

/// Every kind of bad input gets a typed error whose message names the place.
@Suite struct ImpactErrorTests {
    static let good = "t,y,x\n1,1,5\n2,2,6\n3,4,8\n4,3,9\n5,9,9\n6,8,7\n"

    static func message(_ csv: String = good, pre: String = "1:4", post: String = "5:6", response: String? = nil,
                        configure: (inout ImpactSpecification) -> Void = { _ in }) -> String {
        do {
            let table = try CSVReader.parse(csv, source: "data.csv")
            var spec = try ImpactSpecification(parsingPre: pre, post: post, response: response, in: table)
            configure(&spec)
            _ = try ImpactData(table: table, specification: spec)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func nonNumericCells() {
        #expect(Self.message("y,region\n1,north\n2,south\n3,east\n4,west\n") ==
            "data.csv: column 'region' is not numeric ('north' on row 1); only a time index named t, time or date may hold text")
        // A number column with a word further down is caught by the CSV reader, with its line.
        #expect(Self.message("y,x\n1,1\n2,2\n3,oops\n4,4\n5,5\n") ==
            "data.csv, line 4 (row 3), column 'x': 'oops' is not a number")
    }

    @Test func infiniteValues() {
        #expect(Self.message("y,x\n1,5\n2,6\n4,inf\n3,9\n9,9\n8,7\n") ==
            "data.csv: column 'x' holds an infinite value on row 3")
    }

    @Test func unknownResponseColumn() {
        #expect(Self.message(response: "sales") == "data.csv: no column named 'sales' (columns: t, y, x)")
    }

    @Test func noNumericColumn() {
        #expect(Self.message("date\n2024-01-01\n2024-01-02\n") == "data.csv: no numeric column to use as the response")
    }

    @Test func shortPreperiod() {
        #expect(Self.message(pre: "1:2", post: "3:6") ==
            "the pre-period (rows 1 to 2) has 2 rows; it needs at least 3")
    }

    @Test func overlappingAndReversedPeriods() {
        #expect(Self.message(pre: "1:4", post: "4:6") ==
            "the post-period (rows 4 to 6) must start after the pre-period ends (row 4)")
        #expect(Self.message(pre: "1:4", post: "2:3") ==
            "the post-period (rows 2 to 3) must start after the pre-period ends (row 4)")
        #expect(Self.message(pre: "4:1", post: "5:6") == "pre-period '4:1': it ends (row 1) before it starts (row 4)")
    }

    @Test func unreadablePeriods() {
        #expect(Self.message(pre: "1-4") == "pre-period '1-4': expected START:END, the first and last rows (inclusive)")
        #expect(Self.message(post: "5:60") ==
            "post-period '5:60': '60' is not a value of the time index 't' (1 to 6); with a time index, periods are "
            + "given in its values, not in row numbers")
        #expect(Self.message("y\n1\n2\n3\n4\n", pre: "0:3", post: "4:4") == "pre-period '0:3': '0' is not a row number (1 to 4)")
        #expect(Self.message("y\n1\n2\n3\n", pre: "1:3", post: "3:3") ==
            "data.csv: 3 rows; an impact analysis needs at least 4 (3 in the pre-period and 1 after it)")
        #expect(Self.message(pre: "1:", post: "5:6") ==
            "pre-period '1:': expected START:END, the first and last rows (inclusive)")
    }

    @Test func missingPostperiodResponse() {
        #expect(Self.message("y,x\n1,5\n2,6\n4,8\n3,9\nNA,9\n8,7\n") ==
            "data.csv: the response 'y' is missing on row 5, in the post-period; missing responses are allowed only in the pre-period")
    }

    @Test func missingCovariate() {
        #expect(Self.message("y,x\n1,5\n2,NA\n4,8\n3,9\n9,9\n8,7\n") ==
            "data.csv: covariate 'x' is missing on row 2; covariates must be complete over the pre- and post-periods")
        // Outside the analysed rows a missing covariate does no harm.
        #expect(Self.message("y,x\n1,5\n2,6\n4,8\n3,9\n9,9\n8,NA\n", post: "5:5") == "no error")
    }

    @Test func tooFewIterations() {
        #expect(Self.message { $0.sampler.iterations = 9 } == "--niter 9: must be at least 10")
    }

    @Test func alphaOutsideTheUnitInterval() {
        #expect(Self.message { $0.alpha = 0 } == "--alpha 0.0: must lie strictly between 0 and 1")
        #expect(Self.message { $0.alpha = 1.5 } == "--alpha 1.5: must lie strictly between 0 and 1")
    }

    @Test func otherModelOptions() {
        #expect(Self.message { $0.sampler.chains = 0 } == "--chains 0: must be at least 1")
        #expect(Self.message { $0.model.seasons = 0 } == "--seasons 0: must be at least 1")
        #expect(Self.message { $0.model.seasonDuration = 0 } == "--season-duration 0: must be at least 1")
    }
}
