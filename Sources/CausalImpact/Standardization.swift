import Probability

/// The affine map between a column and its standardised form, z = (x − mean) / sd.
///
/// R CausalImpact (`standardize.data = TRUE`) fits the model to standardised
/// columns: mean and sample sd (n − 1 denominator) over the pre-period rows,
/// missing values ignored. A column whose sd is 0 (or undefined, with fewer than
/// two values) is only centred. Results go back with x = z · sd + mean.
public struct Standardization: Sendable, Equatable {
    /// The shift.
    public let mean: Double
    /// The scale (1 when the column is only centred, or not standardised at all).
    public let sd: Double

    /// The identity map (no standardisation), used with bsts' own priors.
    public static let identity = Standardization(mean: 0, sd: 1)

    /// A map with the given shift and scale.
    public init(mean: Double, sd: Double) {
        self.mean = mean
        self.sd = sd
    }

    /// The map that standardises `values` by their own mean and sample sd, NaNs ignored.
    /// The moments are computed on scaled values (`RunningMoments.meanAndStandardDeviation`),
    /// so columns of any finite magnitude, from 1e-300 to 1e300, standardise correctly.
    public init<C: Collection>(fitting values: C) where C.Element == Double {
        let moments = RunningMoments.meanAndStandardDeviation(of: values.filter { !$0.isNaN })
        let sd = moments.standardDeviation
        self.init(mean: moments.mean.isNaN ? 0 : moments.mean, sd: sd > 0 && sd.isFinite ? sd : 1)
    }

    /// (x − mean) / sd.
    @inlinable public func standardise(_ x: Double) -> Double { (x - mean) / sd }
    /// z · sd + mean.
    @inlinable public func restore(_ z: Double) -> Double { z * sd + mean }
}
