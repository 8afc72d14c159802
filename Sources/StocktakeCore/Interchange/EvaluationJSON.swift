import Foundation

/// A unit's evaluation as JSON: what `stocktake evaluate --format json` prints and the API's evaluation route
/// returns. Figures are exact decimal strings; nothing is rounded but to ten places.
public enum EvaluationJSON {
    public static func exact(_ d: Decimal) -> JSONValue { .string(d.rounded(10).exactText) }
    public static func figure(_ f: Figure) -> JSONValue {
        switch f {
        case .value(let v): .object(["value": exact(v)])
        case .share(let x, let y): .object(["numerator": exact(x), "denominator": exact(y), "percent": exact(f.measured)])
        }
    }

    /// - Parameters:
    ///   - findings: the findings listed: those of the unit and of every unit below it.
    public static func unit(_ review: UnitReview, indicators: [IndicatorCode: Indicator], findings: [Finding], language: String = "en") -> JSONValue {
        let unit = review.unit
        let results = review.results

        func derived(_ d: DerivedValue) -> JSONValue {
            .object(["estimate": exact(d.estimate), "low": exact(d.range.lowerBound), "high": exact(d.range.upperBound),
                     "from_percent": .string(d.from.percent.printed(decimals: d.from.decimals)), "relation": .string(d.from.relation.rawValue)])
        }
        var items: [JSONValue] = []
        for r in results {
            guard let indicator = indicators[r.indicator] else { continue }
            var fields: [String: JSONValue] = [
                "indicator": .string(r.indicator.rawValue), "name": .string(indicator.names[language]),
                "kind": .string(indicator.kind.rawValue), "measure": .string(indicator.measure[language]),
                "synthetic": .bool(r.isSynthetic),
            ]
            if let actual = r.actual { fields["actual"] = figure(actual) }
            if let own = r.own {
                fields["revision"] = .number(Decimal(own.revision))
                fields["source"] = .object(["kind": .string(own.source.kind.rawValue), "citation": .string(own.source.citation)])
            }
            if let rollup = r.rollup {
                fields["rollup"] = .object(["figure": figure(rollup.figure), "reporting": .number(Decimal(rollup.reporting)), "expected": .number(Decimal(rollup.expected))])
            }
            if let previous = r.previous {
                var p: [String: JSONValue] = ["figure": figure(previous.figure)]
                if case .derived(let d) = previous.source { p["derived"] = derived(d) }
                fields["previous"] = .object(p)
            }
            if let change = r.change {
                fields["change"] = .object(["value": exact(change.value), "unit": .string(change.inPoints ? "points" : "percent"), "stated": .bool(change.reported)])
            }
            fields["targets"] = .array(r.targets.map { t in
                var o: [String: JSONValue] = ["code": .string(t.target.code.rawValue), "bound": .string(t.target.bound.name),
                                              "basis": .string(t.target.basis.rawValue), "status": .string(t.status.rawValue)]
                if let v = t.target.bound.value { o["value"] = exact(v) }
                if case .between(let low, let high) = t.target.bound { (o["value"], o["upper"]) = (exact(low), exact(high)) }
                if let d = t.target.document { o["document"] = .string(d.rawValue) }
                if let a = t.achievement { o["achievement_percent"] = exact(a * 100) }
                if let g = t.gapPoints { o["gap_points"] = exact(g) }
                if let d = t.derivedBound { o["derived_value"] = derived(d) }
                return .object(o)
            })
            fields["ranks"] = .array(review.ranks(for: r.indicator).sorted { $0.key < $1.key }.map { scope, rank in
                .object(["peers": .string(scope.description), "position": .number(Decimal(rank.position)), "of": .number(Decimal(rank.of)),
                         "synthetic_peers": .number(Decimal(rank.syntheticPeers))])
            })
            items.append(.object(fields))
        }
        let tasks = review.tasks ?? TaskSummary()
        let counts: [(String, Int)] = [
            ("total", tasks.total), ("done", tasks.done), ("done_on_time", tasks.doneOnTime), ("done_late", tasks.doneLate),
            ("in_progress", tasks.inProgress), ("not_started", tasks.notStarted), ("dropped", tasks.dropped), ("overdue", tasks.overdue),
        ]
        var taskFields: [String: JSONValue] = [:]
        for (name, count) in counts { taskFields[name] = .number(Decimal(count)) }
        let findingItems: [JSONValue] = findings.map {
            .object(["code": .string($0.code), "subject": .string($0.subject), "message": .string($0.description)])
        }
        let unitFields: [String: JSONValue] = [
            "code": .string(unit.code.rawValue), "name": .string(unit.names[language]), "level": .string(unit.level.rawValue),
        ]
        let root: JSONValue = .object([
            "unit": .object(unitFields), "period": .string(review.period.description),
            "as_of": .string(review.asOf.description), "results": .array(items), "tasks": .object(taskFields),
            "findings": .array(findingItems),
        ])
        return root
    }
}
