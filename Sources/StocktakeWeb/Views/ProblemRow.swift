import StocktakeCore

/// A problem of an import or an entry, as the entry and import pages list it.
struct ProblemRow {
    let location: String
    let field: String
    let value: String
    let expected: String

    init(_ problem: ImportProblem) {
        location = problem.location.description
        field = problem.field
        value = problem.value
        expected = problem.expected
    }
}
