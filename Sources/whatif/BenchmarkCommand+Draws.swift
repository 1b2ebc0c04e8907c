import ArgumentParser
import WhatIf

extension BenchmarkCommand {
    /// A benchmark over a folder of posterior draws: replications split across the draws.
    func runOverDraws(_ draws: PosteriorDraws) throws {
        guard let treatment, let outcome else {
            throw ValidationError("a folder of posterior draws needs --treatment and --outcome (draw files state no effect)")
        }
        guard plot == nil else { throw ValidationError("--plot takes one model file, not a folder of posterior draws") }
        let progress = ProgressLine("draws")
        let jsonFile = try json.map { try OutputFile(path: $0) }
        let report = try namingOptions {
            try PosteriorBenchmark(models: draws.models, treatment: treatment, outcome: outcome, options: options())
                .run(progress: { progress.update($0, $1) })
        }
        progress.finish()
        try jsonFile?.write(report.jsonText(model: draws.folder))
        try OutputFile.commit([jsonFile])
        if tableOutput != nil { try printOut(report.text(title: draws.folder)) }
    }
}
