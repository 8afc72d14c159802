import Foundation
import StocktakeCore

/// The units below on one indicator as horizontal bars, drawn on the server as inline SVG: one bar a unit, in
/// the order given (best first), from a zero line, with each figure written at the bar's end and the measure
/// above. A roll-up (a unit without its own figure) is drawn lighter. Title and description say it in words.
struct UnitsBarChart {
    struct Bar {
        let label: String
        let value: Decimal
        let text: String
        let rollup: Bool
    }

    let id: String
    let title: String
    let measure: String
    let bars: [Bar]
    let rollupWord: String

    let width = 640.0
    let labelWidth = 190.0
    let valueWidth = 110.0
    let row = 24.0
    let top = 26.0

    var description: String {
        bars.map { "\($0.label): \($0.text)" + ($0.rollup ? " (\(rollupWord))" : "") }.joined(separator: "; ")
    }

    var svg: String {
        let titleID = "\(id)-title", descID = "\(id)-desc"
        guard !bars.isEmpty else { return "" }
        let low = min(0, bars.map(\.value).min() ?? 0), high = max(0, bars.map(\.value).max() ?? 0)
        let span = (high - low).plotted == 0 ? 1 : (high - low).plotted
        let area = width - labelWidth - valueWidth
        func x(_ value: Decimal) -> Double { labelWidth + (value - low).plotted / span * area }
        let height = top + Double(bars.count) * row + 8
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bars\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" aria-labelledby=\"\(titleID) \(descID)\">"
        out += "<title id=\"\(titleID)\">\(Escape.html(title))</title><desc id=\"\(descID)\">\(Escape.html(description))</desc>"
        out += "<text class=\"axis unit\" x=\"\(SVG.coordinate(labelWidth))\" y=\"16\">\(Escape.html(measure))</text>"
        let zero = x(0)
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * row
            let start = min(zero, x(bar.value)), end = max(zero, x(bar.value))
            // A long name is shortened on the bar's line; the title and the description keep it whole.
            let shown = bar.label.count > 30 ? String(bar.label.prefix(29)) + "…" : bar.label
            out += "<g><title>\(Escape.html(bar.label)): \(Escape.html(bar.text))\(bar.rollup ? " (\(Escape.html(rollupWord)))" : "")</title>"
            out += "<text class=\"axis\" x=\"\(SVG.coordinate(labelWidth - 8))\" y=\"\(SVG.coordinate(y + 15))\" text-anchor=\"end\">\(Escape.html(shown))</text>"
            out += "<rect class=\"bar\(bar.rollup ? " rollup" : "")\" x=\"\(SVG.coordinate(start))\" y=\"\(SVG.coordinate(y + 4))\" width=\"\(SVG.coordinate(max(end - start, 1)))\" height=\"\(SVG.coordinate(row - 8))\"/>"
            out += "<text class=\"value\" x=\"\(SVG.coordinate(end + 6))\" y=\"\(SVG.coordinate(y + 15))\">\(Escape.html(bar.text))</text></g>"
        }
        out += "<line class=\"axis-line\" x1=\"\(SVG.coordinate(zero))\" y1=\"\(SVG.coordinate(top))\" x2=\"\(SVG.coordinate(zero))\" y2=\"\(SVG.coordinate(height - 8))\"/>"
        return out + "</svg>"
    }

}
