// Causal graphs: what to adjust for, and what goes wrong when you adjust for the wrong thing.
// `swift run -c release GraphsAndAdjustment [--quick] [--output DIR]`
//
// Three small graphs each hold a lesson. A confounder (a common cause) must be
// adjusted for; a collider (a common effect) must not be; a mediator (on the causal
// path) must not be either, when the question is the total effect. For each we
// estimate the effect with and without adjusting, against the truth the simulator
// knows. Then the car-insurance network, where the answer is not obvious, drawn with
// the adjustment set the graph gives.
import NotebookSupport
import WhatIf

Notebook.run("GraphsAndAdjustment",
             summary: "Confounder, collider, mediator: adjust for the first, never the other two.") { notebook in
    let rows = notebook.size(20_000, quick: 4_000)
    let truthUnits = notebook.size(400_000, quick: 40_000)

    /// The true effect E[Y | do(T = 1)] − E[Y | do(T = 0)] from the model's potential outcomes.
    func trueEffect(_ model: StructuralCausalModel, _ treatment: String, _ outcome: String) throws -> TruthValue {
        let design = try BenchmarkDesign(model: model, treatment: treatment, outcome: outcome)
        let effects = try TrueEffects(model: model, design: design, units: truthUnits, seed: 1)
        guard let ate = effects.ate else {
            throw ModelError("no average effect of \(treatment) on \(outcome)")
        }
        return ate
    }

    /// A section's start: its heading, the catalog model `name` printed, its graph drawn with the
    /// roles of `treatment` and `outcome` marked, and `rows` units sampled with `seed`.
    func lesson(_ title: String, _ name: String, _ treatment: String, _ outcome: String, caption: String,
                rows: Int, seed: UInt64) throws -> (model: StructuralCausalModel, report: GraphReport, sample: Table) {
        notebook.heading(title)
        let model = try ModelCatalog.load(name)
        notebook.say("\(model)")
        let report = try notebook.graphReport(model, named: name, treatment: treatment, outcome: outcome, file: "\(name).svg",
                                              caption: caption, printed: false)
        return (model, report, try model.sample(rows: rows, seed: seed))
    }

    func sets(_ report: GraphReport) -> String {
        (report.adjustmentSets ?? []).map { "{\($0.joined(separator: ", "))}" }.joined(separator: " or ")
    }

    // MARK: 1. The confounder

    let (confounding, hotel, hotels) = try lesson(
        "1. A confounder: hot days raise both hotel prices and bookings", "confounding", "price", "bookings",
        caption: "temperature → price, temperature → bookings: a back door from price to bookings", rows: rows, seed: 11)
    notebook.say("""
        The graph's minimal adjustment set for price → bookings: \(sets(hotel)). Raising the price by $1
        lowers bookings by 1 for every hotel; but hot days bring high prices and many bookings, so
        across days price and bookings rise together. The regression slope of bookings on price:

        """)
    func ols(_ table: Table, _ outcome: String, _ treatment: String, adjustingFor covariates: [String] = []) throws -> EffectEstimate {
        try Estimators.OrdinaryLeastSquares().estimate(table, roles: Roles(outcome: outcome, treatment: treatment, covariates: covariates))
    }
    notebook.compare([
        EstimateLine("confounder.unadjusted", "bookings on price", try ols(hotels, "bookings", "price")),
        EstimateLine("confounder.adjusted", "bookings on price and temperature",
                     try ols(hotels, "bookings", "price", adjustingFor: ["temperature"])),
    ], against: TruthLine("confounder", "effect of $1 of price", try trueEffect(confounding, "price", "bookings")), unit: "bookings per $")
    notebook.say("""

        Without temperature the slope even has the wrong sign; adjusting for the confounder closes
        the back door and recovers −1.
        """)

    // MARK: 2. The collider

    let (collider, cancer, patients) = try lesson(
        "2. A collider: smoking and asbestos both cause lung cancer", "collider", "smoking", "asbestos",
        caption: "smoking → lung_cancer ← asbestos: lung cancer is a collider", rows: rows, seed: 12)
    notebook.say("""
        Does smoking change asbestos exposure? No: they are independent, and the graph's adjustment
        set is \(sets(cancer)) (nothing to adjust for). But lung cancer is a common effect of both.
        Among patients with cancer, a non-smoker's cancer is more likely explained by asbestos, so
        within that group smokers look less exposed. Adjusting for the collider (or its descendant,
        sick days) opens a path that was closed:

        """)
    let patientsWithCancer = try CausalData(table: patients, roles: Roles(outcome: "asbestos", treatment: "smoking"))
    let cancerColumn = try patients.numbers("lung_cancer")
    let withCancer = cancerColumn.indices.filter { cancerColumn[$0] == 1 }
    notebook.compare([
        EstimateLine("collider.unadjusted", "asbestos on smoking", try ols(patients, "asbestos", "smoking")),
        EstimateLine("collider.adjusted", "… adjusting for lung_cancer",
                     try ols(patients, "asbestos", "smoking", adjustingFor: ["lung_cancer"])),
        EstimateLine("collider.descendant", "… adjusting for sick_days",
                     try ols(patients, "asbestos", "smoking", adjustingFor: ["sick_days"])),
        EstimateLine("collider.selected", "… among the \(withCancer.count) patients with cancer",
                     try DifferenceInMeans().estimate(patientsWithCancer.selecting(rows: withCancer))),
    ], against: TruthLine("collider", "effect of smoking", try trueEffect(collider, "smoking", "asbestos")),
       unit: "probability")
    notebook.say("""

        Selecting on the collider (studying only cancer patients) makes the spurious association
        strongest; adjusting for it in a regression over everyone shows it diluted by the many
        patients without cancer, but present all the same.
        """)

    // MARK: 3. The mediator

    let (mediator, rides, days) = try lesson(
        "3. A mediator: rain raises rideshare requests, and requests raise profit", "mediator", "rain", "profit",
        caption: "rain → requests → profit: requests mediate the whole effect", rows: rows, seed: 13)
    notebook.say("""
        The graph's adjustment set for rain → profit is \(sets(rides)): no back door. A rainy day
        brings 40 more requests worth $5 each, $200 of profit, and all of it runs through requests.
        "Controlling for" requests asks what rain does at a fixed number of requests: nothing.

        """)
    notebook.compare([
        EstimateLine("mediator.unadjusted", "profit on rain", try ols(days, "profit", "rain")),
        EstimateLine("mediator.adjusted", "… adjusting for requests", try ols(days, "profit", "rain", adjustingFor: ["requests"])),
    ], against: TruthLine("mediator", "effect of rain", try trueEffect(mediator, "rain", "profit")),
       unit: "$ of profit")
    notebook.say("""

        Adjusting for the mediator estimates the direct effect (zero here), not the total effect.
        """)

    // MARK: 4. The car-insurance network

    let (insurance, policy, policies) = try lesson(
        "4. Car insurance: do antilock brakes lower claim costs?", "car_insurance", "antilock", "claim_cost",
        caption: "The car-insurance network, antilock → claim_cost with the adjustment set boxed", rows: rows * 2, seed: 14)
    let adjustment = policy.adjustmentSets?.first ?? []
    notebook.say("""
        Nineteen variables, and \(try insurance.causalDiagram.backDoorPaths(from: "antilock", to: "claim_cost").count) \
        back-door paths from antilock to claim_cost through the driver and the car. The graph finds
        the minimal sets that block them all:

        """)
    notebook.table([["minimal adjustment set"]] + (policy.adjustmentSets ?? []).map { ["{\($0.joined(separator: ", "))}"] })
    notebook.say("""

        The first, {\(adjustment.joined(separator: ", "))}, holds the two causes of antilock, so its
        propensity (a logistic of them, as in the model) is exactly what weighting needs. Antilock
        lowers the accident probability by 0.04, and an accident costs 3000 + 40 · (age − 18): the
        truth is about −170 dollars.

        """)
    let claims = try CausalData(table: policies, roles: Roles(outcome: "claim_cost", treatment: "antilock", covariates: adjustment))
    notebook.compare([
        EstimateLine("insurance.naive", "difference in means", try DifferenceInMeans().estimate(claims)),
        EstimateLine("insurance.ipw", "IPW on the adjustment set", try InverseProbabilityWeighting().estimate(claims)),
        EstimateLine("insurance.aipw", "AIPW on the adjustment set", try AugmentedIPW().estimate(claims)),
    ], against: TruthLine("insurance", "effect of antilock",
                          try trueEffect(insurance, "antilock", "claim_cost")),
       unit: "$ per policy")
    notebook.say("""

        Here the naive contrast happens to land near the truth: the hundreds of back-door paths carry
        little net bias for this question. Nothing in the data could have told us so. Adjusting for
        the graph's set makes the estimate valid whatever the paths carry; its price is a wider
        interval, because the adjustment set predicts antilock well (old cars lack it, new cars
        have it) and so few cars are comparable.
        """)
}
