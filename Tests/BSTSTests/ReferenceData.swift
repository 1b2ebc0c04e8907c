import Foundation
import Tabular

/// A reference data set from Tests/BSTSTests/Reference (copied from
/// /work/shared/reference/bsts, see the README there), prepared for `BSTSModel.fit`.
struct ReferenceData {
    let name: String
    let table: Table
    let result: [String: Any]
    /// Last pre-period row (1-based).
    let preEnd: Int

    init(_ name: String) throws {
        guard let root = Bundle.module.url(forResource: "Reference", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        self.name = name
        table = try CSVReader.read(path: root.appendingPathComponent("\(name)/data.csv").path)
        result = try Self.json(root.appendingPathComponent("\(name)/result.json"))
        let meta = try Self.json(root.appendingPathComponent("\(name)/dataset_meta.json"))
        preEnd = (meta["pre_period"] as? [Int])?.last ?? 0
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    }

    /// R's number at a path of keys, e.g. ["model", "sigma_obs_mean"].
    func number(_ path: String...) -> Double {
        var node: Any? = result
        for key in path { node = (node as? [String: Any])?[key] }
        return node as? Double ?? .nan
    }

    /// Another JSON file of this data set, e.g. "niter5000/result.json".
    func document(_ file: String) throws -> [String: Any] {
        guard let root = Bundle.module.url(forResource: "Reference", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Self.json(root.appendingPathComponent("\(name)/\(file)"))
    }

    /// A number from another JSON file of this data set.
    func number(file: String, _ path: String...) throws -> Double {
        var node: Any? = try document(file)
        for key in path { node = (node as? [String: Any])?[key] }
        return node as? Double ?? .nan
    }

    /// R's coefficient means (intercept first) from a result file.
    func coefficientMeans(file: String = "result.json") throws -> [Double] {
        (try document(file)["regression"] as? [String: Any])?["coef_mean"] as? [Double] ?? []
    }

    /// R's inclusion probabilities (intercept first) from a result file.
    func inclusionProbabilities(file: String = "result.json") throws -> [Double] {
        (try document(file)["regression"] as? [String: Any])?["inclusion_prob"] as? [Double] ?? []
    }

    var covariateNames: [String] { table.names.filter { $0 != "t" && $0 != "y" } }

    /// CausalImpact's preparation (NOTES §1): each column shifted and scaled by its
    /// pre-period mean and sd (NaNs ignored; a zero sd only centres), and the
    /// post-period response set to NaN. Returns the scaling of y as well.
    func standardised() throws -> (response: [Double], covariates: [[Double]], mean: Double, sd: Double) {
        func moments(_ x: [Double]) -> (Double, Double) {
            let pre = x.prefix(preEnd).filter { !$0.isNaN }
            let mean = pre.reduce(0, +) / Double(pre.count)
            let sd = (pre.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(pre.count - 1)).squareRoot()
            return (mean, sd)
        }
        let y = try table.numbers("y")
        let (my, sy) = moments(y)
        let response = y.enumerated().map { $0.offset < preEnd ? ($0.element - my) / sy : .nan }
        let covariates = try covariateNames.map { name -> [Double] in
            let x = try table.numbers(name)
            let (mx, sx) = moments(x)
            return x.map { sx > 0 ? ($0 - mx) / sx : $0 - mx }
        }
        return (response, covariates, my, sy)
    }

    /// The raw data with the post-period response set to NaN (a user-built bsts model, NOTES §6).
    func raw() throws -> (response: [Double], covariates: [[Double]]) {
        let y = try table.numbers("y")
        return (y.enumerated().map { $0.offset < preEnd ? $0.element : .nan }, try covariateNames.map { try table.numbers($0) })
    }
}
