public import Catalog

extension CatalogToolExecutor {
    /// An executor over a reloaded `catalog`, with this one's settings, builtins, MCP caller and observer.
    ///
    /// - A tool whose binding, effect and resolved policy are unchanged keeps its circuit breaker and
    ///   concurrency limiter (an open breaker stays open; calls still running on this executor count
    ///   against the new one's limit). A new or changed tool starts closed with a fresh limiter.
    /// - The HTTP adapter is kept when the allow-list it derives from the catalog is unchanged, else a
    ///   new one is made for the new hosts.
    /// - This executor is left as it is: runs that hold it finish on it.
    /// - Throws: when a new HTTP client cannot be created.
    public func reloaded(catalog: Catalog) throws -> CatalogToolExecutor {
        CatalogToolExecutor(
            catalog: catalog, settings: settings, builtins: builtins, http: try http?.adapted(to: catalog), mcp: mcp, observer: observer,
            previous: runtimes)
    }
}
