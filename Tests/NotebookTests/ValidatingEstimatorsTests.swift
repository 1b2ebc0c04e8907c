import Foundation
import Testing

/// Models/heterogeneous_effect.scm benchmarked: each arm's outcome is linear in age and the
/// propensity logistic in age, so regression adjustment, IPW, AIPW (the ATE) and matching
/// (the ATT) are consistent; the difference in means compares the young with the old.
@Suite struct ValidatingEstimatorsTests {
    @Test func consistentEstimatorsShowNoBiasAndNominalCoverageAndTheNaiveOneIsFlagged() throws {
        let run = try NotebookRun("ValidatingEstimators", figures: 1)
        run.expectBiased("bias.difference-in-means", -1, from: 0)
        for name in ["regression-adjustment", "ipw", "aipw", "psm-nearest-1"] { run.expectRecovers("bias.\(name)", 0) }
        let replications = try #require(run.value("replications"))
        let coverageSE = (0.95 * 0.05 / replications).squareRoot()
        for name in ["regression-adjustment", "ipw", "aipw"] {
            if let coverage = run.value("coverage.\(name)") {
                #expect(abs(coverage - 0.95) <= NotebookRun.z * coverageSE, "\(name) covers \(coverage)")
            }
        }
        #expect(run.stdout.contains("Benchmark: the effect of discount on purchases in heterogeneous_effect"))
    }
}
