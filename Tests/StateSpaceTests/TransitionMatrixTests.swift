import GSL
import Testing
@testable import StateSpace

/// The structured products T·x and Tᵀ·x agree with the dense matrix.
@Suite struct TransitionMatrixTests {
    let matrix = try! TransitionMatrix(blocks: [
        .identity(2), .dummySeasonal(4), .dense(Matrix([[0.5, -1], [2, 0.25]])), .dummySeasonal(1),
    ])

    @Test func denseFormHasTheDocumentedPattern() {
        let d = try! TransitionMatrix(blocks: [.identity(1), .dummySeasonal(3)]).dense
        #expect(d == Matrix([[1, 0, 0, 0], [0, -1, -1, -1], [0, 1, 0, 0], [0, 0, 1, 0]]))
    }

    @Test func structuredProductsMatchDenseProducts() {
        let table = TransitionTable([matrix])
        let x: [Double] = [1, -2, 3, 0.5, -1.5, 2, 4, -3, 0.25]
        let dense = matrix.dense
        var y = [Double](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { table.apply(0, xp.baseAddress!, 1, $0.baseAddress!, 1) }
        }
        #expect(maxDifference(y, dense * x) < 1e-14)
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { table.applyTranspose(0, xp.baseAddress!, 1, $0.baseAddress!, 1) }
        }
        #expect(maxDifference(y, dense.transposed * x) < 1e-14)
    }

    @Test func sandwichMatchesDenseTripleProduct() {
        let table = TransitionTable([matrix])
        let m = matrix.dimension
        var a = Matrix(rows: m, columns: m)
        for i in 0..<m { for j in 0..<m { a[i, j] = Double((i + 1) * (j + 2) % 7) - 3 } }
        let p = a * a.transposed
        var out = [Double](repeating: 0, count: m * m)
        var scratch = [Double](repeating: 0, count: m * m)
        p.elements.withUnsafeBufferPointer { pp in
            out.withUnsafeMutableBufferPointer { op in
                scratch.withUnsafeMutableBufferPointer { table.sandwich(0, pp.baseAddress!, m, op.baseAddress!, scratch: $0.baseAddress!) }
            }
        }
        #expect(maxDifference(out, (matrix.dense * p * matrix.dense.transposed).elements) < 1e-12)
        p.elements.withUnsafeBufferPointer { pp in
            out.withUnsafeMutableBufferPointer { op in
                scratch.withUnsafeMutableBufferPointer {
                    table.sandwich(0, pp.baseAddress!, m, op.baseAddress!, scratch: $0.baseAddress!, transposed: true)
                }
            }
        }
        #expect(maxDifference(out, (matrix.dense.transposed * p * matrix.dense).elements) < 1e-12)
    }

    @Test func nonSquareDenseBlockIsRejected() {
        #expect(throws: StateSpaceError.self) { try TransitionMatrix(blocks: [.dense(Matrix([[1, 2]]))]) }
    }
}

func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
