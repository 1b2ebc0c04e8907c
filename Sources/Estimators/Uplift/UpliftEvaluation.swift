import Tabular

/// How well one score ranks units by their uplift, measured on randomised data.
///
/// With the Qini curve Q and uplift curve U of the score's ranking (`UpliftCurve`),
/// their areas A(·) by the trapezoid rule, and the straight line from (0, 0) to a
/// curve's end as the random ranking's curve R(·):
///
///     qiniAuc         = (A(Q) − A(R)) / (A(Q*) − A(R))    Q* the best Qini curve, negative effects allowed
///     upliftAuc       = (A(U) − A(R)) / (A(U*) − A(R))    U* the best uplift curve
///     qiniCoefficient = (A(Q) − A(R)) / (A(Q°) − A(R))    Q° the zero-downside optimum (Radcliffe's q)
///     upliftAtK[k]    = ȳₜ − ȳ_c among the top ⌊n·k⌋ units
///
/// exactly as scikit-uplift 0.5.1 computes `qini_auc_score` (with `negative_effect`
/// true, and false for the coefficient), `uplift_auc_score` and `uplift_at_k`
/// (strategy 'overall'). A random score has values near 0; the best ranking 1.
public struct UpliftMetrics: Sendable {
    /// The Qini curve of the ranking.
    public let qini: UpliftCurve
    /// The uplift curve of the ranking.
    public let uplift: UpliftCurve
    /// The Qini curve's area above the random line, as a share of the best Qini curve's.
    public let qiniAuc: Double
    /// The uplift curve's area above the random line, as a share of the best uplift curve's.
    public let upliftAuc: Double
    /// Radcliffe's q: the Qini area above the random line as a share of the
    /// zero-downside optimum's (every responder gained, no harm done); can exceed 1.
    public let qiniCoefficient: Double
    /// (k, uplift among the top k of the units), in the order of the k given.
    public let upliftAtK: [(k: Double, value: Double)]
}

/// The evaluation of an uplift score on randomised data: the score's metrics, the
/// best curves they are normalised by, and, when the true unit-level effects are known
/// (in simulation), the same metrics for the oracle ranking by the true effect and the
/// true gain curves.
///
/// The best curves rank by what the data reveal (scikit-uplift's perfect curves):
/// Q* ranks by yₜ − y(1 − t) (treated responders first, control responders last);
/// Q° is the three points (0, 0), (R, R), (n, R) with R = Yₜ − nₜ·Y_c/n_c; U* ranks by
/// 2·1{y = t} + (y when the control responders outnumber the treated non-responders, t otherwise).
///
///     let evaluation = try UpliftEvaluation(table: table, treatment: "treatment", outcome: "y", score: "score")
///     print(evaluation.model.qiniAuc)
///
/// Complexity O(n log n) for each ranking (a sort), O(n) for each curve.
public struct UpliftEvaluation: Sendable {
    /// The units.
    public let units: Int
    /// The treated units.
    public let treated: Int
    /// The control units.
    public let control: Int
    /// The score's metrics.
    public let model: UpliftMetrics
    /// The best Qini curve Q* (negative effects allowed).
    public let perfectQini: UpliftCurve
    /// The zero-downside optimum Q° of the Qini curve.
    public let zeroDownsideQini: UpliftCurve
    /// The best uplift curve U*.
    public let perfectUplift: UpliftCurve
    /// The metrics of the ranking by the true effect, when known.
    public let oracle: UpliftMetrics?
    /// The true gain curves, when the true effects are known.
    public let trueGain: TrueGain?

    /// The true gain G(x) = Σ τᵢ over the top x units of a ranking (τ the true unit-level
    /// effects): what treating them instead of no one really gains. The oracle ranks by τ
    /// itself, so its curve lies on or above every other ranking's at every x.
    public struct TrueGain: Sendable {
        /// The score's true gain curve.
        public let model: UpliftCurve
        /// The oracle's true gain curve.
        public let oracle: UpliftCurve
        /// (A(G) − A(R)) / (A(G_oracle) − A(R)), R the random line: 0 for a random
        /// ranking on average, 1 for the oracle.
        public var normalisedArea: Double { model.normalisedArea(against: oracle) }
    }

    /// The shares k of `upliftAtK` when none are given.
    public static let defaultK = [0.1, 0.3]

