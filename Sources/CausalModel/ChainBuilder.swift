/// Builds a run of one associative operator and its inverse, `a + b - c + …` or
/// `a * b / c * …`, as an expression tree whose depth grows with the logarithm
/// of the number of terms rather than with the number itself, so that every
/// recursive pass over a model (compiling, rewriting, comparing, freeing) stays
/// within the stack for a sum of any length.
///
/// A run of up to `runLength` terms is kept exactly as written, left to right
/// (`((a + b) - c) + d`), so short expressions, which are all that hand-written
/// models contain, evaluate bit for bit as before. A longer run is cut into
/// such pieces, the pieces after the first starting from the operator's
/// identity (`0 - c + …`, `1 / c * …`) when their first term is inverted, and the
/// pieces are joined pairwise into a balanced tree. The value is the same sum
/// (or product) up to the rounding of floating-point addition in another order.
struct ChainBuilder {
    /// The longest run kept left to right as written.
    static let runLength = 64

    private var pieces: [Expr] = []
    private var run: Expr
    private var runCount = 1
    private let combine: BinaryOperator
    private let inverse: BinaryOperator

    /// A run starting with `first`, joined by `combine` or, for inverted terms, `inverse`.
    init(first: Expr, combine: BinaryOperator, inverse: BinaryOperator) {
        run = first
        self.combine = combine
        self.inverse = inverse
    }

    /// Appends `term`, joined by the inverse operator when `inverted`.
    mutating func append(_ term: Expr, inverted: Bool) {
        if runCount == Self.runLength {
            pieces.append(run)
            run = inverted ? .binary(inverse, .constant(combine == .add ? 0 : 1), term) : term
            runCount = 1
            return
        }
        run = .binary(inverted ? inverse : combine, run, term)
        runCount += 1
    }

    /// The whole run as one expression.
    var expression: Expr {
        var level = pieces + [run]
        while level.count > 1 {
            var next: [Expr] = []
            next.reserveCapacity((level.count + 1) / 2)
            var index = 0
            while index + 1 < level.count {
                next.append(.binary(combine, level[index], level[index + 1]))
                index += 2
            }
            if index < level.count { next.append(level[index]) }
            level = next
        }
        return level[0]
    }
}
