import Foundation
import Testing
import Tabular
@testable import CausalImpact

/// One reference data set of R CausalImpact (see Reference/README.md).
struct ReferenceCase {
    let name: String
    let table: Table
    /// `result.json` without its series.
    let result: [String: Any]
    /// `mc_spread_bsts_seed.json`: the same analysis under other MCMC seeds.
    let spread: [String: Any]

    /// The folder holding the files.
    let folder: URL

    init(_ name: String) throws {
        self.name = name
        let folder = try #require(Bundle.module.url(forResource: "Reference", withExtension: nil))
            .appendingPathComponent(name)
        self.folder = folder
        table = try CSVReader.read(path: folder.appendingPathComponent("data.csv").path)
        func json(_ file: String) throws -> [String: Any] {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        result = try json("result_summary.json")
        spread = try json("mc_spread_bsts_seed.json")
    }

    /// The reference summary block ("average" or "cumulative") as our type.
    func block(_ which: String) throws -> EffectSummary {
        let summary = try #require(result["summary"] as? [String: Any])
        let b = try #require(summary[which] as? [String: Double])
        func estimate(_ prefix: String) throws -> PosteriorEstimate {
            PosteriorEstimate(mean: try #require(b["\(prefix)_mean"]), sd: try #require(b["\(prefix)_sd"]),
                              lower: try #require(b["\(prefix)_lower"]), upper: try #require(b["\(prefix)_upper"]))
        }
        return EffectSummary(actual: try #require(b["actual"]), predicted: try estimate("pred"),
                             absoluteEffect: try estimate("abs_effect"), relativeEffect: try estimate("rel_effect"))
    }

    /// The reference summary as our type.
    func summary() throws -> ImpactSummary {
        let s = try #require(result["summary"] as? [String: Any])
        return ImpactSummary(average: try block("average"), cumulative: try block("cumulative"),
                             tailProbability: try #require(s["p"] as? Double), alpha: try #require(s["alpha"] as? Double))
    }

    /// The pre- and post-periods, in values of the data's time index `t`.
    var periods: (pre: ImpactPeriod, post: ImpactPeriod) {
        get throws {
            let pre = try #require(result["pre_period"] as? [Int]), post = try #require(result["post_period"] as? [Int])
            return (.times(Double(pre[0])...Double(pre[1])), .times(Double(post[0])...Double(post[1])))
        }
    }

    /// R's printed summary (`summary.txt`), line by line, trailing spaces removed.
    var printedSummary: [String] {
        get throws {
            let text = try String(contentsOf: folder.appendingPathComponent("summary.txt"), encoding: .utf8)
            return text.split(separator: "\n", omittingEmptySubsequences: false).map {
                var line = Substring($0)
                while line.last == " " { line.removeLast() }
                return String(line)
            }
        }
    }
}
