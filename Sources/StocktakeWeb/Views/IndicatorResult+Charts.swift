import StocktakeCore

extension IndicatorResult {
    /// The year before as the change the source states gives it (≈), for a chart whose stored years lack it:
    /// the dashboard's trend line and the indicator page's history draw it hollow.
    func derivedYearBefore(unlessStored stored: [Period]) -> Previous? {
        guard let previous, previous.isDerived, !stored.contains(period.yearEarlier) else { return nil }
        return previous
    }
}
