import CausalModel
import Foundation
import GSL
import Probability
import Tabular

/// The posterior of a parametric model's unknowns given data: what `whatif fit` computes.
///
/// Each variable whose mechanism reads parameters must be linear in them with one
/// additive Normal noise term (`LinearMechanism`), its posterior computed exactly
/// where conjugate, by Gibbs sampling otherwise (`LinearGaussianPosterior`); or a
/// logistic or Poisson mechanism with a linear predictor (`GeneralizedLinearMechanism`),
/// its posterior sampled by Metropolis–Hastings (`GeneralizedLinearPosterior`). An
/// automatic mechanism (`y = auto(x, z)`) takes its family from the data: a 0/1 variable
/// whose parents are discrete gets a table of Bernoulli probabilities with Beta(1, 1)
/// priors (`BernoulliTable`, exact), one with 3 to 10 levels coded 0 … K − 1 a table of
/// Categorical probabilities with Dirichlet(1, …, 1) priors (`CategoricalTable`, exact);
/// another 0/1 variable a logistic mechanism, a count
/// a Poisson one; any other variable a linear-Gaussian mechanism with an intercept and
/// flat priors (exact); one that names `family = trees` a boosted-tree regression plus
/// Normal noise (`TreeMechanism`, a point fit). `sampling` sets the chains' lengths
/// wherever one is sampled. Mechanisms
/// are fitted one at a time: given the data, the likelihood factorises over variables,
/// and every parameter belongs to one mechanism, so the joint posterior is the product.
///
///     let skeleton = try ModelFileParser().parseParametric(text)
///     let fit = try ModelFit(model: skeleton, data: table, seed: 1)
///     let fitted = try fit.posteriorMeanModel()   // a StructuralCausalModel
public struct ModelFit: Sendable {
    /// The fit of one variable's mechanism.
    public struct VariableFit: Sendable {
        /// The variable.
        public let variable: String
        /// The mechanism family: "linear-gaussian", "bernoulli-table", "categorical-table", "logistic",
        /// "poisson" or "boosted-trees".
        public let family: String
        /// How its posterior was computed.
        public let method: String
        /// Rows used.
        public let rows: Int
        /// Log-likelihood of the data at the posterior means.
        public let logLikelihood: Double
        /// R² = 1 − Σ residual² / Σ (y − ȳ)² (Gaussian families).
        public let rSquared: Double?
        /// The share of rows whose more probable value (p > ½) is the observed one (0/1 families).
        public let accuracy: Double?
        /// Residual normality, the noise check of Gaussian families.
        public let residualCheck: ResidualCheck?
        /// Calibration (logistic) or dispersion (Poisson), the noise check of those families.
        public internal(set) var calibration: CalibrationCheck? = nil
    }

    /// The model fitted.
    public let model: ParametricModel
    /// Each parameter's posterior summary, in declaration order.
    public let parameters: [(name: String, summary: ParameterSummary)]
    /// The fit of each variable with parameters, in declaration order.
    public let variables: [VariableFit]
    /// Things the analyst should know (a binary variable with a Gaussian mechanism, a
    /// mis-specified mechanism, a chain that did not converge).
    public let warnings: [String]
    private let posteriors: [LinearGaussianPosterior]

    /// R̂ above this marks a parameter whose chains have not converged.
    public static let rHatLimit = 1.01

