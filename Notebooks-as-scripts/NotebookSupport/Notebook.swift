import Foundation
import WhatIf

/// What every notebook shares: its command line, the folder its figures go to, and
/// the page it prints (headings, paragraphs, aligned tables, figures and, at the end,
/// its key numbers one per line for scripts and tests).
///
///     Notebook.run("BannerWalkthrough", summary: "Does a banner make customers spend more?") { notebook in
///         notebook.heading("1. The model")
///         notebook.say("Prior engagement drives both the banner and spend.")
///         notebook.truth("ate", 5)
///     }
///
/// Command line (the same for every notebook):
///
///     NAME [--quick] [--output DIR]
///
/// `--quick` runs with fewer rows and iterations (what the tests run); `--output DIR`
/// is where figures go (created if missing); without it a new temporary folder is
/// made and its path printed.
public final class Notebook {
    /// The notebook's name (its executable).
    public let name: String
    /// Whether `--quick` was given: fewer rows and iterations.
    public let isQuick: Bool
    /// The folder figures are written to.
    public let folder: URL
    /// The key numbers printed so far, in order, as their lines.
    public private(set) var keyLines: [String] = []

    init(name: String, isQuick: Bool, folder: URL) {
        self.name = name
        self.isQuick = isQuick
        self.folder = folder
    }

    /// Reads the command line, prints the title and where figures go, runs `body`,
    /// then prints the key numbers and exits: 0 on success; 1 with one line on
    /// standard error when `body` throws; 2 for a command line it does not understand.
    public static func run(_ name: String, summary: String,
                           arguments: [String] = Array(CommandLine.arguments.dropFirst()),
                           _ body: (Notebook) throws -> Void) -> Never {
        let options: NotebookOptions
        do {
            options = try NotebookOptions(parsing: arguments)
        } catch {
            FileHandle.standardError.write(Data("\(name): error: \(error)\n".utf8))
            exit(2)
        }
        if options.showsHelp {
            print("\(name): \(summary)\n\nusage: \(name) [--quick] [--output DIR]\n\n" + NotebookOptions.help)
            exit(0)
        }
        do {
            let folder = try options.outputFolder(for: name)
            let notebook = Notebook(name: name, isQuick: options.isQuick, folder: folder)
            print("# \(name)\n\n\(summary)\n")
            print("Figures go to \(folder.path)\(options.isQuick ? " (quick run: fewer rows and iterations)" : "").")
            try body(notebook)
            notebook.printKeyNumbers()
            exit(0)
        } catch {
            FileHandle.standardError.write(Data("\(name): error: \(error)\n".utf8))
            exit(1)
        }
    }

    /// `full` normally, `quick` under `--quick`.
    public func size(_ full: Int, quick: Int) -> Int { isQuick ? quick : full }

    // MARK: The page

    /// Whether the page so far ends with an empty line.
    private var endsWithEmptyLine = false

    /// Prints `text` and a line break, keeping track of whether the page now ends with an empty line.
    func emit(_ text: String) {
        print(text)
        endsWithEmptyLine = text.isEmpty || text.hasSuffix("\n")
    }

    /// A numbered section heading, with one empty line before and after it.
    public func heading(_ title: String) {
        emit((endsWithEmptyLine ? "" : "\n") + "## \(title)\n")
    }

    /// A paragraph of narrative, printed as written.
    public func say(_ text: String) {
        emit(text)
    }

    /// Text composed at run time (names, verdicts), wrapped at `width` characters, every line
    /// after the first indented by `hangingIndent`.
    public func sayWrapped(_ text: String, width: Int = 96, hangingIndent: String = "") {
        let leading = String(text.prefix { $0 == " " })
        var lines: [String] = [], current = leading
        for word in text.split(separator: " ") {
            if current.count > leading.count, current.count + 1 + word.count > width {
                lines.append(current)
                current = hangingIndent
            }
            current += (current == leading || current == hangingIndent ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        emit(lines.joined(separator: "\n"))
    }

    /// An aligned table: the first row is the header (ruled), the first `leftAligned`
    /// columns are left-aligned and the rest right-aligned, indented by two spaces.
    public func table(_ rows: [[String]], leftAligned: Int = 1) {
        emit(TextTable(rows: rows, leftAligned: leftAligned, indent: "  ", rulesHeader: true).lines().joined(separator: "\n"))
    }

    // MARK: Figures

    /// Writes `svg` to `file` in the folder (atomically) and prints where, with a caption.
    public func figure(svg: String, file: String, caption: String) throws {
        let path = folder.appendingPathComponent(file).path
        try OutputFile.write(svg, to: path)
        emit("[figure] \(caption)\n         \(path)")
    }

    /// Draws a graph written in DOT with Graphviz and writes the SVG to `file`; without
    /// Graphviz it writes the DOT text beside it (`.dot`) and says so.
    public func graphFigure(dot: String, file: String, caption: String) throws {
        do {
            try figure(svg: try Graphviz.locate().svg(fromDOT: dot), file: file, caption: caption)
        } catch let error as GraphvizError {
            let dotFile = (file as NSString).deletingPathExtension + ".dot"
            try OutputFile.write(dot, to: folder.appendingPathComponent(dotFile).path)
            emit("[figure] \(caption)\n         \(folder.appendingPathComponent(dotFile).path) (DOT: \(error))")
        }
    }

    /// What the graph of `model` says about the effect of `treatment` on `outcome`
    /// (`GraphReport`: adjustment sets, front door, instruments, back-door paths), drawn
    /// to `file` with the roles marked, and printed in words when `printed`.
    @discardableResult
    public func graphReport(_ model: StructuralCausalModel, named name: String, treatment: String, outcome: String,
                            file: String, caption: String, printed: Bool = true) throws -> GraphReport {
        let report = try GraphReport(graph: model.causalDiagram, title: name, query: .init(treatment: treatment, outcome: outcome))
        if printed { say(try report.text()) }
        try graphFigure(dot: try report.dot(), file: file, caption: caption)
        return report
    }

    // MARK: Key numbers

    /// Records the true value of a quantity: `truth KEY: value`, with ` se S` when it
    /// comes from a Monte Carlo sample with standard error S > 0.
    public func truth(_ key: String, _ value: Double, standardError: Double = 0) {
        keyLines.append("truth \(key): \(KeyNumber.text(value))" + (standardError > 0 ? " se \(KeyNumber.text(standardError))" : ""))
    }

    /// Records an estimate: `estimate KEY: value [lower, upper] se S`.
    public func estimate(_ key: String, _ value: Double, lower: Double, upper: Double, standardError: Double) {
        keyLines.append("estimate \(key): \(KeyNumber.text(value)) [\(KeyNumber.text(lower)), \(KeyNumber.text(upper))] "
            + "se \(KeyNumber.text(standardError))")
    }

    /// Records any other number the story relies on: `value KEY: number`.
    public func value(_ key: String, _ number: Double) {
        keyLines.append("value \(key): \(KeyNumber.text(number))")
    }

    /// Prints the key numbers recorded, one per line.
    func printKeyNumbers() {
        guard !keyLines.isEmpty else { return }
        heading("Key numbers")
        say("The numbers above, one per line for scripts: truths, estimates with their 95% interval and standard error.\n")
        for line in keyLines { emit(line) }
    }
}

/// How key numbers are written: six significant digits, enough to check an estimate
/// against its standard error, short enough to read.
enum KeyNumber {
    static func text(_ x: Double) -> String {
        x.isFinite ? NumberFormatting.significant(x, digits: 6) : "nan"
    }
}
