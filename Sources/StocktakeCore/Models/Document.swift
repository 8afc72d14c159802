/// A leadership document: resolution, directive, conclusion, plan, decision, … issued by a unit on a date.
///
/// Some documents are known only by what they did ("the estimate assigned by the Central Government"): their
/// reference and date are then absent rather than invented.
public struct Document: Hashable, Sendable {
    public var code: DocumentCode
    public var reference: DocumentReference?
    public var title: LocalizedText
    public var issuer: UnitCode?
    public var issued: CalendarDate?

    public init(
        code: DocumentCode, reference: DocumentReference? = nil, title: LocalizedText, issuer: UnitCode? = nil,
        issued: CalendarDate? = nil
    ) {
        self.code = code
        self.reference = reference
        self.title = title
        self.issuer = issuer
        self.issued = issued
    }
}
