import NotebookSupport
import WhatIf

// Off-policy evaluation on the catalog's recommender: what would a new recommendation
// policy have earned, judged from rounds logged under the old one? The simulator knows
// the answer (PolicyBenchmark.truth); IPS, SNIPS, DM, DR, SNDR and Switch-DR estimate it.

Notebook.run("OffPolicyEvaluation", summary: "Would a new recommendation policy get more clicks? Judged from logged rounds, against the simulator's truth.") { notebook in
    let rows = notebook.size(40_000, quick: 12_000)
    let truthUnits = notebook.size(400_000, quick: 40_000)
    let replications = notebook.size(200, quick: 40)
    let replicationRows = notebook.size(4_000, quick: 3_000)

    // MARK: 1. The logged rounds

    notebook.heading("1. The recommender and its logged rounds")
    let model = try ModelCatalog.load("recommender")
    notebook.say("""
        A shop shows each visitor one of four items and logs whether they click. Two traits of the
        visitor, activity and novelty seeking, drive both what the logging policy shows (a softmax of
        scores of the traits) and whether the visitor clicks:

        \(model)
        """)
    let parser = ModelFileParser(file: "target")
    let policyText = "item = ifelse(novelty > 0, 2, 1)"
    let target = try parser.parseIntervention(policyText, in: model)
    func benchmark(_ target: Intervention, assumedLogging: Intervention? = nil, rows: Int, replications: Int,
                   rewardModel: RewardModelKind = .fitted) throws -> PolicyBenchmark {
        try PolicyBenchmark(model: model, action: "item", reward: "click", target: target, assumedLogging: assumedLogging,
                            options: PolicyBenchmarkOptions(rows: rows, replications: replications, seed: 11,
                                                            truthUnits: truthUnits, rewardModel: rewardModel))
    }
    let main = try benchmark(target, rows: rows, replications: 1)
    let data = try main.logged(replication: 0).data
    notebook.say("")
    notebook.sayWrapped("We log \(NumberFormatting.grouped(Double(rows), decimals: 0)) visits: for each the item shown, the click "
        + "and the logging policy's probability of the item it showed (its propensity).")

    // MARK: 2. The naive comparison

    notebook.heading("2. Comparing the items as logged")
    var table = [["item", "shown", "logged click rate", "SE", "true click rate", "error"]]
    for a in 0..<4 {
        let picked = data.actions.indices.filter { data.actions[$0] == a }
        let n = Double(picked.count)
        let rate = picked.map { data.rewards[$0] }.reduce(0, +) / n
        let se = (rate * (1 - rate) / n).squareRoot()
        let truth = try benchmark(try parser.parseIntervention("item = \(a)", in: model), rows: 100, replications: 1).truth().value
        table.append(["\(a)", NumberFormatting.grouped(n, decimals: 0), NumberFormatting.fixed(rate, decimals: 4),
                      NumberFormatting.fixed(se, decimals: 4), NumberFormatting.fixed(truth.value, decimals: 4),
                      (rate >= truth.value ? "+" : "") + NumberFormatting.fixed(rate - truth.value, decimals: 4)])
        notebook.truth("item\(a)", truth.value, standardError: truth.standardError)
        notebook.estimate("naive.item\(a)", rate, lower: rate - 1.96 * se, upper: rate + 1.96 * se, standardError: se)
    }
    notebook.table(table)
    notebook.say("""

        The true click rate of an item is what everyone would do if everyone were shown it (the
        simulator's truth). As logged, the bestseller (item 0) looks far better than it is: it is shown
        to active visitors, who click more whatever they see. Item 2 looks best as logged; shown to
        everyone, the bargain (item 1) would do better. Comparing logged rates is confounded.
        """)

    // MARK: 3. The new policy

    notebook.heading("3. The value of a new policy")
    let truth = try main.truth()
    notebook.sayWrapped("The new policy shows the new arrival (item 2) to visitors who like novelty and the bargain (item 1) "
        + "to everyone else: \(policyText). Its true value, the click rate it would earn, is "
        + "\(NumberFormatting.fixed(truth.value.value, decimals: 4)) (Monte Carlo SE "
        + "\(NumberFormatting.significant(truth.value.standardError, digits: 2))); the logging policy earns "
        + "\(NumberFormatting.fixed(truth.loggingValue.value, decimals: 4)). The estimators reweight the logged rounds (IPS, "
        + "SNIPS), predict with a reward model fitted on them (DM: per item, least squares of the click on the traits) or "
        + "both (DR, SNDR, Switch-DR):")
    notebook.say("")
    let evaluation = try OffPolicyEvaluation(data)
    let labels = ["ips": "IPS", "snips": "SNIPS", "dm": "DM", "dr": "DR", "sndr": "SNDR", "switch-dr": "Switch-DR"]
    let lines = evaluation.estimates.map { EstimateLine("ope.\($0.estimator)", labels[$0.estimator] ?? $0.estimator, $0) }
    notebook.compare(lines, against: TruthLine("policy", "value of the new policy", truth.value), unit: "clicks per visit")
    notebook.value("weights.ess", evaluation.weights.effectiveSampleSize)
    notebook.value("weights.max", evaluation.weights.maximum)
    notebook.say("")
    notebook.sayWrapped("The weights π(a|x)/p average \(NumberFormatting.fixed(evaluation.weights.mean, decimals: 3)) (1 expected), "
        + "the largest is \(NumberFormatting.fixed(evaluation.weights.maximum, decimals: 1)) and the effective sample size is "
        + "\(NumberFormatting.grouped(evaluation.weights.effectiveSampleSize, decimals: 0)) of "
        + "\(NumberFormatting.grouped(Double(rows), decimals: 0)) rounds: the new policy often takes items the logger "
        + "rarely showed. Here the weighting and doubly robust intervals cover the truth. DM's interval is narrow because it "
        + "treats the fitted reward model as exact; a linear model of a logistic click probability is not, so trust its "
        + "interval least.")

    // MARK: 4. What goes wrong

    notebook.heading("4. Wrong propensities, a bad reward model")
    notebook.sayWrapped("Two failures, each over \(replications) logged data sets of "
        + "\(NumberFormatting.grouped(Double(replicationRows), decimals: 0)) rounds (the bias beside its Monte Carlo SE):")
    notebook.say("""

        - wrong propensities: we believe the logger chose uniformly (item ~ Categorical(1, 1, 1, 1)),
          with a reward model that is right (the simulator's own click probability);
        - a bad reward model: the right propensities, but each item's logged mean click rate as the
          reward model, which ignores the traits and so inherits the logger's confounding.

        """)
    let uniform = try parser.parseIntervention("item ~ Categorical(1, 1, 1, 1)", in: model)
    let wrongPropensities = try benchmark(target, assumedLogging: uniform, rows: replicationRows, replications: replications,
                                          rewardModel: .truth).run()
    let badModel = try benchmark(target, rows: replicationRows, replications: replications, rewardModel: .constant).run()
    var failures = [["experiment", "estimator", "mean estimate", "bias", "bias SE", "coverage"]]
    var chartRows: [IntervalChart.Row] = lines.map {
        IntervalChart.Row(label: "\($0.label) (one data set)", estimate: $0.value, lower: $0.lower, upper: $0.upper,
                          reference: truth.value.value)
    }
    for (name, words, report, methods) in [("wrong-propensities", "wrong propensities", wrongPropensities, ["ips", "snips", "dr"]),
                                           ("bad-model", "bad reward model", badModel, ["dm", "dr", "switch-dr"])] {
        for method in methods {
            guard let p = report.performance(of: method), let bias = p.bias, let biasSE = p.biasStandardError else { continue }
            failures.append([words, labels[method] ?? method, NumberFormatting.fixed(p.meanEstimate, decimals: 4),
                             (bias >= 0 ? "+" : "") + NumberFormatting.fixed(bias, decimals: 4), NumberFormatting.fixed(biasSE, decimals: 4),
                             p.coverage.map { NumberFormatting.fixed(100 * $0, decimals: 0) + "%" } ?? ""])
            notebook.estimate("\(name).\(method)", p.meanEstimate, lower: p.meanEstimate - 1.96 * biasSE,
                              upper: p.meanEstimate + 1.96 * biasSE, standardError: biasSE)
            chartRows.append(IntervalChart.Row(label: "\(labels[method] ?? method), \(words)", estimate: p.meanEstimate,
                                               lower: p.meanInterval.lower, upper: p.meanInterval.upper,
                                               spread: p.middleOfEstimates, reference: report.truth.value.value))
        }
        notebook.truth(name, report.truth.value.value, standardError: report.truth.value.standardError)
    }
    notebook.value("replications", Double(replications))
    notebook.table(failures, leftAligned: 2)
    notebook.say("""

        With propensities that are wrong, IPS and SNIPS are far off: they weight the rounds by how
        rarely the logger is believed to have shown the item, not by how rarely it did. DR leans on its
        reward model, which is right, and stays unbiased. With a reward model that is wrong, DM is
        biased downwards (the logged rates of items 1 and 2 are not their true rates among the visitors
        the policy sends them to), while DR's weighted residuals, with the right propensities, correct
        it. Doubly robust means right if either part is right, not both.
        """)
    let chart = IntervalChart(title: "Value of the new policy: estimates against the truth", axisLabel: "clicks per visit",
                              rows: chartRows,
                              legend: ("estimate (mean over data sets)", "95% interval (mean)", "middle 95% of estimates",
                                       "true policy value"))
    try notebook.figure(svg: chart.svg(), file: "ope-estimates.svg", caption: "Off-policy estimates of the new policy's value against its truth")
}
