/// A named exogenous noise term: one variate per unit, drawn from its family's
/// base distribution (see `DistributionFamily`) and turned into a value by the
/// family's transform with `parameters`, evaluated in the row of the equation
/// that reads it.
///
/// A term written inline in an equation (`price = 2 * temperature + Normal(0, 5)`)
/// is named after its variable: `U_price`, then `U_price_2`, … for further terms
/// of the same equation. A term declared on its own line
/// (`noise U_shared ~ Normal(0, 1)`) may be read by several equations, which
/// makes it a hidden common cause of them; its parameters must be constants.
public struct NoiseTerm: Hashable, Sendable {
    /// The term's name, unique in its model.
    public let name: String
    /// Its distribution family.
    public let family: DistributionFamily
    /// The family's parameters, in the order of `family.parameterNames`
    /// (omitted trailing parameters filled with their defaults).
    public let parameters: [Expr]
    /// Whether the term was declared on its own line (and may be shared).
    public let isDeclared: Bool

    /// A noise term; missing trailing parameters take the family's defaults.
    public init(name: String, family: DistributionFamily, parameters: [Expr], isDeclared: Bool = false) {
        self.name = name
        self.family = family
        var all = parameters
        let defaults = family.trailingDefaults
        let missing = family.parameterNames.count - all.count
        if family != .categorical && missing > 0 && missing <= defaults.count {
            all += defaults.suffix(missing).map(Expr.constant)
        }
        self.parameters = all
        self.isDeclared = isDeclared
    }

    /// The name an inline term of `variable` gets: `U_variable`, then `U_variable_2`, ….
    public static func inlineName(for variable: String, index: Int) -> String {
        index == 0 ? "U_\(variable)" : "U_\(variable)_\(index + 1)"
    }
}
