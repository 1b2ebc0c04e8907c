// Sensitivity analysis and refutation on data with a hidden confounder: the estimate, its
// robustness value and benchmark bounds, the refuters' verdicts, and the true bias.
// `swift run -c release SensitivityAndRefutation [--quick] [--output DIR]`
import NotebookSupport
import WhatIf

Notebook.run("SensitivityAndRefutation", summary: "An estimate with a hidden confounder: what sensitivity analysis and refuters can and cannot tell.") { notebook in
    let rows = notebook.size(50_000, quick: 20_000)
    let simulations = notebook.size(100, quick: 20)

    notebook.heading("1. Ads that change nothing")
    let model = try ModelCatalog.load("hidden_confounding_moderate")
    notebook.say("""
        Customers' interest is not recorded. Interested customers see more ads and spend more; the ads
        change nothing (the true effect is 0). Tenure is recorded, and adjusting for it is right but
        not enough:

        \(model)
        The interest explains 8% of exposure's variance left after tenure (0.294884² / (1 + 0.294884²))
        and 8% of spend's left after exposure and tenure.

        """)
    let table = try model.sample(rows: rows, seed: 5)
    let data = try CausalData(table: table, roles: Roles(outcome: "spend", treatment: "exposure", covariates: ["tenure"]))
    let ols = try OrdinaryLeastSquares().estimate(data)
    notebook.compare([EstimateLine("ols", "OLS of spend on exposure and tenure", ols)], against: TruthLine("effect", "effect", 0),
                     unit: "spend per unit of exposure")

    notebook.heading("2. Sensitivity analysis")
    let report = try SensitivityAnalysis(treatment: "exposure", outcome: "spend", covariates: ["tenure"], benchmarks: ["tenure"],
                                         kd: [0.25, 0.5, 1]).run(on: table)
    notebook.say(report.text())
    let trueR2 = 0.294884 * 0.294884 / (1 + 0.294884 * 0.294884)
    let atTruth = report.ovb.adjusted(treatmentR2: trueR2, outcomeR2: trueR2, alpha: report.alpha)
    let bound = report.ovb.bias(treatmentR2: trueR2, outcomeR2: trueR2)
    notebook.value("robustness-value", report.robustnessValue)
    notebook.value("robustness-value-alpha", report.robustnessValueAlpha)
    notebook.value("true-r2", trueR2)
    notebook.value("bias-bound-at-truth", bound)
    notebook.value("true-bias", ols.value - 0)
    notebook.estimate("adjusted-at-truth", atTruth.estimate, lower: atTruth.lower, upper: atTruth.upper, standardError: atTruth.standardError)
    for b in report.bounds { notebook.value("bound.k\(NumberFormatting.significant(b.kd)).upper", b.adjusted.upper) }
    notebook.say("")
    notebook.table([["", "value"],
                    ["estimate (true effect 0, so this is the true bias)", NumberFormatting.fixed(ols.value, decimals: 4)],
                    ["robustness value RV (confounder strength that explains it away)", NumberFormatting.fixed(report.robustnessValue, decimals: 4)],
                    ["the hidden interest's true strength (partial R², both sides)", NumberFormatting.fixed(trueR2, decimals: 4)],
                    ["largest bias from a confounder of that strength", NumberFormatting.fixed(bound, decimals: 4)],
                    ["estimate adjusted for it", NumberFormatting.fixed(atTruth.estimate, decimals: 4)
                        + " [\(NumberFormatting.fixed(atTruth.lower, decimals: 4)), \(NumberFormatting.fixed(atTruth.upper, decimals: 4))]"]])
    notebook.say("""

        The robustness value is close to the interest's true strength: a confounder as strong as the
        one the simulator hid is just enough to explain the whole estimate away, and the true bias lies
        within the bound at that strength. Tenure, the observed benchmark, is a much stronger
        confounder than the interest: a confounder a quarter as strong leaves less of the estimate,
        one half as strong more than explains it away. The data cannot say whether such a confounder
        exists: that is the judgement the numbers ask for.
        """)
    try notebook.figure(svg: report.contourSVG(), file: "sensitivity-contours.svg",
                        caption: "The estimate adjusted for confounders of every strength, with the benchmark bounds")

    notebook.heading("3. Refuters")
    let refuter = Refuter(kinds: RefuterKind.allCases, simulations: simulations)
    let refutations = try refuter.run(OrdinaryLeastSquares(), on: data, seed: 1)
    var lines = [["refuter", "new estimate", "expected", "p-value", "alarm"]]
    for r in refutations.refutations {
        lines.append(["\(r.kind)", NumberFormatting.fixed(r.newEstimate, decimals: 4), NumberFormatting.fixed(r.expected, decimals: 4),
                      NumberFormatting.fixed(r.pValue, decimals: 3), r.alarm ? "yes" : "no"])
        notebook.value("alarm.\(r.kind)", r.alarm ? 1 : 0)
    }
    notebook.table(lines)
    let alarmed = refutations.refutations.filter(\.alarm).map { "\($0.kind)" }
    notebook.say("")
    notebook.sayWrapped((alarmed.isEmpty ? "No refuter raises an alarm." : "Only \(alarmed.joined(separator: ", ")) raises an alarm "
        + "(each raises one with probability α = 0.05 when all is well).") + " Permuting the treatment or the outcome "
        + "removes the estimate, a random covariate, subsets and resamples leave it where it was. Refuters test the "
        + "estimator's consistency with itself, not the absence of a hidden confounder; only the sensitivity analysis "
        + "speaks to that, and only the simulator knows the bias is real.")
}
