/// A state-space model or data set that does not fit together.
public enum StateSpaceError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Matrix or vector shapes that disagree; the message names the piece.
    case shape(String)
    /// A variance or covariance that is negative, not finite, or not positive semi-definite.
    case invalidVariance(String)
    /// An observation series whose length differs from the model's.
    case lengthMismatch(expected: Int, actual: Int)

    /// The value in words, for one line of output.
    public var description: String {
        switch self {
        case .shape(let what): return "state-space model: \(what)"
        case .invalidVariance(let what): return "state-space model: \(what)"
        case .lengthMismatch(let expected, let actual):
            return "state-space model: \(actual) observations for a model of length \(expected)"
        }
    }
}
