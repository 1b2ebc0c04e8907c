/// A cumulative curve of a ranking of units by an uplift score: x is the number of
/// units targeted (the top x of the ranking), y what targeting them gained.
///
/// Units are ranked by descending score; among equal scores the unit with the larger
/// row index comes first (scikit-uplift's reversed stable sort,
/// `argsort(score, kind="mergesort")[::-1]`). A point is taken only at the last unit of
/// each run of equal scores, so tied units enter together, and (0, 0) comes first.
/// With Nₜ, N_c the treated and control units among the top x and Yₜ, Y_c the sums of
/// their outcomes:
///
///     Qini:    y = Yₜ − Y_c · Nₜ / N_c                 (0 for the ratio where N_c = 0)
///     uplift:  y = (Yₜ / Nₜ − Y_c / N_c) · (Nₜ + N_c)   (each ratio 0 where its count is 0)
///
/// (Radcliffe 2007; the uplift curve is Rzepakowski & Jaroszewicz's cumulative gain.)
/// The Qini curve counts incremental responders on the treated scale, the uplift curve
/// on the scale of everyone targeted; both end at the whole sample's value.
public struct UpliftCurve: Sendable, Equatable {
    /// Which of the two curves.
    public enum Kind: String, Sendable {
        /// Incremental outcome on the treated scale (Radcliffe's Qini curve).
        case qini
        /// Difference in mean outcome times the units targeted (the uplift or gain curve).
        case uplift
        /// The sum of the true unit-level effects of the units targeted (known only in
        /// simulation): what treating them instead of no one really gains.
        case trueGain
    }

    /// Which curve this is.
    public let kind: Kind
    /// Units targeted at each point: 0, then the end of each run of tied scores.
    public let x: [Double]
    /// The curve's value at each point.
    public let y: [Double]

    /// A curve from its points.
    public init(kind: Kind, x: [Double], y: [Double]) {
        precondition(x.count == y.count, "one y per x")
        self.kind = kind
        self.x = x
        self.y = y
    }

    /// The area under the curve by the trapezoid rule, Σ (xᵢ − xᵢ₋₁)(yᵢ + yᵢ₋₁)/2
    /// (scikit-learn's `auc`).
    public var area: Double { Self.trapezoid(x, y) }

    /// The area under the straight line from (0, 0) to the curve's last point: what a
    /// random ranking gains on average, (x_last · y_last)/2.
    public var randomArea: Double { Self.trapezoid([0, x.last ?? 0], [0, y.last ?? 0]) }

    /// The trapezoid rule over points (x, y).
    static func trapezoid(_ x: [Double], _ y: [Double]) -> Double {
        var sum = 0.0
        for i in x.indices.dropFirst() { sum += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2 }
        return sum
    }

    /// (A − A_random) / (A_best − A_random): the area between the curve and the random
    /// line as a share of the same area for `best` (scikit-uplift's normalised AUC).
    public func normalisedArea(against best: UpliftCurve) -> Double {
        let baseline = best.randomArea
        return (area - baseline) / (best.area - baseline)
    }
}

/// A ranking of units by score and the running counts along it, from which the
/// Qini and uplift curves and the uplift at the top k are read.
struct UpliftRanking {
    /// Row indices by descending score, ties by descending row index.
    let order: [Int]
    private let score: [Double]
    private let treatment: [Double]
    private let outcome: [Double]

    /// Ranks the rows of `score` (finite values); `treatment` holds 0/1.
    init(score: [Double], treatment: [Double], outcome: [Double]) {
        self.score = score
        self.treatment = treatment
        self.outcome = outcome
        order = Self.descendingOrder(score)
    }

    /// Row indices by descending value, equal values by descending index. O(n log n).
    static func descendingOrder(_ values: [Double]) -> [Int] {
        var order = Array(values.indices)
        values.withUnsafeBufferPointer { v in
            order.sort { a, b in v[a] > v[b] || (v[a] == v[b] && a > b) }
        }
        return order
    }

    /// The Qini and uplift curves of the ranking, in one pass over it. O(n).
    func curves() -> (qini: UpliftCurve, uplift: UpliftCurve) {
        var x = [0.0], qini = [0.0], uplift = [0.0]
        var treated = 0.0, treatedSum = 0.0, controlSum = 0.0
        for (position, i) in order.enumerated() {
            if treatment[i] == 1 {
                treated += 1
                treatedSum += outcome[i]
            } else {
                controlSum += outcome[i]
            }
            guard position == order.count - 1 || score[order[position + 1]] != score[i] else { continue }
            let all = Double(position + 1), control = all - treated
            x.append(all)
            qini.append(treatedSum - controlSum * (control != 0 ? treated / control : 0))
            uplift.append(((treated != 0 ? treatedSum / treated : 0) - (control != 0 ? controlSum / control : 0)) * all)
        }
        return (UpliftCurve(kind: .qini, x: x, y: qini), UpliftCurve(kind: .uplift, x: x, y: uplift))
    }

    /// The running sum of `values` along the ranking, taken where the Qini and uplift
    /// curves take their points: with unit-level true effects, the true gain curve. O(n).
    func cumulative(_ values: [Double], kind: UpliftCurve.Kind) -> UpliftCurve {
        var x = [0.0], y = [0.0]
        var sum = 0.0
        for (position, i) in order.enumerated() {
            sum += values[i]
            guard position == order.count - 1 || score[order[position + 1]] != score[i] else { continue }
            x.append(Double(position + 1))
            y.append(sum)
        }
        return UpliftCurve(kind: kind, x: x, y: y)
    }

    /// The difference in mean outcome between treated and control units among the top
    /// ⌊n·k⌋ of the ranking (scikit-uplift's `uplift_at_k`, strategy 'overall'); NaN
    /// when the top holds no treated or no control unit.
    func upliftAtTop(_ k: Double) -> Double {
        let top = Int(Double(order.count) * k)
        var treated = 0.0, control = 0.0, treatedSum = 0.0, controlSum = 0.0
        for i in order.prefix(top) {
            if treatment[i] == 1 {
                treated += 1
                treatedSum += outcome[i]
            } else {
                control += 1
                controlSum += outcome[i]
            }
        }
        guard treated > 0, control > 0 else { return .nan }
        return treatedSum / treated - controlSum / control
    }
}
