// swift-tools-version: 6.1
// Analytics write benchmark. Builds the Analytics module from the repository (Sources/Analytics,
// Sources/JSONCore, Sources/ThreadSupport, Sources/Identifiers and Sources/CSQLite are symlinks) so it compiles in a minute instead of the whole package.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "AnalyticsBenchmark",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "JSONCore", swiftSettings: strict),
        .target(name: "ThreadSupport", swiftSettings: strict),
        .target(name: "Identifiers", swiftSettings: strict),
        .target(
            name: "Analytics",
            dependencies: [
                "CSQLite", "Identifiers", "JSONCore", "ThreadSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "AnalyticsBench",
            dependencies: [
                "Analytics", .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
    ]
)
