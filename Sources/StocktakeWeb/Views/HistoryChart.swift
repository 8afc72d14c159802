import Foundation
import StocktakeCore

/// A line chart of one figure over the years, drawn on the server as inline SVG: the unit's own figures, the
/// roll-up of the units below where it has none, a year before derived from a stated change, and each year's
/// target as a dashed mark; a legend of what is drawn, the measure on the axis, the axis scaled to the figures
/// and the targets together. Its title and description say in words what the lines show. No script needed.
struct HistoryChart {
    enum Kind: String {
        case own, rollup, derived
    }

    struct Point {
        let label: String
        let value: Decimal
        let text: String
        let kind: Kind
    }

    struct TargetMark {
        let label: String
        let value: Decimal
        let text: String
    }

    /// The words of the legend and the description, in the reader's language.
    struct Words {
        let own: String
        let rollup: String
        let derived: String
        let target: String
    }

    let id: String
    let title: String
    let measure: String
    let points: [Point]
    let targets: [TargetMark]
    let words: Words
    let format: FigureFormatter

    let width = 640.0
    let height = 300.0
    let left = 72.0
    let right = 16.0
    let top = 48.0
    let bottom = 36.0

    /// What the chart shows, point by point, for a screen reader and for anyone who cannot see the lines.
    var description: String {
        let figures = points.sorted { $0.label < $1.label }.map { point in
            "\(point.label): \(point.text)" + (point.kind == .own ? "" : " (\(point.kind == .rollup ? words.rollup : words.derived))")
        }
        let marks = targets.sorted { $0.label < $1.label }.map { "\(words.target) \($0.label): \($0.text)" }
        return (figures + marks).joined(separator: "; ")
    }

    var svg: String {
        let labels = Array(Set(points.map(\.label) + targets.map(\.label))).sorted()
        let values = points.map(\.value) + targets.map(\.value)
        let titleID = "\(id)-title", descID = "\(id)-desc"
        let head = "<title id=\"\(titleID)\">\(escape(title))</title><desc id=\"\(descID)\">\(escape(description))</desc>"
        guard !labels.isEmpty, let low = values.min(), let high = values.max() else {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-labelledby=\"\(titleID)\" width=\"\(Int(width))\" height=\"60\">\(head)<text x=\"10\" y=\"30\">—</text></svg>"
        }
        let ticks = Self.ticks(low: low, high: high)
        let minimum = (ticks.first ?? low).plotted
        let maximum = (ticks.last ?? high).plotted
        let span = maximum - minimum == 0 ? 1 : maximum - minimum
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func x(_ label: String) -> Double {
            let index = Double(labels.firstIndex(of: label) ?? 0)
            return left + (labels.count == 1 ? plotWidth / 2 : index * plotWidth / Double(labels.count - 1))
        }
        func y(_ value: Decimal) -> Double { top + plotHeight - (value.plotted - minimum) / span * plotHeight }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" aria-labelledby=\"\(titleID) \(descID)\">"
        out += head
        out += legend(kinds: Set(points.map(\.kind)), target: !targets.isEmpty)
        // The measure above the axis, so that every number on it reads as an amount of something.
        out += "<text class=\"axis unit\" x=\"\(SVG.coordinate(left - 6))\" y=\"\(SVG.coordinate(top - 10))\" text-anchor=\"end\">\(escape(measure))</text>"
        for tick in ticks {
            let ty = y(tick)
            out += "<line class=\"grid\" x1=\"\(SVG.coordinate(left))\" y1=\"\(SVG.coordinate(ty))\" x2=\"\(SVG.coordinate(width - right))\" y2=\"\(SVG.coordinate(ty))\"/>"
            out += "<text class=\"axis\" x=\"\(SVG.coordinate(left - 6))\" y=\"\(SVG.coordinate(ty + 4))\" text-anchor=\"end\">\(escape(format.number(tick, decimals: tickDecimals(ticks))))</text>"
        }
        for label in labels {
            out += "<text class=\"axis\" x=\"\(SVG.coordinate(x(label)))\" y=\"\(SVG.coordinate(height - bottom + 18))\" text-anchor=\"middle\">\(escape(label))</text>"
        }
        out += "<line class=\"axis-line\" x1=\"\(SVG.coordinate(left))\" y1=\"\(SVG.coordinate(top + plotHeight))\" x2=\"\(SVG.coordinate(width - right))\" y2=\"\(SVG.coordinate(top + plotHeight))\"/>"
        for mark in targets {
            let mx = x(mark.label)
            out += "<line class=\"target\" x1=\"\(SVG.coordinate(mx - 18))\" y1=\"\(SVG.coordinate(y(mark.value)))\" x2=\"\(SVG.coordinate(mx + 18))\" y2=\"\(SVG.coordinate(y(mark.value)))\"><title>\(escape(words.target)) \(escape(mark.label)): \(escape(mark.text))</title></line>"
        }
        let line = points.sorted { $0.label < $1.label }
        if line.count > 1 {
            out += "<polyline class=\"series\" points=\"\(line.map { "\(SVG.coordinate(x($0.label))),\(SVG.coordinate(y($0.value)))" }.joined(separator: " "))\"/>"
        }
        for point in line {
            let kind = point.kind == .own ? "" : " (\(point.kind == .rollup ? words.rollup : words.derived))"
            out += "<circle class=\"point \(point.kind.rawValue)\" cx=\"\(SVG.coordinate(x(point.label)))\" cy=\"\(SVG.coordinate(y(point.value)))\" r=\"4\"><title>\(escape(point.label)): \(escape(point.text))\(escape(kind))</title></circle>"
            out += "<text class=\"value\" x=\"\(SVG.coordinate(x(point.label)))\" y=\"\(SVG.coordinate(y(point.value) - 9))\" text-anchor=\"middle\">\(escape(point.text))</text>"
        }
        return out + "</svg>"
    }

