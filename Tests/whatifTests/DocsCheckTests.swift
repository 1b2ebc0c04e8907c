import Foundation
import Testing

/// What the pages a user reads (README.md and docs/*.md) say about the command line
/// must be true of the program: every option a `whatif …` line names exists for its
/// subcommand, no page points at a path outside the repository, and every example
/// command in a code block runs (sizes scaled down: rows to at most 500, replications
/// to 2, so that the debug build runs them all in seconds).
@Suite struct DocsCheckTests {
    static let root = GettingStartedTests.root

    /// One problem a page has, with its place.
    struct Finding: Equatable, CustomStringConvertible {
        let page: String, line: Int, problem: String
        var description: String { "\(page):\(line): \(problem)" }
    }

    /// A `whatif …` command written on a page, and whether it stands alone in a code block (runnable).
    struct Example {
        let line: Int, words: [String], runnable: Bool
    }

    /// The `whatif …` commands of a page: code-block lines and inline `whatif …` spans.
    static func examples(in text: String) -> [Example] {
        var found: [Example] = [], fenced = false
        for (number, line) in text.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("```") { fenced.toggle(); continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if (fenced || line.hasPrefix("    ")), trimmed.hasPrefix("whatif ") {
                let command = trimmed.components(separatedBy: "  #").first ?? trimmed
                let words = shellWords(command)
                let placeholder = words.contains { $0.hasPrefix("[") || $0.contains("…") || ($0.count > 1 && $0 == $0.uppercased() && $0.first!.isLetter) }
                found.append(Example(line: number + 1, words: words, runnable: !placeholder))
            }
            for span in line.components(separatedBy: "`").enumerated() where span.offset % 2 == 1 && span.element.hasPrefix("whatif ") {
                found.append(Example(line: number + 1, words: shellWords(span.element), runnable: false))
            }
        }
        return found
    }

    /// Splits a command line into words as a shell would (double and single quotes).
    static func shellWords(_ text: String) -> [String] {
        var words: [String] = [], current = "", quote: Character? = nil, inWord = false
        for c in text {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
                inWord = true
            } else if c == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(c)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// The options each subcommand's `--help` lists.
    static let options: [String: Set<String>] = {
        var table: [String: Set<String>] = [:]
        for sub in ["sample", "graph", "counterfactual", "models", "impact", "benchmark", "ope", "uplift", "sensitivity", "refute",
                    "power", "hidden-confounding", "generate", "fit"] {
            let help = (try? WhatIf(sub, "--help").stdout) ?? ""
            let names = help.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
                .filter { $0.hasPrefix("--") }.map(String.init)
            table[sub] = Set(names)
        }
        return table
    }()

    /// The problems of one page's text: unknown subcommands and options, absolute paths.
    static func check(page: String, text: String) -> [Finding] {
        var findings: [Finding] = []
        for example in examples(in: text) {
            guard example.words.count > 1 else { continue }
            let sub = example.words[1]
            guard let known = options[sub] else {
                if !sub.hasPrefix("-") { findings.append(Finding(page: page, line: example.line, problem: "no subcommand '\(sub)'")) }
                continue
            }
            for word in example.words where word.hasPrefix("--") || word.hasPrefix("[--") {
                let name = String(word.drop { $0 == "[" }.prefix { $0 != "=" && $0 != "]" })
                if !known.contains(name) {
                    findings.append(Finding(page: page, line: example.line, problem: "whatif \(sub) has no option \(name)"))
                }
            }
        }
        for (number, line) in text.components(separatedBy: "\n").enumerated() {
            for prefix in ["/work/", "/home/", "/root/", "/Users/", "/tmp/"] where line.contains(prefix) {
                findings.append(Finding(page: page, line: number + 1, problem: "a path outside the repository (\(prefix)…)"))
            }
        }
        return findings
    }

    static var pages: [(name: String, text: String)] {
        get throws {
            let docs = root.appendingPathComponent("docs")
            let names = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }.sorted()
            return try [("README.md", String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8))]
                + names.map { ("docs/" + $0, try String(contentsOf: docs.appendingPathComponent($0), encoding: .utf8)) }
        }
    }

    @Test func everyPageNamesOnlyOptionsTheProgramHas() throws {
        for page in try Self.pages {
            let findings = Self.check(page: page.name, text: page.text)
            #expect(findings.isEmpty, "\(findings)")
        }
    }

    @Test func aStaleLineIsCaught() {
        let page = """
            ```sh
            whatif impact data.csv --pre 1:70 --post 71:100 --iterations 500
            whatif sample banner --rows 10 --out x.csv
            whatif simulate banner
            ```
            See `whatif graph banner --adjustment-set banner spend` and /work/shared/notes.md.
            """
        #expect(Self.check(page: "stale.md", text: page).map(\.description) == [
            "stale.md:2: whatif impact has no option --iterations",
            "stale.md:3: whatif sample has no option --out",
            "stale.md:4: no subcommand 'simulate'",
            "stale.md:6: whatif graph has no option --adjustment-set",
            "stale.md:6: a path outside the repository (/work/…)",
        ])
    }

    @Test func everyExampleCommandRuns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("docs"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("docs/examples"),
                                         to: folder.appendingPathComponent("docs/examples"))
        for page in try Self.pages {
            for example in Self.examples(in: page.text) where example.runnable {
                var words = Array(example.words.dropFirst())
                for (option, limit) in [("--rows", 500), ("--replications", 2)] {
                    if let at = words.firstIndex(of: option), at + 1 < words.count, let n = Int(words[at + 1]), n > limit {
                        words[at + 1] = String(limit)
                    }
                }
                let run = try WhatIf(words, in: folder)
                #expect(run.status == 0, "\(page.name):\(example.line): \(words.joined(separator: " ")): \(run.stderr)")
            }
        }
    }
}
