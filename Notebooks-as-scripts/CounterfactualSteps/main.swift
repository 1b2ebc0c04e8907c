// Counterfactuals step by step: abduction, action and prediction.
// `swift run -c release CounterfactualSteps [--quick] [--output DIR]`
//
// A smoker without asbestos exposure has lung cancer and took 14 sick days. Would she
// have had cancer had she not smoked? Pearl's three steps answer it: infer her noise
// from what we saw (abduction), change the model (action), and run it again on her
// noise (prediction). We do it by hand, then with WhatIf, then for a set of patients,
// and finally ask the population questions: the probabilities that smoking was
// necessary, sufficient, or both, for cancer, with the bounds any data would allow.
import NotebookSupport
import WhatIf

Notebook.run("CounterfactualSteps", summary: "Abduction, action, prediction: one patient, many patients, PN, PS and PNS.") { notebook in
    func p(_ x: Double) -> String { NumberFormatting.fixed(x, decimals: 4) }

    notebook.heading("1. The model and its noise")
    let model = try ModelCatalog.load("collider")
    notebook.say("""
        \(model)
        Every variable has its own noise. For a 0/1 variable drawn as Bernoulli(p) the noise is a
        uniform U on [0, 1) and the value is 1 when U < p: U is the unit's luck, the same in every
        world, and p is what the world (the model, under an intervention) makes of it. A Poisson
        count is likewise the quantile of its own uniform U.
        """)

    notebook.heading("2. One patient, by hand")
    let evidence = Evidence(["smoking": 1, "asbestos": 0, "lung_cancer": 1, "sick_days": 14])
    notebook.say("""
        What we saw: \(evidence).

        """)
    let pSmoker = 0.02 + 0.15, pNonSmoker = 0.02
    notebook.table([
        ["step", "what happens", "lung cancer"],
        ["abduction", "she smokes, no asbestos: p = 0.02 + 0.15 = 0.17; cancer means U < 0.17", "U uniform on [0, 0.17)"],
        ["action", "do(smoking = 0): her p becomes 0.02", "p = 0.02"],
        ["prediction", "cancer iff U < 0.02, for U uniform on [0, 0.17)", "P = 0.02 / 0.17 = \(p(pNonSmoker / pSmoker))"],
    ], leftAligned: 3)
    notebook.say("""

        With probability \(p(pNonSmoker / pSmoker)) she would have had cancer anyway; with \(p(1 - pNonSmoker / pSmoker)) smoking was
        necessary for it. Her 14 sick days say nothing more about U (given cancer, sick days depend on
        their own noise only), but her sick days under the action depend on that noise: with cancer
        gone her Poisson mean falls from 14 to 2, and her luck (the quantile of 14 in Poisson(14))
        is kept.

        """)

    notebook.heading("3. The same patient, with WhatIf")
    let twin = try model.twinNetwork(doing: [.set("smoking", to: 0)])
    try notebook.graphFigure(dot: try twin.captionedDOT(outcome: "lung_cancer"), file: "twin-network.svg",
                             caption: "The twin network: the factual world and do(smoking = 0), joined by the shared noise")
    let sample = try model.counterfactualSample(given: evidence, worlds: [[], [.set("smoking", to: 0)]],
                                                variables: ["lung_cancer", "sick_days"])
    let weights = sample.weights
    let (cancerSeen, cancerWithout) = (try sample.values(of: "lung_cancer", inWorld: 0), try sample.values(of: "lung_cancer", inWorld: 1))
    let (daysSeen, daysWithout) = (try sample.values(of: "sick_days", inWorld: 0), try sample.values(of: "sick_days", inWorld: 1))
    notebook.say("""
        counterfactualSample(given:worlds:variables:) runs the three steps and returns the posterior
        of her noise as weighted cells, each with her values in the factual world and under
        do(smoking = 0) (method: \(sample.method)):

        """)
    notebook.table([["cell", "weight", "cancer (seen)", "sick days (seen)", "cancer, had she not smoked", "sick days, had she not smoked"]]
        + sample.weights.indices.map { i in
            [String(i + 1), p(weights[i]), NumberFormatting.general(cancerSeen[i]), NumberFormatting.general(daysSeen[i]),
             NumberFormatting.general(cancerWithout[i]), NumberFormatting.general(daysWithout[i])]
        })
    let cancer = try model.counterfactualProbability(that: "lung_cancer", equals: 1, given: evidence, doing: [.set("smoking", to: 0)])
    let days = try model.counterfactualExpectation(of: "sick_days", given: evidence, doing: [.set("smoking", to: 0)])
    notebook.say("""

        P(cancer had she not smoked | what we saw) = \(p(cancer.value)) (\(cancer.method)), as by hand;
        her expected sick days had she not smoked: \(NumberFormatting.fixed(days.value, decimals: 2)).
        """)
    notebook.value("unit.cancer-without-smoking", cancer.value)
    notebook.value("unit.cancer-without-smoking.exact", cancer.method.isExact ? 1 : 0)
    notebook.value("unit.sick-days-without-smoking", days.value)

    notebook.heading("4. One patient of each kind, and everyone who smokes")
    // The first sampled patient of each combination of smoking, asbestos and cancer.
    let pool = try model.sample(rows: 20_000, seed: 81)
    let poolColumns = try pool.names.map { try pool.numbers($0) }
    var kinds: [[Double]: Int] = [:]
    for i in 0..<pool.rowCount where kinds[[poolColumns[0][i], poolColumns[1][i], poolColumns[2][i]]] == nil {
        kinds[[poolColumns[0][i], poolColumns[1][i], poolColumns[2][i]]] = i
    }
    let chosen = kinds.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.value)
    let patients = try Table(numericColumns: zip(pool.names, poolColumns).map { name, column in (name, chosen.map { column[$0] }) })
    let answers = try model.counterfactuals(for: patients, doing: [.set("smoking", to: 0)])
    let columns = try ["smoking", "asbestos", "lung_cancer", "sick_days"].map { try patients.numbers($0) }
    let (cancerIf, daysIf) = (try answers.table.numbers("lung_cancer"), try answers.table.numbers("sick_days"))
    notebook.table([["patient", "smoking", "asbestos", "cancer", "sick days", "P(cancer | no smoking)", "E[sick days | no smoking]"]]
        + chosen.indices.map { i in
            [String(i + 1)] + columns.map { NumberFormatting.general($0[i]) } + [p(cancerIf[i]), NumberFormatting.fixed(daysIf[i], decimals: 2)]
        })
    notebook.say("""

        \(answers.summary()).
        A non-smoker's world does not change; a smoker without cancer would not have had it either
        (her U is above 0.17, so above 0.02); a smoker with cancer keeps it with probability
        0.02/0.17 (or 0.22/0.37 with asbestos).

        """)
    let ett = try model.effectOfTreatmentOnTheTreated(treatment: "smoking", outcome: "lung_cancer")
    notebook.say("""
        Over all smokers, the effect of smoking on the treated, E[cancer(1) − cancer(0) | smoker] =
        \(p(ett.value)) (\(ett.method)): smoking adds 0.15 to everyone's risk.
        """)
    notebook.value("ett", ett.value)

    notebook.heading("5. Probabilities of causation, and their bounds")
    let causation = try model.probabilitiesOfCausation(treatment: "smoking", outcome: "lung_cancer")
    let bounds = causation.bounds
    // By hand: P(smoking, cancer) = 0.25 (0.9 · 0.17 + 0.1 · 0.37) and the smokers whose cancer follows
    // smoking, U in [0.02 + 0.2a, 0.17 + 0.2a), are 0.15 of everyone; P(no smoking, no cancer) = 0.75 (0.9 · 0.98 + 0.1 · 0.78).
    let byHand = (pn: 0.15 / 0.19, ps: 0.15 / 0.96, pns: 0.15)
    var rows = [["quantity", "meaning", "the model", "by hand", "bounds from the data"]]
    for (key, name, meaning, estimate, hand, range) in [
        ("pn", "PN", "smoker with cancer: would not have had it without smoking", causation.necessity, byHand.pn, bounds.necessity),
        ("ps", "PS", "non-smoker without cancer: would have had it had she smoked", causation.sufficiency, byHand.ps, bounds.sufficiency),
        ("pns", "PNS", "cancer if and only if smoking", Optional(causation.necessityAndSufficiency), byHand.pns,
         Optional(bounds.necessityAndSufficiency)),
    ] {
        rows.append([name, meaning, estimate.map { p($0.value) } ?? "—", p(hand), range.map { "[\(p($0.lower)), \(p($0.upper))]" } ?? "—"])
        if let estimate { notebook.value(key, estimate.value) }
        if let range {
            notebook.value("\(key).lower", range.lower)
            notebook.value("\(key).upper", range.upper)
        }
    }
    notebook.table(rows, leftAligned: 2)
    notebook.say("""

        PN, PS and PNS are counterfactual: no experiment measures them, since each needs one unit in
        two worlds. Data constrain them only to Tian and Pearl's bounds, computed here from the model's
        observational P(smoking, cancer) and interventional P(cancer | do(smoking)): any model with
        the same distributions has its PN, PS and PNS inside them. The upper ends allow smoking to
        prevent some cancers while causing others; this model's noise convention (one uniform U per
        unit, with thresholds that only rise with smoking) rules that out, so each of its answers
        sits at the lower end, where monotonicity puts it.
        """)
}
