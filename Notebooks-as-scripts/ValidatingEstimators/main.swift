// Validating an estimator: a benchmark run, read as a researcher would.
// `swift run -c release ValidatingEstimators [--quick] [--output DIR]`
//
// One estimate on one data set cannot tell you whether an estimator works: it may be
// unlucky, or its interval may be wrong. A simulator can draw many data sets from a
// model whose truth it knows, run every estimator on each, and score them: is the
// average estimate right (bias), how far off is a typical one (RMSE), and does the
// 95% interval hold the truth 95% of the time (coverage)? Here for the discount whose
// effect varies with age, where some estimators answer a different question than the
// one asked.
import NotebookSupport
import WhatIf

Notebook.run("ValidatingEstimators", summary: "A benchmark of seven estimators on a heterogeneous effect, read line by line.") { notebook in
    notebook.heading("1. The model and the question")
    let model = try ModelCatalog.load("heterogeneous_effect")
    notebook.say("""
        \(model)
        The discount adds 0.3 × (60 − age): an average of 6, more for the young, who also get it more
        often. Every estimator is scored against the truth of its own estimand: the ATE for most,
        the effect on the treated for matching, and for the partially linear double ML the effects
        weighted by Var(discount | age), which is what that model estimates.

        """)
    let estimators = ["difference-in-means", "regression-adjustment", "stratification-propensity-5", "ipw", "aipw",
                      "psm-nearest-1", "dml-plr-linear"]
    let options = BenchmarkOptions(rows: notebook.size(2_000, quick: 1_000), replications: notebook.size(300, quick: 100),
                                   seed: 2024, truthUnits: notebook.size(1_000_000, quick: 100_000), estimators: estimators)
    notebook.say("""
        \(options.replications) samples of \(options.rows) customers each; the truth from \
        \(NumberFormatting.grouped(Double(options.truthUnits), decimals: 0)) simulated customers' potential outcomes.

        """)

    notebook.heading("2. The report")
    let report = try Benchmark(model: model, treatment: "discount", outcome: "purchases", options: options).run()
    notebook.say(report.text(title: "heterogeneous_effect"))
    try notebook.figure(svg: report.svg(title: "heterogeneous_effect"), file: "benchmark.svg",
                        caption: "Each estimator's mean estimate, mean interval and middle 95% of estimates, against its truth")

    notebook.heading("3. Reading it")
    let level = options.level
    let flagged = report.estimators.filter(\.isBiased).map(\.name)
    let fine = report.estimators.filter { $0.verdicts(level: level).isEmpty }.map(\.name)
    let why = [
        "difference-in-means": "compares the young, who get the discount more often and buy less anyway, with the old",
        "stratification-propensity-5": "leaves some confounding inside each of its five propensity classes",
        "psm-nearest-1": "pairs each treated customer with the control nearest in propensity, and some pairs are not near",
        "dml-plr-linear": "targets the effects weighted by Var(discount | age); with linear learners it is the regression of "
            + "purchases on age and the discount, whose weights come from a straight line through P(discount | age) "
            + "instead of the true logistic curve, so it misses that target by a little",
    ]
    notebook.sayWrapped("First the bias column, against its Monte Carlo error: a bias is real only when it exceeds what "
        + "\(options.replications) replications can resolve. Flagged as biased here: "
        + (flagged.isEmpty ? "none." : flagged.joined(separator: ", ") + ":"))
    for name in flagged {
        notebook.sayWrapped("  - \(name) \(why[name] ?? "is off its estimand's truth by more than chance allows").", hangingIndent: "    ")
    }
    notebook.say("""

        Then coverage: a 95% interval should hold the truth in about 95% of replications, give or take
        the binomial error √(0.95 × 0.05 / R). A biased estimator's intervals are centred in the wrong
        place and under-cover however honest their width. The SE/SD column checks the width itself:
        the mean reported standard error against the actual spread of the estimates, which should be
        close to 1.

        """)
    notebook.sayWrapped("Fine on every count: \(fine.isEmpty ? "none" : fine.joined(separator: ", ")). Each is scored on its own "
        + "estimand: matching on the ATT (\(NumberFormatting.fixed(report.truth.att?.value ?? .nan, decimals: 2))), not the ATE "
        + "(\(NumberFormatting.fixed(report.truth.ate?.value ?? .nan, decimals: 2))). An estimator can be flawless for a question "
        + "nobody asked; the estimand column says which question it answers.")
    for performance in report.estimators {
        if let bias = performance.bias, let error = performance.biasStandardError {
            notebook.estimate("bias.\(performance.name)", bias, lower: bias - 1.96 * error, upper: bias + 1.96 * error, standardError: error)
        }
        if let coverage = performance.coverage { notebook.value("coverage.\(performance.name)", coverage) }
        if let ratio = performance.standardErrorRatio { notebook.value("se-ratio.\(performance.name)", ratio) }
    }
    notebook.value("replications", Double(options.replications))
}
