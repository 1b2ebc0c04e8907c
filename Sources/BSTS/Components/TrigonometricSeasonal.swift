import Foundation
import GSL
import StateSpace

/// Trigonometric seasonality of period S with harmonics j = 1…H (bsts
/// `AddTrig(period = S, frequencies = 1:H)`, default `method = "harmonic"`; Boom's
/// TrigStateModel). Each harmonic is a 2-vector (γ_j, γ*_j) rotated every step by
/// λ_j = 2πj/S:
///
///     (γ_j, γ*_j)_{t+1} = [[cos λ_j, sin λ_j], [−sin λ_j, cos λ_j]] (γ_j, γ*_j)_t + η_{j,t},
///
/// η_{j,t} ~ N(0, σ² I₂), with **one σ shared by all 2H elements**; y_t gets Σ_j γ_{j,t}
/// (observation vector (1, 0, 1, 0, …)). S may be any real > 1 (365.25 for a year of days).
/// Priors as bsts: σ ~ `SdPrior(0.01·sdy, 0.01, upper.limit = sdy)`, state N(0, sdy² I).
/// Its full conditional pools the 2H residuals of every transition.
struct TrigonometricSeasonal: StateComponent {
    let period: Double
    let harmonics: Int
    let sigmaPrior: SdPrior
    let initialVariance: Double

    var name: String { "trig.\(Self.label(period))" }
    var stateSize: Int { 2 * harmonics }
    /// One disturbance per state element; they share one variance.
    var disturbanceNames: [String] { [String](repeating: "trig.coefficient.sd.\(Self.label(period))", count: stateSize) }
    var variancePriors: [SdPrior] { [SdPrior](repeating: sigmaPrior, count: stateSize) }
    var reportedDeviations: [(name: String, disturbance: Int)] { [(disturbanceNames[0], 0)] }
    var initialMean: [Double] { [Double](repeating: 0, count: stateSize) }
    var initialVariances: [Double] { [Double](repeating: initialVariance, count: stateSize) }

    /// The period as R prints it: "7", "365.25".
    static func label(_ period: Double) -> String {
        period == period.rounded() && abs(period) < 1e15 ? String(Int(period)) : "\(period)"
    }

    func transitionBlocks(moving: Bool, parameters: UnsafePointer<Double>) -> [TransitionMatrix.Block] {
        (1...harmonics).map { j in
            let lambda = 2 * Double.pi * Double(j) / period
            let c = cos(lambda), s = sin(lambda)
            return .dense(Matrix([[c, s], [-s, c]]))
        }
    }

    func disturbanceLoading(moving: Bool) -> Matrix { Matrix.identity(stateSize) }

    func writeLoadings(at t: Int, into row: UnsafeMutablePointer<Double>) {
        for i in 0..<stateSize { row[i] = i % 2 == 0 ? 1 : 0 }
    }

    /// Σ over transitions and all 2H elements of η², pooled into the first disturbance's slot.
    func accumulateDisturbances(states: UnsafePointer<Double>, stride m: Int, length n: Int,
                                sums: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Int>) {
        var total = 0.0
        for j in 1...harmonics {
            let lambda = 2 * Double.pi * Double(j) / period
            let c = cos(lambda), s = sin(lambda)
            let offset = 2 * (j - 1)
            for t in 0..<max(0, n - 1) {
                let now = states + t * m + offset, next = states + (t + 1) * m + offset
                let e0 = next[0] - (c * now[0] + s * now[1])
                let e1 = next[1] - (-s * now[0] + c * now[1])
                total += e0 * e0 + e1 * e1
            }
        }
        sums[0] += total
        counts[0] += stateSize * max(0, n - 1)
    }

    func drawParameters(_ draw: ComponentDraw) {
        draw.sums[0] = 0
        draw.counts[0] = 0
        accumulateDisturbances(states: draw.states, stride: draw.stride, length: draw.length,
                               sums: draw.sums, counts: draw.counts)
        let variance = sigmaPrior.drawVariance(sumOfSquares: draw.sums[0], count: draw.counts[0], using: draw.stream)
        for d in 0..<stateSize { draw.variances[d] = variance }
    }
}
