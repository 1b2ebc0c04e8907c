import Foundation
import Reporting

/// How a line is drawn.
public struct Stroke: Sendable, Equatable {
    /// A CSS colour, e.g. `#1f3f8f` or `black`.
    public var color: String
    /// The width in pixels.
    public var width: Double
    /// Dash and gap lengths in pixels; empty for a solid line.
    public var dash: [Double]

    /// A stroke of the given colour, width and dash pattern.
    public init(color: String, width: Double = 1, dash: [Double] = []) {
        self.color = color
        self.width = width
        self.dash = dash
    }
}

/// How text is set.
public struct TextStyle: Sendable, Equatable {
    /// Where the anchor point sits on the text.
    public enum Anchor: String, Sendable { case start, middle, end }
    /// The font size in pixels.
    public var size: Double
    /// A CSS colour.
    public var color: String
    /// The horizontal anchor.
    public var anchor: Anchor
    /// Bold or regular.
    public var bold: Bool

    /// A text style.
    public init(size: Double = 12, color: String = "#333333", anchor: Anchor = .start, bold: Bool = false) {
        self.size = size
        self.color = color
        self.anchor = anchor
        self.bold = bold
    }
}

/// An SVG picture built element by element, in painting order (later on top).
///
/// Coordinates are pixels from the top-left corner. Numbers are written with
/// two decimals, which is finer than any screen or print needs.
///
///     var svg = SVGDocument(width: 200, height: 100)
///     svg.polyline([(10, 90), (100, 10), (190, 60)], stroke: Stroke(color: "black"))
///     let text = svg.text()
public struct SVGDocument: Sendable {
    /// The width in pixels.
    public let width: Double
    /// The height in pixels.
    public let height: Double
    private var body: [String] = []

    /// An empty picture of the given size with a white background.
    public init(width: Double, height: Double, background: String? = "white") {
        self.width = width
        self.height = height
        if let background {
            body.append("<rect x=\"0\" y=\"0\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" fill=\"\(background)\"/>")
        }
    }

    /// A straight line from (x1, y1) to (x2, y2).
    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: Stroke) {
        body.append("<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" "
            + "y2=\"\(Self.number(y2))\"\(Self.attributes(stroke))/>")
    }

    /// An open polyline through `points` (at least two).
    public mutating func polyline(_ points: [(Double, Double)], stroke: Stroke) {
        guard points.count >= 2 else { return }
        body.append("<polyline points=\"\(Self.pointList(points))\" fill=\"none\"\(Self.attributes(stroke)) "
            + "stroke-linejoin=\"round\" stroke-linecap=\"round\"/>")
    }

    /// A filled polygon through `points` (at least three).
    public mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double = 1) {
        guard points.count >= 3 else { return }
        body.append("<polygon points=\"\(Self.pointList(points))\" fill=\"\(fill)\"\(Self.opacity(opacity)) stroke=\"none\"/>")
    }

    /// A rectangle with top-left corner (x, y).
    public mutating func rectangle(x: Double, y: Double, width: Double, height: Double, fill: String?,
                                   stroke: Stroke? = nil) {
        let strokeText = stroke.map(Self.attributes) ?? ""
        body.append("<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" "
            + "height=\"\(Self.number(height))\" fill=\"\(fill ?? "none")\"\(strokeText)/>")
    }

    /// Text whose baseline passes through (x, y), anchored as `style` says.
    public mutating func text(_ string: String, x: Double, y: Double, style: TextStyle = TextStyle()) {
        body.append("<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(style.size))\" "
            + "fill=\"\(style.color)\" text-anchor=\"\(style.anchor.rawValue)\""
            + (style.bold ? " font-weight=\"bold\"" : "") + ">\(Self.escaped(string))</text>")
    }

    /// Starts a group clipped to the rectangle (x, y, width, height); close it with `endGroup()`.
    public mutating func beginClippedGroup(id: String, x: Double, y: Double, width: Double, height: Double) {
        body.append("<clipPath id=\"\(id)\"><rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" "
            + "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\"/></clipPath>")
        body.append("<g clip-path=\"url(#\(id))\">")
    }

    /// Ends the group begun last.
    public mutating func endGroup() { body.append("</g>") }

    /// The finished document.
    public func text() -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" "
            + "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
            + "font-family=\"Helvetica, Arial, sans-serif\">\n"
            + body.joined(separator: "\n") + "\n</svg>\n"
    }

    /// A coordinate with at most two decimals, trailing zeros dropped.
    static func number(_ x: Double) -> String {
        NumberFormatting.trimmed(x, decimals: 2)
    }

    /// Text with the characters that SVG (XML) reserves escaped.
    static func escaped(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    private static func pointList(_ points: [(Double, Double)]) -> String {
        points.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")
    }

    private static func attributes(_ stroke: Stroke) -> String {
        var text = " stroke=\"\(stroke.color)\" stroke-width=\"\(number(stroke.width))\""
        if !stroke.dash.isEmpty { text += " stroke-dasharray=\"\(stroke.dash.map(number).joined(separator: ","))\"" }
        return text
    }

    private static func opacity(_ value: Double) -> String {
        value < 1 ? " fill-opacity=\"\(number(value))\"" : ""
    }
}
