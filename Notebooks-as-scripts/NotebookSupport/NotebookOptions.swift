import Foundation

/// A notebook's command line: `[--quick] [--output DIR] [--help]`.
struct NotebookOptions {
    /// Fewer rows and iterations.
    var isQuick = false
    /// Where figures go; nil makes a new temporary folder.
    var output: String?
    /// Print the usage and stop.
    var showsHelp = false

    /// What the options mean, for `--help`.
    static let help = """
        options:
          --quick        fewer rows and iterations (seconds in a debug build)
          --output DIR   write the figures to DIR (created if missing); default: a new temporary folder
          --help         show this text
        """

    /// A command-line mistake, in one line.
    struct Mistake: Error, CustomStringConvertible {
        let description: String
    }

    init(parsing arguments: [String]) throws {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--quick": isQuick = true
            case "--help", "-h": showsHelp = true
            case "--output":
                guard let folder = rest.popFirst(), !folder.hasPrefix("--") else {
                    throw Mistake(description: "--output needs a folder (--output DIR)")
                }
                output = folder
            case let other where other.hasPrefix("--output="):
                output = String(other.dropFirst("--output=".count))
            default:
                throw Mistake(description: "unknown argument '\(argument)' (expected --quick, --output DIR or --help)")
            }
        }
    }

    /// The folder for figures: the one asked for (created if missing), or a new one
    /// under the temporary folder named after the notebook.
    func outputFolder(for name: String) throws -> URL {
        let manager = FileManager.default
        let folder = output.map { URL(fileURLWithPath: $0) }
            ?? manager.temporaryDirectory.appendingPathComponent("whatif-\(name)-\(UUID().uuidString.prefix(8))")
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw Mistake(description: "\(folder.path) is a file, not a folder") }
        } else {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        return folder
    }
}
