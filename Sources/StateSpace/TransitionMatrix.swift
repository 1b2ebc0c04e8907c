import GSL

/// A block-diagonal transition matrix T whose blocks have a known structure, so
/// that T·x and Tᵀ·x cost O(m) for the structured blocks instead of O(m²).
///
/// Structural time-series models stack small components (a local level, a
/// trend, a dummy seasonal, random-walk coefficients) block-diagonally; their
/// blocks are identities, shift matrices or tiny dense matrices. Keeping that
/// structure makes the Kalman filter's T·P·Tᵀ cost O(m²) rather than O(m³),
/// which matters for a 52-season model (m ≈ 53).
///
///     let t = TransitionMatrix(blocks: [.identity(1), .dummySeasonal(3)])
///     t.dense   // 4 × 4: [1 0 0 0; 0 −1 −1 −1; 0 1 0 0; 0 0 1 0]
public struct TransitionMatrix: Sendable, Equatable {
    /// One diagonal block.
    public enum Block: Sendable, Equatable {
        /// The k × k identity (random walks, or a seasonal state between season boundaries).
        case identity(Int)
        /// The k × k dummy-seasonal shift (Harvey 1989 §2.3.4): the first row is all −1
        /// (the new effect is minus the sum of the previous k), rows 2…k move
        /// each effect down by one place. With k = S − 1 it encodes s_{t+1} = −(s_t + … + s_{t−S+2}).
        case dummySeasonal(Int)
        /// A general square block.
        case dense(Matrix)

        /// The block's side.
        public var size: Int {
            switch self {
            case .identity(let k), .dummySeasonal(let k): return k
            case .dense(let m): return m.rows
            }
        }
    }

    /// The blocks, from the top-left corner down the diagonal.
    public let blocks: [Block]
    /// The side m of the whole matrix.
    public let dimension: Int

    /// The block-diagonal matrix with the given blocks; dense blocks must be square.
    public init(blocks: [Block]) throws {
        for (index, block) in blocks.enumerated() {
            if case .dense(let m) = block, m.rows != m.columns {
                throw StateSpaceError.shape("transition block \(index + 1) is \(m.rows)×\(m.columns), not square")
            }
            if block.size < 1 {
                throw StateSpaceError.shape("transition block \(index + 1) is empty")
            }
        }
        self.blocks = blocks
        dimension = blocks.reduce(0) { $0 + $1.size }
    }

    /// The m × m identity as a single block.
    public static func identity(_ m: Int) -> TransitionMatrix {
        // A positive size cannot fail validation.
        TransitionMatrix(validated: [.identity(m)])
    }

    init(validated blocks: [Block]) {
        self.blocks = blocks
        dimension = blocks.reduce(0) { $0 + $1.size }
    }

    /// The matrix written out densely (for tests and small problems).
    public var dense: Matrix {
        var t = Matrix(rows: dimension, columns: dimension)
        var start = 0
        for block in blocks {
            switch block {
            case .identity(let k):
                for i in 0..<k { t[start + i, start + i] = 1 }
            case .dummySeasonal(let k):
                for j in 0..<k { t[start, start + j] = -1 }
                for i in 1..<max(1, k) { t[start + i, start + i - 1] = 1 }
            case .dense(let b):
                for i in 0..<b.rows { for j in 0..<b.columns { t[start + i, start + j] = b[i, j] } }
            }
            start += block.size
        }
        return t
    }
}

/// The blocks of one or more transition matrices flattened into plain buffers
/// that the filtering kernels read without reference counting or bounds checks.
final class TransitionTable {
    enum Kind: UInt8 { case identity, dummySeasonal, dense }

    /// Per block: kind, first state index, size, offset of its entries in `denseValues`.
    let kinds: UnsafeMutablePointer<UInt8>
    let starts: UnsafeMutablePointer<Int>
    let sizes: UnsafeMutablePointer<Int>
    let denseOffsets: UnsafeMutablePointer<Int>
    let denseValues: UnsafeMutablePointer<Double>
    /// For matrix k: its blocks are firstBlock[k] ..< firstBlock[k + 1].
    let firstBlock: UnsafeMutablePointer<Int>
    let blockCount: Int
    let matrixCount: Int
    /// Whether matrix k is the identity (only identity blocks): T·x = x, T·P·Tᵀ = P.
    let isIdentity: UnsafeMutablePointer<Bool>

