import ArgumentParser
import WhatIf

extension CounterfactualCommand {
    /// Answers the question once per posterior draw and prints each answer's posterior summary.
    func answerOverDraws(_ draws: PosteriorDraws) throws {
        if mediation.mediation != nil { return try mediation.answerOverDraws(draws, seed: runOptions.seed, json: json) }
        guard evidence == nil, twinNetwork == nil else {
            throw ValidationError("--evidence and --twin-network take one model file, not a folder of posterior draws")
        }
        let observed = try parseAssignments(observations, "--observe")
        let actions = try parseAssignments(interventions, "--do")
        guard let question = try question(observed: observed, actions: actions) else { return }
        let report = try PosteriorCounterfactualReport(reports: try draws.map(seed: runOptions.seed) { model, seed in
            var options = engineOptions
            options.seed = seed
            return try CounterfactualReport(model: model, question: question, options: options)
        })
        try printOut(json ? report.jsonText() : report.text())
        for warning in report.warnings { printWarning(warning) }
    }
}
