import BSTS
import Probability
import Tabular

/// Causal impact analysis (Brodersen et al. 2015, "Inferring causal impact using
/// Bayesian structural time-series models", Ann. Appl. Stat. 9(1)), as R
/// CausalImpact 1.3.0 computes it.
///
/// A Bayesian structural time-series model is fit to the pre-period response
/// (with covariates, when given, that the intervention did not affect); its
/// posterior predictive distribution over the post-period is the counterfactual,
/// what would have happened without the intervention. The effect is the observed
/// response minus that counterfactual.
///
///     let table = try CSVReader.read(path: "sales.csv")
///     let result = try ImpactAnalysis.run(table: table, specification: .init(pre: .rows(1...70), post: .rows(71...100)))
///     print(SummaryTable.text(of: result))
public enum ImpactAnalysis {
    /// Checks and prepares `table`, fits the BSTS model by MCMC and infers the effect.
    /// `progress(done, total)` reports sampler iterations.
    /// Throws `ImpactError.noInference` when the pre-period response cannot be modelled.
    public static func run(table: Table, specification: ImpactSpecification,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> ImpactResult {
        try inferred(outcome(table: table, specification: specification, progress: progress))
    }

    /// As `run(table:specification:progress:)`, but an ill-conditioned response is an
    /// outcome to report (as the command line does), not an error.
    public static func outcome(table: Table, specification: ImpactSpecification,
                               progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> ImpactOutcome {
        let data = try ImpactData(table: table, specification: specification)
        return try outcome(data: data, specification: specification) { data in
            var model = specification.model
            model.events += try data.eventPatterns(of: specification)
            let posterior = try BSTSModel.fit(response: data.modelResponse, covariates: data.modelCovariates,
                                              covariateNames: data.covariateNames, model: model,
                                              sampler: specification.sampler, progress: progress)
            return try StateDraws(states: posterior.stateContributions, observationSD: posterior.observationSD,
                                  sampler: SamplerReport(posterior, iterations: specification.sampler.iterations))
        }
    }

    /// Analyses plain arrays: `response` over time (NaN where missing in the
    /// pre-period), each covariate over the same time points, periods in rows.
    ///
    ///     let result = try ImpactAnalysis.run(response: y, covariates: ["x": x],
    ///                                         specification: .init(pre: .rows(1...70), post: .rows(71...100)))
    public static func run(response: [Double], covariates: KeyValuePairs<String, [Double]> = [:], responseName: String = "y",
                           specification: ImpactSpecification,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> ImpactResult {
        let columns = [(responseName, response)] + covariates.map { ($0.key, $0.value) }
        var specification = specification
        specification.response = responseName
        return try run(table: try Table(numericColumns: columns, source: "the arrays"), specification: specification,
                       progress: progress)
    }

    /// Infers the effect on prepared `data` with draws from any model: `fit` receives
    /// the data (modelling-scale response with the post-period hidden, covariates) and
    /// returns state draws over `data.modelRows`. Throws `ImpactError.noInference`
    /// when the response is ill-conditioned (`fit` is then not called).
    public static func run(data: ImpactData, specification: ImpactSpecification,
                           fit: (ImpactData) throws -> StateDraws) throws -> ImpactResult {
        try inferred(outcome(data: data, specification: specification, fit: fit))
    }

    /// As `run(data:specification:fit:)`, with an ill-conditioned response as an outcome.
    public static func outcome(data: ImpactData, specification: ImpactSpecification,
                               fit: (ImpactData) throws -> StateDraws) throws -> ImpactOutcome {
        try specification.validate()
        guard data.noInferenceReason == nil else {
            return .notInferred(data, alpha: specification.alpha, iterations: specification.sampler.iterations)
        }
        let draws = try fit(data)
        let noise = RandomStream(seed: specification.sampler.seed, path: [ImpactDefaults.predictiveNoiseStream])
        let (series, summary, effects) = try Counterfactual.infer(data: data, draws: draws, alpha: specification.alpha,
                                                         noise: noise)
        return .inferred(ImpactResult(data: data, summary: summary, series: series, alpha: specification.alpha,
                                      iterations: specification.sampler.iterations, drawCount: draws.count,
                                      sampler: draws.sampler, modelWarnings: ImpactWarning.model(specification.model, data: data),
                                      effectDraws: effects))
    }

    /// The inference of `outcome`, or `ImpactError.noInference` with the reason.
    private static func inferred(_ outcome: ImpactOutcome) throws -> ImpactResult {
        switch outcome {
        case .inferred(let result): return result
        case .notInferred(let data, _, _): throw ImpactError.noInference(reason: data.noInferenceReason ?? "no model was fit")
        }
    }
}
