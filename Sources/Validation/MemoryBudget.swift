import Reporting
import Foundation

/// The memory a benchmark may plan for, and the check that a request stays within it.
///
/// The budget is half the physical memory, the share the sampler allows one sampled
/// table (`StructuralCausalModel.sample`). Each part of a benchmark that grows with an
/// option is checked before anything is allocated: the replications' samples (rows),
/// the truth's potential outcomes (truth units) and the kept results (replications ×
/// estimators). Products are overflow-checked, so absurd values give an error, not a trap.
enum MemoryBudget {
    /// Half the physical memory, in bytes.
    static var bytes: Int { Int(clamping: ProcessInfo.processInfo.physicalMemory / 2) }

    /// The bytes one estimator's result in one replication keeps until the summary: its
    /// `EstimatorRun` with the `EffectEstimate` and warnings, and the summary's copies.
    /// Measured at about 600 bytes (200,000 replications of two estimators grew the
    /// resident size by 215 MB); doubled for estimators with longer warning texts.
    static let bytesPerEstimatorRun = 1200

    /// Throws `BenchmarkError.invalidOption(option:detail:)` unless `count` items of
    /// `bytesEach` bytes fit in `budget`. The message says what needs the memory
    /// (`what`, e.g. "1000000000 replications of 4 estimators"), what it holds
    /// (`purpose`), and how many `unit`s fit.
    static func require(_ count: Int, bytesEach: Int, option: String, what: String, purpose: String, unit: String,
                        budget: Int = bytes) throws {
        let total = count.multipliedReportingOverflow(by: max(1, bytesEach))
        guard total.overflow || total.partialValue > budget else { return }
        let need = Double(count) * Double(max(1, bytesEach))
        throw BenchmarkError.invalidOption(
            option: option,
            detail: "\(what) need about \(format(bytes: need)) \(purpose), more than half of this machine's memory "
                + "(\(format(bytes: 2 * Double(budget)))); at most \(budget / max(1, bytesEach)) \(unit) fit")
    }

    /// A byte count in decimal units with three significant digits ("1.2 TB", "640 GB", "12.5 MB").
    static func format(bytes: Double) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
        var value = bytes, k = 0
        while value >= 1000, k < units.count - 1 {
            value /= 1000
            k += 1
        }
        return (k == 0 ? String(Int(value)) : NumberFormatting.significant(value, digits: 3)) + " " + units[k]
    }
}
