/// "Did you mean …?" for a name that is not known: the known name closest to it by
/// edit distance (Levenshtein: insertions, deletions and substitutions), when it is
/// close enough to be a likely typo, at most a third of the name's length away.
public enum Suggestion {
    /// The candidate closest to `name`, if close enough to be a likely typo.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name)
        let scored = candidates.map { ($0, distance(target, Array($0))) }
            .filter { $0.1 <= max(1, target.count / 3) && $0.1 < target.count }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// " (did you mean 'x'?)" for the closest candidate, or "" when none is close.
    public static func hint(for name: String, among candidates: [String]) -> String {
        closest(to: name, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// The edit distance between `a` and `b`, one row of the table at a time.
    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + [Int](repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
