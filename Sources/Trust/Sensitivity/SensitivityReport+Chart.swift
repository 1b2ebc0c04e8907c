import Plotting
import Reporting

extension SensitivityReport {
    /// The contour plot of sensemakr: the estimate adjusted for a confounder with partial R²
    /// R²_{D~Z|X} (x axis) and R²_{Y~Z|D,X} (y axis), as level curves, with the curve where it
    /// reaches 0 in red and the benchmark bounds marked.
    ///
    /// Each level L is drawn exactly, not from a grid: sign(τ̂)(|τ̂| − bias) = L holds on
    ///
    ///     R²_{Y~Z|D,X} = b²·(1 − R²_{D~Z|X}) / R²_{D~Z|X},   b = (|τ̂| − |L|·sign) / (se·√ν),
    ///
    /// for every level between 0 and τ̂ (and beyond 0, where the estimate changes sign).
    public func contourChart(levels count: Int = 7) -> ContourChart {
        let reach = max(0.3, min(1, 1.25 * (bounds.map { max($0.adjusted.treatmentR2, $0.adjusted.outcomeR2) }.max() ?? 0)),
                        min(1, 1.5 * robustnessValue))
        let domain = 0...reach
        let scale = ovb.standardError * ovb.degreesOfFreedom.squareRoot()
        let magnitude = abs(ovb.estimate)
        let sign: Double = ovb.estimate < 0 ? -1 : 1
        // Levels: round steps from the estimate towards 0 and a little beyond.
        let step = LinearScale.niceStep(magnitude, count: max(2, count - 1))
        let top = Int((magnitude / step).rounded(.up)) - 1
        let levels = stride(from: top, through: -2, by: -1).map { Double($0) * step }
        let xs = (1...400).map { Double($0) / 400 * reach }
        var curves: [ContourChart.Curve] = []
        for l in levels {
            let b = (magnitude - l) / scale
            // Points far above the plot are held at twice its height (the clip hides them).
            let points = xs.map { r2d in (x: r2d, y: min(2 * reach, b * b * (1 - r2d) / r2d)) }
            let isZero = l == 0
            curves.append(ContourChart.Curve(points: points, label: NumberFormatting.significant(sign * l, digits: 3),
                                             stroke: isZero ? Stroke(color: "#d62728", width: 2, dash: [6, 4])
                                                 : Stroke(color: "#555555", width: 1)))
        }
        var markers = [ContourChart.Marker(x: 0, y: 0, label: "unadjusted " + NumberFormatting.significant(ovb.estimate, digits: 3),
                                           color: "#1f3f8f")]
        for bound in bounds {
            let a = bound.adjusted
            markers.append(ContourChart.Marker(x: a.treatmentR2, y: a.outcomeR2,
                                               label: "\(NumberFormatting.general(bound.kd))× \(bound.benchmark): "
                                                   + NumberFormatting.significant(a.estimate, digits: 3)))
        }
        return ContourChart(title: "Estimate of \(treatment) on \(outcome) adjusted for an unobserved confounder Z",
                            xLabel: "partial R² of Z with the treatment \(treatment), R²(D~Z|X)",
                            yLabel: "partial R² of Z with the outcome \(outcome), R²(Y~Z|D,X)",
                            xDomain: domain, yDomain: domain, curves: curves, markers: markers)
    }

    /// The contour chart as SVG text.
    public func contourSVG() -> String { contourChart().svg() }
}
