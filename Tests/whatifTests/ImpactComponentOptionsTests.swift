import Foundation
import Testing

/// `whatif impact` with the added components: they run, and each bad value is one
/// line on stderr naming its option, with nothing written.
@Suite struct ImpactComponentOptionsTests {
    static let daily = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/examples/daily-sales.csv").path
    static let periods = ["--pre", "2024-01-01:2024-03-31", "--post", "2024-04-01:2024-04-30", "--niter", "100"]

    static func run(_ options: String...) throws -> (status: Int32, stdout: String, stderr: String) {
        let run = try WhatIf(["impact", daily] + periods + options)
        return (run.status, run.stdout, run.stderr)
    }

    @Test func everyComponentRunsTogether() throws {
        let events = CommandLineTests.temporaryPath("events.csv")
        defer { try? FileManager.default.removeItem(atPath: events) }
        try "event,date,before,after\nEaster,2024-03-31,2,1\nSale,2024-02-10,0,0\nSale,2024-04-20,0,0\n"
            .write(toFile: events, atomically: true, encoding: .utf8)
        let run = try Self.run("--trend", "semilocal", "--ar", "2", "--trig", "7:3", "--trig", "30.5:1",
                               "--seasons", "7", "--seasons", "4", "--season-duration", "1", "--season-duration", "7",
                               "--events", events, "--errors", "student")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Posterior inference for 'sales'"))
    }

    /// The refits of --placebo and --check-covariates carry the calendar onto their own rows.
    @Test func eventsWorkWithThePlaceboBacktestAndTheCovariateCheck() throws {
        let events = URL(fileURLWithPath: Self.daily).deletingLastPathComponent().appendingPathComponent("daily-sales-events.csv").path
        let run = try Self.run("--events", events, "--placebo", "3", "--threads", "2", "--check-covariates")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\nPlacebo backtest: 3 windows of 30 points inside the pre-period"), "\(run.stdout)")
        #expect(run.stdout.contains("\nvisits "), "\(run.stdout)")
    }

    @Test(arguments: [
        (["--trig", "7:4"], "whatif: error: --trig 7:4: at most period/2 = 3.5 harmonics"),
        (["--trig", "7"], "'--trig <PERIOD:HARMONICS>'"),
        (["--trig", "365.25:2"], "whatif: error: --trig 365.25: the period must be at most 91"),
        (["--ar", "46"], "whatif: error: --ar 46: must be at most 45"),
        (["--ar", "-1"], "whatif: error: --ar -1: must be at least 0"),
        (["--seasons", "7", "--seasons", "92"], "whatif: error: --seasons 92: must be at most 91"),
        (["--seasons", "7", "--season-duration", "1", "--season-duration", "7"], "--season-duration is given 2 times"),
        (["--errors", "laplace"], "The value 'laplace' is invalid for '--errors <errors>'"),
        (["--events", "/no/such/calendar.csv"], "whatif: error: --events /no/such/calendar.csv: cannot be read"),
    ])
    func badValuesNameTheirOption(options: [String], message: String) throws {
        let run = try WhatIf(["impact", Self.daily] + Self.periods + options)
        #expect(run.status != 0)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stderr.filter { $0 == "\n" }.count == 1 && run.stdout.isEmpty, "\(run.stderr)")
    }

    @Test func anEventOutsideTheDataIsRefused() throws {
        let events = CommandLineTests.temporaryPath("events.csv"), json = CommandLineTests.temporaryPath("out.json")
        defer { try? FileManager.default.removeItem(atPath: events) }
        try "event,date\nLaunch,2023-12-31\n".write(toFile: events, atomically: true, encoding: .utf8)
        let run = try Self.run("--events", events, "--json", json)
        #expect(run.status != 0)
        #expect(run.stderr == "whatif: error: --events 2023-12-31: event 'Launch' falls outside the data's time points "
            + "(2024-01-01 to 2024-04-30)\n")
        #expect(!FileManager.default.fileExists(atPath: json))
    }
}