    /// Fits `model` to `data` (one column per variable, by name). Throws `ModelError`
    /// for a mechanism that cannot be fitted and for a parameter read by no mechanism or
    /// by two; `TableError` for a missing column; `ModelError` naming the rows for a
    /// missing value (NaN) in a column a mechanism reads.
    public init(model: ParametricModel, data: Table, seed: UInt64 = RandomStream.defaultSeed,
                sampling: MCMCSettings = .standard) throws {
        var owner: [String: String] = [:]
        var mechanisms: [LinearMechanism] = []
        var generalized: [GeneralizedLinearMechanism] = []
        func claim(_ names: [String], for variable: String) throws {
            for name in names {
                if let other = owner[name] {
                    throw ModelError("parameter '\(name)' is read by the mechanisms of both '\(other)' and '\(variable)': "
                        + "give each mechanism its own parameters", variable: variable)
                }
                owner[name] = variable
            }
        }
        for v in model.variables {
            if let mechanism = try GeneralizedLinearMechanism(variable: v, in: model) {
                try claim(mechanism.terms.map(\.parameter), for: v.name)
                generalized.append(mechanism)
                continue
            }
            guard let mechanism = try LinearMechanism(variable: v, in: model) else { continue }
            try claim(mechanism.terms.map(\.parameter) + [mechanism.scaleName].compactMap { $0 }, for: v.name)
            mechanisms.append(mechanism)
        }
        for p in model.parameters where owner[p.name] == nil {
            throw ModelError("parameter '\(p.name)' is read by no equation that can be fitted "
                + "(a coefficient or a noise sd of a mechanism)", location: p.location)
        }
        for mechanism in mechanisms {
            if case .parameter(let s) = mechanism.scale, model.parameter(named: s)?.prior != .flat {
                throw ModelError("the noise sd '\(s)' takes a flat prior (param \(s)): the reference prior p(σ) ∝ 1/σ is used",
                                 variable: mechanism.variable)
            }
        }
        var warnings: [String] = []
        var fits: [VariableFit] = []
        var posteriors: [LinearGaussianPosterior] = []
        var tables: [BernoulliTable] = []
        var automaticLinear: [LinearMechanism] = []
        var automaticGeneralized: [GeneralizedLinearMechanism] = []
        var categoricalTables: [CategoricalTable] = []
        var treeMechanisms: [TreeMechanism] = []
        for (name, parents) in model.automaticVariables {
            let y = try data.numbers(name)
            try Self.requireComplete([name] + parents, in: data, for: name)
            let requested = model.requestedFamilies[name]
            if requested == .trees {
                treeMechanisms.append(try TreeMechanism(variable: name, parents: parents, data: data))
                continue
            }
            let discreteParents = try parents.allSatisfy { BernoulliTable.isDiscrete(try data.numbers($0)) }
            if requested == .table, !discreteParents, let parent = try parents.first(where: { !BernoulliTable.isDiscrete(try data.numbers($0)) }) {
                throw ModelError("family = table needs discrete parents (whole numbers, at most \(BernoulliTable.maximumLevels) values), "
                                 + "but '\(parent)' is not", variable: name)
            }
            let asTable = requested == .table || (requested == nil && discreteParents)
            if asTable, BernoulliTable.isBinary(y) {
                let table = try BernoulliTable(variable: name, parents: parents, data: data)
                let (logLikelihood, accuracy) = table.fit(table.summaries.map(\.mean))
                tables.append(table)
                fits.append(VariableFit(variable: name, family: "bernoulli-table", method: "exact Beta posterior per parent configuration",
                                        rows: y.count, logLikelihood: logLikelihood, rSquared: nil, accuracy: accuracy, residualCheck: nil))
            } else if asTable, requested == .table || CategoricalTable.isCategorical(y) {
                let table = try CategoricalTable(variable: name, parents: parents, data: data)
                let (logLikelihood, accuracy) = table.fit(table.summaries.map(\.mean))
                categoricalTables.append(table)
                fits.append(VariableFit(variable: name, family: "categorical-table", method: "exact Dirichlet posterior per parent configuration",
                                        rows: y.count, logLikelihood: logLikelihood, rSquared: nil, accuracy: accuracy, residualCheck: nil))
            } else if let family = Self.generalizedFamily(requested: requested, of: y) {
                let mechanism = GeneralizedLinearMechanism.automatic(name, parents: parents, family: family)
                automaticGeneralized.append(mechanism)
                generalized.append(mechanism)
            } else {
                let mechanism = LinearMechanism.automatic(name, parents: parents)
                automaticLinear.append(mechanism)
                mechanisms.append(mechanism)
            }
        }
        for (k, mechanism) in mechanisms.enumerated() {
            let (posterior, fit, warning) = try Self.fit(mechanism, model: model, data: data, sampling: sampling, seed: seed &+ UInt64(k))
            posteriors.append(posterior)
            fits.append(fit)
            warnings += warning
        }
        var generalizedPosteriors: [GeneralizedLinearPosterior] = []
        for (k, mechanism) in generalized.enumerated() {
            let (posterior, fit) = try Self.fit(mechanism, model: model, data: data, sampling: sampling,
                                                seed: seed &+ UInt64(mechanisms.count + k))
            generalizedPosteriors.append(posterior)
            fits.append(fit)
            if let check = fit.calibration, check.isFlagged {
                warnings.append("the values of '\(mechanism.variable)' do not follow its fitted \(mechanism.family.rawValue) mechanism "
                    + "(\(check.test) p = \(String(format: "%.2g", check.pValue))): it may be mis-specified "
                    + (mechanism.family == .logistic ? "(a missing feature or interaction)" : "(overdispersed counts or a missing feature)"))
            }
        }
        var summaries: [String: ParameterSummary] = [:]
        for posterior in posteriors {
            for (name, summary) in zip(posterior.names, posterior.summaries) { summaries[name] = summary }
        }
        for posterior in generalizedPosteriors {
            for (name, summary) in zip(posterior.names, posterior.summaries) { summaries[name] = summary }
        }
        for table in tables { for (name, summary) in zip(table.names, table.summaries) { summaries[name] = summary } }
        for m in treeMechanisms {
            summaries[m.sigmaName] = m.sigma
            fits.append(m.fit)
            if m.residualCheck.isFlagged { warnings.append(Self.misspecificationWarning(m.variable, m.residualCheck)) }
        }
        for table in categoricalTables { for (name, summary) in zip(table.names, table.summaries) { summaries[name] = summary } }
        var generatedNames: [String: [String]] = [:]   // per automatic variable, whatever its family
        for m in automaticLinear { generatedNames[m.variable] = m.terms.map(\.parameter) + [m.scaleName].compactMap { $0 } }
        for m in automaticGeneralized { generatedNames[m.variable] = m.terms.map(\.parameter) }
        for table in tables { generatedNames[table.variable] = table.names }
        for table in categoricalTables { generatedNames[table.variable] = table.names }
        for m in treeMechanisms { generatedNames[m.variable] = [m.sigmaName] }
        let generated = model.automaticVariables.flatMap { generatedNames[$0.name] ?? [] }
        parameters = (model.parameters.map(\.name) + generated).compactMap { name in
            summaries[name].map { (name, $0) }
        }
        for (name, summary) in parameters {
            if let r = summary.rHat, !(r <= Self.rHatLimit) {
                warnings.append("parameter '\(name)' has not converged: R-hat \(String(format: "%.3f", r)) is above \(Self.rHatLimit)")
            }
        }
        self.model = model
        var position: [String: Int] = [:]
        for (i, variable) in model.variables.enumerated() { position[variable.name] = i }
        variables = fits.sorted { (position[$0.variable] ?? 0) < (position[$1.variable] ?? 0) }
        self.warnings = warnings
        self.posteriors = posteriors
        self.tables = tables
        self.automaticLinear = automaticLinear
        self.treeMechanisms = treeMechanisms
        self.generalizedPosteriors = generalizedPosteriors
        self.automaticGeneralized = automaticGeneralized
        self.categoricalTables = categoricalTables
    }

