import Foundation
import Testing

/// The JSON documents of the command-line contract (DESIGN.md), byte for byte, on
/// inputs whose every number is known by hand: the layout, the key order and the
/// numbers' text are part of the contract that scripts rely on.
@Suite struct GoldenJSONTests {
    /// front_door: a latent genotype drives smoking and cancer; arrows are listed by
    /// child in declaration order; no back-door set exists (the confounder is latent),
    /// and nothing is an instrument.
    @Test func graphDocument() throws {
        let run = try WhatIf("graph", "front_door", "--adjustment-sets", "smoking", "cancer", "--format", "json")
        #expect(run.status == 0)
        #expect(run.stdout == """
            {
              "adjustmentSets" : [

              ],
              "edges" : [
                [
                  "genotype",
                  "smoking"
                ],
                [
                  "smoking",
                  "tar"
                ],
                [
                  "tar",
                  "cancer"
                ],
                [
                  "genotype",
                  "cancer"
                ]
              ],
              "instruments" : [

              ],
              "latent" : [
                "genotype"
              ],
              "variables" : [
                "smoking",
                "tar",
                "cancer"
              ]
            }

            """)
    }

    /// banner: the evidence pins the spend noise at 20 − 20 − 0.3 · 40 = −12, so the
    /// answer under do(banner = 1) is 20 + 12 + 5 − 12 = 25, exactly.
    @Test func counterfactualDocument() throws {
        let run = try WhatIf("counterfactual", "banner", "--observe", "engagement=40,banner=0,spend=20", "--do", "banner=1",
                             "--query", "spend", "--json")
        #expect(run.status == 0)
        #expect(run.stdout == """
            {
              "evidence" : {
                "banner" : 0,
                "engagement" : 40,
                "spend" : 20
              },
              "expectation" : 25,
              "intervention" : {
                "banner" : 1
              },
              "method" : "exact inversion",
              "query" : "spend",
              "standardError" : 0
            }

            """)
    }

    /// The truth sidecar of a model whose every unit gains exactly 2 (y = 3 + 2x):
    /// both potential outcomes are constants, so every mean is exact and every
    /// standard error 0; one row, treated or not, leaves ATT or ATU undefined (null).
    @Test func truthSidecarDocument() throws {
        let folder = CommandLineTests.temporaryPath("golden-truth")
        let model = folder + ".scm", truth = folder + ".json", data = folder + ".csv"
        try "x ~ Bernoulli(1)\ny = 3 + 2 * x\n".write(toFile: model, atomically: true, encoding: .utf8)
        let run = try WhatIf("sample", model, "--rows", "2", "--seed", "4", "--potential-outcomes", "x:y", "--truth", truth,
                             "--output", data)
        #expect(run.status == 0)
        let text = try String(contentsOfFile: truth, encoding: .utf8)
        #expect(text == """
            {
              "columns" : {
                "x_propensity" : "P(x = 1 | parents), when the model gives it",
                "y_0" : "y under do(x = 0)",
                "y_1" : "y under do(x = 1)"
              },
              "firstRow" : 1,
              "interventions" : [

              ],
              "model" : "\(model)",
              "modelText" : "x ~ Bernoulli(1)\\ny = 3 + 2 * x\\n",
              "outcome" : "y",
              "rows" : 2,
              "seed" : 4,
              "treatment" : "x",
              "truth" : {
                "ate" : 2,
                "ateStandardError" : 0,
                "att" : 2,
                "attStandardError" : 0,
                "atu" : null,
                "atuStandardError" : null,
                "averagePotentialOutcomes" : [
                  {
                    "mean" : 3,
                    "standardError" : 0,
                    "treatment" : 0
                  },
                  {
                    "mean" : 5,
                    "standardError" : 0,
                    "treatment" : 1
                  }
                ],
                "note" : "every value is exact for these rows; the standard errors are those of these values as estimates of the population's",
                "treatedUnits" : 2,
                "units" : 2
              }
            }

            """)
    }

    /// y = 3 + 2x with no noise and a coin-flip treatment: every unit gains exactly 2,
    /// the difference in means is exactly 2 in every replication with zero spread, so its
    /// interval [2, 2] covers the truth; no back-door path exists. Only the timings vary:
    /// they are masked.
    @Test func benchmarkDocument() throws {
        let model = CommandLineTests.temporaryPath("golden.scm")
        try "# golden\nx ~ Bernoulli(0.5)\ny = 3 + 2 * x\n".write(toFile: model, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: model) }
        let run = try WhatIf("benchmark", model, "--treatment", "x", "--outcome", "y", "--rows", "20", "--replications", "2",
                             "--truth-units", "1000", "--estimators", "difference-in-means", "--json", "-")
        #expect(run.status == 0, "\(run.stderr)")
        let masked = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.contains("\"seconds\" : ") ? String(line.prefix { $0 != ":" }) + ": …" + (line.hasSuffix(",") ? "," : "") : String(line)
        }.joined(separator: "\n")
        let name = URL(fileURLWithPath: model).deletingPathExtension().lastPathComponent
        #expect(masked == """
            {
              "bootstrapReplications" : 30,
              "cate" : null,
              "estimators" : [
                {
                  "bias" : 0,
                  "biasStandardError" : 0,
                  "biased" : false,
                  "binnedCATEError" : null,
                  "coverage" : 1,
                  "estimand" : "ATE",
                  "estimates" : [
                    2,
                    2
                  ],
                  "failures" : 0,
                  "firstFailure" : null,
                  "firstFailureReplication" : null,
                  "meanEstimate" : 2,
                  "meanStandardError" : 0,
                  "name" : "difference-in-means",
                  "rmse" : 0,
                  "runs" : 2,
                  "seconds" : …,
                  "standardDeviation" : 0,
                  "standardErrorRatio" : null,
                  "truth" : 2,
                  "truthStandardError" : 0,
                  "uncertainty" : "analytic (Neyman variance s₁²/n₁ + s₀²/n₀)",
                  "unitEffectError" : null,
                  "verdicts" : [

                  ],
                  "warnings" : [

                  ]
                }
              ],
              "level" : 0.95,
              "model" : "\(name)",
              "notApplicable" : [

              ],
              "notes" : [

              ],
              "outcome" : "y",
              "replications" : 2,
              "roles" : {
                "adjustment" : "none needed",
                "adjustmentSets" : [
                  [

                  ]
                ],
                "covariates" : [

                ],
                "cutoff" : null,
                "discontinuity" : null,
                "explanation" : [
                  "covariates: none needed: no back-door path runs from x to y"
                ],
                "frontDoorSet" : null,
                "group" : null,
                "instrument" : null,
                "period" : null,
                "positivityFails" : false,
                "runningVariable" : null
              },
              "rows" : 20,
              "seconds" : …,
              "seed" : 1,
              "treatment" : "x",
              "truth" : {
                "ate" : 2,
                "ateStandardError" : 0,
                "att" : 2,
                "attStandardError" : 0,
                "atu" : 2,
                "atuStandardError" : 0,
                "constantEffect" : true,
                "effectAtCutoff" : null,
                "effectAtCutoffStandardError" : null,
                "late" : null,
                "lateAtCutoff" : null,
                "lateAtCutoffStandardError" : null,
                "lateStandardError" : null,
                "units" : 1000,
                "varianceWeightedEffect" : 2,
                "varianceWeightedEffectStandardError" : 0
              }
            }

            """)
    }
}
