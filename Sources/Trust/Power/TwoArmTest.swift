import Foundation
import GSL
import Probability

/// The test a power simulation applies to each simulated experiment.
public enum SimulatedTest: String, Sendable, Equatable, CaseIterable {
    /// Student's two-sample t test with pooled variance, for a continuous outcome:
    /// t = (ȳ₁ − ȳ₀)/(s_p·√(1/n₁ + 1/n₀)), s_p² = (SS₁ + SS₀)/(n₁ + n₀ − 2), reject when |t| > t_{1−α/2; n−2}.
    case t
    /// The pooled two-proportion z test, for a 0/1 outcome: z = (p̂₁ − p̂₀)/√(p̂(1 − p̂)(1/n₁ + 1/n₀)),
    /// p̂ the pooled share, reject when |z| > z_{1−α/2} (never when p̂ is 0 or 1).
    case proportions

    /// The closed form whose power is reported beside the simulated one.
    var analytic: TwoSampleTest { self == .t ? .t : .normal }
}

/// The sufficient statistics of one simulated experiment's two arms.
struct TwoArmSummary {
    var treatedCount = 0, controlCount = 0
    var treatedMean = 0.0, controlMean = 0.0
    /// Sums of squared deviations from the arm means.
    var treatedSquares = 0.0, controlSquares = 0.0

    /// The summary of treated outcomes `treated` and control outcomes `control` (two passes each).
    init(treated: UnsafeBufferPointer<Double>, control: UnsafeBufferPointer<Double>) {
        (treatedCount, treatedMean, treatedSquares) = Self.moments(treated)
        (controlCount, controlMean, controlSquares) = Self.moments(control)
    }

    private static func moments(_ x: UnsafeBufferPointer<Double>) -> (Int, Double, Double) {
        var sum = 0.0
        for v in x { sum += v }
        let mean = sum / Double(x.count)
        var squares = 0.0
        for v in x { squares += (v - mean) * (v - mean) }
        return (x.count, mean, squares)
    }

    /// Whether the test rejects no difference when every treated outcome is shifted by `shift`
    /// (a shift leaves the sums of squares unchanged). `critical` is t_{1−α/2; n−2}.
    func tTestRejects(shift: Double, critical: Double) -> Bool {
        let n1 = Double(treatedCount), n0 = Double(controlCount)
        let difference = treatedMean + shift - controlMean
        let pooled = (treatedSquares + controlSquares) / (n1 + n0 - 2)
        guard pooled > 0 else { return difference != 0 }
        return abs(difference) > critical * (pooled * (1 / n1 + 1 / n0)).squareRoot()
    }

    /// Whether the pooled z test rejects with `treatedSuccesses` and `controlSuccesses`.
    static func proportionsTestRejects(treatedSuccesses s1: Double, treated n1: Int, controlSuccesses s0: Double, control n0: Int,
                                       critical: Double) -> Bool {
        let p1 = s1 / Double(n1), p0 = s0 / Double(n0)
        let pooled = (s1 + s0) / Double(n1 + n0)
        guard pooled > 0, pooled < 1 else { return false }
        return abs(p1 - p0) > critical * (pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n0))).squareRoot()
    }
}
