import Foundation
import Testing
@testable import Tabular

@Suite struct CSVTests {
    /// Numbers are written as `description` writes them (shortest round trip),
    /// integers without ".0", NaN as NA; checked on doubles from every binade.
    @Test func numbersAreWrittenInTheirShortestRoundTripForm() {
        var state: UInt64 = 12345
        for i in 0..<200_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var x = Double(bitPattern: state)
            if i % 3 == 0 { x = Double(Int64(bitPattern: state) >> 20) / 1e3 }
            guard x.isFinite else { continue }
            var bytes: [UInt8] = []
            CSVFormat.appendNumber(x, to: &bytes)
            let text = String(decoding: bytes, as: UTF8.self)
            let expected = (x == x.rounded(.towardZero) && abs(x) < 1e15) ? String(Int64(x)) : x.description
            #expect(text == expected)
            #expect(Double(text) == x)
            if text != expected { break }
        }
        var bytes: [UInt8] = []
        CSVFormat.appendNumber(.nan, to: &bytes)
        CSVFormat.appendNumber(-0.5, to: &bytes)
        CSVFormat.appendNumber(-3, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "NA-0.5-3")
    }

    @Test func readsNumbersTextAndMissingCells() throws {
        let text = "date,y,\"label, quoted\",x\n2024-01-01,1.5,a,3\n2024-01-02,NA,\"b \"\"c\"\"\",\n2024-01-03,2e3,d,4\n"
        let table = try CSVReader.parse(text, source: "t.csv")
        #expect(table.names == ["date", "y", "label, quoted", "x"])
        #expect(table.columns[0] == .text(["2024-01-01", "2024-01-02", "2024-01-03"]))
        let y = try table.numbers("y")
        #expect(y[0] == 1.5 && y[1].isNaN && y[2] == 2000)
        #expect(table.columns[2] == .text(["a", "b \"c\"", "d"]))
        #expect(try table.numbers("x")[1].isNaN)
    }

    @Test func badCellsNameLineAndColumn() {
        #expect(throws: TableError.badCell(source: "t.csv", line: 3, column: "y", reason: "'abc' is not a number")) {
            try CSVReader.parse("t,y\n1,2\n2,abc\n", source: "t.csv")
        }
        #expect(throws: TableError.badRow(source: "t.csv", line: 2, reason: "the row has 3 fields, the header 2")) {
            try CSVReader.parse("t,y\n1,2,3\n", source: "t.csv")
        }
        #expect(throws: TableError.self) { try CSVReader.parse("", source: "t.csv") }
        #expect(throws: TableError.unknownColumn(name: "z", source: "t.csv", available: ["t", "y"])) {
            try CSVReader.parse("t,y\n1,2\n", source: "t.csv").numbers("z")
        }
    }

    @Test func outputFileIsAtomic() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try OutputFile.write("old\n", to: path)
        do {
            let file = try OutputFile(path: path)
            try file.write("half-written")
            try file.flush()
            // Dropped without commit: the old file must be intact and no temporary file left.
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        let folder = (path as NSString).deletingLastPathComponent
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            $0.hasPrefix("." + (path as NSString).lastPathComponent + ".tmp")
        }
        #expect(leftovers.isEmpty)
    }

    /// A file finished early is committed as it was finished; text written after that is an
    /// error at commit, not lost in silence, and the earlier content stays in place.
    @Test func aFileFinishedEarlyTakesNoMoreText() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let kept = try OutputFile(path: path)
        try kept.write("first\n")
        try kept.finishWriting()
        try kept.finishWriting()
        try kept.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first\n")
        let late = try OutputFile(path: path)
        try late.write("second\n")
        try late.finishWriting()
        try late.write("third\n")
        #expect(throws: TableError.self) { try late.commit() }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first\n")
    }
}

@Suite struct CSVEdgeCaseTests {
    @Test func oneColumnBlankLinesAreMissingValuesAndQuotedEmptyCellsAreKept() throws {
        let table = try CSVReader.parse("y\n1\n\n3\n\"\"\n4\n\n\n", source: "t.csv")
        let y = try table.numbers("y")
        #expect(y.count == 5)
        #expect(y[0] == 1 && y[1].isNaN && y[2] == 3 && y[3].isNaN && y[4] == 4)
    }

    @Test func blankLinesBetweenRowsOfWiderTablesArePadding() throws {
        let table = try CSVReader.parse("\nt,y\n1,2\n\n2,3\n\n", source: "t.csv")
        #expect(try table.numbers("y") == [2, 3])
    }