    private let tables: [BernoulliTable]
    private let automaticLinear: [LinearMechanism]
    private let treeMechanisms: [TreeMechanism]
    private let generalizedPosteriors: [GeneralizedLinearPosterior]
    private let automaticGeneralized: [GeneralizedLinearMechanism]
    private let categoricalTables: [CategoricalTable]

    /// The fitted tree ensembles (family `trees`), by variable: what `TreeSidecar` writes
    /// beside the fitted model file, whose equations read them as `trees(x, z)`.
    public var treeEnsembles: [String: RegressionTrees] {
        Dictionary(uniqueKeysWithValues: treeMechanisms.map { ($0.variable, $0.ensemble) })
    }

    /// The model with the parameters at `values` (declared and generated, by name) and the
    /// automatic mechanisms built from them.
    private func resolved(_ values: [String: Double]) throws -> StructuralCausalModel {
        var mechanisms: [String: (equation: Expr, noise: [NoiseTerm])] = [:]
        for m in automaticLinear { mechanisms[m.variable] = m.mechanism(values) }
        for m in automaticGeneralized { mechanisms[m.variable] = m.mechanism(values) }
        for table in tables { mechanisms[table.variable] = table.mechanism(table.names.map { values[$0] ?? 0.5 }) }
        for m in treeMechanisms { mechanisms[m.variable] = m.mechanism(sd: values[m.sigmaName] ?? m.sigma.mean) }
        for table in categoricalTables { mechanisms[table.variable] = table.mechanism(table.names.map { values[$0] ?? .nan }) }
        return try model.resolved(values, mechanisms: mechanisms)
    }

