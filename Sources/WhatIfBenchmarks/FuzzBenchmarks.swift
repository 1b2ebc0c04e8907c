import Fuzzing
import Foundation

/// Long fuzz campaigns: 10⁶ inputs per target (10⁵ with --quick), with the
/// throughput and the outcome counts. A crash ends the process, so a finished
/// table means none was found; unclear refusals are printed with their input.
struct FuzzBenchmarks: BenchmarkSuite {
    let name = "fuzz"

    func run(quick: Bool) throws {
        let count = quick ? 100_000 : 1_000_000
        print("target        inputs    accepted   refused  unclear  inputs/s")
        for target in FuzzTarget.all {
            let start = Date()
            let campaign = FuzzCampaign.run(target, inputs: count, seed: 1)
            let seconds = Date().timeIntervalSince(start)
            print(String(format: "%-12@ %8d %10d %9d %8d %9.0f", target.name as NSString, campaign.inputs,
                         campaign.accepted, campaign.refused, campaign.unclear.count, Double(campaign.inputs) / seconds))
            for found in campaign.unclear {
                print("  unclear: \(found.reason) — \(String(decoding: found.input.prefix(120), as: UTF8.self).debugDescription)")
            }
        }
    }
}