    /// Evaluates `score` from the named columns of `table`; `trueEffect` names a column
    /// of true unit-level effects (simulated data). Throws a `TableError` for a column that
    /// is missing or not numeric, and an `EstimationError` naming the column and 1-based
    /// row of a missing value or of a treatment other than 0/1, and for a treatment
    /// without both arms or a score that is the same for every unit.
    public init(table: Table, treatment: String, outcome: String, score: String, trueEffect: String? = nil,
                k: [Double] = defaultK) throws {
        try self.init(treatment: table.finiteNumbers(treatment), outcome: table.finiteNumbers(outcome),
                      score: table.finiteNumbers(score), trueEffect: trueEffect.map(table.finiteNumbers),
                      k: k, names: (treatment, score))
    }

    /// Evaluates `score` from arrays of equal length: `treatment` of 0/1, finite outcomes,
    /// scores and true effects. `names` (treatment, score) name the columns in errors.
    public init(treatment: [Double], outcome: [Double], score: [Double], trueEffect: [Double]? = nil,
                k: [Double] = defaultK, names: (treatment: String, score: String) = ("treatment", "score")) throws {
        let n = treatment.count
        guard outcome.count == n, score.count == n, trueEffect?.count ?? n == n else {
            throw EstimationError.invalidDesign(estimator: "uplift evaluation", detail: "columns of different lengths")
        }
        if let bad = k.first(where: { !($0 > 0 && $0 < 1) }) {
            throw EstimationError.invalidOption(estimator: "uplift at k", detail: "k = \(bad) must lie strictly between 0 and 1")
        }
        for (column, values) in [("outcome", outcome), (names.score, score), ("true effect", trueEffect ?? [])] {
            if let bad = values.firstIndex(where: { !$0.isFinite }) { throw EstimationError.missingValue(column: column, row: bad + 1) }
        }
        try requireBinaryTreatment(treatment, column: names.treatment)
        if let first = score.first, score.allSatisfy({ $0 == first }) {
            throw EstimationError.noVariation(column: names.score, detail: "every unit has the same score (\(first)), so it ranks no one")
        }
        units = n
        treated = Int(treatment.reduce(0, +))
        control = n - treated

        func ranked(by s: [Double]) -> UpliftRanking { UpliftRanking(score: s, treatment: treatment, outcome: outcome) }
        perfectQini = ranked(by: zip(outcome, treatment).map { y, t in y * t - y * (1 - t) }).curves().qini
        var controlResponders = 0, treatedNonResponders = 0, treatedSum = 0.0, controlSum = 0.0
        for i in 0..<n {
            if treatment[i] == 1 { treatedSum += outcome[i] } else { controlSum += outcome[i] }
            if outcome[i] == 1 && treatment[i] == 0 { controlResponders += 1 }
            if outcome[i] == 0 && treatment[i] == 1 { treatedNonResponders += 1 }
        }
        let byOutcome = controlResponders > treatedNonResponders
        perfectUplift = ranked(by: zip(outcome, treatment).map { y, t in 2 * (y == t ? 1 : 0) + (byOutcome ? y : t) }).curves().uplift
        let r = treatedSum - Double(treated) * controlSum / Double(control)
        zeroDownsideQini = UpliftCurve(kind: .qini, x: [0, r, Double(n)], y: [0, r, r])

        let ranking = ranked(by: score)
        model = Self.metrics(ranking, k: k, perfectQini: perfectQini, zeroDownside: zeroDownsideQini, perfectUplift: perfectUplift)
        if let trueEffect {
            let oracleRanking = ranked(by: trueEffect)
            oracle = Self.metrics(oracleRanking, k: k, perfectQini: perfectQini, zeroDownside: zeroDownsideQini,
                                  perfectUplift: perfectUplift)
            trueGain = TrueGain(model: ranking.cumulative(trueEffect, kind: .trueGain),
                                oracle: oracleRanking.cumulative(trueEffect, kind: .trueGain))
        } else {
            oracle = nil
            trueGain = nil
        }
    }

    private static func metrics(_ ranking: UpliftRanking, k: [Double], perfectQini: UpliftCurve, zeroDownside: UpliftCurve,
                                perfectUplift: UpliftCurve) -> UpliftMetrics {
        let (qini, uplift) = ranking.curves()
        return UpliftMetrics(qini: qini, uplift: uplift, qiniAuc: qini.normalisedArea(against: perfectQini),
                             upliftAuc: uplift.normalisedArea(against: perfectUplift),
                             qiniCoefficient: qini.normalisedArea(against: zeroDownside),
                             upliftAtK: k.map { ($0, ranking.upliftAtTop($0)) })
    }
}
