import Reporting

extension UpliftEvaluation {
    /// The evaluation as JSON, keys in this order (a superset of the command-line contract):
    ///
    ///     {"qiniAuc": …, "upliftAuc": …, "qiniCoefficient": …, "upliftAtK": {"0.1": …, "0.3": …},
    ///      "units": n, "treated": nₜ, "control": n_c,
    ///      "curves": {"qini": {"x": […], "y": […]}, "uplift": {…}, "perfectQini": {…},
    ///                 "zeroDownsideQini": {…}, "perfectUplift": {…}},
    ///      "oracle": {the first five keys and "curves": {"qini", "uplift"}}        (with true effects)
    ///      "trueGain": {"normalisedArea": …, "model": {"x", "y"}, "oracle": {"x", "y"}}}   (with true effects)
    ///
    /// A number that cannot be computed (an uplift at k whose top holds one arm only) is null.
    public func jsonText() -> String {
        var members = Self.json(model)
        members += [
            ("units", .integer(units)), ("treated", .integer(treated)), ("control", .integer(control)),
            ("curves", .object([
                ("qini", Self.json(model.qini)), ("uplift", Self.json(model.uplift)), ("perfectQini", Self.json(perfectQini)),
                ("zeroDownsideQini", Self.json(zeroDownsideQini)), ("perfectUplift", Self.json(perfectUplift)),
            ])),
        ]
        if let oracle {
            members.append(("oracle", .object(Self.json(oracle) + [
                ("curves", .object([("qini", Self.json(oracle.qini)), ("uplift", Self.json(oracle.uplift))])),
            ])))
        }
        if let trueGain {
            members.append(("trueGain", .object([
                ("normalisedArea", .number(trueGain.normalisedArea)),
                ("model", Self.json(trueGain.model)), ("oracle", Self.json(trueGain.oracle)),
            ])))
        }
        return JSONValue.object(members).rendered(.compactArrays) + "\n"
    }

    private static func json(_ m: UpliftMetrics) -> [(String, JSONValue)] {
        [("qiniAuc", .number(m.qiniAuc)), ("upliftAuc", .number(m.upliftAuc)), ("qiniCoefficient", .number(m.qiniCoefficient)),
         ("upliftAtK", .object(m.upliftAtK.map { ($0.k.compactDescription, JSONValue.number($0.value)) }))]
    }

    private static func json(_ curve: UpliftCurve) -> JSONValue {
        .object([("x", .numbers(curve.x)), ("y", .numbers(curve.y))])
    }

    /// The evaluation for people: the sample, one aligned row per metric (a column for
    /// the score and, with true effects, for the oracle), and what the numbers mean.
    /// `score` names the score.
    public func text(score: String = "score") -> String {
        var lines = ["Uplift evaluation of '\(score)' on \(NumberFormatting.count(units, "unit")) "
            + "(\(treated) treated, \(control) control)", ""]
        let columns = [model] + (oracle.map { [$0] } ?? [])
        var rows: [[String]] = [["metric", score] + (oracle != nil ? ["oracle (true effect)"] : [])]
        func row(_ label: String, _ value: (UpliftMetrics) -> Double) {
            rows.append([label] + columns.map { NumberFormatting.significant(value($0), digits: 4) })
        }
        row("Qini AUC (normalised)") { $0.qiniAuc }
        row("uplift AUC (normalised)") { $0.upliftAuc }
        row("Qini coefficient q") { $0.qiniCoefficient }
        for (j, entry) in model.upliftAtK.enumerated() {
            row("uplift at top \(NumberFormatting.significant(100 * entry.k))%") { $0.upliftAtK[j].value }
        }
        lines += TextTable(rows: rows, leftAligned: 1, indent: "  ").lines()
        if let trueGain {
            lines.append("")
            lines.append("  true gain captured: \(NumberFormatting.significant(trueGain.normalisedArea, digits: 4)) "
                + "(area of the score's true gain curve above random, as a share of the oracle's)")
        }
        lines += [
            "",
            "  AUCs: area between the curve and the random line, as a share of the best curve's (0 random, 1 best);",
            "  q: the same against the zero-downside optimum; uplift at top k: treated minus control mean outcome",
            "  among the top k of the units by score (ties: the later row first, as scikit-uplift).",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
