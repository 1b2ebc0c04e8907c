// Regression discontinuity: customers with a loyalty score of 70 or more get the banner.
// `swift run -c release LoyaltyDiscontinuity [--quick] [--output DIR]`
//
// The banner goes to every customer scoring 70 or more and to nobody below. Loyal
// customers spend more anyway, so comparing those with and without the banner measures
// loyalty, not the banner. But customers just below and just above 70 are alike in
// everything except the banner: the jump in spend at the cutoff is its effect there.
// Then a fuzzy cutoff, where 70 makes the banner likelier but not certain, and the jump
// in spend must be divided by the jump in the banner's share.
import NotebookSupport
import WhatIf

Notebook.run("LoyaltyDiscontinuity", summary: "Regression discontinuity, sharp and fuzzy, at a loyalty score of 70.") { notebook in
    let rows = notebook.size(40_000, quick: 6_000)
    let truthUnits = notebook.size(1_000_000, quick: 100_000)
    let design = try PotentialOutcomes(treatment: "banner", outcome: "spend")
    let cutoff = 70.0
    let bins = BinnedMeans.self
    let below = { (x: Double) in x < cutoff }, above = { (x: Double) in x >= cutoff }
    let marker = LineChart.Layer.verticalRule(cutoff, Stroke(color: "#7a7a7a", width: 1.3, dash: [6, 4]))
    let observed = Stroke(color: "#111111", width: 1.8)

    notebook.heading("1. A sharp cutoff")
    let sharp = try ModelCatalog.load("regression_discontinuity")
    notebook.say("""
        \(sharp)
        Spend rises with loyalty (a little faster at the ends), and the banner adds 10 at every score.

        """)
    let table = try sharp.sample(rows: rows, seed: 61, potentialOutcomes: design)
    let loyalty = try table.numbers("loyalty"), spend = try table.numbers("spend")
    let truth = try TrueEffects(model: sharp, design: BenchmarkDesign(model: sharp, treatment: "banner", outcome: "spend"),
                                units: truthUnits, seed: 1)
    let rd = Roles(outcome: "spend", treatment: "banner", runningVariable: "loyalty", cutoff: cutoff)
    notebook.compare([
        EstimateLine("sharp.naive", "with vs without the banner", try DifferenceInMeans().estimate(
            table, roles: Roles(outcome: "spend", treatment: "banner"))),
        EstimateLine("sharp.global", "… adjusting for loyalty, one line for all", try Estimators.OrdinaryLeastSquares().estimate(
            table, roles: Roles(outcome: "spend", treatment: "banner", covariates: ["loyalty"]))),
        EstimateLine("sharp.rd", "local linear regression at the cutoff", try RegressionDiscontinuity(design: .sharp).estimate(table, roles: rd)),
    ], against: TruthLine("sharp", "effect at the cutoff", truth.effectAtCutoff ?? TruthValue(value: .nan, standardError: 0)),
       unit: "$")
    notebook.say("""

        The naive contrast compares loyal customers with the others. One straight line through all
        scores absorbs most of loyalty's effect but not its curvature, which it mistakes for part of
        the jump. The local linear regression fits each side near 70 only (the bandwidth is chosen to
        balance bias and variance, and the interval is bias-corrected, as rdrobust does) and reads the
        jump where the two fits meet the cutoff.
        """)
    let sharpBins = bins.init(x: loyalty, y: spend, bins: 50, range: 0...100)
    let withoutBins = bins.init(x: loyalty, y: try table.numbers("spend_0"), bins: 50, range: 0...100)
    let withBins = bins.init(x: loyalty, y: try table.numbers("spend_1"), bins: 50, range: 0...100)
    let dashed = Stroke(color: "#1f77b4", width: 1.3, dash: [5, 3]), dashedWith = Stroke(color: "#d62728", width: 1.3, dash: [5, 3])
    let sharpPanel = LineChart(
        title: "Sharp: mean spend by loyalty",
        layers: [marker, .line(withoutBins.means, dashed), .line(withBins.means, dashedWith),
                 .line(sharpBins.means(where: below), observed), .line(sharpBins.means(where: above), observed)],
        legend: [LegendEntry(.line(observed), "observed"), LegendEntry(.line(dashed), "all without the banner (simulator)"),
                 LegendEntry(.line(dashedWith), "all with it (simulator)")])

    notebook.heading("2. A fuzzy cutoff")
    let fuzzy = try ModelCatalog.load("fuzzy_discontinuity")
    notebook.say("""
        \(fuzzy)
        Now 20% of customers see the banner whatever their score, and a score of 70 adds 60% × affinity.
        The banner's effect grows with affinity, and the customers the cutoff moves (the compliers)
        are those with more affinity: at the cutoff their average effect is 28/3 ≈ 9.33, while the
        average over everyone is 8.

        """)
    // A fuzzy cutoff moves only some customers, so its estimate is noisier: ten times the rows.
    let fuzzyTable = try fuzzy.sample(rows: 10 * rows, seed: 62, potentialOutcomes: design)
    let fuzzyTruth = try TrueEffects(model: fuzzy, design: BenchmarkDesign(model: fuzzy, treatment: "banner", outcome: "spend"),
                                     units: truthUnits, seed: 1)
    notebook.compare([
        EstimateLine("fuzzy.naive", "with vs without the banner", try DifferenceInMeans().estimate(
            fuzzyTable, roles: Roles(outcome: "spend", treatment: "banner"))),
        EstimateLine("fuzzy.jump", "jump in spend at 70 (intention to treat)", try RegressionDiscontinuity(design: .sharp).estimate(
            fuzzyTable, roles: Roles(outcome: "spend", runningVariable: "loyalty", cutoff: cutoff))),
        EstimateLine("fuzzy.rd", "jump in spend / jump in the banner's share", try RegressionDiscontinuity(design: .fuzzy).estimate(
            fuzzyTable, roles: rd)),
    ], against: TruthLine("fuzzy", "compliers' effect at the cutoff", fuzzyTruth.lateAtCutoff ?? TruthValue(value: .nan, standardError: 0)),
       unit: "$")
    if let ate = fuzzyTruth.ate { notebook.truth("fuzzy-ate", ate.value, standardError: ate.standardError) }
    notebook.say("""

        The jump in spend at 70 is diluted: only some customers' banner changes there. Dividing it by
        the jump in the banner's share (the first stage) gives the effect for those customers, the
        compliers at the cutoff, about 9.33, and not the average effect over everyone, which the
        simulator puts at \(NumberFormatting.fixed(fuzzyTruth.ate?.value ?? .nan, decimals: 2)). An estimator answers a question about the units whose
        treatment its design moves.
        """)
    let fuzzyLoyalty = try fuzzyTable.numbers("loyalty")
    let fuzzyBins = bins.init(x: fuzzyLoyalty, y: try fuzzyTable.numbers("spend"), bins: 50, range: 0...100)
    let shareBins = bins.init(x: fuzzyLoyalty, y: try fuzzyTable.numbers("banner"), bins: 50, range: 0...100)
    let fuzzyPanel = LineChart(title: "Fuzzy: mean spend by loyalty",
                               layers: [marker, .line(fuzzyBins.means(where: below), observed),
                                        .line(fuzzyBins.means(where: above), observed)])
    let sharePanel = LineChart(title: "Fuzzy: share of customers who see the banner",
                               layers: [marker, .line(shareBins.means(where: below), observed),
                                        .line(shareBins.means(where: above), observed)])
    let chart = ChartStack(x: sharpBins.centres, panels: [sharpPanel, fuzzyPanel, sharePanel])
    try notebook.figure(svg: chart.svg(width: 900, height: 840), file: "discontinuity.svg",
                        caption: "Binned means by loyalty score, the cutoff at 70 dashed")
}
