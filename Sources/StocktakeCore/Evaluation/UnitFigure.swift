import Foundation

/// What counts for one unit, indicator and period: the latest own figure and the roll-up of the active children,
/// kept as exact parts so that the store can maintain them write by write and rebuild them to the same value.
public struct UnitFigure: Sendable, Hashable {
    /// The latest revision of the unit's own figure.
    public struct Own: Sendable, Hashable {
        public var revision: Int
        public var figure: Figure
        public var synthetic: Bool

        public init(revision: Int, figure: Figure, synthetic: Bool) {
            self.revision = revision
            self.figure = figure
            self.synthetic = synthetic
        }
    }

    public var own: Own?
    public var rollup: RollupParts?

    public init(own: Own? = nil, rollup: RollupParts? = nil) {
        self.own = own
        self.rollup = rollup
    }

    /// The figure that counts: the unit's own, else its children's roll-up.
    public var actual: Figure? { own?.figure ?? rollup?.figure }

    /// Whether the figure that counts is synthetic (its own, else any child's in the roll-up).
    public var isSynthetic: Bool { own.map(\.synthetic) ?? rollup?.synthetic ?? false }

    public var isEmpty: Bool { own == nil && rollup == nil }
}

/// A roll-up's exact parts: sums a store can keep as they are, from which the roll-up's figure follows. Amounts
/// and counts keep Σ values; shares Σ numerators and Σ denominators; rates weighted by another indicator
/// Σ value × weight and Σ weights. Decimal sums are exact for figures within ``FigureRule``'s digits.
public struct RollupParts: Sendable, Hashable {
    public var kind: IndicatorKind
    public var sum: Decimal
    /// Σ denominators of a share, Σ weights of a rate; nil for amounts and counts.
    public var base: Decimal?
    public var reporting: Int
    public var expected: Int
    public var synthetic: Bool

    public init(kind: IndicatorKind, sum: Decimal, base: Decimal?, reporting: Int, expected: Int, synthetic: Bool) {
        self.kind = kind
        self.sum = sum
        self.base = base
        self.reporting = reporting
        self.expected = expected
        self.synthetic = synthetic
    }

    public var figure: Figure {
        switch kind {
        case .amount, .count: .value(sum)
        case .share: .share(numerator: sum, denominator: base ?? 0)
        case .rate: .value(sum / (base ?? 1))
        }
    }

    public var rollup: Rollup {
        Rollup(figure: figure, reporting: reporting, expected: expected, includesSynthetic: synthetic)
    }

    /// The roll-up of a parent from its active children's figures, in child order, by the indicator's kind:
    /// amounts and counts add up, shares add numerators and denominators (Σx ÷ Σy, never the mean of
    /// percentages), rates take the mean weighted by another indicator and do not roll up without one (nor when
    /// a reporting child has no weight, nor when the weights sum to zero). Nil when no child reported.
    ///
    /// - Parameters:
    ///   - children: each active child's figure of the indicator (nil where it has none) and whether it is synthetic.
    ///   - weights: for a rate, each child's figure of the weighting indicator, in the same order.
    public static func combine(
        _ children: [(figure: Figure, synthetic: Bool)?], kind: IndicatorKind, weights: [Figure?]? = nil
    ) -> RollupParts? {
        var sum = Decimal(0)
        var base = Decimal(0)
        var reporting = 0
        var synthetic = false
        for (index, child) in children.enumerated() {
            guard let child else { continue }
            reporting += 1
            synthetic = synthetic || child.synthetic
            switch kind {
            case .amount, .count:
                sum += child.figure.measured
            case .share:
                if case .share(let x, let y) = child.figure {
                    sum += x
                    base += y
                }
            case .rate:
                guard let weight = weights?[index]?.measured else { return nil }
                sum += child.figure.measured * weight
                base += weight
            }
        }
        guard reporting > 0, kind != .rate || base != 0 else { return nil }
        return RollupParts(
            kind: kind, sum: sum, base: kind == .share || kind == .rate ? base : nil, reporting: reporting, expected: children.count, synthetic: synthetic)
    }
}

extension UnitTree {
    /// Every unit's figures of `period` from the own figures alone: each parent with active children gets the
    /// roll-up of every indicator its children have, children before parents (``bottomUp``), so a rate's
    /// weights are the children's complete figures. What a store's rebuild writes and its verification expects.
    public func figures(
        own: [IndicatorCode: [UnitCode: UnitFigure.Own]], period: Period, indicators: [IndicatorCode: Indicator]
    ) -> [IndicatorCode: [UnitCode: UnitFigure]] {
        var result = own.mapValues { $0.mapValues { UnitFigure(own: $0) } }
        let codes = own.keys.sorted()
        for unit in bottomUp {
            let children = activeChildren(of: unit, in: period)
            guard !children.isEmpty else { continue }
            for code in codes {
                guard let indicator = indicators[code],
                    let parts = Self.rollup(of: children, indicator: indicator, figures: { result[$1]?[$0] })
                else { continue }
                result[code, default: [:]][unit, default: UnitFigure()].rollup = parts
            }
        }
        return result
    }

    /// The roll-up parts of one parent from its active `children`, reading each child's figures through
    /// `figures(child, indicator)`: the one rule shared by a rebuild and by a write's maintenance.
    public static func rollup(of children: [UnitCode], indicator: Indicator, figures: (UnitCode, IndicatorCode) -> UnitFigure?) -> RollupParts? {
        let entries = children.map { child in figures(child, indicator.code).flatMap { f in f.actual.map { ($0, f.isSynthetic) } } }
        let weights = indicator.weight.map { weight in children.map { figures($0, weight)?.actual } }
        return RollupParts.combine(entries, kind: indicator.kind, weights: weights)
    }
}