    /// The model with every parameter at its posterior mean.
    public func posteriorMeanModel() throws -> StructuralCausalModel {
        try resolved(Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.summary.mean) }))
    }

    /// `count` models, each with every parameter drawn from the posterior (draw k from the
    /// stream of (seed, k), so the draws do not depend on how many are asked for).
    public func posteriorDraws(count: Int, seed: UInt64) throws -> [StructuralCausalModel] {
        try (0..<count).map { try posteriorDraw(number: $0, seed: seed) }
    }

    /// Draw k (0-based) of `posteriorDraws(count:seed:)`, made alone: a caller writing many
    /// draws holds one model at a time.
    public func posteriorDraw(number k: Int, seed: UInt64) throws -> StructuralCausalModel {
        let stream = RandomStream(seed: seed, path: [0x6472_6177, UInt64(k)])
        var values: [String: Double] = [:]
        for posterior in posteriors {
            for (name, value) in zip(posterior.names, posterior.draw(using: stream)) { values[name] = value }
        }
        for posterior in generalizedPosteriors {
            for (name, value) in zip(posterior.names, posterior.draw(using: stream)) { values[name] = value }
        }
        for table in tables {
            for (name, value) in zip(table.names, table.draw(using: stream)) { values[name] = value }
        }
        for table in categoricalTables {
            for (name, value) in zip(table.names, table.draw(using: stream)) { values[name] = value }
        }
        return try resolved(values)
    }

    /// R² = 1 − RSS/TSS of response `y` with residual sum of squares `rss` (NaN when y is constant).
    static func rSquared(_ y: [Double], residualSumOfSquares rss: Double) -> Double {
        let yMean = y.reduce(0, +) / Double(max(y.count, 1))
        let tss = y.reduce(0) { $0 + ($1 - yMean) * ($1 - yMean) }
        return tss > 0 ? 1 - rss / tss : .nan
    }

    /// The warning of a flagged residual normality check.
    private static func misspecificationWarning(_ variable: String, _ check: ResidualCheck) -> String {
        "the residuals of '\(variable)' are not normal (Jarque-Bera p = \(String(format: "%.2g", check.pValue))): "
            + "its mechanism may be mis-specified (a non-linear truth or non-Gaussian noise)"
    }

    /// Throws, naming the rows, when a column of `names` has a missing or non-finite value.
    static func requireComplete(_ names: [String], in data: Table, for variable: String) throws {
        for name in names {
            let column = try data.numbers(name)
            let missing = column.indices.filter { !column[$0].isFinite }
            guard missing.isEmpty else {
                let shown = missing.prefix(5).map { String($0 + 1) }.joined(separator: ", ") + (missing.count > 5 ? ", …" : "")
                throw ModelError("\(data.source): column '\(name)' has \(missing.count) missing or non-finite value(s), in row(s) "
                    + "\(shown); fitting the mechanism of '\(variable)' needs them all", variable: variable)
            }
        }
    }

    /// One mechanism's posterior and fit, and a warning when the data or the fit call for one.
    private static func fit(_ mechanism: LinearMechanism, model: ParametricModel, data: Table,
                            sampling: MCMCSettings, seed: UInt64) throws -> (LinearGaussianPosterior, VariableFit, [String]) {
        let expressions = [mechanism.offset] + mechanism.terms.map(\.feature)
        let inputs = [mechanism.variable] + Set(expressions.flatMap(\.variables)).subtracting([mechanism.variable]).sorted()
        let y = try data.numbers(mechanism.variable)
        try requireComplete(inputs, in: data, for: mechanism.variable)
        var warnings: [String] = []
        if y.allSatisfy({ $0 == 0 || $0 == 1 }) {
            warnings.append("variable '\(mechanism.variable)' holds only 0 and 1 in the data but is given a Gaussian mechanism; "
                + "a Bernoulli mechanism such as Bernoulli(logistic(a + b * x)) describes it better")
        }
        let columns = try ExpressionColumns.evaluate(expressions, over: data, inputs: inputs)
        let n = y.count, p = mechanism.terms.count
        let r = zip(y, columns[0]).map { $0 - $1 }
        let features = Array(columns.dropFirst())
        var gram = Matrix(rows: p, columns: p)
        var cross = [Double](repeating: 0, count: p)
        for i in 0..<p {
            cross[i] = dot(features[i], r)
            for j in 0...i {
                gram[i, j] = dot(features[i], features[j])
                gram[j, i] = gram[i, j]
            }
        }
        let sumOfSquares = dot(r, r)
        let priors = mechanism.terms.map { model.parameter(named: $0.parameter)?.prior ?? .flat }   // generated: flat
        let posterior: LinearGaussianPosterior
        do {
            posterior = try LinearGaussianPosterior(names: mechanism.terms.map(\.parameter), priors: priors, scale: mechanism.scale,
                                                    rows: n, gram: gram, crossProduct: cross, sumOfSquares: sumOfSquares,
                                                    sampling: sampling, seed: seed)
        } catch LinearAlgebraError.notPositiveDefinite {
            throw ModelError("its parameters \(mechanism.terms.map(\.parameter).joined(separator: ", ")) are not identified by the "
                + "data: their features are collinear (or constant)", variable: mechanism.variable)
        } catch let error as ModelError {
            throw ModelError(error.message, variable: mechanism.variable)
        }
        let means = posterior.means
        var residuals = r
        residuals.withUnsafeMutableBufferPointer { e in
            for k in 0..<p {
                features[k].withUnsafeBufferPointer { f in for i in 0..<n { e[i] -= means[k] * f[i] } }
            }
        }
        let sigma: Double
        switch mechanism.scale {
        case .known(let s): sigma = s
        case .parameter: sigma = means[p]
        }
        let rss = residuals.reduce(0) { $0 + $1 * $1 }
        let logLikelihood = -Double(n) / 2 * log(2 * Double.pi * sigma * sigma) - rss / (2 * sigma * sigma)
        let check = ResidualCheck(residuals: residuals)
        if check.isFlagged { warnings.append(misspecificationWarning(mechanism.variable, check)) }
        let fit = VariableFit(variable: mechanism.variable, family: "linear-gaussian", method: posterior.method.rawValue, rows: n,
                              logLikelihood: logLikelihood, rSquared: rSquared(y, residualSumOfSquares: rss), accuracy: nil, residualCheck: check)
        return (posterior, fit, warnings)
    }
}

/// Σᵢ aᵢ·bᵢ over two columns of equal length, in four interleaved sums (so the loop vectorises).
private func dot(_ a: [Double], _ b: [Double]) -> Double {
    a.withUnsafeBufferPointer { x in
        b.withUnsafeBufferPointer { y in
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            let n = min(x.count, y.count), m = n - n % 4
            var i = 0
            while i < m {
                s0 += x[i] * y[i]
                s1 += x[i + 1] * y[i + 1]
                s2 += x[i + 2] * y[i + 2]
                s3 += x[i + 3] * y[i + 3]
                i += 4
            }
            while i < n {
                s0 += x[i] * y[i]
                i += 1
            }
            return (s0 + s1) + (s2 + s3)
        }
    }
}
