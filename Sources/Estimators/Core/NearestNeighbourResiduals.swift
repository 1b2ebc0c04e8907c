/// Nearest-neighbour residuals for variance estimation (Abadie & Imbens 2006, §4;
/// Calonico, Cattaneo & Titiunik 2014, the `vce = "nn"` option of rdrobust).
///
/// The rows are sorted by a scalar x. For each row i take its neighbours: every other
/// row with the same x, then the nearest rows on either side (a whole run of equal x
/// at once; both sides when equally far) until there are at least `matches` of them;
/// J is the number taken. The residual is
///
///     rᵢ = √(J/(J + 1))·(yᵢ − mean of yⱼ over the neighbours),
///
/// so that E[rᵢ²] ≈ σ²(xᵢ), the conditional variance of y at xᵢ.
///
/// - Parameters:
///   - x: the scalar, sorted ascending.
///   - outcomes: one or more outcome columns sharing the neighbours (a fuzzy design needs y and T).
///   - matches: the minimum number of neighbours (rdrobust's default is 3).
/// - Returns: the residuals, one column per outcome column.
/// - Complexity: O(n·(matches + ties)).
func nearestNeighbourResiduals(x: ArraySlice<Double>, outcomes: [ArraySlice<Double>], matches: Int) -> [[Double]] {
    let n = x.count
    var residuals = [[Double]](repeating: [Double](repeating: 0, count: n), count: outcomes.count)
    guard n >= 2 else { return residuals }
    let xs = Array(x)
    let ys = outcomes.map { Array($0) }
    // Runs of equal x: run length and the 1-based place of each row in its run.
    var runLength = [Int](repeating: 1, count: n)
    var placeInRun = [Int](repeating: 1, count: n)
    var start = 0
    while start < n {
        var end = start + 1
        while end < n && xs[end] == xs[start] { end += 1 }
        for i in start..<end {
            runLength[i] = end - start
            placeInRun[i] = i - start + 1
        }
        start = end
    }
    let tieTolerance = Double.ulpOfOne.squareRoot()
    let wanted = min(matches, n - 1)
    for i in 0..<n {
        var right = runLength[i] - placeInRun[i]
        var left = placeInRun[i] - 1
        while left + right < wanted {
            if i - left - 1 < 0 {
                right += runLength[i + right + 1]
            } else if i + right + 1 >= n {
                left += runLength[i - left - 1]
            } else {
                let toLeft = xs[i] - xs[i - left - 1]
                let toRight = xs[i + right + 1] - xs[i]
                let tolerance = max(toLeft, toRight) * tieTolerance
                if toLeft - toRight > tolerance {
                    right += runLength[i + right + 1]
                } else if toRight - toLeft > tolerance {
                    left += runLength[i - left - 1]
                } else {
                    right += runLength[i + right + 1]
                    left += runLength[i - left - 1]
                }
            }
        }
        let j = Double(left + right)
        let factor = (j / (j + 1)).squareRoot()
        for c in ys.indices {
            var sum = 0.0
            for k in (i - left)...(i + right) where k != i { sum += ys[c][k] }
            residuals[c][i] = factor * (ys[c][i] - sum / j)
        }
    }
    return residuals
}
