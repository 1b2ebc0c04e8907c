/// Cells of exact enumeration (`ExactEnumeration`): for each entry a unit and a box
/// of the free terms' uniform ε, one interval [lower, upper) per free term, stored by term.
struct CellList: Sendable {
    /// The unit of each cell.
    private(set) var units: [Int] = []
    /// lower[d][c], upper[d][c]: cell c's interval of free term d.
    private(set) var lower: [[Double]]
    private(set) var upper: [[Double]]

    /// An empty list of cells over `dimensions` free terms.
    init(dimensions: Int) {
        lower = Array(repeating: [], count: dimensions)
        upper = Array(repeating: [], count: dimensions)
    }

    /// One cell per unit covering the whole unit cube.
    static func whole(units: Int, dimensions: Int) -> CellList {
        var cells = CellList(dimensions: dimensions)
        cells.units = Array(0..<units)
        cells.lower = Array(repeating: Array(repeating: 0, count: units), count: dimensions)
        cells.upper = Array(repeating: Array(repeating: 1, count: units), count: dimensions)
        return cells
    }

    var count: Int { units.count }
    var isEmpty: Bool { units.isEmpty }

    mutating func removeAll() {
        units.removeAll(keepingCapacity: true)
        for d in lower.indices {
            lower[d].removeAll(keepingCapacity: true)
            upper[d].removeAll(keepingCapacity: true)
        }
    }

    /// Appends a copy of `cells`' cell `c` whose interval of term `d` is [lo, hi).
    mutating func append(_ cells: CellList, _ c: Int, dimension d: Int, from lo: Double, to hi: Double) {
        units.append(cells.units[c])
        for e in lower.indices {
            lower[e].append(e == d ? lo : cells.lower[e][c])
            upper[e].append(e == d ? hi : cells.upper[e][c])
        }
    }

    /// Appends every cell of `other`.
    mutating func append(contentsOf other: CellList) {
        units += other.units
        for d in lower.indices {
            lower[d] += other.lower[d]
            upper[d] += other.upper[d]
        }
    }
}
