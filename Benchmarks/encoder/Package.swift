// swift-tools-version:6.0
// Benchmark of the in-process sentence encoder against sentence-transformers (run.sh runs both).
// A separate package so that it builds in release without the service's dependencies; the encoder's
// sources are symlinked from the repository.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "encoder-bench",
    platforms: [.macOS(.v15)],
    targets: [
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .target(name: "Ranking", path: "Sources/Ranking", sources: ["Embedder.swift"], swiftSettings: strict),
        .target(name: "CEncoderKernels", path: "Sources/CEncoderKernels", cSettings: [.unsafeFlags(["-O2"])]),
        .target(name: "ThreadSupport", swiftSettings: strict),
        .target(name: "SentenceEncoder", dependencies: ["CBLAS", "CEncoderKernels", "Ranking", "ThreadSupport"], swiftSettings: strict),
        .executableTarget(name: "encoder-bench", dependencies: ["SentenceEncoder", "CEncoderKernels", "CBLAS"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
