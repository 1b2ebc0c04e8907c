@testable import BSTS
import Probability

/// One `drawParameters` call of `component` on `path` (a component's states `stride`
/// apart, `length` times), with the arrays lent as pointers for the call's duration.
func drawParameters(of component: some StateComponent, path: [Double], stride: Int, length: Int,
                    variances: inout [Double], parameters: inout [Double], sums: inout [Double], counts: inout [Int],
                    stream: RandomStream) {
    path.withUnsafeBufferPointer { states in
        variances.withUnsafeMutableBufferPointer { v in
            parameters.withUnsafeMutableBufferPointer { phi in
                sums.withUnsafeMutableBufferPointer { s in
                    counts.withUnsafeMutableBufferPointer { c in
                        component.drawParameters(ComponentDraw(states: states.baseAddress!, stride: stride, length: length,
                                                               variances: v.baseAddress!, parameters: phi.baseAddress!,
                                                               stream: stream, sums: s.baseAddress!, counts: c.baseAddress!))
                    }
                }
            }
        }
    }
}
