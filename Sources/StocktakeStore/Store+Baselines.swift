import Foundation
import SQLKit
import StocktakeCore

/// What `stocktake bench` measures the store against: plain SQL over the same rows, with no rule applied, and
/// the clearing of the rows a benchmark wrote for itself. Nothing here is used by the review.
extension Store {
    /// How many observation rows the periods hold, every revision.
    public func observationRowCount(periods: [Period]) async throws -> Int {
        try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("observations")
            .where("period", .in, periods.map(\.description)).first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// Counts and sums of the periods' observations by indicator and period: a national evaluation's baseline.
    public func baselineSumsByIndicator(periods: [Period]) async throws {
        _ = try await sql.raw("""
            SELECT indicator_code, period, COUNT(*) AS n, SUM(CAST(value AS NUMERIC)) AS total FROM observations \
            WHERE period IN (\(binds: periods.map(\.description))) GROUP BY indicator_code, period
            """).all()
    }

    /// Counts and sums of every observation by unit, indicator and period: a rebuild's baseline.
    public func baselineSumsByFigure() async throws {
        _ = try await sql.raw("""
            SELECT unit_code, indicator_code, period, COUNT(*) AS n, SUM(CAST(value AS NUMERIC)) AS total FROM observations \
            GROUP BY unit_code, indicator_code, period
            """).all()
    }

    /// The maintained rows of one indicator at one level in rank order, without ranks: a ranking's baseline.
    public func baselineRankedRows(period: Period, indicator: IndicatorCode, level: Level) async throws {
        _ = try await sql.raw("""
            SELECT f.* FROM unit_figures f JOIN units u ON u.code = f.unit_code WHERE f.period = \(bind: period.description) \
            AND f.indicator_code = \(bind: indicator.rawValue) AND f.rank_key IS NOT NULL AND u.level = \(bind: level.rawValue) \
            ORDER BY f.rank_key
            """).all()
    }

    /// One unit's maintained rows of a period: a unit review's baseline.
    public func baselineUnitRows(unit: UnitCode, period: Period) async throws {
        _ = try await sql.raw("SELECT * FROM unit_figures WHERE unit_code = \(bind: unit.rawValue) AND period = \(bind: period.description)").all()
    }

    /// The keys of the period's first revisions: where a benchmark writes its corrections.
    public func firstRevisionKeys(period: Period) async throws -> [ObservationKey] {
        try await sql.raw("SELECT unit_code, indicator_code FROM observations WHERE period = \(bind: period.description) AND revision = 1")
            .all(decoding: KeyRow.self)
            .map { ObservationKey(unit: try storedCode($0.unit_code), indicator: try storedCode($0.indicator_code), period: period) }
    }

    /// Observations inserted one by one in one transaction, unchecked and with nothing maintained: an
    /// import's baseline. Only for periods a benchmark owns (see ``removeBenchmarkRows(periods:)``).
    public func baselineInsert(_ observations: [Observation]) async throws {
        try await transaction { tx in
            for o in observations {
                var value = ""
                var denominator: String?
                switch o.figure {
                case .value(let v): value = v.exactText
                case .share(let x, let y): (value, denominator) = (x.exactText, y.exactText)
                }
                try await tx.sql.raw("""
                    INSERT INTO observations (unit_code, indicator_code, period, revision, value, denominator, source_kind, citation, entered_by, entered_at) \
                    VALUES (\(bind: o.key.unit.rawValue), \(bind: o.key.indicator.rawValue), \(bind: o.key.period.description), \(bind: o.revision), \
                    \(bind: value), \(bind: denominator), \(bind: o.source.kind.rawValue), \(bind: o.source.citation), \(bind: o.enteredBy), \(bind: o.enteredAt.formatted(.iso8601)))
                    """).run()
            }
        }
    }

    /// Removes what a benchmark wrote for itself: its corrections (by their citation) or its own periods with
    /// the figures maintained for them. The review's own records are never removed.
    public func removeBenchmarkRows(citation: String? = nil, periods: [Period] = []) async throws {
        try await transaction { tx in
            if let citation { try await tx.sql.delete(from: "observations").where("citation", .equal, citation).run() }
            if !periods.isEmpty {
                try await tx.sql.delete(from: "unit_figures").where("period", .in, periods.map(\.description)).run()
                try await tx.sql.delete(from: "observations").where("period", .in, periods.map(\.description)).run()
            }
        }
    }

    private struct KeyRow: Decodable {
        let unit_code: String
        let indicator_code: String
    }
}
