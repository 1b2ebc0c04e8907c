import CausalModel

/// The true conditional average treatment effect by bins of one covariate,
/// CATE_b = E[Y(1) − Y(0) | X ∈ bin b], from the potential outcomes of a large
/// Monte Carlo sample.
///
/// A covariate with at most `maximumLevels` distinct values gets one bin per value;
/// any other gets deciles (the type-1 sample quantiles at 0.1, …, 0.9 as upper
/// edges, ties merged).
public struct BinnedConditionalEffects: Sendable {
    /// One bin of the covariate.
    public struct Bin: Sendable, Equatable {
        /// The smallest and largest covariate value of the sampled units in the bin.
        public var lower: Double, upper: Double
        /// The fraction of units in the bin.
        public var share: Double
        /// The true average effect in the bin.
        public var truth: TruthValue
    }

    /// The covariate binned.
    public let covariate: String
    /// The bins, in increasing order of the covariate.
    public let bins: [Bin]
    /// Upper edges: bin b holds values in (edges[b − 1], edges[b]]; the last bin is unbounded above.
    private let edges: [Double]

    /// A covariate with at most this many distinct values gets one bin per value.
    public static let maximumLevels = 10
    /// The number of quantile bins of any other covariate.
    public static let quantileBins = 10

    /// The binned effects of unit-level effects `delta` by covariate `values`; nil
    /// when there are no units or a bin's effect cannot be computed.
    init?(covariate: String, values: [Double], delta: [Double]) {
        guard !values.isEmpty, values.count == delta.count else { return nil }
        let sorted = values.sorted()
        var distinct: [Double] = []
        for x in sorted where distinct.last != x {
            distinct.append(x)
            if distinct.count > Self.maximumLevels { break }
        }
        var edges: [Double] = []
        if distinct.count <= Self.maximumLevels {
            edges = zip(distinct, distinct.dropFirst()).map { ($0 + $1) / 2 }
        } else {
            let n = sorted.count
            for k in 1..<Self.quantileBins {
                let edge = sorted[max(0, (k * n + Self.quantileBins - 1) / Self.quantileBins - 1)]
                if edges.last.map({ edge > $0 }) ?? true, edge < sorted[n - 1] { edges.append(edge) }
            }
        }
        self.covariate = covariate
        self.edges = edges
        var members = [[Int]](repeating: [], count: edges.count + 1)
        for i in values.indices { members[Self.bin(of: values[i], edges: edges)].append(i) }
        var bins: [Bin] = []
        for rows in members where !rows.isEmpty {
            guard let truth = TruthValue.weightedMean(rows.map { delta[$0] }) else { return nil }
            let x = rows.map { values[$0] }
            bins.append(Bin(lower: x.min()!, upper: x.max()!, share: Double(rows.count) / Double(values.count), truth: truth))
        }
        guard bins.count == members.count else { return nil }
        self.bins = bins
    }

    /// The bin of covariate value `x`.
    public func bin(of x: Double) -> Int { Self.bin(of: x, edges: edges) }

    private static func bin(of x: Double, edges: [Double]) -> Int {
        var low = 0, high = edges.count
        while low < high {
            let mid = (low + high) / 2
            if x <= edges[mid] { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// The error of predicted conditional effects τ̂(xᵢ) on a sample with covariate
    /// values xᵢ: √(Σ_b p_b (τ̄_b − CATE_b)²) with τ̄_b the mean prediction over the
    /// sample's rows in bin b and p_b the bin's share (renormalised over the bins the
    /// sample reaches). NaN when no row is finite.
    public func error(predictions: [Double], covariateValues: [Double]) -> Double {
        var sums = [Double](repeating: 0, count: bins.count), counts = [Double](repeating: 0, count: bins.count)
        for i in predictions.indices where predictions[i].isFinite {
            let b = bin(of: covariateValues[i])
            sums[b] += predictions[i]
            counts[b] += 1
        }
        var squared = 0.0, mass = 0.0
        for b in bins.indices where counts[b] > 0 {
            let d = sums[b] / counts[b] - bins[b].truth.value
            squared += bins[b].share * d * d
            mass += bins[b].share
        }
        return mass > 0 ? (squared / mass).squareRoot() : .nan
    }
}
