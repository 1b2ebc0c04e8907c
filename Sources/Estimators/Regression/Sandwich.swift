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

    /// The robust covariance of `kind` (HC0, HC1 or clustered) for a fit with this bread,
    /// design and residuals; nil for `.classical`, which each model defines itself.
    /// n − k − a is `residualDegreesOfFreedom`.
    static func robust(_ kind: CovarianceKind, bread: Matrix, design: Matrix, residuals: [Double],
                       residualDegreesOfFreedom df: Int) -> Matrix? {
        let n = Double(design.rows)
        switch kind {
        case .classical:
            return nil
        case .hc0:
            return covariance(bread: bread, meat: meat(design, residuals: residuals))
        case .hc1:
            return (n / Double(df)) * covariance(bread: bread, meat: meat(design, residuals: residuals))
        case let .clustered(groups, correction):
            let g = Double(groups.count)
            let factor: Double
            switch correction {
            case .stata: factor = g / (g - 1) * (n - 1) / Double(df)
            case .residualDegreesOfFreedom: factor = n / Double(df)
            case .stataNested(let m): factor = g / (g - 1) * (n - 1) / (n - Double(design.columns + m))
            }
            return factor * covariance(bread: bread, meat: clusterMeat(design, residuals: residuals,
                                                                       clusters: groups.codes, count: groups.count))
        }
    }

    /// Square roots of the diagonal.
    static func standardErrors(_ covariance: Matrix) -> [Double] { covariance.diagonal.map { $0.squareRoot() } }
}
