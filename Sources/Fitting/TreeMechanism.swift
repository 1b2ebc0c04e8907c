import CausalModel
import Estimators
import Foundation
import Tabular
import MachineResources

/// The non-linear additive-noise family, `y = auto(x, z; family = trees)`:
///
///     y = f(x, z) + Normal(0, σ),   f a gradient-boosted regression ensemble (Friedman 2001)
///
/// fitted by `BoostedTrees` with squared loss on all rows (`settings`); the fits of all rows
/// and of the folds run in parallel, one per core. σ is the root mean
/// square of the out-of-fold residuals of `folds`-fold cross-fitting (row i in fold i mod K):
/// in-sample residuals are shrunk by the ensemble's fit to the noise, so their spread
/// underestimates σ, by more the fewer rows per leaf; out-of-fold residuals do not share
/// that bias (they slightly overstate σ, by the estimation error of a fit on (K − 1)/K of the
/// rows). The residual normality check, R² and the log-likelihood use the same out-of-fold
/// residuals. The ensemble is a point estimate: every posterior draw repeats it, and σ
/// gets the asymptotic interval σ̂·(1 ± 1.96/√(2n)) of a Normal sample's sd. Abduction in a
/// counterfactual is exact, u = y − f(x, z), as for any additive noise.
struct TreeMechanism: Sendable {
    /// 200 trees of depth 3, ν = 0.1, leaves of at least 20 rows, 256 quantile bins per
    /// parent (the most `BoostedTrees` allows: split points as fine as the data permit).
    static let settings = BoostedTrees(trees: 200, learningRate: 0.1, maximumDepth: 3, minimumLeafSize: 20, bins: 256,
                                       l2Regularisation: 1)
    /// Folds of the cross-fitting that gives σ.
    static let folds = 5

    let variable: String
    let ensemble: RegressionTrees
    /// σ̂ and its asymptotic summary, the parameter `y_sd`.
    let sigma: ParameterSummary
    let fit: ModelFit.VariableFit
    let residualCheck: ResidualCheck

    /// The name of σ's parameter.
    var sigmaName: String { "\(variable)_sd" }

    /// Fits the mechanism of `variable` given `parents` (columns of `data`, complete).
    init(variable: String, parents: [String], data: Table) throws {
        guard !parents.isEmpty else {
            throw ModelError("the trees family needs at least one parent (auto(x, …; family = trees))", variable: variable)
        }
        let y = try data.numbers(variable)
        let columns = try parents.map { try data.numbers($0) }
        let n = y.count, k = Self.folds
        let minimum = k * 2 * Self.settings.minimumLeafSize
        guard n >= minimum else {
            throw ModelError("the trees family needs at least \(minimum) rows (\(k) folds of two leaves of "
                + "\(Self.settings.minimumLeafSize)); the data have \(n)", variable: variable)
        }
        let training = (0..<k).map { fold in (0..<n).filter { $0 % k != fold } }
        let rowSets = [Array(0..<n)] + training
        let ensembles = try runReplications(count: rowSets.count, threads: ProcessInfo.processInfo.activeProcessorCount) { r in
            try Self.settings.fitRegressions(columns: columns, target: y, rowSets: [rowSets[r]]) {
                try RegressionTrees(inputs: parents, base: $0, roots: $1, feature: $2, threshold: $3, firstChild: $4, value: $5)
            }[0]
        }
        var residuals = [Double](repeating: 0, count: n)
        var row = [Double](repeating: 0, count: parents.count)
        for i in 0..<n {
            for j in columns.indices { row[j] = columns[j][i] }
            residuals[i] = y[i] - ensembles[1 + i % k].prediction(row)
        }
        let rss = residuals.reduce(0) { $0 + $1 * $1 }
        let s = (rss / Double(n)).squareRoot()
        guard s > 0 else { throw ModelError("its parents predict it exactly: the noise sd is 0", variable: variable) }
        self.variable = variable
        ensemble = ensembles[0]
        sigma = .normal(mean: s, sd: s / (2 * Double(n)).squareRoot())
        residualCheck = ResidualCheck(residuals: residuals)
        let settings = Self.settings
        fit = ModelFit.VariableFit(
            variable: variable, family: "boosted-trees",
            method: "point fit (\(settings.trees) trees of depth \(settings.maximumDepth), learning rate \(settings.learningRate)), "
                + "repeated in every posterior draw; noise sd and checks from \(k)-fold out-of-fold residuals",
            rows: n, logLikelihood: -Double(n) / 2 * log(2 * Double.pi * s * s) - rss / (2 * s * s),
            rSquared: ModelFit.rSquared(y, residualSumOfSquares: rss), accuracy: nil, residualCheck: residualCheck)
    }

    /// The equation trees(parents) + Normal(0, σ), σ = `sd`.
    func mechanism(sd: Double) -> (equation: Expr, noise: [NoiseTerm]) {
        let name = NoiseTerm.inlineName(for: variable, index: 0)
        let mean = Expr.custom(ensemble.columnFunction, ensemble.inputs.map(Expr.variable))
        return (.binary(.add, mean, .noise(name)), [NoiseTerm(name: name, family: .normal, parameters: [.constant(0), .constant(sd)])])
    }
}
