import Foundation
import Testing
import Probability
import Tabular
import TestSupport
@testable import CausalModel

/// BIF networks as models, against pgmpy's exact answers (Reference/g2_*.json).
@Suite struct BIFTests {
    static func network(_ name: String) throws -> BayesianNetwork {
        try BayesianNetwork(bif: try ReferenceFile.text(name, extension: "bif"), file: "\(name).bif")
    }

    /// One stated query: the queried variables, the do-assignments and the distribution,
    /// with state names turned into their codes (positions in the BIF's state lists).
    struct Query {
        let variables: [String]
        let interventions: [Intervention]
        let distribution: [(codes: [Double], p: Double)]
    }

    static func queries(_ name: String, in network: BayesianNetwork) throws -> [Query] {
        let reference = try ReferenceFile.json("g2_\(name)")
        let states = network.stateNames
        func code(_ variable: String, _ state: Any) -> Double {
            Double(states[variable]!.firstIndex(of: state as! String)!)
        }
        var queries: [Query] = []
        // Observational marginals: queries with no intervention.
        for (variable, marginal) in reference["observational_marginals"] as! [String: [String: Double]] {
            queries.append(Query(variables: [variable], interventions: [],
                                 distribution: marginal.map { ([code(variable, $0.key)], $0.value) }))
        }
        for q in reference["interventional_queries"] as! [[String: Any]] {
            let variables = q["variables"] as! [String]
            let interventions = (q["do"] as! [String: String]).sorted { $0.key < $1.key }
                .map { Intervention.set($0.key, to: code($0.key, $0.value)) }
            let distribution = (q["distribution"] as! [[String: Any]]).map { entry in
                let assignment = entry["assignment"] as! [String: String]
                return (variables.map { code($0, assignment[$0]!) }, entry["p"] as! Double)
            }
            queries.append(Query(variables: variables, interventions: interventions, distribution: distribution))
        }
        return queries
    }

    /// The model with one more variable coding the joint value of `variables`
    /// (mixed radix), so that a joint probability is the probability of one value.
    static func withJointCode(_ model: StructuralCausalModel, _ variables: [String], radices: [Int]) throws
        -> StructuralCausalModel {
        var code = Expr.constant(0)
        for (v, radix) in zip(variables, radices) {
            code = .binary(.add, .binary(.multiply, code, .constant(Double(radix))), .variable(v))
        }
        return try StructuralCausalModel(variables: model.variables + [Variable(name: "joint_code", equation: code)],
                                         noiseTerms: model.noiseTerms)
    }

    /// ASIA and SACHS: every marginal and every interventional probability pgmpy
    /// states, by the library's exact enumeration of the model's uniform noise.
    ///
    /// SACHS's rows are printed to 7–10 digits and sum to 1 only within 8e-8; the
    /// model normalises each row (a uniform ε is cut into intervals), pgmpy computes
    /// with the printed numbers. A probability is a sum of products of one entry per
    /// table, so the two differ by at most about (number of tables) × (largest
    /// deviation of a row sum from 1): that, plus rounding, is the tolerance.
    @Test(arguments: ["asia", "sachs"])
    func exactAnswersMatchPgmpy(_ name: String) throws {
        let network = try Self.network(name)
        let model = try network.structuralCausalModel()
        let states = network.stateNames
        let rowError = network.nodes.flatMap(\.table).map { abs($0.reduce(0, +) - 1) }.max() ?? 0
        let tolerance = Double(network.nodes.count) * rowError + 1e-12
        for query in try Self.queries(name, in: network) {
            let radices = query.variables.map { states[$0]!.count }
            let joint = try Self.withJointCode(model, query.variables, radices: radices)
            for (codes, p) in query.distribution {
                let value = zip(codes, radices).reduce(0.0) { $0 * Double($1.1) + $1.0 }
                let estimate = try joint.counterfactualProbability(that: "joint_code", equals: value, given: Evidence(),
                                                                   doing: query.interventions)
                #expect(estimate.method == .enumeration)
                #expect(abs(estimate.value - p) <= tolerance, "\(name) \(query.variables) do \(query.interventions): \(estimate.value) vs \(p)")
            }
        }
    }

