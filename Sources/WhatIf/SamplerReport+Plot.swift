import CausalImpact
import Plotting
import Reporting

extension SamplerReport {
    /// The covariates' posterior inclusion probabilities as a dot chart on [0, 1], each
    /// row noting the mean coefficient (modelling scale, excluded draws counting 0).
    public func covariateChart() -> IntervalChart {
        let rows = covariateNames.indices.map { j in
            IntervalChart.Row(label: covariateNames[j], estimate: inclusionProbabilities[j], lower: 0,
                              upper: inclusionProbabilities[j],
                              note: "coef. \(NumberFormatting.significant(coefficientMeans[j], digits: 3))")
        }
        return IntervalChart(title: "Posterior inclusion probability of each covariate", axisLabel: "inclusion probability",
                             rows: rows, legend: ("inclusion probability", "0 to it", "", ""),
                             missingText: "not in the regression")
    }
}
