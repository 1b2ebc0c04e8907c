import Testing
@testable import GSL

@Suite struct QRTests {
    // A 6 × 3 design with an intercept.
    let a = Matrix([[1, 0.5, 2], [1, -1, 0.3], [1, 2, -1], [1, 0.1, 0.7], [1, -0.4, 1.5], [1, 1.3, -0.2]])
    let b = [1.0, -0.5, 2.2, 0.4, 0.9, 1.7]

    @Test func leastSquaresSolvesTheNormalEquations() throws {
        let (x, residuals) = try a.qr().leastSquares(b)
        // Independent answer: (AᵀA)x = Aᵀb by LU.
        let normal = try a.gram.solve(a.transposeTimes(b))
        for j in 0..<3 { #expect(abs(x[j] - normal[j]) < 1e-12) }
        let fitted = a * x
        for i in 0..<6 { #expect(abs(b[i] - fitted[i] - residuals[i]) < 1e-12) }
        // Residuals are orthogonal to the columns.
        for v in a.transposeTimes(residuals) { #expect(abs(v) < 1e-12) }
    }

    @Test func factorAndInverseGramReproduceTheGramMatrix() throws {
        let qr = try a.qr()
        let r = qr.r
        let gram = r.transposed * r
        let inverse = try a.gram.inverse()
        let fromQR = try qr.inverseGram()
        for i in 0..<3 {
            for j in 0..<3 {
                #expect(abs(gram[i, j] - a.gram[i, j]) < 1e-12)
                #expect(abs(fromQR[i, j] - inverse[i, j]) < 1e-12)
                if i > j { #expect(r[i, j] == 0) }
            }
        }
    }

    @Test func dependentColumnIsFoundWithItsCombination() throws {
        #expect(try a.qr().firstDependentColumn() == nil)
        // Column 3 = 2·column 1 − 3·column 0.
        var rows: [[Double]] = []
        for i in 0..<6 { rows.append([a[i, 0], a[i, 1], a[i, 2], 2 * a[i, 1] - 3 * a[i, 0]]) }
        let dependent = try #require(try Matrix(rows).qr().firstDependentColumn())
        #expect(dependent.column == 3)
        #expect(abs(dependent.combination[0] + 3) < 1e-10 && abs(dependent.combination[1] - 2) < 1e-10)
        #expect(abs(dependent.combination[2]) < 1e-10)
        #expect(throws: LinearAlgebraError.self) { try Matrix(rows: 2, columns: 3).qr() }
    }

    @Test func weightedGramIsTheWeightedSumOfOuterProducts() {
        let w = [0.5, 2, 0, 1, 3, 0.25]
        let g = a.weightedGram(w)
        for i in 0..<3 {
            for j in 0..<3 {
                let direct = (0..<6).reduce(0.0) { $0 + w[$1] * a[$1, i] * a[$1, j] }
                #expect(abs(g[i, j] - direct) < 1e-12)
            }
        }
        #expect(a.selectingRows([2, 2, 0]).row(1) == a.row(2))
    }
}
