import ArgumentParser
import Foundation
import WhatIf

/// `whatif fit`: the posterior of a model's parameters given data, written as a model file.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Estimate a model's parameters from data; write the fitted model (posterior means) and posterior draws.",
        discussion: """
            MODEL declares its unknowns with 'param b' (flat prior) or 'param b ~ Normal(0, 10)', \
            and reads them in mechanisms linear in them with one added Normal noise term, whose sd \
            may be a parameter too: 'y = a + b * x + Normal(0, s)', or in logistic and Poisson \
            mechanisms: 'y ~ Bernoulli(logistic(a + b * x))', 'y ~ Poisson(exp(a + b * x))'; \
            'y = auto(x, z)' takes its family from the data. DATA.csv has a column per \
            variable. The posterior is exact where conjugate (flat priors, or a known noise sd; \
            tables) and sampled by MCMC otherwise (R-hat reported). The fitted model file carries the posterior \
            means; --draws K also writes K models drawn from the posterior into a folder.
            """)

    @Argument(help: "A model file with 'param' declarations (or a catalog name).")
    var model: String

    @Argument(help: ArgumentHelp("The data: a CSV file with a column per variable.", valueName: "DATA.csv"))
    var data: String

    @Option(help: ArgumentHelp("Write the fitted model (parameters at their posterior means) to this file.", valueName: "FITTED.scm"))
    var output: String

    @Option(help: ArgumentHelp("Write the posterior summaries and fit diagnostics as JSON to this file (- for standard output).",
                               valueName: "FILE"))
    var json: String?

    @Option(help: "Also write this many models drawn from the posterior, one file per draw, into --draws-folder.")
    var draws: Int?

    @Option(help: ArgumentHelp("The folder for the posterior draws (default: FITTED without .scm, then '-draws').", valueName: "FOLDER"))
    var drawsFolder: String?

    @Option(help: ArgumentHelp("Draws kept per chain where a posterior is sampled (4 chains, after N/4 warm-up iterations each).",
                               valueName: "N"))
    var mcmcDraws = MCMCSettings.standard.kept

    @Option(parsing: .unconditional, help: "The random seed: the same seed gives the same output.")
    var seed = RandomStream.defaultSeed

    func validate() throws {
        if let draws, draws < 1 { throw ValidationError("--draws must be at least 1 (got \(draws))") }
        if mcmcDraws < 4 { throw ValidationError("--mcmc-draws must be at least 4 (got \(mcmcDraws))") }
        if drawsFolder != nil && draws == nil { throw ValidationError("--draws-folder needs --draws K") }
        guard output != "-" else { throw ValidationError("--output must be a file (the table goes to standard output)") }
        try requireDistinctOutputs([("--output", output), ("--json", json)])
    }

    /// The folder the draws go to.
    private var folder: String {
        drawsFolder ?? (output.hasSuffix(".scm") ? String(output.dropLast(4)) : output) + "-draws"
    }

    /// The file of the fit's tree ensembles (`text`, rendered once for all the files) beside
    /// the model file at `path`; none without trees.
    private func treeSidecar(_ text: String?, beside path: String) throws -> [OutputFile] {
        guard let text else { return [] }
        let file = try OutputFile(path: TreeSidecar.path(forModelFile: path))
        try file.write(text)
        return [file]
    }

    func run() throws {
        try reportingErrors {
            let entry = try ModelCatalog.entry(for: model)
            let skeleton = try entry.parametricModel()
            guard !skeleton.parameters.isEmpty || !skeleton.automaticVariables.isEmpty else {
                throw ValidationError("\(entry.file) declares no parameter: add 'param NAME' lines for the numbers to estimate")
            }
            // Every .scm file of the folder is read as a draw: old draws left there would mix two fits.
            if draws != nil, let existing = try? FileManager.default.contentsOfDirectory(atPath: folder), !existing.isEmpty {
                throw ValidationError("--draws: the folder '\(folder)' already holds files, which would be read as draws of "
                                      + "this fit: remove it, or name another with --draws-folder")
            }
            let table = try CSVReader.read(path: data)
            let fit = try ModelFit(model: skeleton, data: table, seed: seed, sampling: MCMCSettings(kept: mcmcDraws))
            let header = "# fitted by whatif fit from \(entry.file) and \(data) (\(table.rowCount) rows): posterior means\n"
            var files = [try OutputFile(path: output)]
            try files[0].write(header + fit.posteriorMeanModel().description)
            let ensembles = fit.treeEnsembles
            let trees = ensembles.isEmpty ? nil : TreeSidecar.text(ensembles)
            files += try treeSidecar(trees, beside: output)
            if let jsonPath = json {
                let file = try OutputFile(path: jsonPath)
                try file.write(fit.json.rendered() + "\n")
                files.append(file)
            }
            let createdFolder = draws != nil && !FileManager.default.fileExists(atPath: folder)
            do {
                if let draws {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    let width = String(draws).count
                    // One draw at a time, each file closed once written: any number of draws
                    // fits in memory and in the descriptors the process may hold.
                    for k in 0..<draws {
                        let drawn = try fit.posteriorDraw(number: k, seed: seed)
                        let number = String(repeating: "0", count: width - String(k + 1).count) + String(k + 1)
                        let file = try OutputFile(path: "\(folder)/draw-\(number).scm")
                        try file.write("# posterior draw \(k + 1) of \(draws) (whatif fit --seed \(seed))\n" + drawn.description)
                        let sidecars = try treeSidecar(trees, beside: file.path)
                        for written in [file] + sidecars { try written.finishWriting() }
                        files += [file] + sidecars
                    }
                }
                // The table on standard output is committed with the files: when it cannot be
                // written (a closed or full stream), no file is put in place either.
                if json != "-" {
                    let table = try OutputFile(path: "-")
                    try table.write(fit.text() + "Fitted model written to \(output)\n")
                    files.insert(table, at: 0)
                }
                for warning in fit.warnings { printWarning(warning) }
                try OutputFile.commit(files)
            } catch {
                // Nothing half-written: a folder made for the draws goes when they cannot all be written.
                if createdFolder { try? FileManager.default.removeItem(atPath: folder) }
                throw error
            }
        }
    }
}
