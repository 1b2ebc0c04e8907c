import GSL
import Probability

/// A base learner for the meta-learners and double machine learning: it fits
/// E[y | x] (regression) or P(y = 1 | x) (probability) on a set of rows and predicts
/// on others.
///
/// - `linear`: OLS on [1, x] for regression, logistic regression for probabilities.
///   Right when the truth is linear (then the estimators' intervals are exact in the
///   limit); biased otherwise.
/// - `boostedTrees`: gradient-boosted regression trees (Friedman 2001), squared loss
///   for regression and logistic loss for probabilities. Chosen over k-nearest
///   neighbours because trees ignore irrelevant covariates and need no scaling, and
///   fitting costs O(n·p·depth) per tree on binned features, where k-NN prediction
///   over 100,000 rows would cost O(n²) without a spatial index.
public enum Learner: Sendable, Equatable {
    /// Linear and logistic regression.
    case linear
    /// Gradient-boosted regression trees with these settings.
    case boostedTrees(BoostedTrees)

    /// A short name: "linear" or "boosted-trees".
    public var name: String {
        switch self {
        case .linear: return "linear"
        case .boostedTrees: return "boosted-trees"
        }
    }

    /// `x` ready for many fits and predictions: with boosted trees, with every column's sort
    /// order computed once (binning a resample or fold then costs O(n), not a sort).
    func prepared(_ x: Features) -> Features {
        switch self {
        case .linear: return x
        case .boostedTrees: return x.sortingColumns()
        }
    }

    /// Fits E[y | x] on `rows`.
    func fitRegression(_ x: Features, _ y: [Double], rows: [Int], model: String) throws -> FittedLearner {
        switch self {
        case .linear:
            let fit = try LinearRegression(matrix: x.designWithIntercept(rows), names: ["intercept"] + x.names,
                                           response: rows.map { y[$0] }, model: model)
            return .linear(fit.coefficients, probability: false)
        case .boostedTrees(let settings):
            return .trees(try TreeEnsemble(settings: settings, features: x, target: y, rows: rows, loss: .squared), probability: false)
        }
    }

    /// Fits P(y = 1 | x) for a 0/1 `y` on `rows`.
    func fitProbability(_ x: Features, _ y: [Double], rows: [Int], responseName: String, model: String) throws -> FittedLearner {
        switch self {
        case .linear:
            let fit = try LogisticRegression(matrix: x.designWithIntercept(rows), names: ["intercept"] + x.names,
                                             response: rows.map { y[$0] }, responseName: responseName, model: model)
            return .linear(fit.coefficients, probability: true)
        case .boostedTrees(let settings):
            return .trees(try TreeEnsemble(settings: settings, features: x, target: y, rows: rows, loss: .logistic), probability: true)
        }
    }
}

/// A fitted base learner.
enum FittedLearner {
    /// Coefficients on [1, x]; `probability` applies the logistic function.
    case linear([Double], probability: Bool)
    /// A boosted ensemble; `probability` applies the logistic function to its score.
    case trees(TreeEnsemble, probability: Bool)

    /// Predictions for `rows` of `x`.
    func predict(_ x: Features, rows: [Int]) -> [Double] {
        switch self {
        case let .linear(beta, probability):
            let eta = x.designWithIntercept(rows) * beta
            return probability ? eta.map(Logistic.value) : eta
        case let .trees(ensemble, probability):
            let score = ensemble.predict(x, rows: rows)
            return probability ? score.map(Logistic.value) : score
        }
    }
}
