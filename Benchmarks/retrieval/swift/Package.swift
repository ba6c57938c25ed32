// swift-tools-version: 6.1
// The retrieval benchmark: a small package of its own (Sources/Ranking, CBLAS, CRankingKernels, SentenceEncoder,
// CCurl, CurlHTTP, JSONCore, ThreadSupport, CEncoderKernels and LLMClient are symlinks into the repository's Sources), so it builds without the server's
// dependencies.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "RetrievalBench",
    platforms: [.macOS(.v15)],
    targets: [
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", providers: [.apt(["libblas-dev", "libopenblas0-pthread"])]),
        .target(name: "CRankingKernels", path: "Sources/CRankingKernels"),
        .target(name: "Ranking", dependencies: ["CBLAS", "CRankingKernels"], swiftSettings: strict),
        .target(name: "ThreadSupport", swiftSettings: strict),
        .target(name: "CEncoderKernels", path: "Sources/CEncoderKernels", cSettings: [.unsafeFlags(["-O2"])]),
        .target(name: "SentenceEncoder", dependencies: ["CBLAS", "CEncoderKernels", "Ranking", "ThreadSupport"], swiftSettings: strict + [.unsafeFlags(["-O"])]),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CurlHTTP", dependencies: ["CCurl", "ThreadSupport"], swiftSettings: strict),
        .target(name: "JSONCore", swiftSettings: strict),
        .target(name: "LLMClient", dependencies: ["CurlHTTP", "JSONCore"], swiftSettings: strict),
        .executableTarget(name: "RetrievalBench", dependencies: ["Ranking", "SentenceEncoder", "LLMClient", "CurlHTTP"], swiftSettings: strict),
    ]
)
