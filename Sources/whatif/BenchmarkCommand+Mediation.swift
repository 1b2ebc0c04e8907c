import ArgumentParser
import WhatIf

extension BenchmarkCommand {
    /// `--mediation T:M:Y`: the mediation estimators against the model's natural direct and indirect effects.
    func runMediation() throws {
        guard treatment == nil, outcome == nil, plot == nil else {
            throw ValidationError("--mediation T:M:Y names the treatment and outcome itself; it takes no --treatment, --outcome or --plot")
        }
        guard let mediation else { return }
        guard !PosteriorDraws.isFolder(model) else {
            throw ValidationError("--mediation takes one model file, not a folder of posterior draws")
        }
        let (t, m, y) = try MediationOptions.roles(mediation)
        let (entry, scm) = try loadModel(model)
        let progress = ProgressLine("replications")
        let jsonFile = try json.map { try OutputFile(path: $0) }
        let report = try namingOptions {
            try MediationBenchmark(model: scm, treatment: t, mediator: m, outcome: y,
                                   options: options(progress: { progress.update($0, $1) })).run()
        }
        progress.finish()
        try jsonFile?.write(report.jsonText(model: entry.name))
        try OutputFile.commit([jsonFile])
        if tableOutput != nil { try printOut(report.text(title: entry.name)) }
    }
}
