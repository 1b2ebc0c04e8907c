import CausalModel
import Foundation
import GSL
import Reporting
import Tabular

extension ModelFit {
    /// The generalized linear family of an automatic mechanism: the one it names (nil for
    /// `linear`), or else the one it takes from its column: logistic for 0/1 (the case of
    /// discrete parents is a Bernoulli table, decided before), Poisson for whole numbers ≥ 0
    /// that are not all 0/1, nil (linear-Gaussian) otherwise.
    static func generalizedFamily(requested: AutomaticFamily?, of y: [Double]) -> GeneralizedLinearMechanism.Family? {
        switch requested {
        case .logistic: return .logistic
        case .poisson: return .poisson
        case .linear, .table, .trees: return nil
        case nil: return generalizedFamily(of: y)
        }
    }

    private static func generalizedFamily(of y: [Double]) -> GeneralizedLinearMechanism.Family? {
        if BernoulliTable.isBinary(y) { return .logistic }
        if y.allSatisfy(GeneralizedLinearMechanism.Family.poisson.admits) { return .poisson }
        return nil
    }

    /// A generalized linear mechanism's sampled posterior and its fit: the log-likelihood
    /// at the posterior means, with the accuracy and Hosmer–Lemeshow calibration (logistic)
    /// or the R² of the fitted means and Pearson's dispersion test (Poisson).
    static func fit(_ mechanism: GeneralizedLinearMechanism, model: ParametricModel, data: Table,
                    sampling: MCMCSettings, seed: UInt64) throws -> (GeneralizedLinearPosterior, VariableFit) {
        let expressions = [mechanism.offset] + mechanism.terms.map(\.feature)
        let inputs = [mechanism.variable] + Set(expressions.flatMap(\.variables)).subtracting([mechanism.variable]).sorted()
        try requireComplete(inputs, in: data, for: mechanism.variable)
        let y = try data.numbers(mechanism.variable)
        if let row = y.firstIndex(where: { !mechanism.family.admits($0) }) {
            throw ModelError("\(data.source): row \(row + 1) of column '\(mechanism.variable)' is \(NumberFormatting.general(y[row])), but a "
                + "\(mechanism.family.rawValue) mechanism needs \(mechanism.family.domain) in every row", variable: mechanism.variable)
        }
        let columns = try ExpressionColumns.evaluate(expressions, over: data, inputs: inputs)
        let names = mechanism.terms.map(\.parameter)
        let priors = names.map { model.parameter(named: $0)?.prior ?? .flat }   // generated: flat
        let posterior: GeneralizedLinearPosterior
        do {
            posterior = try GeneralizedLinearPosterior(family: mechanism.family, response: y, offset: columns[0],
                                                       design: Array(columns.dropFirst()), names: names, priors: priors,
                                                       settings: sampling, seed: seed)
        } catch let error as ModelError {
            throw ModelError(error.message, variable: mechanism.variable)
        }
        let likelihood = GeneralizedLinearLikelihood(family: mechanism.family, response: y, offset: columns[0],
                                                     design: Array(columns.dropFirst()), priors: priors)
        let eta = likelihood.linearPredictor(posterior.means)
        let fitted = eta.map(mechanism.family.mean)
        var logLikelihood = likelihood.logLikelihood(posterior.means)
        let n = y.count
        let method = "Metropolis-Hastings (\(sampling.chains) chains, Laplace-shaped t and random-walk proposals, acceptance "
            + String(format: "%.2f", posterior.acceptance) + ")"
        switch mechanism.family {
        case .logistic:
            let correct = zip(y, fitted).filter { ($1 > 0.5 ? 1.0 : 0.0) == $0 }.count
            var fit = VariableFit(variable: mechanism.variable, family: "logistic", method: method, rows: n, logLikelihood: logLikelihood,
                                  rSquared: nil, accuracy: Double(correct) / Double(max(n, 1)), residualCheck: nil)
            fit.calibration = .hosmerLemeshow(y, fitted: fitted)
            return (posterior, fit)
        case .poisson:
            logLikelihood -= y.reduce(0) { $0 + lgamma($1 + 1) }
            let rss = zip(y, fitted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            var fit = VariableFit(variable: mechanism.variable, family: "poisson", method: method, rows: n, logLikelihood: logLikelihood,
                                  rSquared: ModelFit.rSquared(y, residualSumOfSquares: rss), accuracy: nil, residualCheck: nil)
            fit.calibration = .pearsonDispersion(y, fitted: fitted, parameters: names.count)
            return (posterior, fit)
        }
    }
}
