import GSL

/// The rows on one side of a regression-discontinuity cutoff c, sorted by the running
/// variable, with the local-polynomial pieces that the bandwidth selector and the
/// estimator share. Left: x < c; right: x ≥ c (as rdrobust splits them).
struct DiscontinuitySide {
    /// The running variable, ascending.
    let x: [Double]
    /// x − c.
    let distance: [Double]
    /// The responses, sorted with x: [y] for a sharp design, [y, T] for a fuzzy one.
    let responses: [[Double]]

    /// The rows of `x`, `responses` at `indices`, sorted by x.
    init(x allX: [Double], responses allResponses: [[Double]], indices: [Int], cutoff: Double) {
        let order = indices.sorted { allX[$0] < allX[$1] }
        x = order.map { allX[$0] }
        distance = x.map { $0 - cutoff }
        responses = allResponses.map { column in order.map { column[$0] } }
    }

    /// The number of rows.
    var count: Int { x.count }

    /// The rows with positive triangular weight at bandwidth h, |x − c|/h < 1: a
    /// contiguous range, since the rows are sorted.
    func window(_ h: Double) -> Range<Int> {
        guard let first = distance.firstIndex(where: { abs($0 / h) < 1 }) else { return 0..<0 }
        var end = first
        while end < count && abs(distance[end] / h) < 1 { end += 1 }
        return first..<end
    }

    /// The number of distinct x in `rows`.
    func distinctValues(in rows: Range<Int>) -> Int {
        guard !rows.isEmpty else { return 0 }
        var n = 1
        for i in rows.dropFirst() where x[i] != x[i - 1] { n += 1 }
        return n
    }

    /// Triangular kernel weights K(u) = 1 − |u| at u = (x − c)/h for `rows` (zero outside |u| < 1).
    /// rdrobust also divides by h; every quantity used here is invariant to that constant.
    func triangularWeights(_ rows: Range<Int>, bandwidth h: Double) -> [Double] {
        rows.map { i in
            let u = abs(distance[i] / h)
            return u < 1 ? 1 - u : 0
        }
    }

    /// The polynomial design [1, u, u², …, u^order] with u = (x − c)/scale, for `rows`.
    /// Scaling the powers by the bandwidth keeps the design well conditioned; a
    /// coefficient of u^j equals the coefficient of (x − c)^j times scale^j.
    func powers(_ rows: Range<Int>, order: Int, scale: Double) -> Matrix {
        var m = Matrix(rows: rows.count, columns: order + 1)
        for (r, i) in rows.enumerated() {
            let u = distance[i] / scale
            var power = 1.0
            for j in 0...order {
                m[r, j] = power
                power *= u
            }
        }
        return m
    }

    /// Nearest-neighbour residuals of every response within `rows` (neighbours found
    /// among those rows only), as rdrobust's `vce = "nn"` computes them.
    func residuals(_ rows: Range<Int>, matches: Int) -> [[Double]] {
        nearestNeighbourResiduals(x: x[rows], outcomes: responses.map { $0[rows] }, matches: matches)
    }
}

/// Kernel-weighted least-squares pieces on a polynomial design R with weights w.
enum WeightedPolynomial {
    /// (RᵀWR)⁻¹, from the QR factorisation of √W·R (never forming RᵀWR).
    static func inverseGram(_ design: Matrix, weights: [Double]) throws -> Matrix {
        var scaled = design
        for i in 0..<design.rows {
            let s = weights[i].squareRoot()
            for j in 0..<design.columns { scaled[i, j] *= s }
        }
        return try scaled.qr().inverseGram()
    }

    /// RᵀW·y.
    static func crossProduct(_ design: Matrix, weights: [Double], _ y: ArraySlice<Double>) -> [Double] {
        var out = [Double](repeating: 0, count: design.columns)
        for (r, value) in y.enumerated() {
            let wy = weights[r] * value
            for j in 0..<design.columns { out[j] += design[r, j] * wy }
        }
        return out
    }

    /// The rows of R scaled by w: the score vectors R·W whose residual-weighted outer
    /// products form a sandwich meat.
    static func weightedRows(_ design: Matrix, weights: [Double]) -> Matrix {
        var out = design
        for i in 0..<design.rows { for j in 0..<design.columns { out[i, j] *= weights[i] } }
        return out
    }

    /// The residual of each row combined over responses: rᵢ = Σ_c s_c·res_c,ᵢ.
    static func combine(_ residuals: [[Double]], _ s: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: residuals[0].count)
        for c in residuals.indices { for i in out.indices { out[i] += s[c] * residuals[c][i] } }
        return out
    }
}
