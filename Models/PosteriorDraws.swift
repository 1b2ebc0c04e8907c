import CausalModel
import Foundation
import Probability

/// A folder of posterior draws: the model files `whatif fit --draws K` writes (one
/// model per draw of the parameters), read in file-name order, so that any query can be
/// answered once per draw and summarised over them (`PosteriorSummary`).
public struct PosteriorDraws: Sendable {
    /// The folder.
    public let folder: String
    /// The model files' names, sorted.
    public let files: [String]
    /// The models, one per file, in the same order.
    public let models: [StructuralCausalModel]

    /// Whether `path` is a folder (then it is read as posterior draws, not as a model file).
    public static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Reads every `.scm` file of `folder`. Throws when the folder cannot be listed, holds
    /// fewer than two model files, or a file does not parse (the error names the file), or
    /// when the draws do not all have the same variables (they are draws of one model).
    public init(folder: String) throws {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw ModelError("\(folder): cannot list the folder of posterior draws (\(error.localizedDescription))")
        }
        files = names.filter { $0.hasSuffix(".scm") }.sorted()
        guard !files.isEmpty else {
            throw ModelError("\(folder): holds no .scm files to read as posterior draws, and is a directory, not a model file")
        }
        guard files.count >= 2 else {
            throw ModelError("\(folder): a folder of posterior draws needs at least 2 .scm files (found \(files.count))")
        }
        self.folder = folder
        models = try files.map { try ModelCatalog.Entry(contentsOf: folder + "/" + $0).model() }
        for (file, model) in zip(files, models) where model.variableNames != models[0].variableNames {
            throw ModelError("\(folder)/\(file): its variables (\(model.variableNames.joined(separator: ", "))) differ from "
                + "\(files[0])'s (\(models[0].variableNames.joined(separator: ", "))): the draws must be of one model")
        }
    }

    /// The number of draws K.
    public var count: Int { models.count }

    /// `answer` for every draw, in order, given the draw's model and its own seed
    /// (`seed(_:draw:)`); an error names the draw's file.
    public func map<T>(seed: UInt64, _ answer: (StructuralCausalModel, UInt64) throws -> T) throws -> [T] {
        try zip(files, models).enumerated().map { k, draw in
            do { return try answer(draw.1, Self.seed(seed, draw: k)) } catch { throw ModelError("\(folder)/\(draw.0): \(error)") }
        }
    }

    /// The seed of draw k's (0-based) Monte Carlo answer: the stream (seed, k), so that the
    /// draws' Monte Carlo errors are independent (as the law-of-total-variance reading of
    /// `PosteriorSummary` assumes).
    public static func seed(_ seed: UInt64, draw k: Int) -> UInt64 {
        StreamKey(seed: seed).appending(UInt64(k)).state
    }
}
