// Potential outcomes: two outcomes per user, one of them observed.
// `swift run -c release PotentialOutcomesTable [--quick] [--output DIR]`
//
// Every user has a spend without the banner and a spend with it; the effect on that
// user is the difference. Nobody can observe both: the banner is shown or it is not.
// A simulator can, so we print both for six users, then average them into the ATE,
// the ATT and the ATU, and by subscription tier, and see which comparison of observed
// spends recovers which of them.
import NotebookSupport
import WhatIf

Notebook.run("PotentialOutcomesTable",
             summary: "Two potential outcomes per user, one observed: ATE, ATT, ATU and the effect by tier.") { notebook in
    notebook.heading("1. The shop")
    let shop = try SCM {
        "tier"   ~ Categorical(0.5, 0.3, 0.2)
        "banner" ~ Bernoulli(0.2 + 0.25 * "tier")
        "spend"  ~ 20 + 15 * "tier" + (2 + 4 * "tier") * "banner" + Normal(0, 5)
    }
    notebook.say("""
        \(shop)
        Tier 0 is a free account, 1 plus, 2 premium (half, 30% and 20% of users). Premium users spend
        more and see the banner more often, and the banner helps them more: it adds $2, $6 and $10
        in the three tiers.
        """)
    let tiers = ["free", "plus", "premium"], tierEffects = [2.0, 6.0, 10.0], tierShares = [0.5, 0.3, 0.2]
    let design = try PotentialOutcomes(treatment: "banner", outcome: "spend")
    func money(_ x: Double) -> String { NumberFormatting.fixed(x, decimals: 2) }

    notebook.heading("2. Six users, as the simulator sees them and as we do")
    let six = try shop.sample(rows: 6, seed: 4, potentialOutcomes: design)
    let (tier, banner) = (try six.numbers("tier"), try six.numbers("banner"))
    let (y0, y1, spend) = (try six.numbers("spend_0"), try six.numbers("spend_1"), try six.numbers("spend"))
    notebook.table([["user", "tier", "banner", "spend without ($)", "spend with ($)", "effect ($)", "observed spend ($)"]]
        + (0..<6).map { i in
            [String(i + 1), tiers[Int(tier[i])], banner[i] == 1 ? "shown" : "not shown", money(y0[i]), money(y1[i]),
             money(y1[i] - y0[i]), money(spend[i])]
        }, leftAligned: 3)
    notebook.say("""

        Each user's two spends come from the same noise, so the effect is exactly the tier's: that is
        what the simulator knows. We see only the spend under the banner each user got:

        """)
    notebook.table([["user", "tier", "banner", "spend without ($)", "spend with ($)"]]
        + (0..<6).map { i in
            [String(i + 1), tiers[Int(tier[i])], banner[i] == 1 ? "shown" : "not shown",
             banner[i] == 0 ? money(spend[i]) : "?", banner[i] == 1 ? money(spend[i]) : "?"]
        }, leftAligned: 3)
    notebook.say("""

        The fundamental problem of causal inference: half of the table is missing, and every method
        is a way of filling it in from other users.
        """)

    let rows = notebook.size(100_000, quick: 10_000)
    notebook.heading("3. \(NumberFormatting.grouped(Double(rows), decimals: 0)) users: ATE, ATT and ATU")
    let users = try shop.sample(rows: rows, seed: 5, potentialOutcomes: design)
    let t = try users.numbers("banner"), tierColumn = try users.numbers("tier")
    let (spend0, spend1) = (try users.numbers("spend_0"), try users.numbers("spend_1"))
    let truth = try TreatmentEffects(treatment: t, y0: spend0, y1: spend1)
    // By hand, from the model: P(banner | tier) = 0.2, 0.45, 0.7, so P(banner) = 0.375 and
    // ATT = Σ P(tier) P(banner | tier) effect / P(banner), ATU likewise with 1 − P(banner | tier).
    let shown = (0..<3).map { 0.2 + 0.25 * Double($0) }
    let population = (
        ate: (0..<3).reduce(0) { $0 + tierShares[$1] * tierEffects[$1] },
        att: (0..<3).reduce(0) { $0 + tierShares[$1] * shown[$1] * tierEffects[$1] } / 0.375,
        atu: (0..<3).reduce(0) { $0 + tierShares[$1] * (1 - shown[$1]) * tierEffects[$1] } / 0.625)
    notebook.table([
        ["quantity", "average of Y(1) − Y(0) over", "in this sample ($)", "± SE", "in the population ($)"],
        ["ATE", "everyone", money(truth.ate), money(truth.ateStandardError), money(population.ate)],
        ["ATT", "the users shown the banner", money(truth.att), money(truth.attStandardError), money(population.att)],
        ["ATU", "the users not shown it", money(truth.atu), money(truth.atuStandardError), money(population.atu)],
    ], leftAligned: 2)
    notebook.say("""

        The population values follow from the model by hand (section 1's shares and effects). The
        treated are mostly premium users, who gain most, so ATT > ATE > ATU: "the effect" depends on
        whose effect you ask about.
        """)
    notebook.truth("ate", truth.ate, standardError: truth.ateStandardError)
    notebook.truth("att", truth.att, standardError: truth.attStandardError)
    notebook.truth("atu", truth.atu, standardError: truth.atuStandardError)

    notebook.heading("4. The effect by tier")
    let data = try CausalData(table: users, roles: Roles(outcome: "spend", treatment: "banner", covariates: ["tier"]))
    let effect = zip(spend1, spend0).map { $0 - $1 }
    var byTier: [[String]] = [["tier", "users", "shown the banner", "true effect ($)", "difference in means ($)", "± SE"]]
    var chartRows: [IntervalChart.Row] = []
    for k in 0..<3 {
        let members = tierColumn.indices.filter { tierColumn[$0] == Double(k) }
        let withinTier = try DifferenceInMeans().estimate(data.selecting(rows: members))
        let sampleEffect = members.reduce(0) { $0 + effect[$1] } / Double(members.count)
        byTier.append([tiers[k], String(members.count), NumberFormatting.percent(members.reduce(0) { $0 + t[$1] } / Double(members.count)),
                       money(sampleEffect), money(withinTier.value), money(withinTier.standardError)])
        chartRows.append(.init(label: tiers[k], estimate: withinTier.value, lower: withinTier.interval.lower,
                               upper: withinTier.interval.upper, reference: sampleEffect))
        notebook.truth("tier-\(k)", sampleEffect)
        notebook.estimate("tier-\(k)", withinTier.value, lower: withinTier.interval.lower, upper: withinTier.interval.upper,
                          standardError: withinTier.standardError)
    }
    notebook.table(byTier)
    let chart = IntervalChart(title: "The banner's effect by tier: within-tier difference in means and the truth",
                              axisLabel: "effect on spend ($)", rows: chartRows,
                              legend: ("estimate", "95% interval", "", "true effect"))
    try notebook.figure(svg: chart.svg(), file: "effect-by-tier.svg", caption: "The effect by tier against the truth")
    notebook.say("""

        Within a tier the banner is shown at random, so comparing the users shown it with the others
        recovers that tier's effect.
        """)

    notebook.heading("5. Comparing everyone at once")
    notebook.compare([
        EstimateLine("naive", "difference in means, all users", try DifferenceInMeans().estimate(data)),
        EstimateLine("by-tier", "difference in means within tiers, averaged", try Stratification(strata: .covariate("tier")).estimate(data)),
    ], against: TruthLine("ate-sample", "ATE in this sample", truth.ate), unit: "$")
    notebook.say("""

        The naive difference compares premium users, who see the banner more, with free users, who
        spend less anyway: it is the ATT plus a selection bias of $15 per tier of difference between
        the groups. Averaging the within-tier differences with the tiers' shares recovers the ATE.
        """)
}
