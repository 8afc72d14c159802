import StocktakeCore

/// A problem of an import or an entry, as the entry and import pages list it.
struct ProblemRow {
    let location: String
    let field: String
    let value: String
    let expected: String

    /// The field and what was expected in the reader's language where the rule is known.
    init(_ problem: ImportProblem, t: UIText) {
        location = problem.location.description
        (field, expected) = t.problem(problem)
        value = problem.value
    }
}
