import Hummingbird
import StocktakeCore

extension Period {
    /// A period given by a person in a query or a form; refused with 400 and the expected forms.
    static func requested(_ text: String) throws -> Period {
        do { return try Period(parsing: text) } catch {
            throw HTTPError(.badRequest, message: "period \(error)")
        }
    }
}