    init(_ matrices: [TransitionMatrix]) {
        matrixCount = matrices.count
        blockCount = matrices.reduce(0) { $0 + $1.blocks.count }
        let denseCount = matrices.reduce(0) { total, t in
            total + t.blocks.reduce(0) { if case .dense(let m) = $1 { return $0 + m.rows * m.columns } else { return $0 } }
        }
        kinds = .allocate(capacity: max(1, blockCount))
        starts = .allocate(capacity: max(1, blockCount))
        sizes = .allocate(capacity: max(1, blockCount))
        denseOffsets = .allocate(capacity: max(1, blockCount))
        denseValues = .allocate(capacity: max(1, denseCount))
        firstBlock = .allocate(capacity: matrixCount + 1)
        isIdentity = .allocate(capacity: max(1, matrixCount))
        for (k, t) in matrices.enumerated() {
            isIdentity[k] = t.blocks.allSatisfy { if case .identity = $0 { return true } else { return false } }
        }
        var b = 0, d = 0
        for (k, t) in matrices.enumerated() {
            firstBlock[k] = b
            var start = 0
            for block in t.blocks {
                starts[b] = start
                sizes[b] = block.size
                denseOffsets[b] = d
                switch block {
                case .identity: kinds[b] = Kind.identity.rawValue
                case .dummySeasonal: kinds[b] = Kind.dummySeasonal.rawValue
                case .dense(let m):
                    kinds[b] = Kind.dense.rawValue
                    for e in m.elements { denseValues[d] = e; d += 1 }
                }
                start += block.size
                b += 1
            }
        }
        firstBlock[matrixCount] = b
    }

    deinit {
        kinds.deallocate(); starts.deallocate(); sizes.deallocate()
        denseOffsets.deallocate(); denseValues.deallocate(); firstBlock.deallocate()
        isIdentity.deallocate()
    }

    /// y = T_k · x for strided vectors (x and y must not overlap).
    @inline(__always)
    func apply(_ k: Int, _ x: UnsafePointer<Double>, _ xs: Int, _ y: UnsafeMutablePointer<Double>, _ ys: Int) {
        for b in firstBlock[k]..<firstBlock[k + 1] {
            let s = starts[b], size = sizes[b]
            switch kinds[b] {
            case Kind.identity.rawValue:
                for i in s..<(s + size) { y[i * ys] = x[i * xs] }
            case Kind.dummySeasonal.rawValue:
                var total = 0.0
                for i in s..<(s + size) { total += x[i * xs] }
                for i in stride(from: s + size - 1, to: s, by: -1) { y[i * ys] = x[(i - 1) * xs] }
                y[s * ys] = -total
            default:
                let e = denseValues + denseOffsets[b]
                if size == 2 {
                    // Written out (a trend's or a harmonic's block), with the general loop's order of additions.
                    let x0 = x[s * xs], x1 = x[(s + 1) * xs]
                    y[s * ys] = 0 + e[0] * x0 + e[1] * x1
                    y[(s + 1) * ys] = 0 + e[2] * x0 + e[3] * x1
                    continue
                }
                for i in 0..<size {
                    var total = 0.0
                    for j in 0..<size { total += e[i * size + j] * x[(s + j) * xs] }
                    y[(s + i) * ys] = total
                }
            }
        }
    }

    /// y = T_kᵀ · x for strided vectors (x and y must not overlap).
    @inline(__always)
    func applyTranspose(_ k: Int, _ x: UnsafePointer<Double>, _ xs: Int, _ y: UnsafeMutablePointer<Double>, _ ys: Int) {
        for b in firstBlock[k]..<firstBlock[k + 1] {
            let s = starts[b], size = sizes[b]
            switch kinds[b] {
            case Kind.identity.rawValue:
                for i in s..<(s + size) { y[i * ys] = x[i * xs] }
            case Kind.dummySeasonal.rawValue:
                // Tᵀ has −1 down the first column and ones on the super-diagonal.
                let first = x[s * xs]
                for i in s..<(s + size - 1) { y[i * ys] = x[(i + 1) * xs] - first }
                y[(s + size - 1) * ys] = -first
            default:
                let e = denseValues + denseOffsets[b]
                if size == 2 {
                    let x0 = x[s * xs], x1 = x[(s + 1) * xs]
                    y[s * ys] = 0 + e[0] * x0 + e[2] * x1
                    y[(s + 1) * ys] = 0 + e[1] * x0 + e[3] * x1
                    continue
                }
                for i in 0..<size {
                    var total = 0.0
                    for j in 0..<size { total += e[j * size + i] * x[(s + j) * xs] }
                    y[(s + i) * ys] = total
                }
            }
        }
    }

