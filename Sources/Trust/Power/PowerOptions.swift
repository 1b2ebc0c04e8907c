import Foundation
import Probability

/// The grid and settings of a `PowerSimulation`, checked once by `validate()` (the command
/// line calls it before reading anything).
public struct PowerOptions: Sendable {
    /// The total sample sizes n (both arms), each at least 4.
    public var rows: [Int]
    /// The effects to simulate; nil: the model's own effect.
    public var effects: [Double]?
    /// Experiments per (n, E).
    public var replications: Int
    /// The test's level α.
    public var alpha: Double
    /// The power whose sample size is asked for, if any.
    public var targetPower: Double?
    /// The level of the rejection rates' binomial intervals.
    public var level: Double
    /// The seed of every draw.
    public var seed: UInt64
    /// The test; nil: t for a continuous outcome, proportions for a 0/1 one.
    public var test: SimulatedTest?
    /// Worker threads (results do not depend on them).
    public var threads: Int
    /// Units of the pilot sample giving σ₀, p₀ and a model's own effect.
    public var pilotUnits: Int
    /// Called with (tasks done, tasks) as chunks of experiments finish.
    public var progress: (@Sendable (Int, Int) -> Void)?

    /// Default settings: 1,000 replications, α = 0.05, 95% intervals, one thread per core,
    /// a pilot of 200,000 units.
    public init(rows: [Int], effects: [Double]? = nil, replications: Int = 1000, alpha: Double = 0.05,
                targetPower: Double? = nil, level: Double = 0.95, seed: UInt64 = RandomStream.defaultSeed,
                test: SimulatedTest? = nil, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                pilotUnits: Int = 200_000, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.rows = rows
        self.effects = effects
        self.replications = replications
        self.alpha = alpha
        self.targetPower = targetPower
        self.level = level
        self.seed = seed
        self.test = test
        self.threads = threads
        self.pilotUnits = pilotUnits
        self.progress = progress
    }

    /// Throws `PowerError` naming the setting at fault.
    public func validate() throws {
        guard alpha > 0, alpha < 1 else { throw PowerError.invalidAlpha(alpha) }
        if let targetPower, !(targetPower > 0 && targetPower < 1) { throw PowerError.invalidPower(targetPower) }
        guard level > 0, level < 1 else {
            throw PowerError.invalidOption(option: "level", detail: "must lie strictly between 0 and 1 (got \(level))")
        }
        guard !rows.isEmpty else { throw PowerError.invalidOption(option: "rows", detail: "give at least one sample size") }
        if let bad = rows.first(where: { $0 < 4 }) {
            throw PowerError.invalidOption(option: "rows", detail: "each sample size must be at least 4, two units an arm (got \(bad))")
        }
        if Set(rows).count != rows.count { throw PowerError.invalidOption(option: "rows", detail: "a sample size is repeated") }
        if let bad = rows.first(where: { $0 > 100_000_000 }) {
            throw PowerError.invalidOption(option: "rows", detail: "at most 100000000 units an experiment (got \(bad))")
        }
        guard replications >= 1, replications <= 10_000_000 else {
            throw PowerError.invalidOption(option: "replications", detail: "must be between 1 and 10000000 (got \(replications))")
        }
        if let effects {
            guard !effects.isEmpty else { throw PowerError.invalidOption(option: "effect", detail: "give at least one effect") }
            if Set(effects).count != effects.count { throw PowerError.invalidOption(option: "effect", detail: "an effect is repeated") }
        }
        guard pilotUnits >= 100 else { throw PowerError.invalidOption(option: "pilot units", detail: "at least 100 (got \(pilotUnits))") }
    }
}
