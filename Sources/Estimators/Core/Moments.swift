import Probability

/// Per-arm moments of `y` split by a 0/1 treatment `t`: (controls, treated).
func armMoments(_ y: [Double], _ t: [Double]) -> (control: RunningMoments, treated: RunningMoments) {
    var control = RunningMoments(), treated = RunningMoments()
    for i in y.indices {
        if t[i] == 1 { treated.add(y[i]) } else { control.add(y[i]) }
    }
    return (control, treated)
}
