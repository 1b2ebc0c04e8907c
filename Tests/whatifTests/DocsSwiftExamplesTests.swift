import Foundation
import Testing

/// Every Swift example in README.md and docs/*.md compiles against the library as built:
/// each ```swift block is type-checked by `swiftc` on its own (a block without an import
/// gets `import WhatIf`), so no page can show an API that is not there. (The getting-started
/// program is also run, by `GettingStartedTests`.)
@Suite struct DocsSwiftExamplesTests {
    static func blocks(in text: String) -> [(line: Int, code: String)] {
        var found: [(Int, String)] = [], current: [String]?, start = 0
        for (number, line) in text.components(separatedBy: "\n").enumerated() {
            if current == nil, line == "```swift" {
                current = []
                start = number + 2
            } else if current != nil, line.hasPrefix("```") {
                found.append((start, current!.joined(separator: "\n") + "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return found
    }

    @Test func everySwiftExampleTypeChecks() throws {
        let root = GettingStartedTests.root
        let modules = WhatIf.executable.deletingLastPathComponent().appendingPathComponent("Modules").path
        let moduleMap = root.appendingPathComponent("Sources/CGSL/module.modulemap").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-doc-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        var checked = 0
        for page in ["README.md"] + docs {
            let text = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
            for (k, block) in Self.blocks(in: text).enumerated() {
                let code = block.code.contains("import ") ? block.code : "import WhatIf\n" + block.code
                let file = folder.appendingPathComponent("example\(checked).swift")
                try code.write(to: file, atomically: true, encoding: .utf8)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["swiftc", "-typecheck", "-I", modules, "-Xcc", "-fmodule-map-file=\(moduleMap)", file.path]
                let errors = Pipe()
                process.standardError = errors
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "\(page):\(block.line) (example \(k + 1)) does not compile:\n\(message)")
                checked += 1
            }
        }
        #expect(checked >= 8, "only \(checked) Swift examples found")
    }
}
