import CausalModel
import Foundation
import Reporting
import Tabular

/// The bundled model catalog: the `.scm` files in `Models/`, looked up by name.
///
/// Each file starts with comment lines saying what the model illustrates; one of
/// them states the true effect as `# true effect of X on Y: value`, where the
/// value is E[Y | do(X = 1)] − E[Y | do(X = 0)].
public enum ModelCatalog {
    /// One model file: a catalog model, or a `.scm` file read from a path.
    public struct Entry: Sendable {
        /// The name to run it by (the file name without `.scm`).
        public let name: String
        /// The model text.
        public let text: String
        /// The file that errors in the text name: `NAME.scm` for a catalog model, the path otherwise.
        public let file: String

        init(name: String, text: String) {
            self.name = name
            self.text = text
            file = "\(name).scm"
        }

        /// The model file at `path`, named after the file (its last path component
        /// without `.scm`); errors in its text name the path. Throws `ModelError` when
        /// the file cannot be read.
        public init(contentsOf path: String) throws {
            let bytes: [UInt8]
            do { bytes = try TextFile.bytes(path: path, what: "model file") } catch { throw ModelError("\(error)") }
            let text: String
            switch TextFile.utf8Text(bytes) {
            case .success(let decoded): text = decoded
            case .failure(let bad):
                throw ModelError("\(path):\(bad.line):\(bad.column): not UTF-8 text (byte 0x"
                                 + String(bad.byte, radix: 16, uppercase: true) + "); save the model file as UTF-8")
            }
            name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            self.text = text
            file = path
        }

        /// The first comment line, without the `#`.
        public var summary: String {
            commentLines.first ?? ""
        }

        /// The leading comment lines, without the `#`.
        public var commentLines: [String] {
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .prefix { $0.hasPrefix("#") }
                .map { $0.dropFirst().trimmingCharacters(in: .whitespaces) }
        }

        /// The stated true effect: (treatment, outcome, value), when the file gives one.
        public var trueEffect: (treatment: String, outcome: String, value: Double)? {
            for line in commentLines where line.hasPrefix("true effect of ") {
                let rest = line.dropFirst("true effect of ".count)
                guard let on = rest.range(of: " on "), let colon = rest.range(of: ":"),
                      let value = Double(rest[colon.upperBound...].trimmingCharacters(in: .whitespaces)) else { continue }
                return (String(rest[..<on.lowerBound]), String(rest[on.upperBound..<colon.lowerBound]), value)
            }
            return nil
        }

        /// The treatment and outcome of an effect query: those given, or else the ones
        /// the file's stated effect names (which must be variables of `model`).
        public func effectVariables(treatment: String?, outcome: String?,
                                    in model: StructuralCausalModel) throws -> (treatment: String, outcome: String) {
            let stated = trueEffect
            guard let t = treatment ?? stated?.treatment, let y = outcome ?? stated?.outcome else {
                throw ModelError("name the treatment and the outcome: \(file) states no effect to default to "
                    + "(a comment line '# true effect of X on Y: value')")
            }
            if let stated, treatment == nil || outcome == nil {
                for name in [t, y] where model.index(of: name) == nil {
                    throw ModelError("\(file): the stated '# true effect of \(stated.treatment) on \(stated.outcome)' "
                        + "names '\(name)', which is not a variable of the model")
                }
            }
            return (t, y)
        }

