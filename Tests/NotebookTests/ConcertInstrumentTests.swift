import Testing

/// Models/instrumental_variable.scm: attending adds 0.5 for everyone; a latent personality
/// confounds; rain is an instrument. The notebook's second model adds −0.3 · rain to happiness.
@Suite struct ConcertInstrumentTests {
    @Test func rainRecoversTheHalfPointUntilItSpoilsTheMoodDirectly() throws {
        let run = try NotebookRun("ConcertInstrument", figures: 1)
        #expect(run.truth("late") == 0.5 && run.truth("spoiled") == 0.5)
        // Personality raises attendance and happiness: the naive contrast, and adjusting for rain, are biased upwards.
        run.expectBiased("naive", +1, from: 0.5)
        run.expectBiased("adjusted-rain", +1, from: 0.5)
        run.expectRecovers("oracle", 0.5)
        run.expectRecovers("iv", 0.5)
        // With one binary instrument and no covariates, 2SLS is the Wald ratio (printed to six digits).
        if let wald = run.value("wald"), let iv = run.estimate("iv") { #expect(abs(wald - iv.value) <= 1e-5 * abs(iv.value)) }
        if let f = run.value("first-stage-F") { #expect(f > 10) }
        // A direct effect of rain (−0.3) over a negative first stage pushes the ratio up.
        run.expectBiased("spoiled.iv", +1, from: 0.5)
    }
}
