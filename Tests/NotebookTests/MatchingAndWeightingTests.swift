import Testing

/// The banner (every customer's banner adds $5, so ATE = ATT = 5) with good overlap,
/// then with a propensity five times steeper.
@Suite struct MatchingAndWeightingTests {
    @Test func propensityMethodsRecoverTheFiveDollarsAndPoorOverlapWidensWeighting() throws {
        let run = try NotebookRun("MatchingAndWeighting", figures: 2)
        #expect(run.truth("good") == 5 && run.truth("poor") == 5)
        // Weighting balances engagement (standardised difference below the usual 0.1).
        if let raw = run.value("balance.raw"), let weighted = run.value("balance.weighted") {
            #expect(raw > 0.5 && abs(weighted) < 0.1)
        }
        for overlap in ["good", "poor"] {
            run.expectBiased("\(overlap).naive", +1, from: 5)
            for method in ["matching", "ipw-ht", "ipw", "ipw-trimmed", "aipw"] { run.expectRecovers("\(overlap).\(method)", 5) }
        }
        // Five propensity classes remove about 90% of the bias (Cochran 1968): allow a tenth of the naive bias.
        if let naive = run.estimates["good.naive"], let strata = run.estimate("good.stratification") {
            #expect(abs(strata.value - 5) <= 0.1 * (naive.value - 5) + NotebookRun.z * strata.standardError)
        }
        // Dividing by scores near 0 or 1: Horvitz–Thompson's interval is far wider than the normalised weights'.
        if let ht = run.estimate("poor.ipw-ht"), let hajek = run.estimate("poor.ipw") {
            #expect(ht.standardError > 2 * hajek.standardError)
        }
    }
}
