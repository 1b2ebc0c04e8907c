import Foundation
import Testing

/// The banner (Models/banner.scm): every customer's banner adds $5; engagement
/// confounds, so the naive contrast is biased upwards and adjusting recovers 5.
@Suite struct BannerWalkthroughTests {
    @Test func adjustingForEngagementRecoversTheFiveDollars() throws {
        let run = try NotebookRun("BannerWalkthrough", figures: 1)
        #expect(run.truth("ate") == 5)
        run.expectBiased("naive", +1, from: 5)
        for key in ["regression", "ipw", "aipw"] { run.expectRecovers(key, 5) }
    }

    @Test func aMistakenArgumentIsOneLineAndExitStatusTwo() throws {
        let process = Process()
        process.executableURL = NotebookRun.executable("BannerWalkthrough")
        process.arguments = ["--rows", "5"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message == "BannerWalkthrough: error: unknown argument '--rows' (expected --quick, --output DIR or --help)\n")
    }
}
