import Probability

/// Regression holidays and known events (bsts `AddRegressionHoliday`, Boom's
/// RegressionHolidayStateModel): each event has one coefficient per day of its window
/// (`daysBefore` + 1 + `daysAfter` days around each occurrence), shared by all its
/// occurrences, and adds that day's coefficient to y_t:
///
///     y_t = … + Σ_{(e, d) active at t} β_{e,d} + ε_t,   β_{e,d} ~ N(0, τ²).
///
/// τ is `Defaults.regressionHolidayPriorSD(sdy:)`: sdy², as bsts' factory builds the prior
/// (its documented N(0, sdy²) reaches Boom with the variance where the sd belongs).
/// Each sweep draws every coefficient in turn from its conjugate normal given σ²_obs and
/// the observed residuals on its days (the other coefficients held):
/// precision n_{e,d}/σ² + 1/τ², mean (Σ r_t/σ²)/precision (with Student-t errors'
/// weights, Σ w_t/σ² and Σ w_t r_t/σ²). Occurrences in the post-period are forecast with
/// the same coefficients. Where windows overlap, the coefficients active on a day add up
/// (Boom refuses two holidays on one day). It adds no state: its effect
/// is subtracted from y before the state is drawn, as a regression's is.
struct RegressionHoliday: Sendable {
    /// Per coefficient: its name ("July4.-1", "July4.0", "July4.+1").
    let coefficientNames: [String]
    /// Per coefficient: the rows (0-based, within 0..<n) where it applies.
    let rows: [[Int]]
    /// The prior sd of every coefficient.
    let priorSD: Double

    /// The coefficients of `events` over n time points (occurrence days outside 0..<n are
    /// skipped). A day listed twice for one event (a calendar naming a date twice) counts once.
    init(events: [EventPattern], length n: Int, priorSD: Double) {
        var names: [String] = [], rows: [[Int]] = []
        for event in events {
            for offset in -event.daysBefore...event.daysAfter {
                names.append("\(event.name).\(offset > 0 ? "+" : "")\(offset)")
                rows.append(Set(event.rows.map { $0 + offset }.filter { $0 >= 0 && $0 < n }).sorted())
            }
        }
        coefficientNames = names
        self.rows = rows
        self.priorSD = priorSD
    }

    /// Draws every coefficient given `residual` (y − everything but the holidays, NaN where
    /// y is missing), σ²_obs and the observation weights w_t (nil: all 1); `coefficients` and
    /// `effect` (Σ β active at t) are updated together.
    func draw(residual: UnsafePointer<Double>, observationVariance: Double, weights: UnsafePointer<Double>?,
              coefficients: UnsafeMutablePointer<Double>, effect: UnsafeMutablePointer<Double>,
              using stream: RandomStream) {
        let priorPrecision = 1 / (priorSD * priorSD)
        for (k, days) in rows.enumerated() {
            var sum = 0.0, count = 0.0
            for t in days where !residual[t].isNaN {
                // The residual after every other coefficient active at t.
                let w = weights?[t] ?? 1
                sum += w * (residual[t] - (effect[t] - coefficients[k]))
                count += w
            }
            let precision = count / observationVariance + priorPrecision
            let mean = sum / observationVariance / precision
            let drawn = mean + stream.normal() / precision.squareRoot()
            for t in days { effect[t] += drawn - coefficients[k] }
            coefficients[k] = drawn
        }
    }
}
