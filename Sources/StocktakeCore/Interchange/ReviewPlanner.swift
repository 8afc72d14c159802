/// What a review import will write: only records that are new; identical stored ones are counted and skipped.
public struct ReviewPlan: Sendable {
    public var ratingRules: [DatedRatingRule] = []
    public var ratings: [RecordedRating] = []
    public var awardRules: [AwardRule] = []
    public var conferences: [Conference] = []
    public var unchanged = 0

    public var recordCount: Int { ratingRules.count + ratings.count + awardRules.count + conferences.count }
}

extension ImportPlanner {
    /// Checks a review file against itself and the store, with the rules of data imports: every unit and
    /// indicator named exists, nothing stored is overwritten, and nothing is written unless all records pass.
    public static func plan(_ input: LocatedReview, against catalog: Catalog) throws(ImportProblems) -> ReviewPlan {
        try checked(file: input.file, read: input.problems, catalog: catalog) { $0.run(input) }
    }

    func unit(_ code: UnitCode?, _ located: Located<some Sendable>, _ field: String) {
        if let code, catalog.units[code] == nil { fail(located, field, code.rawValue, "the code of a unit in the store") }
    }

    func run(_ input: LocatedReview) -> ReviewPlan {
        var plan = ReviewPlan()
        var versions: Set<String> = []
        for located in input.ratingRules {
            let version = located.value.rule.version
            guard versions.insert(version).inserted else {
                fail(located, "version", version, "a rating rule version not already used in this file")
                continue
            }
            if let stored = catalog.ratingRules[version] {
                if stored == located.value { plan.unchanged += 1 } else {
                    fail(located, "version", version, "a new version, or exactly the stored rule: a rule that rated a year is never changed")
                }
                continue
            }
            plan.ratingRules.append(located.value)
        }
        var rated: Set<String> = []
        for located in input.ratings {
            let rating = located.value.rating
            unit(rating.unit, located, "unit")
            guard rated.insert("\(rating.unit)/\(rating.period)").inserted else {
                fail(located, "period", rating.period.description, "one rating of \(rating.unit) per year in this file")
                continue
            }
            if let stored = catalog.ratings[rating.unit]?[rating.period] {
                if stored == rating { plan.unchanged += 1 } else {
                    fail(located, "grade", rating.grade.rawValue, "the stored \(stored.grade.rawValue) (score \(stored.score.exactText)): a confirmed rating changes only as a new revision with a reason, in the ratings page or `stocktake rating confirm`")
                }
                continue
            }
            plan.ratings.append(located.value)
        }
        for located in newRecords(input.awardRules, code: \.code, stored: catalog.awardRules, kind: "award rule", unchanged: &plan.unchanged) {
            unit(located.value.body, located, "body")
            for case .rank(let indicator, _, _) in located.value.criteria where catalog.indicators[indicator] == nil {
                fail(located, "criteria.indicator", indicator.rawValue, "the code of an indicator in the store")
            }
            plan.awardRules.append(located.value)
        }
        for located in newRecords(input.conferences, code: \.code, stored: catalog.conferences, kind: "conference", unchanged: &plan.unchanged) {
            let conference = located.value
            unit(conference.host, located, "host")
            for site in conference.sites { unit(site.unit, located, "sites.unit") }
            for statement in conference.statements { unit(statement.unit, located, "statements.unit") }
            plan.conferences.append(conference)
        }
        return plan
    }
}
