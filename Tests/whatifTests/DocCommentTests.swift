import Foundation
import Testing

/// Every public symbol of the library has a doc comment: a `///` line (or the end of a
/// `/** */` block) right above its declaration, attributes aside.
@Suite struct DocCommentTests {
    @Test func everyPublicSymbolIsDocumented() throws {
        let root = GettingStartedTests.root
        let folders = ["Sources", "Models", "Notebooks-as-scripts/NotebookSupport"]
        let skipped = ["Sources/whatif/", "Sources/WhatIfBenchmarks/", "Sources/TestSupport/"]
        var undocumented: [String] = []
        for folder in folders {
            guard let files = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                let path = folder + "/" + file
                guard !skipped.contains(where: path.hasPrefix) else { continue }
                let lines = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8).components(separatedBy: "\n")
                for (i, line) in lines.enumerated() {
                    let text = line.trimmingCharacters(in: .whitespaces)
                    guard text.hasPrefix("public ") || text.hasPrefix("open "), !text.hasPrefix("public import") else { continue }
                    var j = i - 1
                    while j >= 0, lines[j].trimmingCharacters(in: .whitespaces).hasPrefix("@") { j -= 1 }
                    let above = j >= 0 ? lines[j].trimmingCharacters(in: .whitespaces) : ""
                    if !above.hasPrefix("///") && !above.hasSuffix("*/") { undocumented.append("\(path):\(i + 1): \(text.prefix(80))") }
                }
            }
        }
        #expect(undocumented.isEmpty, "undocumented public symbols:\n\(undocumented.joined(separator: "\n"))")
    }
}
