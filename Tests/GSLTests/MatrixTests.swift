import Foundation
import Testing
@testable import GSL

@Suite struct MatrixTests {
    let spd = Matrix([[4, 2, 0.6], [2, 5, 1], [0.6, 1, 3]])

    @Test func productMatchesTheDefinition() {
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        let b = Matrix([[7, 8, 9], [10, 11, 12]])
        let c = a * b
        for i in 0..<3 { for j in 0..<3 {
            #expect(c[i, j] == (0..<2).reduce(0) { $0 + a[i, $1] * b[$1, j] })
        } }
    }

    @Test func choleskyReconstructsTheMatrix() throws {
        let l = try spd.cholesky().lower
        let rebuilt = l * l.transposed
        for i in 0..<3 { for j in 0..<3 { #expect(abs(rebuilt[i, j] - spd[i, j]) < 1e-12) } }
        for i in 0..<3 { for j in (i + 1)..<3 { #expect(l[i, j] == 0) } }
    }

    @Test func choleskySolveAndDeterminant() throws {
        let factor = try spd.cholesky()
        let b = [1.0, -2.0, 0.5]
        let x = factor.solve(b)
        let back = spd * x
        for i in 0..<3 { #expect(abs(back[i] - b[i]) < 1e-12) }
        // det by cofactor expansion
        let m = spd
        let det = m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1])
            - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0])
            + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0])
        #expect(abs(factor.logDeterminant - log(det)) < 1e-12)
    }

    @Test func notPositiveDefiniteIsAnError() {
        #expect(throws: LinearAlgebraError.notPositiveDefinite) { try Matrix([[1, 2], [2, 1]]).cholesky() }
    }

    @Test func luSolveAndInverse() throws {
        let a = Matrix([[0, 2, 1], [1, 0, 3], [4, 1, 0]])
        let inv = try a.inverse()
        let id = a * inv
        for i in 0..<3 { for j in 0..<3 { #expect(abs(id[i, j] - (i == j ? 1 : 0)) < 1e-12) } }
        #expect(throws: LinearAlgebraError.singular) { try Matrix([[1, 2], [2, 4]]).solve([1, 1]) }
    }

    @Test func gramIsXTransposeX() {
        let x = Matrix([[1, 2], [3, 4], [5, 7]])
        #expect(x.gram == x.transposed * x)
    }
}
