// swift-tools-version:6.1
import PackageDescription

/// Settings shared by every target: Swift 6 language mode (strict concurrency) plus explicit existentials.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Stocktake",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "stocktake", targets: ["stocktake"]),
        .library(name: "StocktakeCore", targets: ["StocktakeCore"]),
        .library(name: "StocktakeStore", targets: ["StocktakeStore"]),
        .library(name: "StocktakeApp", targets: ["StocktakeApp"]),
        .library(name: "StocktakeWeb", targets: ["StocktakeWeb"]),
        .library(name: "StocktakeReports", targets: ["StocktakeReports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // MARK: - Pure core: domain, evaluation, validation, interchange formats. No I/O, no packages.
        .target(name: "StocktakeCore", swiftSettings: swiftSettings),

        // MARK: - Storage through SQLKit: SQLite embedded, PostgreSQL to scale out, with the same SQL.
        .target(
            name: "StocktakeStore",
            dependencies: [
                "StocktakeCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - The actions of the review, each once, for every door: role, remit and reason rules, audit rows.
        .target(name: "StocktakeApp", dependencies: ["StocktakeCore", "StocktakeStore", "StocktakeReports"], swiftSettings: swiftSettings),

        // MARK: - The web application: pages, JSON API, accounts and sessions, on Hummingbird.
        .target(
            name: "StocktakeWeb",
            dependencies: [
                "StocktakeCore",
                "StocktakeStore",
                "StocktakeApp",
                "StocktakeReports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),

        // MARK: - The summary report: a model of sentences and their facts, six languages, HTML, Markdown, DOCX.
        .target(
            name: "StocktakeReports",
            dependencies: [
                "StocktakeCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Catalogs")],
            swiftSettings: swiftSettings,
            // CLDR plural rules come from the ICU that Foundation ships (see PluralRules.swift).
            linkerSettings: [.linkedLibrary("_FoundationICU")]
        ),

        // MARK: - The command-line tool: a thin layer over the libraries.
        .executableTarget(
            name: "stocktake",
            dependencies: [
                "StocktakeCore",
                "StocktakeStore",
                "StocktakeApp",
                "StocktakeWeb",
                "StocktakeReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests mirror the libraries; test support gives each test a fresh database on the chosen engine.
        .target(
            name: "StocktakeTestSupport",
            dependencies: ["StocktakeCore", "StocktakeStore", .product(name: "PostgresKit", package: "postgres-kit")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "StocktakeCoreTests", dependencies: ["StocktakeCore", "StocktakeTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "StocktakeStoreTests",
            dependencies: ["StocktakeCore", "StocktakeStore", "StocktakeTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StocktakeAppTests",
            dependencies: ["StocktakeCore", "StocktakeStore", "StocktakeApp", "StocktakeTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StocktakeWebTests",
            dependencies: [
                "StocktakeCore", "StocktakeStore", "StocktakeApp", "StocktakeReports", "StocktakeWeb", "StocktakeTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StocktakeReportsTests",
            dependencies: [
                "StocktakeCore", "StocktakeStore", "StocktakeApp", "StocktakeReports", "StocktakeTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StocktakeCLITests",
            dependencies: ["stocktake", "StocktakeCore", "StocktakeStore", "StocktakeTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
