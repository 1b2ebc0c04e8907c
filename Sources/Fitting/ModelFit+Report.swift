import Reporting

extension ModelFit {
    /// The `--json` document of `whatif fit`:
    /// `{"parameters": {"b": {"mean", "sd", "lower", "upper"[, "rHat", "effectiveSampleSize"]}, …},
    ///   "variables": {"y": {"family", "method", "rows", "logLikelihood", "rSquared" (Gaussian) or "accuracy" (0/1),
    ///                       "calibration": {"test", "statistic", "degreesOfFreedom", "pValue"} (logistic, Poisson),
    ///                       "residualNormality": {"jarqueBera", "pValue", "skewness", "kurtosis"} (Gaussian)}, …},
    ///   "level": 0.95, "warnings": […]}`.
    public var json: JSONValue {
        let parameterMembers = parameters.map { name, s -> (String, JSONValue) in
            var members: [(String, JSONValue)] = [("mean", .number(s.mean)), ("sd", .number(s.sd)),
                                                  ("lower", .number(s.lower)), ("upper", .number(s.upper))]
            if let r = s.rHat { members.append(("rHat", .number(r))) }
            if let e = s.effectiveSampleSize { members.append(("effectiveSampleSize", .number(e))) }
            return (name, .object(members))
        }
        let variableMembers = variables.map { v -> (String, JSONValue) in
            var members: [(String, JSONValue)] = [("family", .string(v.family)), ("method", .string(v.method)), ("rows", .integer(v.rows)),
                                                  ("logLikelihood", .number(v.logLikelihood))]
            if let r2 = v.rSquared { members.append(("rSquared", .number(r2))) }
            if let accuracy = v.accuracy { members.append(("accuracy", .number(accuracy))) }
            if let check = v.calibration {
                members.append(("calibration", .object([("test", .string(check.test)), ("statistic", .number(check.statistic)),
                                                        ("degreesOfFreedom", .number(check.degreesOfFreedom)), ("pValue", .number(check.pValue))])))
            }
            if let check = v.residualCheck {
                members.append(("residualNormality", .object([("jarqueBera", .number(check.statistic)), ("pValue", .number(check.pValue)),
                                                              ("skewness", .number(check.skewness)), ("kurtosis", .number(check.kurtosis))])))
            }
            return (v.variable, .object(members))
        }
        return .object([("parameters", .object(parameterMembers)), ("variables", .object(variableMembers)),
                        ("level", .number(ParameterSummary.level)), ("warnings", .strings(warnings))])
    }

    /// The fit for people: a table of parameters (posterior mean, sd, 95% interval, and R̂
    /// when sampled) and a table of mechanisms (rows, log-likelihood, R², accuracy, residual
    /// normality, and the calibration p where a mechanism has that check).
    public func text() -> String {
        let sampled = parameters.contains { $0.summary.rHat != nil }
        var rows = [["parameter", "mean", "sd", "2.5%", "97.5%"] + (sampled ? ["R-hat", "ESS"] : [])]
        for (name, s) in parameters {
            rows.append([name] + [s.mean, s.sd, s.lower, s.upper].map { NumberFormatting.significant($0, digits: 5) }
                + (sampled ? [NumberFormatting.significant(s.rHat, digits: 4), NumberFormatting.significant(s.effectiveSampleSize, digits: 3)] : []))
        }
        let calibrated = variables.contains { $0.calibration != nil }
        var mechanisms = [["variable", "family", "rows", "log-likelihood", "R²", "accuracy", "normality p"] + (calibrated ? ["calibration p"] : [])]
        for v in variables {
            mechanisms.append([v.variable, v.family, String(v.rows), NumberFormatting.significant(v.logLikelihood, digits: 6),
                               NumberFormatting.significant(v.rSquared, digits: 4), NumberFormatting.significant(v.accuracy, digits: 4),
                               NumberFormatting.significant(v.residualCheck?.pValue, digits: 2)]
                + (calibrated ? [NumberFormatting.significant(v.calibration?.pValue, digits: 2)] : []))
        }
        return "Posterior of the parameters (95% intervals):\n"
            + TextTable(rows: rows, leftAligned: 1, rulesHeader: true).text()
            + "\nMechanisms fitted:\n"
            + TextTable(rows: mechanisms, leftAligned: 2, rulesHeader: true).text()
    }
}
