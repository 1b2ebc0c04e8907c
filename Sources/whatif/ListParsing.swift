import ArgumentParser

/// The comma-separated items of `text` (an option's value), trimmed; `option` names it in errors.
func parseNames(_ text: String, _ option: String) throws -> [String] {
    let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    guard !items.contains(where: \.isEmpty) else { throw ValidationError("\(option): empty name in '\(text)'") }
    return items
}

/// The comma-separated numbers of `text`; `option` names it in errors.
func parseNumbers(_ text: String, _ option: String) throws -> [Double] {
    try parseNames(text, option).map { item in
        guard let x = Double(item), x.isFinite else { throw ValidationError("\(option): '\(item)' is not a number") }
        return x
    }
}

/// The comma-separated whole numbers of `text`; `option` names it in errors.
func parseCounts(_ text: String, _ option: String) throws -> [Int] {
    try parseNames(text, option).map { item in
        guard let n = Int(item.replacingOccurrences(of: "_", with: "")) else {
            throw ValidationError("\(option): '\(item)' is not a whole number")
        }
        return n
    }
}
