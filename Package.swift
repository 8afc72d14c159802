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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
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
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - The command-line tool: a thin layer over the libraries.
        .executableTarget(
            name: "stocktake",
            dependencies: [
                "StocktakeCore",
                "StocktakeStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests mirror the libraries; test support gives each test a fresh database on the chosen engine.
        .target(
            name: "StocktakeTestSupport",
            dependencies: ["StocktakeStore", .product(name: "PostgresKit", package: "postgres-kit")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "StocktakeCoreTests", dependencies: ["StocktakeCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "StocktakeStoreTests",
            dependencies: ["StocktakeCore", "StocktakeStore", "StocktakeTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StocktakeCLITests",
            dependencies: ["stocktake", "StocktakeCore", "StocktakeStore", "StocktakeTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
