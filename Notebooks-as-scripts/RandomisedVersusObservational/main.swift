// Randomised versus observational: self-selection biases the naive contrast; a coin removes it.
// `swift run -c release RandomisedVersusObservational [--quick] [--output DIR]`
//
// Engaged users opt into a new feature, and engaged users stay longer anyway. Comparing
// users with non-users mixes the feature's effect with engagement. A randomised
// experiment is an intervention on the model: a coin decides who gets the feature, the
// arrow from engagement is cut, and the same comparison becomes the effect. We do this
// twice, for the feature (self_selection) and for the banner.
import NotebookSupport
import WhatIf

Notebook.run("RandomisedVersusObservational",
             summary: "Self-selection biases the naive contrast; randomisation removes the bias.") { notebook in
    let rows = notebook.size(40_000, quick: 4_000)
    var chartRows: [IntervalChart.Row] = []

    /// One study: the same naive comparison on observational data and under `.randomised(treatment)`.
    func study(_ number: Int, _ name: String, _ treatment: String, _ outcome: String, confounder: String,
               unit: String, story: String) throws {
        let model = try ModelCatalog.load(name)
        let experiment = try model.intervening(.randomised(treatment))
        notebook.heading("\(number). \(story)")
        notebook.say("\(model)")
        try notebook.graphFigure(dot: try model.causalDiagram.dot(highlighting: GraphHighlight(
                                     treatments: [treatment], outcomes: [outcome], title: "\(name): as observed")),
                                 file: "\(name)-observed.svg", caption: "\(name) as observed: \(confounder) → \(treatment)")
        try notebook.graphFigure(dot: try experiment.causalDiagram.dot(highlighting: GraphHighlight(
                                     treatments: [treatment], outcomes: [outcome], title: "\(name): randomised")),
                                 file: "\(name)-randomised.svg",
                                 caption: "\(name) randomised: no arrow into \(treatment) (graph surgery)")
        let design = try PotentialOutcomes(treatment: treatment, outcome: outcome)
        var lines: [EstimateLine] = [], balance: [[String]] = [["data", "mean \(confounder) if \(treatment) = 1", "if \(treatment) = 0", "share with \(treatment) = 1"]]
        var truth = 0.0
        for (key, label, source, seed) in [("observational", "observed: those who got it vs the others", model, UInt64(31)),
                                           ("randomised", "randomised: heads vs tails", experiment, UInt64(32))] {
            let table = try source.sample(rows: rows, seed: seed, potentialOutcomes: design)
            let t = try table.numbers(treatment), z = try table.numbers(confounder)
            let effects = try TreatmentEffects(treatment: t, y0: table.numbers(design.header(for: 0)), y1: table.numbers(design.header(for: 1)))
            truth = effects.ate
            let estimate = try DifferenceInMeans().estimate(table, roles: Roles(outcome: outcome, treatment: treatment))
            lines.append(EstimateLine("\(name).\(key)", label, estimate))
            chartRows.append(.init(label: "\(name), \(key)", estimate: estimate.value, lower: estimate.interval.lower,
                                   upper: estimate.interval.upper, reference: truth))
            let treated = z.indices.filter { t[$0] == 1 }, control = z.indices.filter { t[$0] == 0 }
            func mean(_ rows: [Int]) -> String { NumberFormatting.fixed(rows.reduce(0) { $0 + z[$1] } / Double(rows.count), decimals: 2) }
            balance.append([key, mean(treated), mean(control), NumberFormatting.percent(Double(treated.count) / Double(rows))])
        }
        notebook.say("Who gets \(treatment), as observed and by a coin:\n")
        notebook.table(balance)
        notebook.say("")
        notebook.compare(lines, against: TruthLine(name, "effect of \(treatment)", truth), unit: unit)
    }

    try study(1, "self_selection", "uses_feature", "retention_days", confounder: "engagement", unit: "days",
              story: "Engaged users opt into a feature")
    notebook.say("""

        Users of the feature are far more engaged, and engagement alone adds 8 days per standard
        deviation, so the observed gap is mostly engagement. With a coin deciding, engagement is the
        same in both arms and the gap is the feature's 2 days.
        """)
    try study(2, "banner", "banner", "spend", confounder: "engagement", unit: "$",
              story: "The banner, shown to engaged customers")
    notebook.say("""

        The same story with the banner: the shop shows it to engaged customers, who spend more anyway.
        Randomising the banner recovers its $5.
        """)

    let chart = IntervalChart(title: "The same comparison, observed and randomised, against the truth",
                              axisLabel: "difference in means (days for the feature, $ for the banner)", rows: chartRows,
                              legend: ("estimate", "95% interval", "", "true effect"))
    try notebook.figure(svg: chart.svg(), file: "observed-vs-randomised.svg", caption: "Naive contrasts, observed and randomised")
}