    /// ALARM (37 variables, too many cells to enumerate): a sample of each intervened
    /// model; every stated probability within 5 binomial standard errors (a
    /// probability of 0 or 1 exactly).
    @Test func alarmSampleMatchesPgmpy() throws {
        let network = try Self.network("alarm")
        let model = try network.structuralCausalModel()
        let rows = 20_000
        let queries = try Self.queries("alarm", in: network).filter { !$0.interventions.isEmpty }
        #expect(queries.count == 10)
        for (seed, query) in queries.enumerated() {
            let table = try model.intervening(query.interventions).sample(rows: rows, seed: UInt64(100 + seed))
            let columns = try query.variables.map { try table.numbers($0) }
            for (codes, p) in query.distribution {
                var hits = 0
                for r in 0..<rows where zip(columns, codes).allSatisfy({ $0.0[r] == $0.1 }) { hits += 1 }
                let share = Double(hits) / Double(rows)
                let se = (p * (1 - p) / Double(rows)).squareRoot()
                let check = withinStandardErrors(share, p, standardError: se, z: 5)
                #expect(check.ok, "alarm \(query.variables) do \(query.interventions) = \(codes): \(check.message)")
            }
        }
    }

    /// BIF → network → model → network → BIF gives back the same network, number for
    /// number, and the written text reads back as itself.
    @Test(arguments: ["asia", "sachs", "alarm"])
    func roundTripIsExact(_ name: String) throws {
        let network = try Self.network(name)
        let model = try network.structuralCausalModel()
        let back = try BayesianNetwork(model: model, name: network.name, states: network.stateNames)
        #expect(back == network)
        let text = network.bif
        let reread = try BayesianNetwork(bif: text)
        #expect(reread == network)
        #expect(reread.bif == text)
    }

    /// Numbers read from the file as printed there (asia.bif: dysp given bronc = no, either = yes).
    @Test func tablesAreReadInTheFilesOrder() throws {
        let asia = try Self.network("asia")
        let dysp = try #require(asia.node(named: "dysp"))
        #expect(dysp.parents == ["bronc", "either"])
        #expect(dysp.table == [[0.9, 0.1], [0.8, 0.2], [0.7, 0.3], [0.1, 0.9]])
        #expect(asia.node(named: "asia")?.table == [[0.01, 0.99]])
        #expect(asia.node(named: "asia")?.states == ["yes", "no"])
    }

    static let small = """
        network tiny {
        }
        variable A {
          type discrete [ 2 ] { a0, a1 };
          property position = (1, 2);
        }
        variable B {
          type discrete [ 3 ] { low, mid, high };
        }
        probability ( A ) {
          table 0.25 0.75;
        }
        probability ( B | A ) {
          (a1) 0.2, 0.3, 0.5;
          default 0.6, 0.3, 0.1;
        }
        """

    /// `default` rows, `table` without commas, properties and the table form with parents.
    @Test func defaultRowsAndTableForms() throws {
        let tiny = try BayesianNetwork(bif: Self.small)
        #expect(tiny.name == "tiny")
        #expect(tiny.node(named: "B")?.table == [[0.6, 0.3, 0.1], [0.2, 0.3, 0.5]])
        let tableForm = Self.small.replacingOccurrences(of: "(a1) 0.2, 0.3, 0.5;\n  default 0.6, 0.3, 0.1;",
                                                        with: "table 0.6, 0.3, 0.1, 0.2, 0.3, 0.5; // a0 then a1")
        #expect(try BayesianNetwork(bif: tableForm) == tiny)
        // The model: B's probabilities switch with A, coded 0 = a0, 1 = a1.
        let model = try tiny.structuralCausalModel()
        let p = try model.counterfactualProbability(that: "B", equals: 2, given: Evidence(), doing: [.set("A", to: 1)])
        #expect(abs(p.value - 0.5) < 1e-15)
    }

