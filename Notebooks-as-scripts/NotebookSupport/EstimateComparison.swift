import WhatIf

/// One method's answer in a comparison: its estimate, standard error and interval.
public struct EstimateLine: Sendable {
    /// The name in the key numbers (letters, digits, `-` and `.`; unique in the notebook).
    public var key: String
    /// The name people read.
    public var label: String
    /// The estimate.
    public var value: Double
    /// Its standard error.
    public var standardError: Double
    /// Its interval's ends.
    public var lower: Double, upper: Double

    /// The line of an estimator's result.
    public init(_ key: String, _ label: String, _ estimate: EffectEstimate) {
        self.init(key, label, value: estimate.value, standardError: estimate.standardError,
                  lower: estimate.interval.lower, upper: estimate.interval.upper)
    }

    /// A line with the Wald interval value ± z·SE at `level`.
    public init(_ key: String, _ label: String, value: Double, standardError: Double, level: Double = 0.95) {
        let interval = ConfidenceInterval(normalAround: value, standardError: standardError, level: level)
        self.init(key, label, value: value, standardError: standardError, lower: interval.lower, upper: interval.upper)
    }

    /// A line with every number given.
    public init(_ key: String, _ label: String, value: Double, standardError: Double, lower: Double, upper: Double) {
        self.key = key
        self.label = label
        self.value = value
        self.standardError = standardError
        self.lower = lower
        self.upper = upper
    }
}

/// The truth a comparison is against.
public struct TruthLine: Sendable {
    /// The name in the key numbers.
    public var key: String
    /// What the truth is, in words ("ATE", "effect at the cutoff").
    public var label: String
    /// The value.
    public var value: Double
    /// Its Monte Carlo standard error (0 when exact).
    public var standardError: Double

    /// A truth and its Monte Carlo standard error.
    public init(_ key: String, _ label: String, _ value: Double, standardError: Double = 0) {
        self.key = key
        self.label = label
        self.value = value
        self.standardError = standardError
    }

    /// A truth computed by Validation's `TrueEffects`.
    public init(_ key: String, _ label: String, _ truth: TruthValue) {
        self.init(key, label, truth.value, standardError: truth.standardError)
    }
}

extension Notebook {
    /// Prints `lines` against `truth` in one aligned table (estimate in `unit`, 95%
    /// interval, standard error, error against the truth, whether the interval covers
    /// it), with decimals fitted to the smallest standard error, and records the truth
    /// and every estimate as key numbers.
    public func compare(_ lines: [EstimateLine], against truth: TruthLine, unit: String) {
        let resolution = lines.map(\.standardError).filter { $0 > 0 }.min() ?? 0.01
        let decimals = min(6, max(0, NumberFormatting.decimals(forResolution: resolution)))
        func number(_ x: Double) -> String { NumberFormatting.fixed(x, decimals: decimals) }
        func signed(_ x: Double) -> String {
            let text = number(x)
            return text.hasPrefix("-") || Double(text) == 0 ? text : "+" + text
        }
        var rows = [["method", "estimate (\(unit))", "95% interval", "SE", "error", "covers truth"],
                    ["truth: \(truth.label)", number(truth.value), "", truth.standardError > 0 ? number(truth.standardError) : "",
                     "", ""]]
        for line in lines {
            let covers = line.lower <= truth.value && truth.value <= line.upper
            rows.append([line.label, number(line.value), "[\(number(line.lower)), \(number(line.upper))]",
                         number(line.standardError), signed(line.value - truth.value), covers ? "yes" : "no"])
        }
        var table = TextTable(rows: rows, leftAligned: 1, indent: "  ", rulesHeader: true)
        table.leftAlignedColumns = [5]
        emit(table.lines().joined(separator: "\n"))
        self.truth(truth.key, truth.value, standardError: truth.standardError)
        for line in lines {
            estimate(line.key, line.value, lower: line.lower, upper: line.upper, standardError: line.standardError)
        }
    }
}
