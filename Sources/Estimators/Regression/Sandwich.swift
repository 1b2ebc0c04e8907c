import GSL

/// Sandwich covariance pieces shared by the regressions: V = B·M·B with the
/// "bread" B = (XᵀX)⁻¹ and a "meat" M built from per-row scores (White 1980;
/// Liang & Zeger 1986 for clusters).
enum Sandwich {
    /// B·M·B.
    static func covariance(bread: Matrix, meat: Matrix) -> Matrix { bread * meat * bread }

    /// Σᵢ eᵢ²·xᵢxᵢᵀ (heteroskedasticity-robust meat).
    static func meat(_ design: Matrix, residuals: [Double]) -> Matrix {
        design.weightedGram(residuals.map { $0 * $0 })
    }

    /// Σ_g s_g s_gᵀ with s_g = Σ_{i ∈ g} eᵢ·xᵢ (cluster-robust meat); `clusters` gives
    /// each row's cluster code in 0..<`count`.
    static func clusterMeat(_ design: Matrix, residuals: [Double], clusters: [Int], count: Int) -> Matrix {
        let k = design.columns
        var scores = Matrix(rows: count, columns: k)
        scores.elements.withUnsafeMutableBufferPointer { s in
            design.elements.withUnsafeBufferPointer { x in
                for i in 0..<design.rows {
                    let base = clusters[i] * k, row = i * k, e = residuals[i]
                    for j in 0..<k { s[base + j] += x[row + j] * e }
                }
            }
        }
        return scores.gram
    }

    /// Square roots of the diagonal.
    static func standardErrors(_ covariance: Matrix) -> [Double] { covariance.diagonal.map { $0.squareRoot() } }
}