    @Test func byteOrderMarkAndWindowsLineEndings() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("t,y\r\n1,2\r\n2,3\r\n".utf8)
        let table = try CSVReader.parse(bytes: bytes, source: "t.csv")
        #expect(table.names == ["t", "y"])
        #expect(try table.numbers("y") == [2, 3])
    }
}

@Suite struct NumericColumnTests {
    @Test func aTextColumnNeededAsNumbersNamesItsFirstBadCell() {
        let table = try! CSVReader.parse("x,y\n1,abc\n2,3\n", source: "t.csv")
        #expect(throws: TableError.notANumber(source: "t.csv", column: "y", row: 1, cell: "abc")) { try table.numbers("y") }
        #expect("\(TableError.notANumber(source: "t.csv", column: "y", row: 1, cell: "abc"))"
                == "t.csv, row 1, column 'y': 'abc' is not a number")
    }
}

/// `--digits`: numbers rounded to significant digits, as C's %.*g rounds them.
@Suite struct SignificantDigitsTests {
    @Test func roundedCellsAgreeWithPrintf() {
        let values: [Double] = [42.121788511500078, -0.000123456789, 1.5e-300, 6.02214076e23, 7, -3, .nan, 0.1 + 0.2]
        for digits in [1, 4, 9, 17] {
            var bytes: [UInt8] = []
            values.withUnsafeBufferPointer { column in
                CSVFormat.appendRows([column], rows: 0..<values.count, to: &bytes, digits: digits)
            }
            let cells = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
            for (cell, x) in zip(cells, values) {
                let expected = x.isNaN ? "NA" : x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(format: "%.*g", digits, x)
                #expect(cell == expected, "\(x) to \(digits) digits")
            }
        }
    }
}

/// Replacing a file keeps its permissions (and, where allowed, its owner), as a shell
/// redirect writing in place does; a new file gets the usual 0666 less the umask.
@Suite struct ReplacedFileTests {
    static func mode(_ path: String) -> mode_t {
        var info = stat()
        _ = stat(path, &info)
        return info.st_mode & 0o7777
    }

    @Test func aReplacedFileKeepsItsMode() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-mode-\(UUID().uuidString).csv").path
        defer { unlink(path) }
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o600)
        try OutputFile.write("new\n", to: path)
        #expect(Self.mode(path) == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        chmod(path, 0o640)
        try OutputFile.write("newer\n", to: path)
        #expect(Self.mode(path) == 0o640)
    }

    @Test func aNewFileGetsTheUmasksMode() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-mode-\(UUID().uuidString).csv").path
        defer { unlink(path) }
        let mask = umask(0)
        umask(mask)
        try OutputFile.write("new\n", to: path)
        #expect(Self.mode(path) == 0o666 & ~mask)
    }
}

/// Outputs committed together: none is in place before the commit, all are after it, and a
/// writer dropped without a commit leaves its file untouched.
@Suite struct JointCommitTests {
    @Test func outputsAppearTogether() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-joint-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (json, plot) = (folder + "/a.json", folder + "/b.svg")
        try "old\n".write(toFile: json, atomically: false, encoding: .utf8)
        let first = try OutputFile(path: json), second = try OutputFile(path: plot)
        try first.write("{}\n")
        try second.write("<svg/>\n")
        #expect(try String(contentsOfFile: json, encoding: .utf8) == "old\n" && !FileManager.default.fileExists(atPath: plot))
        try OutputFile.commit([first, nil, second])
        #expect(try String(contentsOfFile: json, encoding: .utf8) == "{}\n")
        #expect(try String(contentsOfFile: plot, encoding: .utf8) == "<svg/>\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["a.json", "b.svg"])
    }

    /// A rename that fails after another succeeded (here the second target became a folder
    /// between opening and committing) puts the first file back as it was, and leaves no
    /// temporary or backup name behind.
    @Test func aFailedRenameUndoesTheOnesBefore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-undo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (replaced, created, blocked) = (folder + "/a.json", folder + "/b.csv", folder + "/c.svg")
        try "old\n".write(toFile: replaced, atomically: false, encoding: .utf8)
        let files = try [replaced, created, blocked].map { try OutputFile(path: $0) }
        for file in files { try file.write("new\n") }
        try FileManager.default.createDirectory(atPath: blocked + "/inside", withIntermediateDirectories: true)
        #expect(throws: TableError.self) { try OutputFile.commit(files) }
        #expect(try String(contentsOfFile: replaced, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["a.json", "c.svg"])
    }
}