    /// The error for `text`, as one line.
    static func error(_ text: String) -> String {
        do {
            _ = try BayesianNetwork(bif: text, file: "bad.bif")
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func badFilesAreErrorsNamingTheLine() {
        let rowSum = Self.error(Self.small.replacingOccurrences(of: "(a1) 0.2, 0.3, 0.5;", with: "(a1) 0.2, 0.3, 0.4;"))
        #expect(rowSum.hasPrefix("bad.bif:14:"), "\(rowSum)")
        #expect(rowSum.contains("sum to 0.9"), "\(rowSum)")
        let state = Self.error(Self.small.replacingOccurrences(of: "(a1)", with: "(a2)"))
        #expect(state.hasPrefix("bad.bif:14:") && state.contains("'A' has no state 'a2'"), "\(state)")
        let cycle = Self.error(Self.small.replacingOccurrences(of: "probability ( A ) {\n  table 0.25 0.75;",
                                                               with: "probability ( A | B ) {\n  default 0.25 0.75;"))
        #expect(cycle.contains("cycle") && cycle.hasPrefix("bad.bif:"), "\(cycle)")
        let missingTable = Self.error(Self.small.replacingOccurrences(of: "probability ( A ) {\n  table 0.25 0.75;\n}", with: ""))
        #expect(missingTable == "bad.bif:3:1: variable 'A' has no probability block", "\(missingTable)")
        let twice = Self.error(Self.small.replacingOccurrences(of: "B | A", with: "B | A, A"))
        #expect(twice.hasPrefix("bad.bif:13:") && twice.contains("'A' is named twice among the parents of 'B'"), "\(twice)")
        let undeclared = Self.error(Self.small.replacingOccurrences(of: "B | A", with: "B | C"))
        #expect(undeclared.hasPrefix("bad.bif:13:") && undeclared.contains("'C' is not a declared variable"), "\(undeclared)")
        let missingRow = Self.error(Self.small.replacingOccurrences(of: "  default 0.6, 0.3, 0.1;\n", with: ""))
        #expect(missingRow.contains("no row for (a0)"), "\(missingRow)")
        let length = Self.error(Self.small.replacingOccurrences(of: "table 0.25 0.75", with: "table 0.25 0.5 0.25"))
        #expect(length.hasPrefix("bad.bif:11:") && length.contains("3 probabilities"), "\(length)")
        let states = Self.error(Self.small.replacingOccurrences(of: "[ 3 ]", with: "[ 4 ]"))
        #expect(states.hasPrefix("bad.bif:8:") && states.contains("declares 4 states but lists 3"), "\(states)")
        #expect(Self.error("network x {\n}\nvariable A {") == "bad.bif:3:12: expected 'property' or '}', found the end of the file")
    }

    /// A discrete model that did not come from BIF: its tables are computed from its mechanisms.
    @Test func discreteModelsWriteTheirTables() throws {
        let model = try ModelFileParser().parse("""
            t ~ Bernoulli(0.3)
            y ~ Categorical(0.5, 0.5 * t, 0.5)
            z ~ Binomial(2, ifelse(y == 2, 0.5, 0.1))
            """)
        let network = try BayesianNetwork(model: model)
        #expect(network.node(named: "t")?.table == [[0.7, 0.3]])
        #expect(network.node(named: "y")?.table == [[0.5, 0, 0.5], [0.5 / 1.5, 0.5 / 1.5, 0.5 / 1.5]])
        let z = try #require(network.node(named: "z"))
        #expect(z.table.count == 3 && z.table[2] == [0.25, 0.5, 0.25])
        #expect(abs(z.table[0][2] - 0.01) < 1e-15)
        #expect(z.states == ["0", "1", "2"])
        let continuous = try ModelFileParser().parse("x = Normal(0, 1)\ny ~ Bernoulli(logistic(x))\n")
        #expect(throws: ModelError.self) { try BayesianNetwork(model: continuous) }
    }

    /// The evaluator's per-row Categorical kernel is `Categorical.quantile`, at and around every cut point.
    @Test func categoricalKernelIsTheConvention() throws {
        for weights in [[0.2, 0.3, 0.5], [0.0, 1, 0, 2], [0.1, 0.2, 0.3, 0.4, 0.0], [1e-300, 1, 0]] {
            let d = try Categorical(weights: weights)
            var points = [0.0, 1e-12, 0.5, 1]
            for c in d.cumulative { points += [c, c.nextDown, c.nextUp] }
            for e in points where e >= 0 && e <= 1 {
                #expect(DistributionFamily.categoricalValue(e, count: weights.count, weight: { weights[$0] }) == d.quantile(e))
            }
        }
        #expect(DistributionFamily.categoricalValue(0.5, count: 2, weight: { [0.5, -1][$0] }) == nil)
        #expect(DistributionFamily.categoricalValue(0.5, count: 2, weight: { _ in 0 }) == nil)
    }
}
