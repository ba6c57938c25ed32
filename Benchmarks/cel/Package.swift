// swift-tools-version: 6.1
// A separate package so the benchmark never enters the product's dependency graph.
// Sources/Sandbox is a symlink to the repository's Sources/Sandbox. Build with -c release.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "CELBench",
    platforms: [.macOS(.v15)],
    targets: [
        .target(name: "Sandbox", swiftSettings: strict),
        .executableTarget(name: "CELBench", dependencies: ["Sandbox"], swiftSettings: strict),
        .executableTarget(name: "RegexDiff", dependencies: ["Sandbox"], swiftSettings: strict),
    ]
)
