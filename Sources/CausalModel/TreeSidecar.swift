import Foundation
import Reporting

/// The file of tree ensembles beside a model file: a model `M.scm` whose equations read
/// `trees(x, z)` keeps the ensembles in `M.trees.json`, one per variable,
///
///     {"format": "whatif-trees", "version": 1,
///      "ensembles": {"y": {"inputs": ["x", "z"], "base": 0.4, "roots": [0, 7, …],
///                          "feature": [0, 1, -1, …], "threshold": [0.25, …],
///                          "firstChild": [1, 3, -1, …], "value": [0, 0, 0.013, …]}, …}}
///
/// with the node arrays of `RegressionTrees` (numbers written so that they read back
/// exactly). A missing, unreadable or malformed sidecar is an error naming the file.
public enum TreeSidecar {
    /// The sidecar of the model file at `modelPath`: `.scm` replaced by `.trees.json`
    /// (appended when the name has no `.scm`).
    public static func path(forModelFile modelPath: String) -> String {
        (modelPath.hasSuffix(".scm") ? String(modelPath.dropLast(4)) : modelPath) + ".trees.json"
    }

    /// The sidecar's text for these ensembles (by variable, written in name order).
    public static func text(_ ensembles: [String: RegressionTrees]) -> String {
        let members = ensembles.keys.sorted().compactMap { name -> (String, JSONValue)? in
            guard let e = ensembles[name] else { return nil }
            return (name, .object([("inputs", .strings(e.inputs)), ("base", .number(e.base)),
                                   ("roots", .array(e.roots.map { .integer($0) })),
                                   ("feature", .array(e.feature.map { .integer($0) })), ("threshold", .numbers(e.threshold)),
                                   ("firstChild", .array(e.firstChild.map { .integer($0) })), ("value", .numbers(e.value))]))
        }
        return JSONValue.object([("format", .string(format)), ("version", .integer(1)), ("ensembles", .object(members))]).rendered() + "\n"
    }

    /// The ensembles in the sidecar at `path`. Throws `ModelError` naming the file when it
    /// cannot be read, is not a tree sidecar, or holds an ensemble that is not valid.
    public static func read(path: String) throws -> [String: RegressionTrees] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelError("cannot read the tree ensembles' file '\(path)' (written by whatif fit beside the model file): "
                + (FileManager.default.fileExists(atPath: path) ? "it is not readable" : "it does not exist"))
        }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw ModelError("'\(path)' is not a file of tree ensembles ({\"format\": \"\(format)\", \"ensembles\": …}): "
                + "\(describe(error))")
        }
        guard document.format == format, document.version == 1 else {
            throw ModelError("'\(path)' has format '\(document.format)' version \(document.version); expected '\(format)' version 1")
        }
        var ensembles: [String: RegressionTrees] = [:]
        for (name, e) in document.ensembles {
            do {
                ensembles[name] = try RegressionTrees(inputs: e.inputs, base: e.base, roots: e.roots, feature: e.feature,
                                                      threshold: e.threshold, firstChild: e.firstChild, value: e.value)
            } catch let error as ModelError {
                throw ModelError("'\(path)': the ensemble of '\(name)' is not valid: \(error.message)")
            }
        }
        return ensembles
    }

    private static let format = "whatif-trees"

    private struct Document: Decodable {
        let format: String
        let version: Int
        let ensembles: [String: Ensemble]
    }

    private struct Ensemble: Decodable {
        let inputs: [String]
        let base: Double
        let roots: [Int]
        let feature: [Int]
        let threshold: [Double]
        let firstChild: [Int]
        let value: [Double]
    }

    /// A decoding error in a line: what is wrong, and where (the path of keys).
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "it is not valid JSON" }
        func at(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "" : " at " + path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "key '\(key.stringValue)' is missing\(at(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong kind of value\(at(context.codingPath))"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "it is not valid JSON" : "bad value\(at(context.codingPath))"
        @unknown default: return "it is not valid JSON"
        }
    }
}
