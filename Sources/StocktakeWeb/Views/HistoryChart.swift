import Foundation
import StocktakeCore

/// A line chart of one figure over the years, drawn on the server as inline SVG: axis labels in the reader's
/// number format, the figures as a line with points, each year's target as a dashed mark. No script needed.
struct HistoryChart {
    struct Point {
        let label: String
        let value: Decimal
        let text: String
    }

    struct TargetMark {
        let label: String
        let value: Decimal
        let text: String
    }

    let title: String
    let points: [Point]
    let targets: [TargetMark]
    let format: FigureFormatter

    let width = 640.0
    let height = 280.0
    let left = 72.0
    let right = 16.0
    let top = 28.0
    let bottom = 36.0

    var svg: String {
        let labels = Array(Set(points.map(\.label) + targets.map(\.label))).sorted()
        let values = points.map(\.value) + targets.map(\.value)
        guard !labels.isEmpty, let low = values.min(), let high = values.max() else {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(Int(width))\" height=\"60\"><title>\(escape(title))</title><text x=\"10\" y=\"30\">—</text></svg>"
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
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" aria-label=\"\(escape(title))\">"
        out += "<title>\(escape(title))</title>"
        for tick in ticks {
            let ty = y(tick)
            out += "<line class=\"grid\" x1=\"\(f(left))\" y1=\"\(f(ty))\" x2=\"\(f(width - right))\" y2=\"\(f(ty))\"/>"
            out += "<text class=\"axis\" x=\"\(f(left - 6))\" y=\"\(f(ty + 4))\" text-anchor=\"end\">\(escape(format.number(tick, decimals: tickDecimals(ticks))))</text>"
        }
        for label in labels {
            out += "<text class=\"axis\" x=\"\(f(x(label)))\" y=\"\(f(height - bottom + 18))\" text-anchor=\"middle\">\(escape(label))</text>"
        }
        out += "<line class=\"axis-line\" x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(width - right))\" y2=\"\(f(top + plotHeight))\"/>"
        for mark in targets {
            let mx = x(mark.label)
            out += "<line class=\"target\" x1=\"\(f(mx - 18))\" y1=\"\(f(y(mark.value)))\" x2=\"\(f(mx + 18))\" y2=\"\(f(y(mark.value)))\"><title>\(escape(mark.text))</title></line>"
        }
        if points.count > 1 {
            out += "<polyline class=\"series\" points=\"\(points.map { "\(f(x($0.label))),\(f(y($0.value)))" }.joined(separator: " "))\"/>"
        }
        for point in points {
            out += "<circle class=\"point\" cx=\"\(f(x(point.label)))\" cy=\"\(f(y(point.value)))\" r=\"4\"><title>\(escape(point.label)): \(escape(point.text))</title></circle>"
            out += "<text class=\"value\" x=\"\(f(x(point.label)))\" y=\"\(f(y(point.value) - 9))\" text-anchor=\"middle\">\(escape(point.text))</text>"
        }
        return out + "</svg>"
    }

    private func tickDecimals(_ ticks: [Decimal]) -> Int {
        ticks.map { Decimal.decimalPlaces(in: $0.exactText) }.max() ?? 0
    }

    /// Five or six round ticks covering `low...high` (steps of 1, 2 or 5 times a power of ten).
    static func ticks(low: Decimal, high: Decimal) -> [Decimal] {
        var low = low
        var high = high
        if low == high { (low, high) = (low - 1, high + 1) }
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

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    private func escape(_ text: String) -> String { Escape.html(text) }
}

extension Decimal {
    /// A position on a chart. Drawing needs floating point; stored figures never go through it.
    var plotted: Double { NSDecimalNumber(decimal: self).doubleValue }
}
