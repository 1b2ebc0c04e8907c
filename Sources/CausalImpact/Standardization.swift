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
    public init<C: Collection>(fitting values: C) where C.Element == Double {
        var count = 0.0, sum = 0.0
        for x in values where !x.isNaN {
            count += 1
            sum += x
        }
        let mean = count > 0 ? sum / count : 0
        var squares = 0.0
        for x in values where !x.isNaN { squares += (x - mean) * (x - mean) }
        let sd = count > 1 ? (squares / (count - 1)).squareRoot() : 0
        self.init(mean: mean, sd: sd > 0 && sd.isFinite ? sd : 1)
    }

    /// (x − mean) / sd.
    @inlinable public func standardise(_ x: Double) -> Double { (x - mean) / sd }
    /// z · sd + mean.
    @inlinable public func restore(_ z: Double) -> Double { z * sd + mean }
}
