// swift-tools-version: 6.1
// A separate package so the benchmark never enters the product's dependency graph.
// Sources/Sandbox, Sources/SandboxJSON and Sources/JSONCore are symlinks to the repository's folders. Build with -c release.
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
        .target(name: "JSONCore", swiftSettings: strict),
        .target(name: "Sandbox", swiftSettings: strict),
        .target(name: "SandboxJSON", dependencies: ["Sandbox", "JSONCore"], swiftSettings: strict),
        .executableTarget(name: "CELBench", dependencies: ["Sandbox", "SandboxJSON"], swiftSettings: strict),
        .executableTarget(name: "RegexDiff", dependencies: ["Sandbox"], swiftSettings: strict),
    ]
)
