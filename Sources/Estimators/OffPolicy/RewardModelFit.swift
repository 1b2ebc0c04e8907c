/// Reward models q̂(x, a) for the direct method and the doubly robust family, fitted on
/// the logged rounds themselves. Each returns the predictions for every round and every
/// action, round i's at i·K + a (the layout of `LoggedBandit.rewardModel`).
public enum RewardModelFit {
    /// Per action a, least squares of the reward on an intercept and the `context`
    /// columns over the rounds that logged a: q̂(x, a) = β̂ₐᵀ(1, x). Correct when the
    /// expected reward is linear in the context for every action; a linear probability
    /// model for a 0/1 reward otherwise. Throws when an action was logged too rarely for
    /// its regression or its context columns are collinear there. O(n p² + nK p).
    public static func linear(actions: [Int], rewards: [Double], context: [(name: String, values: [Double])],
                              actionCount k: Int) throws -> [Double] {
        let n = actions.count
        var predictions = [Double](repeating: 0, count: n * k)
        for a in 0..<k {
            let rows = actions.indices.filter { actions[$0] == a }
            var design = Design(rows: rows.count)
            design.addIntercept()
            for column in context { design.add(column.name, rows.map { column.values[$0] }) }
            let fit = try LinearRegression(design, response: rows.map { rewards[$0] }, model: "reward model of action \(a)")
            for i in 0..<n {
                var value = fit.coefficients[0]
                for (j, column) in context.enumerated() { value += fit.coefficients[j + 1] * column.values[i] }
                predictions[i * k + a] = value
            }
        }
        return predictions
    }

    /// Per action a, the mean reward of the rounds that logged a, whatever the context:
    /// q̂(x, a) = r̄ₐ. Biased whenever the logging policy's choice depends on context that
    /// also moves the reward (confounding): the naive comparison of actions. Throws when
    /// an action was never logged. O(n + nK).
    public static func actionMeans(actions: [Int], rewards: [Double], actionCount k: Int) throws -> [Double] {
        var sums = [Double](repeating: 0, count: k), counts = [Double](repeating: 0, count: k)
        for (a, r) in zip(actions, rewards) {
            sums[a] += r
            counts[a] += 1
        }
        if let never = counts.firstIndex(of: 0) {
            throw EstimationError.tooFewObservations(estimator: "reward model", detail: "action \(never) was never logged")
        }
        let means = zip(sums, counts).map { $0 / $1 }
        return (0..<(actions.count * k)).map { means[$0 % k] }
    }
}
