import Foundation

extension DataSetJSON {
    /// Writes a data set in the format ``read(_:file:defaults:)`` reads, with records in a stable order and keys
    /// sorted, so that import → export → import is lossless and exports diff cleanly.
    public static func write(_ dataSet: DataSet) -> Data {
        let set = dataSet.normalized
        let root = object([
            "format": .string(format),
            "units": .array(set.units.map(json)),
            "documents": .array(set.documents.map(json)),
            "indicators": .array(set.indicators.map(json)),
            "targets": .array(set.targets.map(json)),
            "tasks": .array(set.tasks.map(json)),
            "observations": .array(set.observations.map(json)),
            // Only when there are any: a data set without rules is written as before they existed.
            "validation_rules": set.validationRules.isEmpty ? nil : .array(set.validationRules.map(json)),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(root)) ?? Data()
    }

    public static func object(_ fields: [String: JSONValue?]) -> JSONValue {
        .object(fields.compactMapValues { $0 })
    }

    static func text(_ value: LocalizedText) -> JSONValue { .object(value.values.mapValues { .string($0) }) }
    static func string(_ value: (some CustomStringConvertible)?) -> JSONValue? { value.map { .string($0.description) } }
    static func decimal(_ value: Decimal?) -> JSONValue? { value.map { .string($0.exactText) } }

    public static func json(_ rule: ValidationRule) -> JSONValue {
        object([
            "code": string(rule.code), "title": text(rule.title), "left": string(rule.left), "operator": .string(rule.op.rawValue),
            "right": string(rule.right), "missing": rule.missing == .skipIfAnyMissing ? nil : .string(rule.missing.rawValue),
            "level": string(rule.level),
        ])
    }

    public static func json(_ unit: OrgUnit) -> JSONValue {
        object([
            "code": string(unit.code), "names": text(unit.names), "level": string(unit.level),
            "parent": string(unit.parent),
            "groups": unit.groups.isEmpty ? nil : .object(Dictionary(uniqueKeysWithValues: unit.groups.map { ($0.key.rawValue, .string($0.value)) })),
            "merged_into": unit.merger.map { object(["successor": string($0.successor), "effective": string($0.effective)]) },
            "origin": unit.origin == .recorded ? nil : .string(unit.origin.rawValue),
        ])
    }

    public static func json(_ document: Document) -> JSONValue {
        object([
            "code": string(document.code), "reference": string(document.reference), "title": text(document.title),
            "issuer": string(document.issuer), "issued": string(document.issued),
        ])
    }

    public static func json(_ indicator: Indicator) -> JSONValue {
        object([
            "code": string(indicator.code), "names": text(indicator.names), "measure": text(indicator.measure),
            "kind": .string(indicator.kind.rawValue), "better": .string(indicator.better.rawValue),
            "decimals": .number(Decimal(indicator.decimals)), "weight": string(indicator.weight),
            "origin": indicator.origin == .recorded ? nil : .string(indicator.origin.rawValue),
        ])
    }

    public static func json(_ target: Target) -> JSONValue {
        var upper: Decimal?
        var value = target.bound.value
        if case .between(let low, let high) = target.bound { (value, upper) = (low, high) }
        return object([
            "code": string(target.code), "unit": string(target.unit), "indicator": string(target.indicator),
            "period": string(target.period), "document": string(target.document), "bound": .string(target.bound.name),
            "value": decimal(value), "upper": decimal(upper),
            "basis": target.basis == .absolute ? nil : .string(target.basis.rawValue),
        ])
    }

    public static func json(_ task: KeyTask) -> JSONValue {
        var completedOn: CalendarDate?
        var onTime: Bool?
        if case .done(let completion) = task.status {
            completedOn = completion.day
            onTime = completion.day == nil ? completion.onTime : nil
        }
        return object([
            "code": string(task.code), "unit": string(task.unit), "document": string(task.document),
            "title": text(task.title), "period": string(task.period), "deadline": string(task.deadline),
            "status": .string(task.status.name), "completed_on": string(completedOn), "on_time": onTime.map { .bool($0) },
        ])
    }

    public static func json(_ observation: Observation) -> JSONValue {
        var fields: [String: JSONValue?] = [
            "unit": string(observation.key.unit), "indicator": string(observation.key.indicator),
            "period": string(observation.key.period), "revision": .number(Decimal(observation.revision)),
            "source": object(["kind": .string(observation.source.kind.rawValue), "citation": .string(observation.source.citation)]),
            "entered_by": .string(observation.enteredBy), "entered_at": .string(observation.enteredAt.formatted(.iso8601)),
            "reason": string(observation.reason),
        ]
        switch observation.figure {
        case .value(let v): fields["value"] = decimal(v)
        case .share(let x, let y): (fields["numerator"], fields["denominator"]) = (decimal(x), decimal(y))
        }
        if !observation.claims.comparisons.isEmpty {
            fields["comparisons"] = .array(observation.claims.comparisons.map { c in
                var against: String
                var target: TargetCode?
                switch c.basis {
                case .yearEarlier: against = "year_earlier"
                case .target(let code): (against, target) = ("target", code)
                }
                return object([
                    "against": .string(against), "target": string(target), "relation": .string(c.relation.rawValue),
                    "percent": .string(c.percent.printed(decimals: c.decimals)),
                ])
            })
        }
        if !observation.claims.ranks.isEmpty {
            fields["ranks"] = .array(observation.claims.ranks.map {
                object(["peers": .string($0.peers.description), "position": .number(Decimal($0.position))])
            })
        }
        return object(fields)
    }
}

extension Decimal {
    /// Plain text with exactly `decimals` places ("100.0"), for values whose printed precision is part of them.
    public func printed(decimals: Int) -> String {
        let text = rounded(decimals).exactText
        guard decimals > 0 else { return text }
        let places = Decimal.decimalPlaces(in: text)
        return (places == 0 ? text + "." : text) + String(repeating: "0", count: decimals - places)
    }
}
