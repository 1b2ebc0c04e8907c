// Simpson's paradox: the same numbers, two graphs, two right answers.
// `swift run -c release SimpsonsParadox [--quick] [--output DIR]`
//
// Women apply more often to the competitive department. Within each department they
// are admitted slightly more often than men; overall, less often. Which number is
// "the effect of gender"? The data cannot say. Read the same table as a drug trial in
// which the severity of illness decides who gets the drug, and the other number is
// right. The graph, not the table, decides whether to adjust.
import NotebookSupport
import WhatIf

Notebook.run("SimpsonsParadox", summary: "Simpson's paradox: one table, two causal stories, two right answers.") { notebook in
    let rows = notebook.size(40_000, quick: 6_000)
    let truthUnits = notebook.size(1_000_000, quick: 100_000)
    func truth(_ model: StructuralCausalModel, _ treatment: String, _ outcome: String) throws -> TruthValue {
        let effects = try TrueEffects(model: model, design: BenchmarkDesign(model: model, treatment: treatment, outcome: outcome),
                                      units: truthUnits, seed: 1)
        return effects.ate ?? TruthValue(value: .nan, standardError: 0)
    }

    notebook.heading("1. Admissions")
    let admissions = try ModelCatalog.load("simpsons_paradox")
    notebook.say("""
        \(admissions)
        Department 1 is the competitive one (admission 40 points lower). Women choose it more often,
        and each department admits women 5 points more often than men.

        """)
    let table = try admissions.sample(rows: rows, seed: 71)
    let (x, z, y) = (try table.numbers("female"), try table.numbers("department"), try table.numbers("admitted"))
    func rate(_ keep: (Int) -> Bool) -> (rate: Double, count: Int) {
        let cell = y.indices.filter(keep)
        return (cell.reduce(0) { $0 + y[$1] } / Double(cell.count), cell.count)
    }
    func percent(_ p: Double) -> String { NumberFormatting.percent(p) }
    var rates = [["applicants", "women admitted", "(of)", "men admitted", "(of)", "women − men"]]
    for (label, keep) in [("department 0", { (i: Int) in z[i] == 0 }), ("department 1", { (i: Int) in z[i] == 1 }),
                          ("all", { (_: Int) in true })] {
        let (women, men) = (rate { keep($0) && x[$0] == 1 }, rate { keep($0) && x[$0] == 0 })
        rates.append([label, percent(women.rate), String(women.count), percent(men.rate), String(men.count),
                      NumberFormatting.fixed(100 * (women.rate - men.rate), decimals: 1) + " points"])
    }
    notebook.table(rates)
    notebook.say("""

        Women do better in each department and worse overall: that is the paradox, and it is
        arithmetic, not a contradiction. Both comparisons are computed below from this one table:
        the crude difference, and the average of the within-department differences.

        """)
    let data = try CausalData(table: table, roles: Roles(outcome: "admitted", treatment: "female", covariates: ["department"]))
    let crude = EstimateLine("crude", "crude: no adjustment", try DifferenceInMeans().estimate(data))
    let adjusted = EstimateLine("adjusted", "adjusted: within strata, averaged", try Stratification(strata: .covariate("department")).estimate(data))

    notebook.heading("2. Story A: gender → department → admission")
    try notebook.graphReport(admissions, named: "admissions", treatment: "female", outcome: "admitted", file: "admissions.svg",
                             caption: "Story A: the department is chosen after gender, a mediator", printed: false)
    notebook.say("""
        Gender comes first and the department choice follows from it: the department is a mediator.
        The graph's adjustment set for the total effect is {} (nothing: no back door). The total
        effect of being a woman includes choosing the harder department, 0.05 − 0.4 × (logistic(1) −
        logistic(−1)) ≈ −0.135, and the crude difference estimates it:

        """)
    let total = try truth(admissions, "female", "admitted")
    notebook.compare([crude, adjusted], against: TruthLine("total", "total effect of gender", total), unit: "share admitted")
    let direct = try truth(admissions.intervening(.set("department", to: 0)), "female", "admitted")
    notebook.truth("direct", direct.value, standardError: direct.standardError)
    notebook.say("""

        The within-department average answers another question, also causal: the direct effect of
        gender with the department held fixed, which the simulator computes by do(department = 0) as
        \(NumberFormatting.fixed(direct.value, decimals: 3)). Whether the committee treats women fairly is that question; whether
        being a woman lowers one's chance of admission, all things included, is the first.

        """)

    notebook.heading("3. Story B: the same numbers as a drug trial")
    let trial = try SCM {
        "severity"  ~ Bernoulli(0.5)
        "drug"      ~ Bernoulli(logistic(-1 + 2 * "severity"))
        "recovered" ~ Bernoulli(0.6 - 0.4 * "severity" + 0.05 * "drug")
    }
    notebook.say("""
        \(trial)
        Read the columns as (drug, severity, recovered) instead of (female, department, admitted).
        Severe cases recover 40 points less often and get the drug more often; the drug adds 5 points.
        This model has the same joint distribution as the admissions model: P(severity = 1) =
        ½ (logistic(−1) + logistic(1)) = ½, and by Bayes P(drug = 1 | severity) = logistic(−1 + 2 ·
        severity). So its data look exactly like the table above. But now severity comes first and
        drives who is treated: it is a confounder, and the graph says to adjust for it.

        """)
    let trialReport = try notebook.graphReport(trial, named: "trial", treatment: "drug", outcome: "recovered", file: "trial.svg",
                                               caption: "Story B: severity decides who gets the drug, a confounder", printed: false)
    notebook.say("Adjustment sets for drug → recovered: \((trialReport.adjustmentSets ?? []).map { "{\($0.joined(separator: ", "))}" }.joined(separator: " or ")).\n")
    let drug = try truth(trial, "drug", "recovered")
    notebook.compare([crude, adjusted].map { line in
        var renamed = line
        renamed.key = "trial." + line.key
        return renamed
    }, against: TruthLine("trial", "effect of the drug", drug), unit: "share recovered")
    notebook.say("""

        The same two numbers, and now the adjusted one is right and the crude one is wrong: the drug
        looks harmful only because the severe cases get it.
        """)
    let chart = IntervalChart(
        title: "One table, two stories: which number is the effect depends on the graph",
        axisLabel: "difference in the share admitted (story A) or recovered (story B)",
        rows: [.init(label: "crude difference", estimate: crude.value, lower: crude.lower, upper: crude.upper,
                     reference: total.value, note: "right for story A"),
               .init(label: "within strata, averaged", estimate: adjusted.value, lower: adjusted.lower, upper: adjusted.upper,
                     reference: drug.value, note: "right for story B")],
        legend: ("estimate", "95% interval", "", "the right story's truth"))
    try notebook.figure(svg: chart.svg(), file: "simpson.svg", caption: "The crude and the adjusted contrast, each against the story it answers")
}
