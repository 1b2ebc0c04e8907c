import CausalGraph
import Testing
@testable import CausalModel

/// The twin network's nodes and arrows, worked out by hand for the banner model.
@Suite struct TwinNetworkTests {
    static let model = """
        engagement = Normal(50, 15)
        banner     ~ Bernoulli(logistic(0.05 * (engagement - 50)))
        spend      = 20 + 0.3 * engagement + 5 * banner + Normal(0, 10)
        """

    static func arrows(_ graph: DirectedGraph) -> Set<String> {
        Set(graph.edges.map { "\(graph.names[$0.from]) -> \(graph.names[$0.to])" })
    }

    @Test func mergedTwinNetwork() throws {
        let model = try ModelFileParser().parse(Self.model)
        let twin = try model.twinNetwork(doing: [.set("banner", to: 1)])
        #expect(twin.graph.names == ["engagement", "banner", "spend", "banner*", "spend*", "U_engagement", "U_banner", "U_spend"])
        #expect(Self.arrows(twin.graph) == [
            "engagement -> banner", "engagement -> spend", "banner -> spend",
            "engagement -> spend*", "banner* -> spend*",
            "U_engagement -> engagement", "U_banner -> banner", "U_spend -> spend", "U_spend -> spend*",
        ])
        #expect(twin.graph.latentNodes == Set([5, 6, 7]))
        #expect(twin.counterfactualNode == ["engagement": "engagement", "banner": "banner*", "spend": "spend*"])
        let dot = try twin.dot(outcome: "spend", title: "spend under do(banner = 1)")
        #expect(dot.contains("label=\"banner* = 1\""))
        #expect(dot.contains("spend under do(banner = 1)"))
        // The counterfactual outcome is d-separated from the factual treatment given the
        // shared parent: no back door through the noise of banner, which do() cut.
        #expect(try twin.graph.isDSeparated(["spend*"], ["banner"], given: ["engagement"]))
        #expect(try !twin.graph.isDSeparated(["spend*"], ["spend"], given: ["engagement"]))
    }

    @Test func unmergedTwinNetworkCopiesEveryVariable() throws {
        let model = try ModelFileParser().parse(Self.model)
        let twin = try model.twinNetwork(doing: [.set("engagement", to: 60)], mergingSharedVariables: false)
        #expect(twin.graph.nodeCount == 9)
        #expect(Self.arrows(twin.graph).isSuperset(of: [
            "engagement* -> banner*", "engagement* -> spend*", "banner* -> spend*", "U_banner -> banner*", "U_spend -> spend*",
        ]))
        #expect(!Self.arrows(twin.graph).contains("U_engagement -> engagement*"))
        #expect(twin.interventions == ["engagement*": "60"])
    }
}
