public import Sandbox

/// The tool executor of a server whose catalog reloads: each use goes to the executor of the snapshot
/// ``ToolCatalogService`` serves now (``ToolCatalogSnapshot/executor``), or to `fallback` before the
/// first snapshot with one is installed. The executor is swapped with the index in one step, so a plan
/// sees the tools that search ranks.
///
/// A run that must not see a reload halfway takes ``current`` once and runs on it (``PlanService`` does
/// for `/v1/plans/run` and `/v1/plans/check`); calls made through this object directly go to whatever
/// executor is current at each call.
public final class ReloadableToolExecutor: ToolExecutor {
    public let service: ToolCatalogService
    public let fallback: any ToolExecutor

    public init(service: ToolCatalogService, fallback: any ToolExecutor) {
        self.service = service
        self.fallback = fallback
    }

    /// The executor of the snapshot served now.
    public var current: any ToolExecutor { service.snapshot?.executor ?? fallback }

    /// A run takes the executor current when it starts.
    public var pinned: any ToolExecutor { current.pinned }

    public var tools: [ToolDescription] { current.tools }

    /// The current executor's table (built once per executor, not per check).
    public var toolTable: ToolTable { current.toolTable }

    public func call(_ call: ToolCall) async throws -> Value {
        try await current.call(call)
    }
}
