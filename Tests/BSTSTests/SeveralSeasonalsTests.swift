import Foundation
import Testing
@testable import BSTS

/// Several dummy seasonal components in one model: each its own block, σ and name.
@Suite struct SeveralSeasonalsTests {
    @Test func eachSeasonalGetsItsOwnBlockAndName() throws {
        let y: [Double] = (0..<84).map { t in
            let weekly = Double(t % 7), fourWeekly: Double = (t / 7) % 4 == 0 ? 1 : 0
            return weekly + fourWeekly + 0.1 * sin(Double(t))
        }
        let model = ModelOptions(seasons: 7, priors: .bsts, additionalSeasons: [DummySeasonality(seasons: 4, duration: 7)])
        #expect(model.stateDimension(covariates: 0) == 1 + 6 + 3)
        let specification = try ModelSpecification(response: y, covariates: [], covariateNames: [], options: model)
        #expect(specification.stack.deviationNames == ["sigma.level", "sigma.seasonal.7", "sigma.seasonal.4.7"])
        // The weekly seasonal moves every step, the four-week one every 7th: two regimes.
        #expect(specification.stack.model.regimes.count == 2)
        let indices = specification.stack.model.regimeIndices
        let moving = indices[6]
        #expect(indices.indices.allSatisfy { t in (indices[t] == moving) == ((t + 1) % 7 == 0) })
        let alone = try ModelSpecification(response: y, covariates: [], covariateNames: [],
                                           options: ModelOptions(seasons: 7, priors: .bsts))
        #expect(alone.stack.deviationNames == ["sigma.level", "sigma.seasonal"])
    }

    @Test func anAdditionalSeasonalLongerThanTheDataIsRefused() {
        let y = (0..<20).map { Double($0 % 3) }
        let model = ModelOptions(seasons: 3, additionalSeasons: [DummySeasonality(seasons: 21)])
        #expect(throws: BSTSError.limitExceeded(.tooManySeasons(seasons: 21, maximum: 20))) {
            try BSTSModel.fit(response: y, covariates: [], covariateNames: [], model: model, sampler: SamplerOptions(iterations: 10))
        }
        #expect(ModelOptions(additionalSeasons: [DummySeasonality(seasons: 0)]).componentProblem?.option == "seasons")
    }
}
