import Foundation
import Tabular
import Testing

/// Loads the reference answers in `Reference/` (see its README for provenance).
enum Reference {
    /// The folder beside this file.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Reference")

    /// A reference CSV as a table.
    static func table(_ name: String) throws -> Table {
        try CSVReader.read(path: folder.appendingPathComponent(name).path)
    }

    /// A whole results file as a dictionary.
    static func results(_ file: String) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(file))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(file) is not a JSON object")
    }
}

extension Dictionary where Key == String, Value == Any {
    /// The section `key`.
    func section(_ key: String) throws -> [String: Any] {
        try #require(self[key] as? [String: Any], "no section '\(key)' in the reference results")
    }

    /// A list of sections.
    func sections(_ key: String) throws -> [[String: Any]] {
        try #require(self[key] as? [[String: Any]], "no list '\(key)' in the reference results")
    }

    /// A number.
    func number(_ key: String) throws -> Double {
        try #require((self[key] as? NSNumber)?.doubleValue, "no number '\(key)' in the reference results")
    }
}

/// Checks |actual − expected| ≤ tolerance·|expected| (relative; absolute `tolerance` when
/// the expected value is 0), printing the measured relative error.
func expectRelative(_ actual: Double, _ expected: Double, tolerance: Double, _ what: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let error = expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
    #expect(error <= tolerance, "\(what): \(actual) vs reference \(expected), relative error \(error) > \(tolerance)",
            sourceLocation: sourceLocation)
}
