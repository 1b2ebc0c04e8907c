import CGSL

/// An error reported by a GSL routine, carrying GSL's status code and reason.
public struct GSLError: Error, CustomStringConvertible, Sendable, Equatable {
    /// GSL's status code (`GSL_EDOM`, `GSL_ESING`, …).
    public let status: Int32
    /// What was being attempted, in our words.
    public let operation: String

    /// GSL's own explanation of the status code.
    public var reason: String { String(cString: gsl_strerror(status)) }

    /// The value in words, for one line of output.
    public var description: String { "\(operation) failed: \(reason)" }
}

/// GSL's default handler aborts the process on any error; WhatIf turns every
/// failure into a thrown `GSLError` instead. The handler is switched off once,
/// before the first call that can fail.
enum GSLRuntime {
    private static let handlerSwitchedOff: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    /// Makes sure GSL will return status codes rather than abort.
    static func prepare() {
        precondition(handlerSwitchedOff)
    }

    /// Throws a `GSLError` unless `status` is `GSL_SUCCESS`.
    static func check(_ status: Int32, _ operation: @autoclosure () -> String) throws {
        if status != GSL_SUCCESS {
            throw GSLError(status: status, operation: operation())
        }
    }
}
