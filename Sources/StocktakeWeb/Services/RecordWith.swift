import StocktakeCore

/// A record in the form the data-set and review files give it, with one field more that only the API answers
/// (a unit's children, an award rule's candidates, a conference's tasks): the file's form stays the one truth
/// of the record's fields, and the addition is typed.
struct RecordWith<Extra: Encodable>: Encodable {
    let record: JSONValue
    let key: String
    let extra: Extra

    init(_ record: JSONValue, _ key: String, _ extra: Extra) {
        self.record = record
        self.key = key
        self.extra = extra
    }

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        if case .object(let fields) = record {
            for (name, value) in fields where name != key { try container.encode(value, forKey: Key(stringValue: name)) }
        }
        try container.encode(extra, forKey: Key(stringValue: key))
    }
}