    /// One swatch and word for each kind of mark drawn, in a row above the plot.
    private func legend(kinds: Set<Kind>, target: Bool) -> String {
        var entries: [(swatch: String, word: String)] = []
        for kind in [Kind.own, .rollup, .derived] where kinds.contains(kind) {
            entries.append(("<circle class=\"point \(kind.rawValue)\" cx=\"6\" cy=\"-4\" r=\"4\"/>", kind == .own ? words.own : kind == .rollup ? words.rollup : words.derived))
        }
        if target { entries.append(("<line class=\"target\" x1=\"0\" y1=\"-4\" x2=\"14\" y2=\"-4\"/>", words.target)) }
        var out = "<g class=\"legend\">"
        var at = left
        for entry in entries {
            out += "<g transform=\"translate(\(SVG.coordinate(at)) 18)\">\(entry.swatch)<text class=\"axis\" x=\"20\" y=\"0\">\(escape(entry.word))</text></g>"
            // Text width is not known on the server; a generous width per character keeps entries apart.
            at += 34 + Double(entry.word.count) * 6.5
        }
        return out + "</g>"
    }

    private func tickDecimals(_ ticks: [Decimal]) -> Int {
        ticks.map { Decimal.decimalPlaces(in: $0.exactText) }.max() ?? 0
    }

    /// Five or six round ticks covering `low...high` (steps of 1, 2 or 5 times a power of ten).
    static func ticks(low: Decimal, high: Decimal) -> [Decimal] {
        var low = low
        var high = high
        // One value alone is drawn against zero, as a bar would be, not amid ticks a hair apart.
        if low == high { (low, high) = low > 0 ? (0, high) : low < 0 ? (low, 0) : (-1, 1) }
        if low > 0 && low < high / 2 { low = 0 }
        let raw = (high - low) / 5
        var power = Decimal(1)
        while power * 10 <= raw { power *= 10 }
        while power > raw && power > Decimal(sign: .plus, exponent: -6, significand: 1) { power /= 10 }
        let step = [1, 2, 5, 10].map { Decimal($0) * power }.first { $0 >= raw } ?? power * 10
        var tick = (low / step).rounded(0)
        if tick * step > low { tick -= 1 }
        var result: [Decimal] = []
        var value = tick * step
        while value < high + step && result.count < 12 {
            result.append(value)
            value += step
        }
        return result
    }


    private func escape(_ text: String) -> String { Escape.html(text) }
}

/// What the charts drawn here share.
enum SVG {
    /// A position in a chart, to a tenth of a pixel.
    static func coordinate(_ value: Double) -> String { String(format: "%.1f", value) }
}

extension Decimal {
    /// A position on a chart. Drawing needs floating point; stored figures never go through it.
    var plotted: Double { NSDecimalNumber(decimal: self).doubleValue }
}
