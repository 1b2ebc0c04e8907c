/// Settings of gradient-boosted regression trees (Friedman 2001, "Greedy function
/// approximation"), with second-order leaf values and an L2 penalty as in XGBoost
/// (Chen & Guestrin 2016) and histogram split finding on quantile bins (as LightGBM).
public struct BoostedTrees: Sendable, Equatable {
    /// Number of trees M.
    public var trees: Int
    /// Shrinkage ν applied to every tree.
    public var learningRate: Double
    /// Maximum depth of a tree (3 gives up to three-way interactions).
    public var maximumDepth: Int
    /// Minimum rows in a leaf.
    public var minimumLeafSize: Int
    /// Quantile bins per feature (2…256): candidate split points.
    public var bins: Int
    /// L2 penalty λ on leaf values: a leaf predicts ν·G/(H + λ).
    public var l2Regularisation: Double

    /// Settings with defaults of common practice (100 trees, ν = 0.1, depth 3, leaves of at
    /// least 20 rows, 32 bins, λ = 1 as XGBoost).
    public init(trees: Int = 100, learningRate: Double = 0.1, maximumDepth: Int = 3, minimumLeafSize: Int = 20,
                bins: Int = 32, l2Regularisation: Double = 1) {
        self.trees = trees
        self.learningRate = learningRate
        self.maximumDepth = maximumDepth
        self.minimumLeafSize = minimumLeafSize
        self.bins = bins
        self.l2Regularisation = l2Regularisation
    }

    /// Throws `invalidOption` for settings out of range.
    func validate() throws {
        let problems = [(trees >= 1, "trees = \(trees) must be at least 1"),
                        (learningRate > 0 && learningRate <= 1, "learning rate \(learningRate) must lie in (0, 1]"),
                        (maximumDepth >= 1, "maximum depth \(maximumDepth) must be at least 1"),
                        (minimumLeafSize >= 1, "minimum leaf size \(minimumLeafSize) must be at least 1"),
                        (bins >= 2 && bins <= 256, "bins = \(bins) must lie in 2…256"),
                        (l2Regularisation >= 0, "L2 penalty \(l2Regularisation) must be non-negative")]
        if let problem = problems.first(where: { !$0.0 }) {
            throw EstimationError.invalidOption(estimator: "boosted trees", detail: problem.1)
        }
    }
}
