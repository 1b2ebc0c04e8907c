// Matching and weighting on the banner, with the propensity overlap drawn.
// `swift run -c release MatchingAndWeighting [--quick] [--output DIR]`
//
// Engaged customers see the banner more often and spend more anyway. The propensity
// score, the probability of seeing the banner given engagement, is the one number
// that makes customers comparable: match on it, weight by it or stratify on it. We
// draw where the treated and control customers' scores overlap, check that weighting
// balances engagement, compare every estimator with the truth, then make the
// overlap poor and watch the weights explode.
import NotebookSupport
import WhatIf

Notebook.run("MatchingAndWeighting",
             summary: "Propensity scores on the banner: overlap, balance, matching, weighting.") { notebook in
    let rows = notebook.size(40_000, quick: 4_000)

    /// The propensity scores of `data` drawn by arm.
    func drawOverlap(_ data: CausalData, file: String, title: String) throws -> [Double] {
        let scores = try data.propensityScores()
        let t = data.treatment ?? []
        let chart = HistogramChart(title: title, axisLabel: "estimated propensity P(banner = 1 | engagement)",
                                   groups: [.init(label: "saw the banner", values: scores.indices.filter { t[$0] == 1 }.map { scores[$0] }),
                                            .init(label: "did not", values: scores.indices.filter { t[$0] == 0 }.map { scores[$0] })],
                                   bins: 25, range: 0...1)
        try notebook.figure(svg: chart.svg(), file: file, caption: title)
        return scores
    }

    /// The difference in mean engagement between the arms, weighted by `w`, in pooled standard deviations.
    func standardisedDifference(_ x: [Double], _ t: [Double], weights w: [Double]) -> Double {
        func moments(_ arm: Double) -> (mean: Double, variance: Double) {
            let rows = t.indices.filter { t[$0] == arm }
            let total = rows.reduce(0) { $0 + w[$1] }, mean = rows.reduce(0) { $0 + w[$1] * x[$1] } / total
            return (mean, rows.reduce(0) { $0 + (x[$1] - mean) * (x[$1] - mean) } / Double(rows.count - 1))
        }
        let (treated, control) = (moments(1), moments(0))
        return (treated.mean - control.mean) / ((treated.variance + control.variance) / 2).squareRoot()
    }

    /// Every estimator of this notebook on `data`, keys prefixed by `prefix`.
    func estimates(_ data: CausalData, _ prefix: String) throws -> [EstimateLine] {
        let estimators: [(key: String, label: String, estimator: any EffectEstimator)] = [
            ("naive", "difference in means (naive)", DifferenceInMeans()),
            ("stratification", "stratification, 5 propensity classes", Stratification(strata: .propensityQuantiles(5))),
            ("matching", "nearest-neighbour matching (ATT)", PropensityScoreMatching()),
            ("ipw-ht", "IPW, Horvitz–Thompson", InverseProbabilityWeighting(weighting: .horvitzThompson)),
            ("ipw", "IPW, normalised (Hájek)", InverseProbabilityWeighting(weighting: .hajek)),
            ("ipw-trimmed", "IPW, scores trimmed to [0.05, 0.95]", InverseProbabilityWeighting(weighting: .hajek, trim: 0.05)),
            ("aipw", "augmented IPW (doubly robust)", AugmentedIPW()),
        ]
        return try estimators.map { EstimateLine("\(prefix).\($0.key)", $0.label, try $0.estimator.estimate(data, seed: 1)) }
    }

    // MARK: 1. The propensity score

    notebook.heading("1. Who sees the banner: the propensity score")
    let banner = try ModelCatalog.load("banner")
    notebook.say("\(banner)")
    let table = try banner.sample(rows: rows, seed: 21, potentialOutcomes: PotentialOutcomes(treatment: "banner", outcome: "spend"))
    let data = try CausalData(table: table, roles: Roles(outcome: "spend", treatment: "banner", covariates: ["engagement"]))
    let scores = try drawOverlap(data, file: "overlap.svg", title: "Propensity scores of the banner, by arm")
    let t = try table.numbers("banner"), truePropensity = try table.numbers("banner_propensity")
    let worst = zip(scores, truePropensity).map { abs($0 - $1) }.max() ?? .nan
    notebook.say("""
        A logistic regression of banner on engagement estimates each customer's score. The model's own
        propensity (the column banner_propensity, which only a simulator has) differs from it by at
        most \(NumberFormatting.significant(worst, digits: 2)). The arms overlap over most of the range: every treated customer has
        control customers with a similar score, and the other way round.
        """)

    // MARK: 2. Balance

    notebook.heading("2. Does weighting balance engagement?")
    let engagement = try table.numbers("engagement")
    let weights = t.indices.map { t[$0] == 1 ? 1 / scores[$0] : 1 / (1 - scores[$0]) }
    let raw = standardisedDifference(engagement, t, weights: Array(repeating: 1, count: t.count))
    let weighted = standardisedDifference(engagement, t, weights: weights)
    notebook.table([["engagement, treated − control", "standardised difference"],
                    ["as observed", NumberFormatting.fixed(raw, decimals: 3)],
                    ["weighted by 1 / P(arm | engagement)", NumberFormatting.fixed(weighted, decimals: 3)]])
    notebook.say("""

        Before weighting, the customers who saw the banner were more engaged by \(NumberFormatting.fixed(raw, decimals: 2)) standard
        deviations. Weighting each customer by the inverse of the probability of its arm makes the
        arms alike (below 0.1 is the usual rule of thumb); the largest weight is \(NumberFormatting.fixed(weights.max() ?? .nan, decimals: 1)).
        """)
    notebook.value("balance.raw", raw)
    notebook.value("balance.weighted", weighted)

    // MARK: 3. The estimators

    notebook.heading("3. Matching, stratification and weighting against the truth")
    let truth = try TreatmentEffects(treatment: t, y0: table.numbers("spend_0"), y1: table.numbers("spend_1"))
    notebook.compare(try estimates(data, "good"), against: TruthLine("good", "ATE = ATT", truth.ate), unit: "$")
    notebook.say("""

        Every customer's banner adds $5, so the ATE and the ATT (which matching targets) are both 5.
        Matching, weighting and the doubly robust estimator recover it; five propensity classes
        remove most of the confounding but leave a little inside each class (Cochran's 90%).
        """)

    // MARK: 4. Poor overlap

    notebook.heading("4. When overlap is poor")
    let steep = try SCM {
        "engagement" ~ Normal(50, 15)
        "banner"     ~ Bernoulli(logistic(0.25 * ("engagement" - 50)))
        "spend"      ~ 20 + 0.3 * "engagement" + 5 * "banner" + Normal(0, 10)
    }
    notebook.say("""
        Now the shop shows the banner almost only to engaged customers: five times steeper.

        \(steep)
        """)
    let steepTable = try steep.sample(rows: rows, seed: 22, potentialOutcomes: PotentialOutcomes(treatment: "banner", outcome: "spend"))
    let steepData = try CausalData(table: steepTable, roles: Roles(outcome: "spend", treatment: "banner", covariates: ["engagement"]))
    let steepScores = try drawOverlap(steepData, file: "overlap-poor.svg", title: "Propensity scores when overlap is poor")
    let steepT = try steepTable.numbers("banner")
    let steepWeights = steepT.indices.map { steepT[$0] == 1 ? 1 / steepScores[$0] : 1 / (1 - steepScores[$0]) }
    let extreme = steepScores.filter { $0 < 0.01 || $0 > 0.99 }.count
    notebook.say("""

        \(extreme) of \(rows) customers have a score below 0.01 or above 0.99: the arms barely meet,
        and the largest weight is \(NumberFormatting.grouped(steepWeights.max() ?? .nan, decimals: 0)).

        """)
    let steepTruth = try TreatmentEffects(treatment: steepT, y0: steepTable.numbers("spend_0"), y1: steepTable.numbers("spend_1"))
    notebook.compare(try estimates(steepData, "poor"), against: TruthLine("poor", "ATE = ATT", steepTruth.ate), unit: "$")
    notebook.value("poor.max-weight", steepWeights.max() ?? .nan)
    notebook.say("""

        The naive contrast is now far off. Horvitz–Thompson weighting, which divides by raw scores
        near zero, pays for its unbiasedness with a wide interval; normalising the weights, trimming
        the extreme scores (which changes the population to the customers who could go either way,
        harmless here because the effect is the same for everyone) and the doubly robust estimator
        keep it in check. When overlap is poor, look at the picture before believing any estimate.
        """)
}
