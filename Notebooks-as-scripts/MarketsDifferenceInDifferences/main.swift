// Difference-in-differences on the markets, then with parallel trends violated.
// `swift run -c release MarketsDifferenceInDifferences [--quick] [--output DIR]`
//
// Some markets get a campaign in the post period. Treated markets sell more to begin
// with, and every market grows over time, so neither the after-period contrast nor
// the before/after change is the campaign's effect; their difference is, as long as
// the treated markets would have grown like the others. Then we break that promise
// by a known amount and watch the estimate move by exactly that much.
import NotebookSupport
import WhatIf

Notebook.run("MarketsDifferenceInDifferences",
             summary: "Difference-in-differences: two wrong contrasts, one right one, and what parallel trends buy.") { notebook in
    let rows = notebook.size(40_000, quick: 4_000)
    let groups = ["control markets", "treated markets"], periods = ["before", "after"]
    let design = try PotentialOutcomes(treatment: "campaign", outcome: "sales")

    /// Mean sales of each group (control, treated) in each period (before, after).
    func cellMeans(_ table: Table) throws -> [[Double]] {
        let (g, p, y) = (try table.numbers("treated"), try table.numbers("post"), try table.numbers("sales"))
        return (0...1).map { group in
            (0...1).map { period in
                let cell = y.indices.filter { g[$0] == Double(group) && p[$0] == Double(period) }
                return cell.reduce(0) { $0 + y[$1] } / Double(cell.count)
            }
        }
    }

    /// The panel of a 2×2 design: each group's mean sales before and after, the treated markets'
    /// path had they followed the control markets' trend (what difference-in-differences assumes),
    /// and their true path without the campaign (their mean of sales_0, which only a simulator has).
    func panel(_ title: String, _ means: [[Double]], untreatedAfter: Double, legend: Bool) -> LineChart {
        let control = Stroke(color: "#1f77b4", width: 2), treated = Stroke(color: "#d62728", width: 2)
        let parallel = Stroke(color: "#d62728", width: 1.5, dash: [6, 4]), truth = Stroke(color: "#2ca02c", width: 2, dash: [2, 3])
        let assumed = [means[1][0], means[1][0] + means[0][1] - means[0][0]]
        return LineChart(title: title, layers: [.line(means[0], control), .line(means[1], treated), .line(assumed, parallel),
                                                .line([means[1][0], untreatedAfter], truth)],
                         legend: legend ? [LegendEntry(.line(control), "control"), LegendEntry(.line(treated), "treated"),
                                           LegendEntry(.line(parallel), "treated, on the control trend"),
                                           LegendEntry(.line(truth), "treated without the campaign (truth)")] : [])
    }

    /// The 2×2 table, the three contrasts against the truth, and the panel.
    func analyse(_ model: StructuralCausalModel, _ prefix: String, seed: UInt64, title: String, legend: Bool) throws -> LineChart {
        let table = try model.sample(rows: rows, seed: seed, potentialOutcomes: design)
        let means = try cellMeans(table)
        notebook.table([["mean sales ($ thousands)", periods[0], periods[1], "change"]] + (0...1).map { g in
            [groups[g], NumberFormatting.fixed(means[g][0], decimals: 2), NumberFormatting.fixed(means[g][1], decimals: 2),
             NumberFormatting.fixed(means[g][1] - means[g][0], decimals: 2)]
        })
        notebook.say("")
        let (group, period) = (try table.numbers("treated"), try table.numbers("post"))
        let markets = try CausalData(table: table, roles: Roles(outcome: "sales", treatment: "campaign", period: "post", group: "treated"))
        let byGroup = try CausalData(table: table, roles: Roles(outcome: "sales", treatment: "treated"))
        let byPeriod = try CausalData(table: table, roles: Roles(outcome: "sales", treatment: "post"))
        let truth = try TreatmentEffects(treatment: table.numbers("campaign"), y0: table.numbers("sales_0"),
                                         y1: table.numbers("sales_1"))
        notebook.compare([
            EstimateLine("\(prefix).after", "after: treated vs control markets",
                         try DifferenceInMeans().estimate(byGroup.selecting(rows: period.indices.filter { period[$0] == 1 }))),
            EstimateLine("\(prefix).change", "treated markets: after vs before",
                         try DifferenceInMeans().estimate(byPeriod.selecting(rows: group.indices.filter { group[$0] == 1 }))),
            EstimateLine("\(prefix).did", "difference-in-differences", try DifferenceInDifferences().estimate(markets)),
        ], against: TruthLine(prefix, "effect on the treated (ATT)", truth.att), unit: "$ thousands")
        let untreated = try table.numbers("sales_0"), campaign = try table.numbers("campaign")
        let treatedAfter = campaign.indices.filter { campaign[$0] == 1 }
        return panel(title, means, untreatedAfter: treatedAfter.reduce(0) { $0 + untreated[$1] } / Double(treatedAfter.count),
                     legend: legend)
    }

    notebook.heading("1. The markets")
    let markets = try ModelCatalog.load("difference_in_differences")
    notebook.say("""
        \(markets)
        Each row is one market in one period. Treated markets sell 20 more in any period, every market
        sells 15 more after, and the campaign adds 10 where it runs.

        """)
    let parallel = try analyse(markets, "parallel", seed: 41, title: "Parallel trends", legend: true)
    notebook.say("""

        The after-period contrast adds the treated markets' head start (20) to the effect; the
        before/after change adds the growth every market had (15). Their difference subtracts both:
        the control markets' change is what the treated markets would have done without the campaign.
        """)

    notebook.heading("2. Parallel trends violated by a known amount")
    let trendGap = 6.0
    let diverging = try SCM {
        "treated"  ~ Bernoulli(0.5)
        "post"     ~ Bernoulli(0.5)
        "campaign" ~ "treated" * "post"
        "sales"    ~ 100 + 20 * "treated" + 15 * "post" + 6 * "treated" * "post" + 10 * "campaign" + Normal(0, 5)
    }
    notebook.say("""
        \(diverging)
        Now the treated markets were growing faster anyway: without any campaign they would have
        gained \(NumberFormatting.general(trendGap)) more than the control markets. In the data that
        extra growth and the campaign arrive together (campaign = treated × post), so nothing observed
        can tell them apart; only the simulator knows that the campaign still adds 10.

        """)
    let violated = try analyse(diverging, "violated", seed: 42, title: "Trends not parallel", legend: false)
    notebook.value("violated.trend-gap", trendGap)
    notebook.say("""

        Difference-in-differences now credits the campaign with the treated markets' faster growth:
        its estimate is the effect plus the trend gap, 10 + \(NumberFormatting.general(trendGap)). The method
        is only as good as the parallel-trends assumption, which these two periods cannot check;
        trends over several periods before the campaign are the usual evidence.
        """)
    let chart = ChartStack(x: [0, 1], panels: [parallel, violated], xLabel: { $0 == 0 ? "before" : $0 == 1 ? "after" : "" })
    try notebook.figure(svg: chart.svg(width: 900, height: 620), file: "difference-in-differences.svg",
                        caption: "Mean sales by group and period; the treated markets on the control trend, and without the campaign")
}
