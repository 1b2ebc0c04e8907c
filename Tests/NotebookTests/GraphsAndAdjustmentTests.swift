import Testing

/// Models/confounding.scm (price → bookings: −1), collider.scm (smoking → asbestos: 0),
/// mediator.scm (rain → profit: 200 = 40 requests × $5) and car_insurance.scm.
@Suite struct GraphsAndAdjustmentTests {
    @Test func adjustForTheConfounderNeverForTheColliderOrTheMediator() throws {
        let run = try NotebookRun("GraphsAndAdjustment", figures: 4)
        #expect(run.truth("confounder") == -1 && run.truth("collider") == 0 && run.truth("mediator") == 200)
        // Hot days raise price and bookings together: without temperature the slope is biased upwards.
        run.expectBiased("confounder.unadjusted", +1, from: -1)
        run.expectRecovers("confounder.adjusted", -1)
        // Conditioning on lung cancer (or its descendant) makes smokers look less exposed to asbestos.
        run.expectRecovers("collider.unadjusted", 0)
        for key in ["collider.adjusted", "collider.descendant", "collider.selected"] { run.expectBiased(key, -1, from: 0) }
        // Holding requests fixed removes the whole effect of rain.
        run.expectRecovers("mediator.unadjusted", 200)
        run.expectBiased("mediator.adjusted", -1, from: 200)
        // Weighting on the graph's adjustment set recovers the effect of antilock brakes.
        let insurance = try #require(run.truths["insurance"])
        for key in ["insurance.ipw", "insurance.aipw"] {
            run.expectRecovers(key, insurance.value, targetStandardError: insurance.standardError)
        }
    }
}
