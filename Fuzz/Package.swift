// swift-tools-version:6.1
import PackageDescription

/// libFuzzer targets for the parsers of the pure core: figures, periods and dates, document references, the CSV
/// and JSON import readers; and the rank keys figures are ordered by. A package of its own so that the project's build and tests never see the fuzzer's
/// flags. Sources/StocktakeCore links to the project's module, so that only the core (no package dependency)
/// is built with the fuzzer's instrumentation. Build and run with scripts/fuzz.
let swiftSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "StocktakeFuzz",
    targets: [
        .target(name: "StocktakeCore", swiftSettings: swiftSettings),
        .target(name: "FuzzSupport", dependencies: ["StocktakeCore"], swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzFigures", dependencies: ["StocktakeCore", "FuzzSupport"], swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzPeriods", dependencies: ["StocktakeCore", "FuzzSupport"], swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzDocumentReferences", dependencies: ["StocktakeCore", "FuzzSupport"], swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzCSV", dependencies: ["StocktakeCore", "FuzzSupport"], swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzJSON", dependencies: ["StocktakeCore", "FuzzSupport"], swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzOrderKeys", dependencies: ["StocktakeCore", "FuzzSupport"], swiftSettings: swiftSettings),
    ]
)
