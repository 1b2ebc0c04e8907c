import Reporting

extension SensitivityReport {
    /// The report for people: the estimate, the robustness values in words, the bounds
    /// for confounders as strong as the benchmarks, the E-values and a verdict.
    public func text() -> String {
        let s = { (x: Double) in NumberFormatting.significant(x, digits: 4) }
        let pct = { (x: Double) in NumberFormatting.significant(100 * x, digits: 3) + "%" }
        let level = NumberFormatting.level(alpha)
        let u = unadjusted
        var lines: [String] = []
        lines.append("Sensitivity of the effect of \(treatment) on \(outcome) to an unobserved confounder "
            + "(OLS, \(NumberFormatting.count(rows, "row")), covariates: \(covariates.isEmpty ? "none" : covariates.joined(separator: ", ")))")
        lines.append("")
        lines += TextTable(rows: [
            ["estimate", s(ovb.estimate)],
            ["standard error", s(ovb.standardError)],
            ["t (\(Int(ovb.degreesOfFreedom)) degrees of freedom)", s(ovb.tValue)],
            ["\(level) interval", "[\(s(u.lower)), \(s(u.upper))]"],
            ["partial R² of \(treatment) with \(outcome)", pct(ovb.partialR2)],
            ["robustness value RV (q = \(NumberFormatting.general(q)))", pct(robustnessValue)],
            ["robustness value RV (q = \(NumberFormatting.general(q)), α = \(NumberFormatting.general(alpha)))", pct(robustnessValueAlpha)],
        ], leftAligned: 1).lines().map { "  " + $0 }
        lines.append("")
        let share = q == 1 ? "bring the estimate to 0" : "reduce the estimate by \(pct(q))"
        lines.append("A confounder explaining \(pct(robustnessValue)) of the residual variance of both \(treatment) and "
            + "\(outcome) would \(share); one explaining \(pct(robustnessValueAlpha)) of both would make it no longer "
            + "significant at \(NumberFormatting.general(alpha)). Weaker confounders cannot.")
        if !bounds.isEmpty {
            lines.append("")
            lines.append("A confounder k times as strong as an observed covariate (kd with \(treatment), ky with \(outcome)):")
            var rows = [["benchmark", "kd", "ky", "R² with \(treatment)", "R² with \(outcome)", "adjusted estimate", "SE", "\(level) interval"]]
            for b in bounds {
                let a = b.adjusted
                rows.append([b.benchmark, NumberFormatting.general(b.kd), NumberFormatting.general(b.ky), pct(a.treatmentR2),
                             pct(a.outcomeR2), s(a.estimate), s(a.standardError), "[\(s(a.lower)), \(s(a.upper))]"])
            }
            lines += TextTable(rows: rows, leftAligned: 1, rulesHeader: true).lines().map { "  " + $0 }
            for benchmark in benchmarks {
                lines.append("  (\(benchmark.name) itself: partial R² \(pct(benchmark.treatmentR2)) with \(treatment), "
                    + "\(pct(benchmark.outcomeR2)) with \(outcome))")
            }
        } else {
            lines.append("(no benchmark covariate: --benchmark COL bounds a confounder as strong as an observed one)")
        }
        lines.append("")
        var evalueLine = "E-value: \(s(evalue.point))"
        if let interval = evalue.interval { evalueLine += " (for the \(level) interval: \(s(interval)))" }
        lines.append(evalueLine + ", through the standardised difference β/sd(\(outcome)) = \(s(ovb.estimate / outcomeStandardDeviation))"
            + " and RR ≈ exp(0.91·d) = \(s(evalue.riskRatio)): a confounder associated with both \(treatment) and \(outcome) "
            + "by a risk ratio of \(s(evalue.point)) each could explain the estimate away.")
        lines.append("Verdict: " + verdict)
        return lines.map { $0 + "\n" }.joined()
    }

    /// One sentence: how strong a confounder must be, against the strongest benchmark bound given.
    public var verdict: String {
        let pct = { (x: Double) in NumberFormatting.significant(100 * x, digits: 3) + "%" }
        guard let strongest = bounds.last(where: { $0.benchmark == benchmarks.first?.name }) else {
            return "only a confounder explaining at least \(pct(robustnessValue)) of the residual variance of both "
                + "\(treatment) and \(outcome) could explain the estimate away; judge whether one that strong may exist."
        }
        let a = strongest.adjusted
        let k = NumberFormatting.general(strongest.kd)
        let crossesZero = a.lower <= 0 && a.upper >= 0
        let flips = (a.estimate < 0) != (ovb.estimate < 0)
        if flips || a.estimate == 0 {
            return "fragile: a confounder \(k) times as strong as \(strongest.benchmark) would explain the estimate away."
        }
        if crossesZero {
            return "the sign survives a confounder \(k) times as strong as \(strongest.benchmark), but its interval then holds 0."
        }
        return "robust: even a confounder \(k) times as strong as \(strongest.benchmark) leaves the estimate of the same sign "
            + "with an interval excluding 0."
    }
}
