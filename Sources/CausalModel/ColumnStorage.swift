/// Owned column buffers shared by sampling workers. Each worker writes only the
/// rows of its own blocks, so concurrent use is safe without locks.
final class ColumnStorage: @unchecked Sendable {
    /// One buffer per column.
    let columns: [UnsafeMutablePointer<Double>]
    init(columns count: Int, rows: Int) {
        columns = (0..<count).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: max(rows, 1)) }
    }

    deinit { for p in columns { p.deallocate() } }

    /// The first `rows` values of every column, as buffers.
    func buffers(rows: Int) -> [UnsafeBufferPointer<Double>] { columns.map { UnsafeBufferPointer(start: $0, count: rows) } }
}