    /// out = T_k · P · T_kᵀ (or T_kᵀ · P · T_k when `transposed`) for a symmetric
    /// m × m row-major P; `scratch` holds m × m values. The result is made exactly symmetric.
    ///
    /// Both products run over whole rows, block by block (contiguous memory, one dispatch
    /// per block rather than per column): scratch = T·P, out = scratchᵀ, scratch = T·out,
    /// which is (T·P·Tᵀ)ᵀ; symmetrising it gives T·P·Tᵀ with every sum taken in the
    /// same order as T applied column by column, then row by row.
    func sandwich(_ k: Int, _ p: UnsafePointer<Double>, _ m: Int, _ out: UnsafeMutablePointer<Double>,
                  scratch: UnsafeMutablePointer<Double>, transposed: Bool = false) {
        multiplyRows(k, p, scratch, m, transposed: transposed)
        for i in 0..<m {
            for j in 0..<m { out[j * m + i] = scratch[i * m + j] }
        }
        multiplyRows(k, out, scratch, m, transposed: transposed)
        for i in 0..<m {
            out[i * m + i] = scratch[i * m + i]
            for j in 0..<i {
                let average = 0.5 * (scratch[i * m + j] + scratch[j * m + i])
                out[i * m + j] = average
                out[j * m + i] = average
            }
        }
    }

    /// dst = T_k · src (or T_kᵀ · src) for row-major m × m matrices (not overlapping).
    private func multiplyRows(_ k: Int, _ src: UnsafePointer<Double>, _ dst: UnsafeMutablePointer<Double>, _ m: Int,
                              transposed: Bool) {
        for b in firstBlock[k]..<firstBlock[k + 1] {
            let s = starts[b], size = sizes[b]
            switch kinds[b] {
            case Kind.identity.rawValue:
                for i in s..<(s + size) {
                    for j in 0..<m { dst[i * m + j] = src[i * m + j] }
                }
            case Kind.dummySeasonal.rawValue where transposed:
                // Tᵀ: row i is row i + 1 minus the first row; the last row is minus the first.
                for i in s..<(s + size - 1) {
                    for j in 0..<m { dst[i * m + j] = src[(i + 1) * m + j] - src[s * m + j] }
                }
                for j in 0..<m { dst[(s + size - 1) * m + j] = -src[s * m + j] }
            case Kind.dummySeasonal.rawValue:
                for j in 0..<m {
                    var total = 0.0
                    for i in s..<(s + size) { total += src[i * m + j] }
                    dst[s * m + j] = -total
                }
                for i in stride(from: s + size - 1, to: s, by: -1) {
                    for j in 0..<m { dst[i * m + j] = src[(i - 1) * m + j] }
                }
            default:
                let e = denseValues + denseOffsets[b]
                if size == 2 {
                    let e00 = e[0], e01 = transposed ? e[2] : e[1], e10 = transposed ? e[1] : e[2], e11 = e[3]
                    let row0 = src + s * m, row1 = src + (s + 1) * m
                    let out0 = dst + s * m, out1 = dst + (s + 1) * m
                    for j in 0..<m {
                        let x0 = row0[j], x1 = row1[j]
                        out0[j] = 0 + e00 * x0 + e01 * x1
                        out1[j] = 0 + e10 * x0 + e11 * x1
                    }
                    continue
                }
                for i in 0..<size {
                    for j in 0..<m {
                        var total = 0.0
                        for l in 0..<size {
                            total += (transposed ? e[l * size + i] : e[i * size + l]) * src[(s + l) * m + j]
                        }
                        dst[(s + i) * m + j] = total
                    }
                }
            }
        }
    }
}
