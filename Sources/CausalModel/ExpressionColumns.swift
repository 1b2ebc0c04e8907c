import Tabular

/// Expressions evaluated over the rows of a data table by the model's one evaluator
/// (`BlockEvaluator`): the design columns of a regression on data, such as `x * z`
/// for a mechanism `y = b * x * z + Normal(0, s)`.
public enum ExpressionColumns {
    /// The value of each expression in every row of `data`. The expressions may read
    /// the columns named in `inputs` (which must be numeric columns of `data`) and no
    /// noise term. Throws `ModelError` naming the row where a value is not finite.
    ///
    /// Cost: O(rows × size of the expressions), in blocks of 4096 rows.
    public static func evaluate(_ expressions: [Expr], over data: Table, inputs: [String]) throws -> [[Double]] {
        // A constant or a column is read off directly; anything else goes through the evaluator.
        if expressions.allSatisfy({ if case .constant = $0 { return true }; if case .variable = $0 { return true }; return false }) {
            return try expressions.map { e in
                if case .variable(let name) = e { return try data.numbers(name) }
                return [Double](repeating: e.constantValue ?? .nan, count: data.rowCount)
            }
        }
        let inputColumns = try inputs.map { try data.numbers($0) }
        let outputNames = expressions.indices.map { "expression \($0 + 1)" }
        var variables = inputs.map { Variable(name: $0, equation: .constant(0)) }
        for (name, e) in zip(outputNames, expressions) {
            guard e.noiseTerms.isEmpty else { throw ModelError("a design column may not read a noise term") }
            variables.append(Variable(name: name, equation: e))
        }
        let model = try StructuralCausalModel(variables: variables, noiseTerms: [])
        let evaluator = BlockEvaluator(try CompiledModel(model))
        let block = BlockEvaluator.blockSize
        let buffers = variables.map { _ in UnsafeMutablePointer<Double>.allocate(capacity: block) }
        defer { for b in buffers { b.deallocate() } }
        let clamped = variables.indices.map { $0 < inputs.count }
        let rows = data.rowCount
        var outputs = expressions.map { _ in [Double](repeating: 0, count: rows) }
        var first = 0
        while first < rows {
            let count = min(block, rows - first)
            for (k, column) in inputColumns.enumerated() {
                column.withUnsafeBufferPointer { source in
                    buffers[k].update(from: source.baseAddress! + first, count: count)
                }
            }
            try evaluator.evaluate(rows: count, firstRow: first, columns: buffers, clamped: clamped)
            for k in expressions.indices {
                let buffer = buffers[inputs.count + k]
                outputs[k].withUnsafeMutableBufferPointer { target in
                    (target.baseAddress! + first).update(from: buffer, count: count)
                }
            }
            first += count
        }
        return outputs
    }
}
