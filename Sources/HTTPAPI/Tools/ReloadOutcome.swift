public import Catalog

/// What a catalog (re)load did.
public enum ReloadOutcome: Sendable {
    /// The new snapshot is installed.
    case reloaded(ReloadReport)
    /// Nothing changed: the previous snapshot (if any) is still served.
    case failed(ReloadFailure)
}

/// A successful load: the snapshot now served.
public struct ReloadReport: Sendable {
    /// Counts loads since start (1 for the first).
    public let generation: Int
    public let snapshot: ToolCatalogSnapshot
    /// The catalog content hash served before (nil for the first load).
    public let previousContentHash: String?
    /// Catalog load plus index build.
    public let duration: Duration

    public init(generation: Int, snapshot: ToolCatalogSnapshot, previousContentHash: String?, duration: Duration) {
        self.generation = generation
        self.snapshot = snapshot
        self.previousContentHash = previousContentHash
        self.duration = duration
    }

    /// Whether the catalog's meaning changed since the previous snapshot.
    public var changed: Bool { previousContentHash != snapshot.catalog.contentHash }
}

/// A failed load: why, and every catalog problem when the catalog was invalid.
public struct ReloadFailure: Error, Sendable, CustomStringConvertible {
    /// The catalog's problems (file and JSON path each); empty when something else failed.
    public let issues: [CatalogIssue]
    public let message: String

    public init(message: String, issues: [CatalogIssue] = []) {
        self.message = message
        self.issues = issues
    }

    /// From whatever the loader threw.
    public init(_ error: any Error) {
        if let catalog = error as? CatalogError {
            self.init(message: catalog.description, issues: catalog.issues)
        } else if let failure = error as? ReloadFailure {
            self = failure
        } else {
            self.init(message: String(describing: error))
        }
    }

    /// True when the catalog itself was invalid.
    public var isCatalogError: Bool { !issues.isEmpty }

    public var description: String { message }
}
