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
}
