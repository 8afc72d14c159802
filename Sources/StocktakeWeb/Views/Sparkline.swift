import Foundation
import StocktakeCore

/// A small line of one figure over the years, drawn on the server as inline SVG for a table row: stored figures
/// as filled points, a year-before figure derived from a stated change as a hollow one. Its title lists every
/// point in the reader's format, so the line is never the only way to read it.
struct Sparkline {
    struct Point {
        let period: Period
        let value: Decimal
        let text: String
        let derived: Bool
    }

    let title: String
    let points: [Point]

    static let width = 96.0
    static let height = 24.0

    /// Empty when fewer than two points: one point is no trend.
    var svg: String {
        let points = points.sorted { $0.period < $1.period }
        guard points.count >= 2, let low = points.map(\.value).min(), let high = points.map(\.value).max() else { return "" }
        let pad = 3.0
        let span = (high - low).plotted
        func x(_ index: Int) -> Double { pad + Double(index) * (Self.width - 2 * pad) / Double(points.count - 1) }
        func y(_ value: Decimal) -> Double { span == 0 ? Self.height / 2 : Self.height - pad - (value - low).plotted / span * (Self.height - 2 * pad) }
        let label = title + ": " + points.map { "\($0.period) \($0.text)" }.joined(separator: "; ")
        // The <title> names the image (and shows on hover); no aria-label repeats it, since a page has a line a row.
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sparkline\" role=\"img\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" width=\"\(Int(Self.width))\" height=\"\(Int(Self.height))\">"
        out += "<title>\(Escape.html(label))</title>"
        out += "<polyline points=\"\(points.enumerated().map { "\(SVG.coordinate(x($0.offset))),\(SVG.coordinate(y($0.element.value)))" }.joined(separator: " "))\"/>"
        for (index, point) in points.enumerated() {
            out += "<circle\(point.derived ? " class=\"derived\"" : "") cx=\"\(SVG.coordinate(x(index)))\" cy=\"\(SVG.coordinate(y(point.value)))\" r=\"2.5\"/>"
        }
        return out + "</svg>"
    }

}
