import Foundation
import Testing
import Tabular

/// Loads the reference data in `Reference/` (see its README for provenance).
enum Reference {
    /// The folder beside this file.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Reference")

    /// A reference CSV as a table.
    static func table(_ name: String) throws -> Table {
        try CSVReader.read(path: folder.appendingPathComponent(name).path)
    }

    /// The section `name` of `results.json` (or of another results file).
    static func results(_ name: String, file: String = "results.json") throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(file))
        let all = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return try #require(all?[name] as? [String: Any], "results.json has no section \(name)")
    }
}

extension Dictionary where Key == String, Value == Any {
    /// A number of a results section.
    func number(_ key: String) throws -> Double {
        try #require((self[key] as? NSNumber)?.doubleValue, "no number '\(key)' in the reference results")
    }

    /// A list of numbers of a results section.
    func numbers(_ key: String) throws -> [Double] {
        try #require((self[key] as? [NSNumber])?.map(\.doubleValue), "no list '\(key)' in the reference results")
    }
}

/// Checks |actual − expected| ≤ tolerance·|expected| (relative), reporting the measured
/// relative error. Relative tolerance only: the reference numbers are far from zero.
func expectRelative(_ actual: Double, _ expected: Double, tolerance: Double = 1e-8, _ what: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let error = abs(actual - expected) / abs(expected)
    #expect(error <= tolerance, "\(what): \(actual) vs reference \(expected), relative error \(error) > \(tolerance)",
            sourceLocation: sourceLocation)
}
