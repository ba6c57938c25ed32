import Analytics

/// The `analytics.*` keys: where runs and measurements go and how the writer behaves.
extension ConfigKeys {
    static let analyticsBackend = ConfigKey<AnalyticsBackend>(
        "analytics.backend", default: .both,
        help: "Where runs go: `sqlite` (analytics.db in data_dir), `prometheus` (/metrics stage metrics), `both`, or `none`.")
    static let analyticsDurability = ConfigKey<AnalyticsSettings.Durability>(
        "analytics.durability", default: .normal,
        help: "`full`: a request finishes only after its run is committed (synchronous=FULL); `normal`: batched in the background; `off`: no runs.")
    static let analyticsQueueCapacity = ConfigKey<Int>(
        "analytics.queue_capacity", default: 10_000, help: "Runs held in memory waiting for the analytics writer.",
        validate: Check.range(1...10_000_000))
    static let analyticsOverflow = ConfigKey<AnalyticsSettings.OverflowPolicy>(
        "analytics.overflow", default: .drop,
        help: "When the analytics queue is full: `drop` the run or `block` the request until there is room (both counted in metrics).")
    static let analyticsBatchSize = ConfigKey<Int>(
        "analytics.batch_size", default: 512, help: "Most runs the analytics writer commits per transaction.", validate: Check.range(1...100_000))
    static let analyticsRetentionDays = ConfigKey<Int>(
        "analytics.retention_days", default: 30, help: "Runs older than this are deleted in small batches (0 keeps everything).",
        validate: Check.range(0...36_500))
    static let analyticsStoreQueryText = ConfigKey<Bool>(
        "analytics.store_query_text", default: true, help: "Store the query text of runs and searches in analytics.db (off for privacy).")

    static let analyticsWriterNice = ConfigKey<Int>(
        "analytics.writer_nice", default: 0,
        help: "Nice value of the analytics writer thread (0 = the server's priority, 19 = lowest); above 0, requests get the cores first.",
        validate: Check.range(0...19))

    static let analyticsFlushIntervalMs = ConfigKey<Int>(
        "analytics.flush_interval_ms", default: 50,
        help: "With durability normal, how long runs gather before one commit writes them together (0 = at once).",
        validate: Check.range(0...10_000))

    static let analyticsWriterCacheKb = ConfigKey<Int>(
        "analytics.writer_cache_kb", default: 32_768,
        help: "SQLite page cache of the analytics writer's connection, in KiB (PRAGMA cache_size).",
        validate: Check.range(64...4_194_304))

    static let analyticsWalCheckpointPages = ConfigKey<Int>(
        "analytics.wal_checkpoint_pages", default: 1_000,
        help: "WAL length in pages at which a low-priority thread checkpoints analytics.db (the writer does it itself at 10x).",
        validate: Check.range(1...1_000_000))

    static let analyticsKeys: [any AnyConfigKey] = [
        analyticsBackend, analyticsDurability, analyticsQueueCapacity, analyticsOverflow, analyticsBatchSize,
        analyticsRetentionDays, analyticsStoreQueryText, analyticsWriterNice, analyticsFlushIntervalMs, analyticsWriterCacheKb,
        analyticsWalCheckpointPages,
    ]
}

extension AnalyticsBackend: ConfigEnum {}
extension AnalyticsSettings.Durability: ConfigEnum {}
extension AnalyticsSettings.OverflowPolicy: ConfigEnum {}

extension AnalyticsSettings {
    /// The analytics settings from the configuration: `<data_dir>/analytics.db` and the `analytics.*` keys.
    init(configuration config: Configuration) {
        self = AnalyticsSettings.inDataDirectory(config[ConfigKeys.dataDir])
        durability = config[ConfigKeys.analyticsDurability]
        overflow = config[ConfigKeys.analyticsOverflow]
        queueCapacity = config[ConfigKeys.analyticsQueueCapacity]
        batchSize = config[ConfigKeys.analyticsBatchSize]
        retentionDays = config[ConfigKeys.analyticsRetentionDays]
        storeQueryText = config[ConfigKeys.analyticsStoreQueryText]
        writerNiceness = config[ConfigKeys.analyticsWriterNice]
        flushIntervalMilliseconds = config[ConfigKeys.analyticsFlushIntervalMs]
        writerCacheKilobytes = config[ConfigKeys.analyticsWriterCacheKb]
        walCheckpointPages = config[ConfigKeys.analyticsWalCheckpointPages]
    }
}
