import Tabular

extension Table {
    /// The numbers of the column called `name`, every one finite. Throws `TableError`
    /// for an unknown or non-numeric column and `EstimationError.missingValue` (with the
    /// column and 1-based row) for a missing or infinite cell.
    func finiteNumbers(_ name: String) throws -> [Double] {
        let values = try numbers(name)
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw EstimationError.missingValue(column: name, row: bad + 1)
        }
        return values
    }
}

/// Checks that `t` (the column called `column`) holds only 0 and 1, both of them:
/// `EstimationError.nonBinaryTreatment` names the first other value's 1-based row,
/// `EstimationError.noVariation` a column without treated or without control units.
func requireBinaryTreatment(_ t: [Double], column: String) throws {
    if let bad = t.firstIndex(where: { $0 != 0 && $0 != 1 }) {
        throw EstimationError.nonBinaryTreatment(column: column, row: bad + 1, value: t[bad])
    }
    let treated = t.reduce(0, +)
    if treated == 0 || Int(treated) == t.count {
        throw EstimationError.noVariation(column: column, detail: treated == 0 ? "no treated units (every value is 0)"
                                          : "no control units (every value is 1)")
    }
}
