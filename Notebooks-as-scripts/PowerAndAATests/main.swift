// How big must an experiment be? Analytic power beside simulated experiments, an A/A
// test's false alarms, and the sample size for 80% power.
// `swift run -c release PowerAndAATests [--quick] [--output DIR]`
import NotebookSupport
import WhatIf

Notebook.run("PowerAndAATests", summary: "Power and A/A tests: how often an experiment of n users detects an effect, and how often it cries wolf.") { notebook in
    let replications = notebook.size(2_000, quick: 400)

    notebook.heading("1. The experiment")
    let model = try ModelCatalog.load("banner")
    notebook.say("""
        We will show the banner to a random half of n customers and compare their spend with the
        other half's by Student's t test at α = 0.05. The simulator draws each experiment's customers
        from the banner model (spend has a standard deviation of about 11 without the banner), and
        adds the effect we want to detect to the treated half.

        """)

    notebook.heading("2. An A/A test: no effect at all")
    let aa = try PowerSimulation(population: .model(model, treatment: "banner", outcome: "spend"),
                                 options: PowerOptions(rows: [200, 800], effects: [0], replications: replications, seed: 7)).run()
    var rows = [["customers", "experiments", "rejected", "95% interval"]]
    for point in aa.points {
        rows.append(["\(point.rows)", "\(point.replications)", NumberFormatting.percent(point.rejectionRate),
                     "[\(NumberFormatting.percent(point.interval.lower)), \(NumberFormatting.percent(point.interval.upper))]"])
        notebook.value("aa.rate.n\(point.rows)", point.rejectionRate)
    }
    notebook.value("aa.replications", Double(replications))
    notebook.table(rows)
    notebook.say("""

        With nothing to find, the test still "finds" an effect in about 5% of experiments: that is
        what α = 0.05 means, and an A/A test that rejects much more often than 5% points to a broken
        randomisation or a wrong test, not to an effect.

        """)

    notebook.heading("3. Power: an effect of 2 on spend")
    let sizes = [100, 200, 400, 800, 1_600]
    let power = try PowerSimulation(population: .model(model, treatment: "banner", outcome: "spend"),
                                    options: PowerOptions(rows: sizes, effects: [2], replications: replications,
                                                          targetPower: 0.8, seed: 11)).run()
    rows = [["customers", "simulated power", "95% interval", "analytic power"]]
    for point in power.points {
        rows.append(["\(point.rows)", NumberFormatting.percent(point.rejectionRate),
                     "[\(NumberFormatting.percent(point.interval.lower)), \(NumberFormatting.percent(point.interval.upper))]",
                     NumberFormatting.percent(point.analyticPower)])
        notebook.value("power.n\(point.rows)", point.rejectionRate)
        if let analytic = point.analyticPower { notebook.value("analytic.n\(point.rows)", analytic) }
    }
    notebook.table(rows)
    if let size = power.sampleSizes.first {
        if let analytic = size.analyticRows { notebook.value("rows-for-80.analytic", Double(analytic)) }
        if let simulated = size.simulatedRows { notebook.value("rows-for-80.simulated", simulated) }
        notebook.say("")
        notebook.sayWrapped("For 80% power at an effect of 2 the closed form asks for \(size.analyticRows.map(String.init) ?? "—") "
            + "customers in all; the simulated curve crosses 80% at about "
            + "\(size.simulatedRows.map { NumberFormatting.significant($0, digits: 3) } ?? "—"). The two agree because the "
            + "banner model's spend is close to normal; where they part (skewed or 0/1 outcomes, small samples) the "
            + "simulation is the one to trust.")
    }
    try notebook.figure(svg: power.svg(title: "Power to detect an effect of 2 on spend"), file: "power-curve.svg",
                        caption: "The simulated power with its intervals beside the closed form")
}
