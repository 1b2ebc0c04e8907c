/// Running sums for a mean and an unbiased variance (Welford 1962), so a loop over
/// rows can accumulate several groups without storing them.
struct Moments: Sendable {
    /// Number of values added.
    private(set) var count = 0
    /// Their mean.
    private(set) var mean = 0.0
    private var sumOfSquares = 0.0

    /// Adds one value.
    @inline(__always) mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        sumOfSquares += delta * (x - mean)
    }

    /// The unbiased sample variance Σ(x − x̄)²/(n − 1); NaN for fewer than two values.
    var variance: Double { count > 1 ? sumOfSquares / Double(count - 1) : .nan }

    /// The moments of `values`.
    init(_ values: [Double]) { for x in values { add(x) } }

    /// Empty moments.
    init() {}
}

/// Per-arm moments of `y` split by a 0/1 treatment `t`: (controls, treated).
func armMoments(_ y: [Double], _ t: [Double]) -> (control: Moments, treated: Moments) {
    var control = Moments(), treated = Moments()
    for i in y.indices {
        if t[i] == 1 { treated.add(y[i]) } else { control.add(y[i]) }
    }
    return (control, treated)
}
