import Foundation
import Reporting
import Testing

/// JSON, numbers for people and aligned tables: the one reporting module.
struct JSONValueTests {
    /// A document with every kind of value, nested.
    static let document = JSONValue.object([
        ("zeta", .number(0.15000000000000002)), ("alpha", .integer(-3)), ("seed", .unsigned(UInt64.max)),
        ("flags", .array([.bool(true), .bool(false), .null])), ("empty", .array([])), ("none", .object([])),
        ("nested", .object([("b", .strings(["x/y", "é"])), ("a", .numbers([1, 2.5, 1e-7, 1e20]))])),
        ("rows", .array([.object([("k", .number(5))]), .object([("k", .number(-0.5))])])),
    ])

    @Test func sortedLayoutIsFoundationsPrettySortedText() throws {
        // An independent writer: Foundation's JSONSerialization with the same options the
        // documents were first written with (slashes unescaped, as every document writes them).
        let foundation: [String: Any] = [
            "zeta": 0.15000000000000002, "alpha": -3, "seed": UInt64.max, "flags": [true, false, NSNull()],
            "empty": [Any](), "none": [String: Any](),
            "nested": ["b": ["x/y", "é"], "a": [1, 2.5, 1e-7, 1e20]] as [String: Any],
            "rows": [["k": 5], ["k": -0.5]],
        ]
        let data = try JSONSerialization.data(withJSONObject: foundation,
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        #expect(Self.document.rendered(.sortedKeys) == String(decoding: data, as: UTF8.self))
    }

    @Test func compactLayoutKeepsTheGivenOrderAndScalarArraysOnOneLine() {
        let text = JSONValue.object([("b", .numbers([1, .nan, 0.5, .infinity])), ("a", .object(["c": .string(nil)]))])
            .rendered()
        #expect(text == "{\n  \"b\": [1, null, 0.5, null],\n  \"a\": {\n    \"c\": null\n  }\n}")
    }

    @Test func bothLayoutsParseToTheSameValues() throws {
        let compact = try JSONSerialization.jsonObject(with: Data(Self.document.rendered().utf8)) as? NSDictionary
        let sorted = try JSONSerialization.jsonObject(with: Data(Self.document.rendered(.sortedKeys).utf8)) as? NSDictionary
        #expect(compact != nil && compact == sorted)
    }

    @Test func stringsAreEscapedAndMissingValuesAreNull() {
        #expect(JSONValue.string("a\"b\\c\nd\u{1}\te").rendered() == "\"a\\\"b\\\\c\\nd\\u0001\\te\"")
        #expect(JSONValue.number(nil).rendered() == "null")
        #expect(JSONValue.number(-.infinity).rendered() == "null")
        #expect(JSONValue.optional(nil as Int?, JSONValue.integer).rendered() == "null")
    }

    @Test func numbersReadBackExactly() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1000 {
            let x = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF) * (Bool.random() ? 1 : -1)
            let text = JSONValue.number(x).rendered()
            #expect(Double(text) == x, "\(x) written as \(text)")
        }
        #expect(JSONValue.number(70).rendered() == "70")
        #expect(JSONValue.number(1e20).rendered() == "1e+20")
    }
}

struct NumberFormattingTests {
    @Test func roundingFollowsRsFormatWithTwoDigits() {
        // Pairs from R's printed summaries (canonical, large_sparse, canonical_bsts_priors).
        #expect(NumberFormatting.common([9.78550000873596, 293.565000262079], digits: 2) == ["9.8", "293.6"])
        #expect(NumberFormatting.common([11.2034295838384, 336.102887515152], digits: 2) == ["11", "336"])
        #expect(NumberFormatting.common([0.349413099599515, 10.4823929879854], digits: 2) == ["0.35", "10.48"])
        #expect(NumberFormatting.common([0.797, 159.3], digits: 2) == ["0.8", "159.3"])
        #expect(NumberFormatting.common([9.97, 9.97], digits: 2) == ["10", "10"])
        #expect(NumberFormatting.common([-0.1458, -4.374], digits: 2) == ["-0.15", "-4.37"])
        #expect(NumberFormatting.common([.nan, 1.234], digits: 2) == ["NA", "1.2"])
    }

    @Test func probabilitiesKeepTheirSignificantDigits() {
        #expect(NumberFormatting.probability(0.00100704934541793) == "0.00101")
        #expect(NumberFormatting.probability(0.400805639476334) == "0.401")
        #expect(NumberFormatting.complementPercent(0.00100704934541793) == "99.899%")
        #expect(NumberFormatting.complementPercent(0.400805639476334) == "59.9%")
        #expect(NumberFormatting.level(0.05) == "95%")
        #expect(NumberFormatting.level(0.025) == "97.5%")
        #expect(NumberFormatting.grouped(3511.4555, decimals: 0) == "3,511")
        #expect(NumberFormatting.grouped(-1234567.891, decimals: 1) == "-1,234,567.9")
        #expect(NumberFormatting.grouped(999.5, decimals: 1) == "999.5")
    }

    @Test func significantDigitsAndCounts() {
        #expect(NumberFormatting.significant(5) == "5")
        #expect(NumberFormatting.significant(0.049731) == "0.04973")
        #expect(NumberFormatting.significant(123456.7) == "123457")
        #expect(NumberFormatting.significant(2.5e-7) == "2.500e-07")
        #expect(NumberFormatting.significant(nil) == "—")
        #expect(NumberFormatting.significant(-0.00001234, digits: 2) == "-1.2e-05")
        #expect(NumberFormatting.general(1.0 / 3) == "0.333333")
        #expect(NumberFormatting.general(1_200_000) == "1200000")
        #expect(NumberFormatting.count(1, "row") == "1 row")
        #expect(NumberFormatting.count(0, "row") == "0 rows")
        #expect(NumberFormatting.percent(0.95) == "95.0%")
        #expect(NumberFormatting.seconds(0.00123) == "0.0012")
        #expect(NumberFormatting.seconds(12.34) == "12.3")
    }
}

struct TextTableTests {
    @Test func columnsAlignLeftThenRight() {
        let table = TextTable(rows: [["name", "bias"], ["ipw", "0.12"], [], ["aipw", "-1"]], leftAligned: 1, indent: "  ")
        #expect(table.lines() == ["  name  bias", "  ipw   0.12", "", "  aipw    -1"])
    }

    @Test func trailingSpacesDroppedUnlessTheLastColumnIsPadded() {
        let rows = [["a", "long", "x"], ["bb", "s", ""]]
        #expect(TextTable(rows: rows).lines() == ["a   long  x", "bb  s"])
        #expect(TextTable(rows: rows, gap: "   ", padsLastColumn: true).lines() == ["a    long   x   ", "bb   s          "])
    }

    @Test func ruleUnderTheHeader() {
        let lines = TextTable(rows: [["what", "s"], ["sampling", "0.5"]], leftAligned: 1, rulesHeader: true).lines()
        #expect(lines == ["what        s", "--------  ---", "sampling  0.5"])
    }
}
