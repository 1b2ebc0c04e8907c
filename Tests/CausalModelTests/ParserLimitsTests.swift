import Testing
@testable import CausalModel

/// Hostile sizes in model text: nesting is refused with a located error before
/// it can exhaust the stack, and long runs of `+`/`-`/`*`/`/` parse into shallow
/// trees that evaluate to the same value as the expression written out.
@Suite struct ParserLimitsTests {
    static func nestedCalls(_ depth: Int) -> String {
        "x = " + String(repeating: "abs(", count: depth) + "Normal(0, 1)" + String(repeating: ")", count: depth)
    }

    /// The depth of the deepest path from the root to a leaf.
    static func depth(_ e: Expr) -> Int {
        1 + (e.children.map(depth).max() ?? 0)
    }

    @Test func nestingPastTheLimitIsALocatedError() {
        let limit = ModelFileParser.maximumNestingDepth
        for text in [Self.nestedCalls(10_000),
                     "x = " + String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000),
                     "x = " + String(repeating: "-", count: 50_000) + "1",
                     "x = " + Array(repeating: "2", count: 30_000).joined(separator: " ^ ")] {
            do {
                _ = try ModelFileParser(file: "deep.scm").parse(text)
                Issue.record("nesting of \(text.count) characters was accepted")
            } catch let error as ModelError {
                #expect(error.location?.file == "deep.scm")
                #expect(error.location?.line == 1)
                #expect(error.description.contains("nested more than \(limit) levels"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test func nestingAtTheLimitIsAccepted() throws {
        // The calls are levels 1 … limit − 1 and the noise term's call the last one.
        let model = try ModelFileParser().parse(Self.nestedCalls(ModelFileParser.maximumNestingDepth - 1))
        let x = try model.sample(rows: 4, seed: 3).numbers("x")
        #expect(x.allSatisfy { $0 >= 0 })
    }

    @Test func longSumsAreShallowAndExact() throws {
        let n = 100_000
        // Integers: every partial sum is exact in any order, so the value is exact.
        var terms = "x = 0"
        var expected = 0.0
        for i in 1...n {
            let subtracted = i % 3 == 0
            terms += (subtracted ? " - " : " + ") + String(i)
            expected += subtracted ? -Double(i) : Double(i)
        }
        let model = try ModelFileParser().parse(terms + "\ny = x + Normal(0, 1)")
        let equation = try model.variable(named: "x").equation
        #expect(equation.constantValue == expected)
        #expect(Self.depth(equation) < ChainBuilder.runLength + 20)
    }

    @Test func longProductsAreShallowAndExact() throws {
        // Powers of two multiply and divide exactly in any order.
        let n = 60_000
        let factors = (0..<n).map { i in i % 2 == 0 ? " * 2" : " / 2" }.joined()
        let model = try ModelFileParser().parse("x = 3" + factors + " * 5")
        let equation = try model.variable(named: "x").equation
        #expect(equation.constantValue == 15)
        #expect(Self.depth(equation) < ChainBuilder.runLength + 20)
    }

    @Test func aLongSumOfVariablesSamples() throws {
        let n = 20_000
        let text = "e = Normal(0, 1)\nx = " + Array(repeating: "e", count: n).joined(separator: " + ") + " - e"
        let table = try ModelFileParser().parse(text).sample(rows: 64, seed: 9)
        let e = try table.numbers("e"), x = try table.numbers("x")
        for row in 0..<64 {
            // n − 1 copies of e, up to the rounding of 2·10⁴ additions.
            let exact = Double(n - 1) * e[row]
            let tolerance = 1e-9 * Double(n) * abs(e[row]) + 1e-12
            #expect(abs(x[row] - exact) <= tolerance)
        }
    }

    @Test func shortRunsKeepTheirWrittenOrder() throws {
        // Up to runLength terms the tree is the left-to-right one, bit for bit as written.
        let names = (0..<ChainBuilder.runLength).map { "v\($0)" }
        let text = names.map { "\($0) = Normal(0, 1)" }.joined(separator: "\n") + "\ns = " + names.joined(separator: " + ")
        let equation = try ModelFileParser().parse(text).variable(named: "s").equation
        let leftToRight = names.dropFirst().reduce(Expr.variable(names[0])) { .binary(.add, $0, .variable($1)) }
        #expect(equation == leftToRight)
    }
}
