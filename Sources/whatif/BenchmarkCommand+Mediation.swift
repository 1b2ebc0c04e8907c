import ArgumentParser
import WhatIf

extension BenchmarkCommand {
    /// `--mediation T:M:Y`: the mediation estimators against the model's natural direct and indirect effects.
    func runMediation() throws {
        guard treatment == nil, outcome == nil, plot == nil else {
            throw ValidationError("--mediation T:M:Y names the treatment and outcome itself; it takes no --treatment, --outcome or --plot")
        }
        guard let mediation else { return }
        let (t, m, y) = try MediationOptions.roles(mediation)
        if PosteriorDraws.isFolder(model) { return try runMediationOverDraws(try PosteriorDraws(folder: model), roles: (t, m, y)) }
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

    /// `--mediation T:M:Y` over a folder of posterior draws: replications split across the draws.
    private func runMediationOverDraws(_ draws: PosteriorDraws, roles: (String, String, String)) throws {
        let progress = ProgressLine("draws")
        let jsonFile = try json.map { try OutputFile(path: $0) }
        let report = try namingOptions {
            try PosteriorMediationBenchmark(models: draws.models, treatment: roles.0, mediator: roles.1, outcome: roles.2,
                                            options: options()).run(progress: { progress.update($0, $1) })
        }
        progress.finish()
        try jsonFile?.write(report.jsonText(model: draws.folder))
        try OutputFile.commit([jsonFile])
        if tableOutput != nil { try printOut(report.text(title: draws.folder)) }
    }
}
