import Foundation

/// The reference of a leadership document as Vietnamese party and state bodies write it: `NUMBER-KIND/ISSUER`
/// (`381-NQ/TU`: resolution 381 of a provincial party committee), or only a number for plans (`No. 256`).
///
/// The issuer may be written with or without diacritics (`ĐU` or `DU`); two references that differ only there
/// are the same reference. The kind must be one of the known codes, so that a typo is refused, not stored.
public enum DocumentReference: Hashable, Sendable, CustomStringConvertible {
    case coded(number: Int, kind: Kind, issuer: String)
    case numbered(Int)

    /// Document kinds by their code in a reference.
    public enum Kind: String, CaseIterable, Sendable {
        case resolution = "NQ"
        case directive = "CT"
        case conclusion = "KL"
        case plan = "KH"
        case decision = "QĐ"
        case regulation = "QC"
        case notice = "TB"
        case officialDispatch = "CV"
        case guidance = "HD"
        case report = "BC"

        /// Accepts the code with or without its diacritic (`QĐ`, `QD`).
        public init?(code: String) {
            guard let kind = Self.allCases.first(where: { $0.rawValue.foldedForMatching == code.foldedForMatching })
            else { return nil }
            self = kind
        }
    }

    public static let expectedForm =
        "NUMBER-KIND/ISSUER such as 381-NQ/TU (KIND one of "
        + Kind.allCases.map(\.rawValue).joined(separator: ", ")
        + "; ISSUER in capital letters such as TU, TW, HU, ĐU) or a plan number such as 'No. 256'"

    public init(parsing input: String) throws(ParseError) {
        let text = input.trimmingCharacters(in: .whitespaces)
        let error = ParseError(value: input, expected: Self.expectedForm)
        for prefix in ["No. ", "No.", "No ", "Số "] where text.hasPrefix(prefix) {
            let digits = text.dropFirst(prefix.count)
            guard Self.isNumber(digits), let n = Int(digits) else { throw error }
            self = .numbered(n)
            return
        }
        guard let dash = text.firstIndex(of: "-"), let slash = text.firstIndex(of: "/"), dash < slash else {
            throw error
        }
        let number = text[..<dash]
        let kindCode = String(text[text.index(after: dash)..<slash])
        let issuer = String(text[text.index(after: slash)...])
        guard Self.isNumber(number), let n = Int(number) else { throw error }
        guard let kind = Kind(code: kindCode) else {
            throw ParseError(
                value: input,
                expected: "a known document kind in place of '\(kindCode)' (\(Kind.allCases.map(\.rawValue).joined(separator: ", "))), as in \(Self.expectedForm)")
        }
        guard (1...12).contains(issuer.count), issuer.first?.isLetter == true,
            issuer.allSatisfy({ ($0.isLetter && $0.isUppercase) || $0.isASCIIDigit })
        else { throw error }
        self = .coded(number: n, kind: kind, issuer: issuer)
    }

    private static func isNumber(_ s: Substring) -> Bool {
        (1...6).contains(s.count) && s.allSatisfy(\.isASCIIDigit) && s.first != "0"
    }

    public var description: String {
        switch self {
        case .coded(let number, let kind, let issuer): return "\(number)-\(kind.rawValue)/\(issuer)"
        case .numbered(let number): return "No. \(number)"
        }
    }

    public var kind: Kind? {
        if case .coded(_, let kind, _) = self { return kind }
        return nil
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.numbered(let a), .numbered(let b)): return a == b
        case (.coded(let n1, let k1, let i1), .coded(let n2, let k2, let i2)):
            return n1 == n2 && k1 == k2 && i1.foldedForMatching == i2.foldedForMatching
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(description.foldedForMatching)
    }
}

extension String {
    /// Upper-cased, without diacritics, with `Đ` read as `D`: how references are compared.
    var foldedForMatching: String {
        replacingOccurrences(of: "Đ", with: "D").replacingOccurrences(of: "đ", with: "d")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).uppercased()
    }
}
