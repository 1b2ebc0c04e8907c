import Reporting
import Tabular

/// Logged data of a contextual bandit, ready for off-policy evaluation: for each round
/// i = 1…n the action aᵢ ∈ {0, …, K − 1} the logging policy took, the reward rᵢ, the
/// logging propensity pᵢ = π_b(aᵢ | xᵢ), the target policy's probabilities π(a | xᵢ)
/// of every action and, optionally, a reward model's predictions q̂(xᵢ, a) of every
/// action. The contexts xᵢ themselves are not needed.
///
///     let data = try LoggedBandit(table: table, action: "action", reward: "reward", propensity: "pscore",
///                                 targetPrefix: "eval_prob_a", rewardModelPrefix: "q_hat_a")
public struct LoggedBandit: Sendable {
    /// The logged actions aᵢ, 0 … K − 1.
    public let actions: [Int]
    /// The rewards rᵢ.
    public let rewards: [Double]
    /// The logging propensities pᵢ = π_b(aᵢ | xᵢ), in (0, 1].
    public let propensities: [Double]
    /// The number of actions K.
    public let actionCount: Int
    /// π(a | xᵢ) at index i·K + a: the target policy's probabilities, each row summing to 1.
    public let targetProbabilities: [Double]
    /// q̂(xᵢ, a) at index i·K + a, when a reward model is given.
    public let rewardModel: [Double]?

    /// The number of rounds n.
    public var rounds: Int { actions.count }

    /// How far a row of target probabilities may sum from 1: |Σₐ π(a | x) − 1| ≤ 1e-5 + 1e-8,
    /// NumPy's `allclose` default, which Open Bandit Pipeline applies to `action_dist`.
    public static let probabilitySumTolerance = 1e-5 + 1e-8

    /// The logged data from columns of `table`: `action`, `reward`, `propensity`, the
    /// target probabilities `targetPrefix`0, `targetPrefix`1, … (one per action, in order;
    /// their number is K) and, when given, the reward model's predictions
    /// `rewardModelPrefix`0 … `rewardModelPrefix`(K − 1). Throws `TableError` for a missing
    /// or non-numeric column and `EstimationError` naming the column and 1-based row of
    /// a missing value, a propensity outside (0, 1], an action outside 0 … K − 1, a
    /// target probability outside [0, 1] or a row of them that does not sum to 1.
    public init(table: Table, action: String, reward: String, propensity: String, targetPrefix: String,
                rewardModelPrefix: String? = nil) throws {
        let targetColumns = Self.group(targetPrefix, in: table)
        guard !targetColumns.isEmpty else {
            throw EstimationError.invalidDesign(estimator: "off-policy evaluation", detail: "no column '\(targetPrefix)0': the target "
                + "probabilities are the columns \(targetPrefix)0, \(targetPrefix)1, … (one per action, numbered from 0)")
        }
        let k = targetColumns.count
        var modelColumns: [String]?
        if let prefix = rewardModelPrefix {
            let found = Self.group(prefix, in: table)
            guard found.count >= k else {
                throw EstimationError.invalidDesign(estimator: "off-policy evaluation", detail: "no column '\(prefix)\(found.count)': "
                    + "the reward model needs one column per action, \(prefix)0 … \(prefix)\(k - 1), as the target has")
            }
            modelColumns = Array(found.prefix(k))
        }
        let logged = try table.finiteNumbers(action)
        var actions = [Int](repeating: 0, count: logged.count)
        for (i, a) in logged.enumerated() {
            guard a >= 0, a < Double(k), a == a.rounded() else {
                throw EstimationError.invalidCell(column: action, row: i + 1, detail: "action \(a.compactDescription) is not one of "
                    + "the actions 0…\(k - 1) (the columns \(targetColumns[0])…\(targetColumns[k - 1]))")
            }
            actions[i] = Int(a)
        }
        try self.init(actions: actions, rewards: table.finiteNumbers(reward), propensities: table.finiteNumbers(propensity),
                      actionCount: k, targetProbabilities: Self.interleaved(targetColumns.map(table.finiteNumbers)),
                      rewardModel: try modelColumns.map { Self.interleaved(try $0.map(table.finiteNumbers)) },
                      names: Names(propensity: propensity, target: targetColumns))
    }

    /// Column names for messages.
    public struct Names: Sendable {
        /// The propensity column.
        public var propensity: String
        /// The target probability columns, one per action.
        public var target: [String]

        /// Names for messages.
        public init(propensity: String, target: [String]) {
            self.propensity = propensity
            self.target = target
        }
    }

    /// Logged data from arrays: `targetProbabilities` and `rewardModel` hold n·K numbers,
    /// row i's at i·K + a. Checks as the table form does; `names` name the columns in errors.
    public init(actions: [Int], rewards: [Double], propensities: [Double], actionCount k: Int, targetProbabilities: [Double],
                rewardModel: [Double]? = nil, names: Names? = nil) throws {
        let n = actions.count
        let names = names ?? Names(propensity: "propensity", target: (0..<k).map { "target\($0)" })
        guard k >= 1, rewards.count == n, propensities.count == n, targetProbabilities.count == n * k,
              rewardModel?.count ?? n * k == n * k else {
            throw EstimationError.invalidDesign(estimator: "off-policy evaluation", detail: "columns of different lengths")
        }
        guard n >= 2 else { throw EstimationError.tooFewObservations(estimator: "off-policy evaluation", detail: "\(n) rounds; need at least 2") }
        for i in 0..<n {
            guard actions[i] >= 0, actions[i] < k else {
                throw EstimationError.invalidCell(column: "action", row: i + 1, detail: "action \(actions[i]) is not one of 0…\(k - 1)")
            }
            let p = propensities[i]
            guard p > 0, p <= 1 else {
                throw EstimationError.invalidCell(column: names.propensity, row: i + 1, detail: "propensity \(p.compactDescription) "
                    + "is not in (0, 1]: it is the logging policy's probability of the logged action")
            }
            var sum = 0.0
            for a in 0..<k {
                let q = targetProbabilities[i * k + a]
                guard q >= 0, q <= 1 else {
                    throw EstimationError.invalidCell(column: names.target[a], row: i + 1,
                                                      detail: "target probability \(q.compactDescription) is not in [0, 1]")
                }
                sum += q
            }
            guard abs(sum - 1) <= Self.probabilitySumTolerance else {
                throw EstimationError.invalidCell(column: "\(names.target[0])…\(names.target[k - 1])", row: i + 1,
                                                  detail: "the target probabilities sum to \(NumberFormatting.significant(sum, digits: 8)), not 1")
            }
        }
        self.actions = actions
        self.rewards = rewards
        self.propensities = propensities
        actionCount = k
        self.targetProbabilities = targetProbabilities
        self.rewardModel = rewardModel
    }

    /// The columns `prefix`0, `prefix`1, … of `table`, up to the first number missing.
    static func group(_ prefix: String, in table: Table) -> [String] {
        var names: [String] = []
        while table.index(of: prefix + String(names.count)) != nil { names.append(prefix + String(names.count)) }
        return names
    }

    /// Columns of equal length interleaved row by row: element i·K + a is columns[a][i].
    static func interleaved(_ columns: [[Double]]) -> [Double] {
        let k = columns.count, n = columns.first?.count ?? 0
        var out = [Double](repeating: 0, count: n * k)
        for a in 0..<k { for i in 0..<n { out[i * k + a] = columns[a][i] } }
        return out
    }
}
