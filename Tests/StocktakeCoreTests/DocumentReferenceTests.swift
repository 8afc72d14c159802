import Testing
@testable import StocktakeCore

@Suite struct DocumentReferenceTests {
    /// The references named in the seeds, and the other known kinds.
    @Test(arguments: ["381-NQ/TU", "26-CT/TU", "18-NQ/TW", "3634-CV/TU", "40-CT/TW", "No. 256", "12-QĐ/ĐU", "5-KL/TW", "7-KH/HU", "3-QC/TU", "9-TB/TU", "2-HD/BTCTW", "10-BC/TU"])
    func parsePrintRoundTrip(text: String) throws {
        #expect(try DocumentReference(parsing: text).description == text)
    }

    @Test func partsAreRead() throws {
        #expect(try DocumentReference(parsing: "381-NQ/TU") == .coded(number: 381, kind: .resolution, issuer: "TU"))
        #expect(try DocumentReference(parsing: "3634-CV/TU").kind == .officialDispatch)
        #expect(try DocumentReference(parsing: "No. 256") == .numbered(256))
    }

    @Test func issuerAndKindWithOrWithoutDiacriticsAreTheSameReference() throws {
        let accented = try DocumentReference(parsing: "12-QĐ/ĐU")
        let plain = try DocumentReference(parsing: "12-QD/DU")
        #expect(accented == plain)
        #expect(accented.hashValue == plain.hashValue)
        #expect(plain.kind == .decision)
    }

    @Test(arguments: ["381/NQ-TU", "NQ/TU", "381-NQ", "381-XX/TU", "381-NQ/tu", "0381-NQ/TU", "-NQ/TU", "381-NQ/", "No. ", "No. 25a", "abc", ""])
    func malformedReferencesAreRefusedWithTheExpectedForm(text: String) {
        do {
            _ = try DocumentReference(parsing: text)
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(error.description.contains("381-NQ/TU"))
            #expect(error.value == text)
        }
    }

    @Test func anUnknownKindIsNamed() {
        do {
            _ = try DocumentReference(parsing: "381-XX/TU")
        } catch {
            #expect(error.expected.contains("'XX'"))
        }
    }
}
