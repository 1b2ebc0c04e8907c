// Heterogeneous effects: the S-learner by hand, then T- and X-learners and double ML.
// `swift run -c release HeterogeneousEffects [--quick] [--output DIR]`
//
// A discount raises purchases by 0.3 × (60 − age): 12 at age 20, nothing at 60. Younger
// customers get it more often, and age also raises purchases directly. We want the
// average effect and, for each customer, the conditional effect τ(age), which a
// simulator knows exactly. One regression with the discount as a feature (the
// S-learner) forces one effect on everyone unless we tell it otherwise; separate models
// per arm (T), imputed effects (X) and double machine learning learn the curve.
import NotebookSupport
import WhatIf

Notebook.run("HeterogeneousEffects", summary: "Meta-learners and double ML on a heterogeneous effect, scored against the true CATE.") { notebook in
    let rows = notebook.size(10_000, quick: 3_000)
    let resamples = notebook.size(100, quick: 20)

    notebook.heading("1. The model")
    let model = try ModelCatalog.load("heterogeneous_effect")
    notebook.say("""
        \(model)
        τ(age) = 0.3 × (60 − age); with age uniform on 20 to 60 the average effect is 6, and the effects
        spread with standard deviation 0.3 × 40 / √12 ≈ 3.46.

        """)
    let table = try model.sample(rows: rows, seed: 91, potentialOutcomes: PotentialOutcomes(treatment: "discount", outcome: "purchases"))
    let (age, t, y) = (try table.numbers("age"), try table.numbers("discount"), try table.numbers("purchases"))
    let tau = zip(try table.numbers("purchases_1"), try table.numbers("purchases_0")).map { $0 - $1 }
    let truth = try TreatmentEffects(treatment: t, y0: table.numbers("purchases_0"), y1: table.numbers("purchases_1"))
    let spread = (tau.reduce(0) { $0 + ($1 - truth.ate) * ($1 - truth.ate) } / Double(rows)).squareRoot()
    notebook.value("cate-spread", spread)
    func rmse(_ estimate: [Double]) -> Double {
        (zip(estimate, tau).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(rows)).squareRoot()
    }
    var lines: [EstimateLine] = [], errors: [[String]] = [["learner", "CATE error: RMSE of τ̂(age) − τ(age)"]]
    var curves: [(label: String, values: [Double])] = []
    func record(_ key: String, _ label: String, _ estimate: EffectEstimate, conditional: [Double]?) {
        lines.append(EstimateLine(key, label, estimate))
        guard let conditional else { return }
        let error = rmse(conditional)
        errors.append([label, NumberFormatting.fixed(error, decimals: 3)])
        notebook.value("cate-rmse.\(key)", error)
        curves.append((label, conditional))
    }

    notebook.heading("2. The S-learner by hand")
    notebook.say("""
        Fit one model of purchases on age and the discount, then predict every customer twice, with the
        discount and without: τ̂(x) = μ̂(x, 1) − μ̂(x, 0). With a linear model and no interaction, the
        difference is the discount's coefficient, the same for everyone.

        """)
    let ones = [Double](repeating: 1, count: rows)
    func fit(_ columns: [(String, [Double])]) throws -> LinearRegression {
        try LinearRegression(Design([("intercept", ones)] + columns), response: y)
    }
    let plain = try fit([("age", age), ("discount", t)])
    let plainEffects = age.map { a in (plain.coefficients[0] + plain.coefficients[1] * a + plain.coefficients[2])
        - (plain.coefficients[0] + plain.coefficients[1] * a) }
    record("s-by-hand", "S-learner by hand, linear", EffectEstimate(
        estimator: "s-by-hand", estimand: .varianceWeightedEffect, value: plainEffects.reduce(0, +) / Double(rows),
        standardError: plain.standardErrors(.hc1)[2], method: "HC1", sampleSize: rows, level: 0.95), conditional: plainEffects)
    let interacted = try fit([("age", age), ("discount", t), ("age × discount", zip(age, t).map { $0 * $1 })])
    let c = interacted.coefficients, meanAge = age.reduce(0, +) / Double(rows)
    let interactedEffects = age.map { c[2] + c[3] * $0 }
    // The ATE c₂ + c₃·mean(age): its variance by the delta method, gradient (0, 0, 1, mean age).
    let v = interacted.covariance(.hc1)
    let interactedSE = (v[2, 2] + 2 * meanAge * v[2, 3] + meanAge * meanAge * v[3, 3]).squareRoot()
    record("s-interacted", "S-learner by hand, with age × discount", EffectEstimate(
        estimator: "s-interacted", estimand: .ate, value: interactedEffects.reduce(0, +) / Double(rows),
        standardError: interactedSE, method: "HC1, delta method", sampleSize: rows, level: 0.95), conditional: interactedEffects)
    notebook.say("""
        Without the interaction the model cannot express an effect that changes with age: its τ̂ is
        one number, and that number is not even the ATE but effects weighted by how uncertain the
        discount is at each age (customers near 45). Given the interaction, the same S-learner learns
        the line. But we wrote that line into the model because we knew the truth.

        """)

    notebook.heading("3. Learners that find the curve themselves")
    let data = try CausalData(table: table, roles: Roles(outcome: "purchases", treatment: "discount", covariates: ["age"]))
    let trees = Learner.boostedTrees(BoostedTrees())
    let learners: [(key: String, label: String, estimator: any ConditionalEffectEstimator)] = [
        ("s-linear", "S-learner, linear (library)", MetaLearner(.s, learner: .linear, replications: resamples)),
        ("t-linear", "T-learner, linear", MetaLearner(.t, learner: .linear, replications: resamples)),
        ("x-linear", "X-learner, linear", MetaLearner(.x, learner: .linear, replications: resamples)),
        ("t-trees", "T-learner, boosted trees", MetaLearner(.t, learner: trees, replications: resamples)),
        ("x-trees", "X-learner, boosted trees", MetaLearner(.x, learner: trees, replications: resamples)),
        ("dml-linear", "double ML (interactive), linear", DoubleML(model: .interactive, learner: .linear)),
        ("dml-trees", "double ML (interactive), boosted trees", DoubleML(model: .interactive, learner: trees)),
    ]
    for (key, label, estimator) in learners {
        let result = try estimator.estimateWithConditionalEffects(data, randomness: RandomStream(seed: 7))
        record(key, label, result.estimate, conditional: result.conditionalEffects)
    }
    notebook.compare(lines, against: TruthLine("ate", "ATE in this sample", truth.ate, standardError: truth.ateStandardError),
                     unit: "purchases")
    notebook.say("")
    notebook.table(errors)
    notebook.say("""

        The CATE error of a constant is the spread of the true effects (\(NumberFormatting.fixed(spread, decimals: 2))): that is
        what the plain S-learner scores. A T-learner fits each arm's own line, so the difference of
        two lines is a line, right here because the truth is linear; boosted trees learn the curve
        without being told its shape and pay for that freedom in noise. Double ML averages
        cross-fitted, doubly robust scores: its ATE interval is honest even with flexible learners.
        """)

    let bins = 40
    var layers: [LineChart.Layer] = []
    var legend: [LegendEntry] = []
    let colours = ["#8c8c8c", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"]
    let drawn = ["S-learner by hand, linear": "S, linear", "T-learner, linear": "T, linear", "T-learner, boosted trees": "T, trees",
                 "X-learner, boosted trees": "X, trees", "double ML (interactive), boosted trees": "double ML, trees"]
    for (k, curve) in curves.enumerated() {
        guard let short = drawn[curve.label] else { continue }
        let stroke = Stroke(color: colours[k % colours.count], width: 1.6)
        layers.append(.line(BinnedMeans(x: age, y: curve.values, bins: bins, range: 20...60).means, stroke))
        legend.append(LegendEntry(.line(stroke), short))
    }
    let truthStroke = Stroke(color: "#d62728", width: 2.5, dash: [6, 3])
    let binnedTruth = BinnedMeans(x: age, y: tau, bins: bins, range: 20...60)
    layers.append(.line(binnedTruth.means, truthStroke))
    legend.append(LegendEntry(.line(truthStroke), "truth"))
    let chart = ChartStack(x: binnedTruth.centres, panels: [LineChart(title: "τ̂(age) and τ(age)",
                                                                       layers: layers, legend: legend)])
    try notebook.figure(svg: chart.svg(width: 1000, height: 460), file: "cate-by-age.svg", caption: "Estimated and true effect by age")
}
