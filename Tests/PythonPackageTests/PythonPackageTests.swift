import Foundation
import Testing

/// The Python package, as a new user gets it: the wheel is built by the documented command
/// (`python3 -m pip wheel --no-deps -w OUTDIR Sources/python`), installed into a fresh
/// virtual environment with pandas, pyarrow, pytest and pyspark from PyPI, and the pytest
/// suite in Tests/python runs against it (docs/python.md). Anything missing (python3, the
/// network, Java for Spark) fails this test: it is never skipped.
@Suite struct PythonPackageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The wheel's own SwiftPM scratch folder: `swift test` holds the lock on `.build`.
    static let scratch = root.appendingPathComponent(".build-wheel")

    /// Runs `arguments` (found on PATH) in `folder`; returns the exit status and the output.
    static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-python-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try String(contentsOf: output, encoding: .utf8))
    }

    @Test func theWheelInstallsAndItsAPIEqualsTheCLI() throws {
        let work = Self.scratch.appendingPathComponent("python-tests")
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let venv = work.appendingPathComponent("venv").path
        let python = venv + "/bin/python"
        let steps: [(String, [String])] = [
            ("create the virtual environment", ["python3", "-m", "venv", venv]),
            ("install pandas, pyarrow, pytest and pyspark",
             [python, "-m", "pip", "install", "--quiet", "pandas", "pyarrow", "pytest", "pyspark"]),
            ("build the wheel", [python, "-m", "pip", "wheel", "--no-deps", "-w", work.appendingPathComponent("dist").path,
                                 Self.root.appendingPathComponent("Sources/python").path]),
        ]
        for (step, arguments) in steps {
            let (status, output) = try Self.run(arguments, in: Self.root)
            try #require(status == 0, "\(step) failed:\n\(output)")
        }
        let wheels = try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("dist").path)
            .filter { $0.hasPrefix("whatif-") && $0.hasSuffix(".whl") }
        let wheel = try #require(wheels.first, "no wheel was built")
        #expect(wheel.hasSuffix("-py3-none-linux_x86_64.whl"), "platform tag of \(wheel)")
        let install = try Self.run([python, "-m", "pip", "install", "--no-deps", "--force-reinstall",
                                    work.appendingPathComponent("dist/" + wheel).path], in: work)
        try #require(install.0 == 0, "installing the wheel failed:\n\(install.1)")

        // The bundled executable needs only the C library family: no Swift runtime, no GSL.
        let found = try Self.run([python, "-c", "import whatif; print(whatif.executable())"], in: work)
        let bundled = found.1.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(found.0 == 0 && bundled.hasSuffix("/whatif/bin/whatif"), "the bundled executable: \(found.1)")
        let libraries = try Self.run(["ldd", bundled], in: work)
        #expect(libraries.0 == 0)
        let allowed = ["linux-vdso", "libc.so", "libm.so", "libstdc++.so", "libgcc_s.so", "ld-linux", "libpthread.so",
                       "libdl.so", "librt.so"]
        for line in libraries.1.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            #expect(allowed.contains { line.contains($0) }, "unexpected shared library: \(line)")
        }

        // pytest from a folder outside the repository, so that only the installed package is importable.
        let tests = Self.root.appendingPathComponent("Tests/python").path
        let pytest = try Self.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", tests, tests],
                                  in: work, environment: ["PYSPARK_PYTHON": python, "WHATIF_EXECUTABLE": ""])
        #expect(pytest.0 == 0, "pytest failed:\n\(pytest.1)")
    }
}
