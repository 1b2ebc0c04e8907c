import Foundation

/// The `NAME=VALUE` lists of the command line (`--observe`, `--do`, `--shift`):
/// repeatable options, each a comma-separated list of assignments.
public enum AssignmentList {
    /// A malformed list, worded for one line of output; it names the option.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// What is wrong, naming the option.
        public let description: String
    }

    /// Parses repeated `A=a,B=b` options into (name, value) pairs; an empty option or
    /// part, a value that is not a finite number, or a name given twice, is a
    /// `Failure` naming `option`.
    public static func parse(_ texts: [String], option: String) throws -> [(name: String, value: Double)] {
        var pairs: [(name: String, value: Double)] = []
        var seen: Set<String> = []
        for text in texts {
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard !part.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw Failure(description: "\(option) has an empty assignment in '\(text)' (expected NAME=VALUE, comma-separated)")
                }
                let (name, value) = try parseOne(String(part), option: option)
                guard seen.insert(name).inserted else { throw Failure(description: "\(option) names '\(name)' twice") }
                pairs.append((name, value))
            }
        }
        return pairs
    }

    /// Parses one `NAME=VALUE` into its parts; `option` names the option in errors.
    public static func parseOne(_ text: String, option: String) throws -> (String, Double) {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty else {
            throw Failure(description: "\(option) expects NAME=VALUE, got '\(text)'")
        }
        guard let value = Double(parts[1]), value.isFinite else {
            throw Failure(description: "\(option) \(parts[0]): '\(parts[1])' is not a number")
        }
        return (parts[0], value)
    }
}
