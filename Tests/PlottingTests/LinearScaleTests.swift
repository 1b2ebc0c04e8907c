import Testing
@testable import Plotting

@Suite struct LinearScaleTests {
    @Test func mapsTheDomainOntoTheRange() {
        let x = LinearScale(domain: 0...10, range: 100...200)
        #expect(x(0) == 100 && x(5) == 150 && x(10) == 200)
        let y = LinearScale(domain: 0...10, range: 100...200, flipped: true)
        #expect(y(0) == 200 && y(10) == 100)
    }

    @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(LinearScale.niceStep(100, count: 5) == 20)
        #expect(LinearScale.niceStep(100, count: 10) == 10)
        #expect(LinearScale.niceStep(3.2, count: 5) == 0.5)
        #expect(LinearScale.niceStep(0.07, count: 5) == 0.01)
        #expect(LinearScale.niceStep(3000, count: 4) == 1000)
    }

    @Test func ticksAreRoundValuesInsideTheDomain() {
        #expect(LinearScale(domain: -4.3...16.1, range: 0...1).ticks(count: 4) == [0, 5, 10, 15])
        #expect(LinearScale(domain: 96...123, range: 0...1).ticks(count: 5) == [100, 105, 110, 115, 120])
        #expect(LinearScale.labels([0, 0.5, 1]) == ["0.0", "0.5", "1.0"])
        #expect(LinearScale.labels([-20, 0, 20]) == ["-20", "0", "20"])
    }

    @Test func anEmptyDomainIsWidened() {
        let s = LinearScale(domain: 3...3, range: 0...100)
        #expect(s.domain == 2...4)
        #expect(s(3) == 50)
    }

    @Test func paddingIgnoresMissingValues() {
        let d = LinearScale.paddedDomain([.nan, 0, 10, .infinity], fraction: 0.1)
        #expect(d == -1...11)
        #expect(LinearScale.paddedDomain([.nan]) == 0...1)
    }
}
