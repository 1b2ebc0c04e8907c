import GSL
import StateSpace

/// The dummy seasonal with S seasons of d time steps each (bsts `AddSeasonal(nseasons = S,
/// season.duration = d)`, Boom's SeasonalStateModel). The state holds the last S − 1
/// effects (s_t, …, s_{t−S+2}); y_t gets s_t. At the first step of a new season the
/// effects shift and the new one is s = −(s_t + … + s_{t−S+2}) + w, w ~ N(0, σ²_seasonal);
/// inside a season nothing moves and there is no noise. Seasons are counted from the
/// first time point, so the transition at t moves when (t + 1) is a multiple of d.
struct Seasonal: StateComponent {
    let name = "seasonal"
    let seasons: Int
    let duration: Int
    let seasonalPrior: SdPrior
    /// Each effect starts N(0, initialVariance).
    let initialVariance: Double
    /// Told apart from other seasonals by this suffix of its σ's name ("sigma.seasonal.7"); nil when alone.
    var label: String? = nil

    /// "7", or "52.7" for 52 seasons of 7 steps.
    static func label(_ seasonality: DummySeasonality) -> String {
        seasonality.duration == 1 ? "\(seasonality.seasons)" : "\(seasonality.seasons).\(seasonality.duration)"
    }

    var stateSize: Int { seasons - 1 }
    var disturbanceNames: [String] { [label.map { "sigma.seasonal.\($0)" } ?? "sigma.seasonal"] }
    var variancePriors: [SdPrior] { [seasonalPrior] }
    var initialMean: [Double] { [Double](repeating: 0, count: stateSize) }
    var initialVariances: [Double] { [Double](repeating: initialVariance, count: stateSize) }

    func moves(at t: Int) -> Bool { (t + 1) % duration == 0 }

    func transitionBlocks(moving: Bool, parameters: UnsafePointer<Double>) -> [TransitionMatrix.Block] {
        [moving ? .dummySeasonal(stateSize) : .identity(stateSize)]
    }

    func disturbanceLoading(moving: Bool) -> Matrix {
        var r = Matrix(rows: stateSize, columns: 1)
        if moving { r[0, 0] = 1 }
        return r
    }

    func writeLoadings(at t: Int, into row: UnsafeMutablePointer<Double>) {
        row[0] = 1
        for i in 1..<max(1, stateSize) { row[i] = 0 }
    }

    func accumulateDisturbances(states: UnsafePointer<Double>, stride m: Int, length n: Int,
                                sums: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Int>) {
        var total = 0.0, count = 0
        for t in 0..<max(0, n - 1) where moves(at: t) {
            let now = states + t * m
            var sum = 0.0
            for i in 0..<stateSize { sum += now[i] }
            let w = states[(t + 1) * m] + sum
            total += w * w
            count += 1
        }
        sums[0] += total
        counts[0] += count
    }
}
