import CausalModel
import Fitting
import Foundation
import Tabular
import Testing

/// `auto(…; family = NAME)`: the named family is fitted whatever the data would choose, and
/// a column the family cannot describe is an error naming its row.
@Suite struct NamedFamilyTests {
    static func fit(_ skeleton: String, _ columns: [(String, [Double])]) throws -> ModelFit {
        try ModelFit(model: try ModelFileParser().parseParametric(skeleton),
                     data: try Table(numericColumns: columns, source: "data.csv"))
    }

    static func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return "no error"
    }

    /// 0/1 data with a 0/1 parent would be a Bernoulli table; named `linear`, it is the
    /// linear probability model, whose least-squares slope is the difference of the shares.
    @Test func aNamedFamilyOverridesTheDataChoice() throws {
        let x: [Double] = [0, 0, 0, 0, 1, 1, 1, 1, 1, 0]
        let y: [Double] = [0, 1, 0, 0, 1, 1, 0, 1, 1, 0]
        let chosen = try Self.fit("x ~ Bernoulli(0.5)\ny = auto(x)\n", [("x", x), ("y", y)])
        #expect(chosen.variables.map(\.family) == ["bernoulli-table"])
        let linear = try Self.fit("x ~ Bernoulli(0.5)\ny = auto(x; family = linear)\n", [("x", x), ("y", y)])
        #expect(linear.variables.map(\.family) == ["linear-gaussian"])
        let slope = try #require(linear.parameters.first { $0.name == "y_x" }?.summary.mean)
        // P(y = 1 | x = 1) − P(y = 1 | x = 0) = 4/5 − 1/5.
        #expect(abs(slope - 0.6) < 1e-12)
        // Counts with a 0/1 parent would be a categorical table; named `poisson`, they are a log-linear mean.
        let n: [Double] = [0, 2, 1, 0, 3, 4, 2, 5, 3, 1]
        let poisson = try Self.fit("x ~ Bernoulli(0.5)\nn = auto(x; family = poisson)\n", [("x", x), ("n", n)])
        #expect(poisson.variables.map(\.family) == ["poisson"])
    }

    @Test func aColumnTheFamilyCannotDescribeIsNamedByRow() throws {
        let x: [Double] = [0.1, 0.5, -0.3, 1.2, 0.7]
        let logistic = Self.message { _ = try Self.fit("x = Normal(0, 1)\ny = auto(x; family = logistic)\n",
                                                       [("x", x), ("y", [0, 1, 2, 0, 1])]) }
        #expect(logistic.contains("row 3 of column 'y' is 2") && logistic.contains("0 or 1"), "\(logistic)")
        let poisson = Self.message { _ = try Self.fit("x = Normal(0, 1)\nn = auto(x; family = poisson)\n",
                                                      [("x", x), ("n", [0, 1, 2.5, 0, 1])]) }
        #expect(poisson.contains("row 3 of column 'n' is 2.5"), "\(poisson)")
        let level = Self.message { _ = try Self.fit("r ~ Bernoulli(0.5)\nk = auto(r; family = table)\n",
                                                    [("r", [0, 1, 0, 1, 1]), ("k", [0, 3, 12, 1, 2])]) }
        #expect(level.contains("row 3 of column 'k' is 12") && level.contains("not a level"), "\(level)")
        let parent = Self.message { _ = try Self.fit("x = Normal(0, 1)\nk = auto(x; family = table)\n",
                                                     [("x", x), ("k", [0, 1, 2, 1, 0])]) }
        #expect(parent.contains("family = table needs discrete parents") && parent.contains("'x'"), "\(parent)")
    }
}