        /// The sentence that recalls the file's stated effect when a query is about that
        /// effect ("The model file states the effect of banner on spend as 5 (…)."), else nil.
        /// Given the computed `truth` of that effect and its Monte Carlo standard error, it
        /// also says when the two disagree: by more than 4 standard errors, and by more
        /// than 1e-9 relative (an exact truth has standard error 0).
        public func statedEffectNote(treatment: String, outcome: String, truth: Double? = nil,
                                     standardError: Double = 0) -> String? {
            guard let stated = trueEffect, stated.treatment == treatment, stated.outcome == outcome else { return nil }
            var note = "The model file states the effect of \(treatment) on \(outcome) as \(NumberFormatting.general(stated.value)) "
                + "(E[\(outcome) | do(\(treatment) = 1)] − E[\(outcome) | do(\(treatment) = 0)])"
            if let truth, truth.isFinite,
               abs(truth - stated.value) > max(4 * standardError, 1e-9 * max(1, abs(truth))) {
                let error = standardError > 0 ? " ± \(NumberFormatting.significant(standardError, digits: 2))" : " (exact)"
                note += ", but the model gives \(NumberFormatting.significant(truth, digits: 6))\(error): the file's "
                    + "statement is wrong, or about another quantity"
            }
            return note + ".\n"
        }

        /// Where `variable` is declared in the file: the line of its equation (`name = …`,
        /// `name ~ …`, `latent name = …`), column 1; nil when the text declares no such line.
        public func declaration(of variable: String) -> SourceLocation? {
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                var rest = line.drop { $0 == " " || $0 == "\t" }
                if rest.hasPrefix("latent ") { rest = rest.dropFirst("latent ".count).drop { $0 == " " } }
                guard rest.hasPrefix(variable) else { continue }
                let after = rest.dropFirst(variable.count).drop { $0 == " " || $0 == "\t" }
                if after.first == "=" || after.first == "~" { return SourceLocation(file: file, line: number + 1, column: 1) }
            }
            return nil
        }

        /// `error` with the place in this file of the variable it names, when it names one
        /// and has no place yet (an error met while sampling, such as a parameter out of range).
        public func locating(_ error: any Error) -> any Error {
            guard let model = error as? ModelError, model.location == nil, let variable = model.variable,
                  let place = declaration(of: variable) else { return error }
            return model.located(place)
        }

        /// Whether the file is a Bayesian network in BIF (its name ends in `.bif`).
        public var isBIF: Bool { file.lowercased().hasSuffix(".bif") }

        /// The parsed model: a `.bif` file's network as a model (`BayesianNetwork.structuralCausalModel()`).
        public func model() throws -> StructuralCausalModel {
            if isBIF { return try BayesianNetwork(bif: text, file: file).structuralCausalModel() }
            return try ModelFileParser(file: file).parse(text)
        }

        /// The parsed model with its unknowns (`param` declarations, `auto` mechanisms).
        public func parametricModel() throws -> ParametricModel {
            try ModelFileParser(file: file).parseParametric(text)
        }
    }

    /// Every catalog model, sorted by name.
    public static let entries: [Entry] = {
        guard let folder = Bundle.module.resourcePath,
              let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return files.filter { $0.hasSuffix(".scm") }.sorted().compactMap { file -> Entry? in
            guard let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8) else { return nil }
            return Entry(name: String(file.dropLast(4)), text: text)
        }
    }()

    /// The catalog entry called `name`, if any.
    public static func entry(named name: String) -> Entry? { entries.first { $0.name == name } }

    /// The entry `reference` names: a catalog model by name, or the `.scm` file at that
    /// path (so a file's own comment lines, such as its stated true effect, are read too).
    public static func entry(for reference: String) throws -> Entry {
        if let entry = entry(named: reference) { return entry }
        if FileManager.default.fileExists(atPath: reference) { return try Entry(contentsOf: reference) }
        let names = entries.map(\.name).joined(separator: ", ")
        throw ModelError("'\(reference)' is neither a catalog model nor a file (catalog: \(names))")
    }

    /// The catalog as `whatif models` lists it: each model's name and the first line of its comment.
    public static func listing() -> String {
        TextTable(rows: entries.map { [$0.name, $0.summary] }).text()
    }

    /// The model named by `reference`: a catalog name, or a path to a `.scm` file.
    public static func load(_ reference: String) throws -> StructuralCausalModel {
        try entry(for: reference).model()
    }
}
