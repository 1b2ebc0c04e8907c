import GSL

/// How well a score sorts a DAG's variables in causal order: Reisach, Seiler and
/// Weichwald (2021, "Beware of the simulated DAG!", Definition 3.1) for marginal
/// variance, and Reisach et al. (2023, "A scale-invariant sorting criterion to find a
/// causal order in additive noise models") for R².
///
/// sortability = Σₖ Σ_{(i, j) ∈ Eᵏ} [s_j > s_i] + ½[s_j ≈ s_i]  /  Σₖ |Eᵏ|,
///
/// where Eᵏ is the set of ordered pairs (i, j) joined by a directed path of length k
/// (k = 1 … n−1; a pair joined by paths of several lengths counts once per length) and
/// s_j ≈ s_i when their ratio is within `tolerance` of 1. 1 means the score always
/// increases downstream, 0.5 that it carries no order information, 0 that it always
/// decreases. (The authors' code counts Eᵏ's pairs with their number of paths in the
/// denominator only; this follows the paper's definition.) Cost: O(n · L · E) for the
/// longest path length L.
public enum Sortability {
    /// The relative tolerance of a tie (the authors' 1e-9).
    public static let tolerance = 1e-9

    /// The sortability of `scores` (one per node) along the DAG with `children` lists;
    /// nil when the graph has no edge.
    public static func sortability(scores s: [Double], children: [[Int]], tolerance: Double = tolerance) -> Double? {
        let n = s.count
        var pairs = 0.0, ordered = 0.0
        var inNext = [Bool](repeating: false, count: n)
        for i in 0..<n {
            var frontier = [i]
            while !frontier.isEmpty {
                var next: [Int] = []
                for v in frontier {
                    for c in children[v] where !inNext[c] {
                        inNext[c] = true
                        next.append(c)
                    }
                }
                for j in next {
                    inNext[j] = false
                    pairs += 1
                    let ratio = s[i] != 0 ? s[j] / s[i] : (s[j] > 0 ? .infinity : 1)
                    if ratio > 1 + tolerance { ordered += 1 } else if ratio > 1 - tolerance { ordered += 0.5 }
                }
                frontier = next
            }
        }
        return pairs > 0 ? ordered / pairs : nil
    }

    /// The sample variance of each column (divisor n − 1).
    public static func variances(_ columns: [[Double]]) -> [Double] {
        columns.map { x in
            let n = Double(x.count)
            let mean = x.reduce(0, +) / n
            return x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        }
    }

    /// The centred cross-product matrix Σ_r (x_r − x̄)(x_r − x̄)ᵀ of the columns, accumulated
    /// row by row over the upper triangle (contiguous inner loops), then mirrored.
    static func crossProducts(_ columns: [[Double]], rows n: Int) -> Matrix {
        let p = columns.count
        let means = columns.map { $0.reduce(0, +) / Double(n) }
        var upper = [Double](repeating: 0, count: p * p)
        var row = [Double](repeating: 0, count: p)
        upper.withUnsafeMutableBufferPointer { s in
            row.withUnsafeMutableBufferPointer { x in
                for r in 0..<n {
                    for j in 0..<p { x[j] = columns[j][r] - means[j] }
                    for i in 0..<p {
                        let xi = x[i], base = i * p
                        for j in i..<p { s[base + j] += xi * x[j] }
                    }
                }
            }
        }
        var matrix = Matrix(rows: p, columns: p)
        for i in 0..<p {
            for j in i..<p {
                matrix.elements[i * p + j] = upper[i * p + j]
                matrix.elements[j * p + i] = upper[i * p + j]
            }
        }
        return matrix
    }

    /// The R² of each column regressed (with an intercept) on all the others:
    /// R²_j = 1 − 1 / (S_jj · (S⁻¹)_jj) for the sample covariance S. A column that the
    /// others determine exactly (S singular) has R² = 1; a constant column 0.
    public static func explainedVariances(_ columns: [[Double]]) throws -> [Double] {
        let p = columns.count
        guard p > 1, let n = columns.first?.count, n > p else { return [Double](repeating: 0, count: p) }
        let s = crossProducts(columns, rows: n)
        let constant = (0..<p).filter { s[$0, $0] <= 0 }
        let kept = Array(0..<p).filter { !constant.contains($0) }
        var r2 = [Double](repeating: 0, count: p)
        guard kept.count > 1 else { return r2 }
        var reduced = Matrix(rows: kept.count, columns: kept.count)
        for (a, i) in kept.enumerated() { for (b, j) in kept.enumerated() { reduced.elements[a * kept.count + b] = s[i, j] } }
        guard let inverse = try? reduced.cholesky().inverse() else {
            for j in kept { r2[j] = 1 }
            return r2
        }
        for (a, j) in kept.enumerated() { r2[j] = max(0, min(1, 1 - 1 / (s[j, j] * inverse[a, a]))) }
        return r2
    }
}
