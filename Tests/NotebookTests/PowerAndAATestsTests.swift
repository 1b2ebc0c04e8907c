import Foundation
import Testing

/// The A/A rates sit within their binomial error of α, and the simulated power within its
/// binomial error of the closed form (spend in the banner model is close to normal, so the
/// t test's closed form applies); the power grows with n.
@Suite struct PowerAndAATestsTests {
    @Test func falseAlarmsAtAlphaAndPowerAsTheClosedFormSays() throws {
        let run = try NotebookRun("PowerAndAATests", figures: 1)
        let replications = try #require(run.value("aa.replications"))
        for n in [200, 800] {
            let rate = try #require(run.value("aa.rate.n\(n)"))
            let se = (0.05 * 0.95 / replications).squareRoot()
            #expect(abs(rate - 0.05) <= NotebookRun.z * se, "A/A at n = \(n): \(rate)")
        }
        var previous = 0.0
        for n in [100, 200, 400, 800, 1_600] {
            let simulated = try #require(run.value("power.n\(n)")), analytic = try #require(run.value("analytic.n\(n)"))
            let se = (analytic * (1 - analytic) / replications).squareRoot()
            #expect(abs(simulated - analytic) <= NotebookRun.z * se, "n = \(n): \(simulated) against \(analytic)")
            #expect(simulated >= previous - NotebookRun.z * se, "power falls from \(previous) to \(simulated) at n = \(n)")
            previous = simulated
        }
        let rows = try #require(run.value("rows-for-80.analytic"))
        #expect(rows > 400 && rows < 1_600, "80% power at \(rows) customers")
    }
}
