import CausalModel
import CausalGraph
import Tabular
import ModelCatalog
import Foundation

/// What one fuzz input did: accepted, or refused with an error that passes the
/// target's check (a one-line message naming the place), or refused badly.
public enum FuzzOutcome: Equatable, Sendable {
    /// The input was read (and, for models, sampled) without error.
    case accepted
    /// The input was refused with a clear error.
    case refused
    /// The input was refused with an error that breaks the contract: the reason.
    case unclear(String)
}

/// A reader of untrusted input, with its seed corpus, run by `FuzzCampaign`.
/// A crash (a trap, a stack overflow, an abort) ends the process, so a campaign
/// that finishes has found none; refusals are checked for naming the place.
public struct FuzzTarget: Sendable {
    /// The target's name (`model`, `csv`, `assignments`).
    public let name: String
    /// The seed inputs the mutator starts from.
    public let corpus: [[UInt8]]
    /// Runs one input.
    public let run: @Sendable ([UInt8]) -> FuzzOutcome

    /// The model-file parser, then sampling eight rows and asking the graph for
    /// adjustment sets, on every catalog model as the seed corpus. A parse error
    /// must give a line and column inside the input; a sampling error must name
    /// a variable or a noise term.
    public static let modelFile = FuzzTarget(
        name: "model", corpus: ModelCatalog.entries.map { Array($0.text.utf8) }
    ) { bytes in
        let text = String(decoding: bytes, as: UTF8.self)
        let model: StructuralCausalModel
        do {
            model = try ModelFileParser(file: "fuzz.scm").parse(text)
        } catch let error as ModelError {
            // Lines as the lexer counts them: by line-feed scalars ("\r\n" is one Character in Swift).
            let lines = text.unicodeScalars.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            guard let location = error.location, location.file == "fuzz.scm", (1...max(1, lines)).contains(location.line),
                  location.column >= 1 else { return .unclear("parse error without a place: \(error)") }
            return .refused
        } catch {
            return .unclear("parse error of type \(type(of: error)): \(error)")
        }
        do {
            _ = try model.sample(rows: 8, seed: 1, options: SamplingOptions(threads: 1))
            let graph = model.graph
            if graph.nodeCount >= 2 {
                _ = try? graph.minimalBackDoorSets(treatment: 0, outcome: graph.nodeCount - 1, limit: 100)
                _ = try? graph.frontDoorSet(treatment: 0, outcome: graph.nodeCount - 1)
            }
            return .accepted
        } catch let error as ModelError {
            return error.variable != nil || error.noiseTerm != nil ? .refused : .unclear("sampling error naming no variable: \(error)")
        } catch {
            return .unclear("sampling error of type \(type(of: error)): \(error)")
        }
    }

    /// The CSV reader, on the shipped example data sets; an error must name the input.
    public static let csv = FuzzTarget(name: "csv", corpus: exampleFiles(extension: "csv")) { bytes in
        do {
            _ = try CSVReader.parse(bytes: bytes, source: "fuzz.csv")
            return .accepted
        } catch {
            let message = "\(error)"
            return message.contains("fuzz.csv") ? .refused : .unclear("CSV error not naming the file: \(message)")
        }
    }

    /// The `--observe`/`--do` lists and `--mechanism` equations against the banner
    /// model: the input is split at its first line break into a NAME=VALUE list and
    /// an equation. An error must name the option, or (for the equation) give a place.
    public static let assignments = FuzzTarget(
        name: "assignments",
        corpus: ["banner=1,spend=20\nbanner ~ Bernoulli(0.3)", "engagement=5\nspend = 2 * engagement + Normal(0, 1)",
                 " banner = 0 \nbanner = 1"].map { Array($0.utf8) }
    ) { bytes in
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        var outcome = FuzzOutcome.accepted
        do {
            _ = try AssignmentList.parse([String(parts[0])], option: "--do")
        } catch {
            guard "\(error)".hasPrefix("--do") else { return .unclear("list error not naming --do: \(error)") }
            outcome = .refused
        }
        guard parts.count == 2, let banner = try? ModelCatalog.load("banner") else { return outcome }
        do {
            _ = try ModelFileParser(file: "--mechanism").parseIntervention(String(parts[1]), in: banner)
        } catch let error as ModelError {
            return error.location != nil || error.variable != nil ? .refused : .unclear("equation error without a place: \(error)")
        } catch {
            return .unclear("equation error of type \(type(of: error)): \(error)")
        }
        return outcome
    }

    /// Every target.
    public static let all: [FuzzTarget] = [modelFile, csv, assignments]

    /// The files with `extension` in the repository's docs/examples folder.
    static func exampleFiles(extension suffix: String) -> [[UInt8]] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix("." + suffix) }.sorted().compactMap { name in
            // Seeds stay small: the first 8 kB of each file.
            (try? Data(contentsOf: folder.appendingPathComponent(name))).map { Array($0.prefix(8192)) }
        }
    }
}

/// A run of one target over generated inputs.
public struct FuzzCampaign: Sendable {
    /// Inputs run, accepted and refused.
    public private(set) var inputs = 0, accepted = 0, refused = 0
    /// Inputs whose refusal broke the contract, with the reason (at most ten kept).
    public private(set) var unclear: [(input: [UInt8], reason: String)] = []

    /// Runs `target` on `count` inputs generated from `seed`.
    public static func run(_ target: FuzzTarget, inputs count: Int, seed: UInt64) -> FuzzCampaign {
        var campaign = FuzzCampaign()
        var mutator = InputMutator(seed: seed)
        for _ in 0..<count {
            let input = mutator.next(from: target.corpus)
            campaign.inputs += 1
            switch target.run(input) {
            case .accepted: campaign.accepted += 1
            case .refused: campaign.refused += 1
            case .unclear(let reason): if campaign.unclear.count < 10 { campaign.unclear.append((input, reason)) }
            }
        }
        return campaign
    }
}
