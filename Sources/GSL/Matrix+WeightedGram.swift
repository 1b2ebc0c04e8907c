extension Matrix {
    /// XᵀWX = Σᵢ wᵢ·xᵢxᵢᵀ for non-negative row weights wᵢ (W = diag(w)): the Fisher
    /// information of a weighted fit, or the "meat" Σᵢ eᵢ²·xᵢxᵢᵀ of a sandwich covariance
    /// when wᵢ = eᵢ². Computed as the Gram matrix (BLAS `dsyrk`) of the rows scaled by √wᵢ.
    public func weightedGram(_ weights: [Double]) -> Matrix {
        precondition(weights.count == rows, "weightedGram: \(weights.count) weights for \(rows) rows")
        var scaled = self
        scaled.elements.withUnsafeMutableBufferPointer { e in
            for i in 0..<rows {
                let s = weights[i].squareRoot()
                let base = i * columns
                for j in 0..<columns { e[base + j] *= s }
            }
        }
        return scaled.gram
    }

    /// The rows listed in `indices`, in that order (repeats allowed), as a new matrix.
    public func selectingRows(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: indices.count, columns: columns)
        out.elements.withUnsafeMutableBufferPointer { o in
            elements.withUnsafeBufferPointer { e in
                for (r, i) in indices.enumerated() {
                    let from = i * columns, to = r * columns
                    for j in 0..<columns { o[to + j] = e[from + j] }
                }
            }
        }
        return out
    }
}
