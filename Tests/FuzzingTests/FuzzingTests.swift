import Testing
import Fuzzing
import CausalModel
import Tabular

/// Short fuzz campaigns on every reader of untrusted text (the long ones run in
/// `WhatIfBenchmarks fuzz`): a crash fails the whole run, an unclear refusal
/// fails the test with the input that caused it. Inputs found by earlier
/// campaigns are kept below as regression tests.
@Suite struct FuzzingTests {
    @Test(arguments: FuzzTarget.all.map(\.name))
    func aShortCampaignFindsNoUnclearRefusal(_ name: String) throws {
        let target = try #require(FuzzTarget.all.first { $0.name == name })
        #expect(!target.corpus.isEmpty, "the \(name) target has no seed corpus")
        let campaign = FuzzCampaign.run(target, inputs: 1500, seed: 20_261_206)
        #expect(campaign.inputs == 1500)
        // The mutations reach both outcomes, or the campaign tests little.
        #expect(campaign.accepted > 0 && campaign.refused > 0, "\(campaign.accepted) accepted, \(campaign.refused) refused")
        for found in campaign.unclear {
            Issue.record("\(found.reason) — input: \(String(decoding: found.input.prefix(200), as: UTF8.self).debugDescription)")
        }
    }

    @Test func theMutatorIsReproducible() {
        var a = InputMutator(seed: 7), b = InputMutator(seed: 7), c = InputMutator(seed: 8)
        let corpus = [Array("x = Normal(0, 1)\n".utf8)]
        let first = (0..<50).map { _ in a.next(from: corpus) }
        #expect(first == (0..<50).map { _ in b.next(from: corpus) })
        #expect(first != (0..<50).map { _ in c.next(from: corpus) })
    }

    // MARK: - Findings kept as regression tests

    /// A NUL byte inside a number is not a number: it must not be read as the digits before it.
    @Test func aNulInsideANumberIsRefused() {
        #expect(CSVReader.number("10\u{0}5.29") == nil)
        #expect(CSVReader.number("10") == 10)
    }

    /// A parse error after a CRLF line break is placed on the line the lexer counts
    /// (the first long campaign's ten "unclear" findings were the harness counting
    /// Swift Characters, in which "\r\n" is one, instead of line feeds).
    @Test func crlfLinesArePlacedLikeLineFeeds() {
        let outcome = FuzzTarget.modelFile.run(Array("# a comment\r\nre".utf8))
        #expect(outcome == .refused)
    }

    /// Deep nesting from repeated stretches is a located error (issue 15: `abs(` 10,000 deep).
    @Test func repeatedOpeningsAreALocatedError() throws {
        let text = "y = 1\nx = " + String(repeating: "abs(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        do {
            _ = try ModelFileParser(file: "f.scm").parse(text)
            Issue.record("10,000 nested calls were accepted")
        } catch let error as ModelError {
            // The call that goes past the limit: line 2, after "x = " and 200 "abs(".
            #expect(error.location == SourceLocation(file: "f.scm", line: 2, column: 5 + 4 * ModelFileParser.maximumNestingDepth))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
