import Foundation
import WhatIf

// 1. Declare a model: each line is a structural equation with its own noise.
let shop = try SCM {
    "engagement" ~ Normal(50, 15)
    "banner"     ~ Bernoulli(logistic(0.05 * ("engagement" - 50)))
    "spend"      ~ 20 + 0.3 * "engagement" + 5 * "banner" + Normal(0, 10)
}

// 2. Sample what we would see, and what we would see if everyone saw the banner.
let observed = try shop.sample(rows: 10_000, seed: 7)
let everyone = try shop.intervening(.set("banner", to: 1)).sample(rows: 10_000, seed: 7)
func mean(_ column: [Double]) -> Double { column.reduce(0, +) / Double(column.count) }
print("mean spend observed:", mean(try observed.numbers("spend")))
print("mean spend under do(banner = 1):", mean(try everyone.numbers("spend")))

// 3. A counterfactual: she saw no banner and spent 20; what had she seen it?
let whatIf = try shop.counterfactualExpectation(of: "spend",
                                                given: Evidence(["engagement": 40, "banner": 0, "spend": 20]),
                                                doing: [.set("banner", to: 1)])
print("her spend had she seen the banner:", whatIf.value, "(\(whatIf.method.rawValue))")

// 4. Ask the graph what to adjust for.
let adjustment = try shop.causalDiagram.minimalBackDoorSets(treatment: "banner", outcome: "spend")[0]
print("adjust for:", adjustment)

// 5. Score an estimator against the truth only a simulator knows.
let units = try shop.sample(rows: 10_000, seed: 8, potentialOutcomes: PotentialOutcomes(treatment: "banner", outcome: "spend"))
let truth = try TreatmentEffects(treatment: units.numbers("banner"), y0: units.numbers("spend_0"),
                                 y1: units.numbers("spend_1"))
let data = try CausalData(table: units, roles: Roles(outcome: "spend", treatment: "banner", covariates: adjustment))
let estimate = try AugmentedIPW().estimate(data, seed: 1)
print("true ATE \(truth.ate); AIPW \(estimate.value) [\(estimate.interval.lower), \(estimate.interval.upper)]")

// 6. An impact analysis of 100 days, a lift of 10 from day 71, and its three-panel plot.
let days = try SCM {
    "market" ~ Normal(0, 1)
    "noise"  ~ Normal(0, 1)
}.sample(rows: 100, seed: 3)
let x = try days.numbers("market").enumerated().map { 100 + 5 * sin(Double($0.offset) / 8) + $0.element }
let y = try zip(x, days.numbers("noise")).enumerated().map { day, xe in 1.2 * xe.0 + xe.1 + (day >= 70 ? 10 : 0) }
let impact = try ImpactAnalysis.run(response: y, covariates: ["x": x],
                                    specification: ImpactSpecification(pre: .rows(1...70), post: .rows(71...100)))
print(SummaryTable.text(of: impact))
let picture = FileManager.default.temporaryDirectory.appendingPathComponent("impact.svg")
try impact.plot().svg().write(to: picture, atomically: true, encoding: .utf8)
print("plot written to \(picture.path)")
