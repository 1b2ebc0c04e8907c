/// A model option out of its range, named as on the command line ("ar", "trig", "seasons").
public struct ModelOptionProblem: Sendable, Equatable {
    /// The option's name.
    public let option: String
    /// The value as given.
    public let value: String
    /// What the value must satisfy.
    public let requirement: String
}

extension ModelOptions {
    /// The first of the added components' options that no data could make valid, or nil:
    /// an AR order below 0; a trigonometric period below 2 or not finite, or harmonics
    /// outside 1…period/2 (harmonic j = period/2 is the fastest cycle the steps can show);
    /// an additional seasonal with fewer than 1 season or a duration below 1.
    public var componentProblem: ModelOptionProblem? {
        if autoregressiveOrder < 0 {
            return ModelOptionProblem(option: "ar", value: "\(autoregressiveOrder)",
                                      requirement: "must be at least 0 (0 = no AR term)")
        }
        for trig in trigonometric {
            let value = "\(TrigonometricSeasonal.label(trig.period)):\(trig.harmonics)"
            guard trig.period.isFinite, trig.period >= 2 else {
                return ModelOptionProblem(option: "trig", value: value, requirement: "the period must be at least 2")
            }
            guard trig.harmonics >= 1 else {
                return ModelOptionProblem(option: "trig", value: value, requirement: "the harmonics must be at least 1")
            }
            guard Double(trig.harmonics) <= trig.period / 2 else {
                return ModelOptionProblem(
                    option: "trig", value: value,
                    requirement: "at most period/2 = \(Self.half(trig.period)) harmonics are possible with period "
                        + "\(TrigonometricSeasonal.label(trig.period))")
            }
        }
        for extra in additionalSeasons {
            guard extra.seasons >= 1 else {
                return ModelOptionProblem(option: "seasons", value: "\(extra.seasons)", requirement: "must be at least 1")
            }
            guard extra.duration >= 1 else {
                return ModelOptionProblem(option: "season-duration", value: "\(extra.duration)",
                                          requirement: "must be at least 1")
            }
        }
        for event in events {
            guard event.daysBefore >= 0, event.daysAfter >= 0 else {
                return ModelOptionProblem(option: "events", value: event.name,
                                          requirement: "the days before and after must not be negative")
            }
            guard !event.rows.isEmpty else {
                return ModelOptionProblem(option: "events", value: event.name, requirement: "has no occurrence")
            }
        }
        return nil
    }

    private static func half(_ period: Double) -> String {
        let h = period / 2
        return h == h.rounded() ? String(Int(h)) : "\(h)"
    }
}
