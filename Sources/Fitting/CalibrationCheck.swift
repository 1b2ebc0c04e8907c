import Foundation
import GSL

/// The noise check of a discrete mechanism: whether the data look like draws from the
/// fitted distribution.
///
/// - Logistic: the Hosmer–Lemeshow test (Hosmer & Lemeshow 1980). Rows sorted by fitted
///   probability are cut into G = 10 groups of (nearly) equal size; with O_g observed
///   ones, E_g = Σ p̂ᵢ expected and n_g rows in group g,
///   HL = Σ_g (O_g − E_g)² / (E_g·(1 − E_g/n_g)), asymptotically χ² with G − 2 degrees of
///   freedom under a well-specified mechanism.
/// - Poisson: Pearson's dispersion test. X² = Σᵢ (yᵢ − μ̂ᵢ)²/μ̂ᵢ is asymptotically χ² with
///   n − p degrees of freedom; extra-Poisson variation (overdispersion, the common
///   failure) makes it large. X²/(n − p) estimates the dispersion, 1 under the model.
///
/// p is the upper tail; below `ResidualCheck.flagBelow` the mechanism is flagged.
public struct CalibrationCheck: Sendable, Equatable {
    /// "hosmer-lemeshow" or "pearson-dispersion".
    public let test: String
    /// HL or X².
    public let statistic: Double
    /// The χ² reference's degrees of freedom.
    public let degreesOfFreedom: Double
    /// The upper-tail p-value.
    public let pValue: Double

    /// Groups of the Hosmer–Lemeshow test.
    static let groups = 10

    /// The Hosmer–Lemeshow test of 0/1 values `y` against fitted probabilities `p`.
    static func hosmerLemeshow(_ y: [Double], fitted p: [Double]) -> CalibrationCheck {
        let order = p.indices.sorted { p[$0] < p[$1] }
        let g = min(groups, max(order.count, 1))
        var statistic = 0.0
        for group in 0..<g {
            let members = order[(group * order.count / g)..<((group + 1) * order.count / g)]
            let observed = members.reduce(0) { $0 + y[$1] }, expected = members.reduce(0) { $0 + p[$1] }
            let variance = expected * (1 - expected / Double(max(members.count, 1)))
            if variance > 0 { statistic += (observed - expected) * (observed - expected) / variance }
        }
        return CalibrationCheck(test: "hosmer-lemeshow", statistic: statistic, degreesOfFreedom: Double(max(g - 2, 1)))
    }

    /// Pearson's dispersion test of counts `y` against fitted means `mu`, `parameters` estimated.
    static func pearsonDispersion(_ y: [Double], fitted mu: [Double], parameters: Int) -> CalibrationCheck {
        let statistic = zip(y, mu).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) / $1.1 }
        return CalibrationCheck(test: "pearson-dispersion", statistic: statistic, degreesOfFreedom: Double(max(y.count - parameters, 1)))
    }

    private init(test: String, statistic: Double, degreesOfFreedom: Double) {
        self.test = test
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        pValue = SpecialFunctions.gammaUpperTail(statistic, shape: degreesOfFreedom / 2, scale: 2)
    }

    /// Whether the data are far from the fitted distribution (p below `ResidualCheck.flagBelow`).
    public var isFlagged: Bool { pValue < ResidualCheck.flagBelow }
}
