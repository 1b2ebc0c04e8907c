// Uplift evaluation: a randomised coupon experiment, a T-learner's predicted effect as the
// score, and Qini and uplift curves against the oracle ranking by the true per-unit effect.
// `swift run -c release UpliftEvaluation [--quick] [--output DIR]`
import NotebookSupport
import WhatIf

Notebook.run("UpliftEvaluation", summary: "Whom should the coupon go to? A model's uplift score on a randomised experiment, against the true effects.") { notebook in
    let rows = notebook.size(100_000, quick: 20_000)

    notebook.heading("1. The coupon experiment")
    let model = try ModelFileParser(file: "coupon").parse("""
        loyalty  = Normal(0, 1)
        recency  = Uniform(0, 1)
        coupon   ~ Bernoulli(0.5)
        purchase ~ Bernoulli(logistic(-1 + 0.5 * loyalty - recency + coupon * (-1.2 + 0.6 * loyalty + 8 * recency * (1 - recency))))
        """)
    notebook.say("""
        A shop sends a coupon to a random half of its customers and records who buys. The coupon's
        effect on the log-odds of a purchase grows with loyalty and is largest for customers whose
        last purchase was neither very recent nor long ago (recency near 0.5): a hump no straight line
        fits. For some customers the coupon does nothing or harms.

        \(model)
        """)
    // Each unit's true effect: the difference of the purchase probabilities with and without the
    // coupon given its traits (the model's conditional mean of purchase, under each arm).
    guard let mean = try model.conditionalMean(of: "purchase") else { throw ModelError("purchase has no conditional mean") }
    func experiment(seed: UInt64) throws -> Table {
        try StructuralCausalModel.sample(rows: rows, seed: seed, selections: [
            try ColumnSelection(model, variables: ["loyalty", "recency", "coupon", "purchase"]),
            try ColumnSelection(model.intervening([.set("coupon", to: 1), .replace("purchase", with: mean, noise: [])]),
                                variables: ["purchase"], headers: ["p1"]),
            try ColumnSelection(model.intervening([.set("coupon", to: 0), .replace("purchase", with: mean, noise: [])]),
                                variables: ["purchase"], headers: ["p0"]),
        ], options: SamplingOptions(threads: 1))
    }
    let training = try experiment(seed: 1), test = try experiment(seed: 2)
    let tau = zip(try test.numbers("p1"), try test.numbers("p0")).map { $0 - $1 }
    let ate = tau.reduce(0, +) / Double(rows)
    let harmed = Double(tau.filter { $0 < 0 }.count) / Double(rows)
    notebook.truth("ate", ate)
    notebook.value("share-harmed", harmed)
    notebook.say("")
    notebook.sayWrapped("We run the experiment twice, \(NumberFormatting.grouped(Double(rows), decimals: 0)) customers each: "
        + "one to fit a model on, one to evaluate it on. On the second the coupon raises the purchase rate by "
        + "\(NumberFormatting.fixed(100 * ate, decimals: 2)) points on average, and lowers it for "
        + "\(NumberFormatting.fixed(100 * harmed, decimals: 1))% of customers. Only the simulator knows each customer's "
        + "own effect τᵢ; the data show one arm per customer.")

    notebook.heading("2. A T-learner's uplift score")
    notebook.say("""
        Fit the purchase on the traits in each arm separately (linear probability models) and score
        every customer of the second experiment by the difference of the two predictions:
        τ̂(x) = μ̂₁(x) − μ̂₀(x). A linear T-learner sees loyalty's part of the effect but not the hump;
        a second one is given recency² as well.

        """)
    func tLearner(_ features: (Table) throws -> [(String, [Double])]) throws -> [Double] {
        let t = try training.numbers("coupon"), y = try training.numbers("purchase"), x = try features(training)
        let testX = try features(test)
        var predictions: [[Double]] = []
        for arm in [0.0, 1.0] {
            let picked = t.indices.filter { t[$0] == arm }
            let design = Design([("intercept", picked.map { _ in 1 })] + x.map { name, values in (name, picked.map { values[$0] }) })
            let c = try LinearRegression(design, response: picked.map { y[$0] }).coefficients
            predictions.append((0..<rows).map { i in c[0] + testX.indices.reduce(0) { $0 + c[$1 + 1] * testX[$1].1[i] } })
        }
        return zip(predictions[1], predictions[0]).map { $0 - $1 }
    }
    let linear = try tLearner { [("loyalty", try $0.numbers("loyalty")), ("recency", try $0.numbers("recency"))] }
    let quadratic = try tLearner {
        [("loyalty", try $0.numbers("loyalty")), ("recency", try $0.numbers("recency")), ("recency²", try $0.numbers("recency").map { $0 * $0 })]
    }
    let random = RandomStream(seed: 3)
    let noise = (0..<rows).map { _ in random.uniform() }

    notebook.heading("3. Qini and uplift curves against the oracle")
    let (t, y) = (try test.numbers("coupon"), try test.numbers("purchase"))
    var rowsOfTable = [["score", "Qini AUC", "uplift AUC", "Qini q", "uplift top 10%", "top 30%", "true gain captured"]]
    var evaluations: [String: UpliftEvaluation] = [:]
    for (key, label, score) in [("linear", "T-learner, linear", linear), ("quadratic", "T-learner, with recency²", quadratic),
                                ("random", "random score", noise)] {
        let evaluation = try UpliftEvaluation(treatment: t, outcome: y, score: score, trueEffect: tau)
        evaluations[key] = evaluation
        func row(_ name: String, _ m: UpliftMetrics, gain: Double) -> [String] {
            [name, NumberFormatting.fixed(m.qiniAuc, decimals: 3), NumberFormatting.fixed(m.upliftAuc, decimals: 3),
             NumberFormatting.fixed(m.qiniCoefficient, decimals: 3)] + m.upliftAtK.map { NumberFormatting.fixed($0.value, decimals: 3) }
                + [NumberFormatting.fixed(gain, decimals: 3)]
        }
        let gain = evaluation.trueGain?.normalisedArea ?? .nan
        rowsOfTable.append(row(label, evaluation.model, gain: gain))
        notebook.value("qini.\(key)", evaluation.model.qiniAuc)
        notebook.value("uplift-auc.\(key)", evaluation.model.upliftAuc)
        notebook.value("gain.\(key)", gain)
        if key == "linear", let oracle = evaluation.oracle {
            rowsOfTable.insert(row("oracle: true effect τᵢ", oracle, gain: 1), at: 1)
            notebook.value("qini.oracle", oracle.qiniAuc)
            notebook.value("uplift-auc.oracle", oracle.upliftAuc)
        }
    }
    notebook.table(rowsOfTable)
    notebook.say("""

        Qini AUC and uplift AUC: the area between the curve and the random line, as a share of the
        best curve the data allow; q: Radcliffe's Qini coefficient; uplift at the top k: the
        difference in purchase rates among the top-scored share k. The last column needs the
        simulator: the true gain of treating the top x customers of each ranking, its area above
        random as a share of the oracle's. The oracle ranks by the true effects and is best; the
        linear T-learner captures part of its gain, recency² most of the rest, and a random score
        none. Curves from outcomes are noisy, the true gain is not: with real data you see only the
        first five columns.
        """)
    if let linearEvaluation = evaluations["linear"] {
        try notebook.figure(svg: linearEvaluation.plot(score: "T-learner, linear").svg(), file: "uplift-linear.svg",
                            caption: "Qini, uplift and true gain curves of the linear T-learner, with the oracle's")
    }
}
