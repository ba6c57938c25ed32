import HTTPAPI

extension HTTPSettings {
    /// The HTTP layer's settings from the configuration (keys from `auth.api_keys` and `auth.api_keys_file`).
    init(configuration config: Configuration, version: String) throws(ConfigErrors) {
        var keys = config[ConfigKeys.apiKeys]
        if let path = config[ConfigKeys.apiKeysFile] {
            switch APIKeyFile.read(path) {
            case .success(let fileKeys): keys += fileKeys
            case .failure(let failure):
                throw ConfigErrors(errors: [ConfigError(key: ConfigKeys.apiKeysFile.name, source: config.source(of: ConfigKeys.apiKeysFile.name), reason: failure.reason)])
            }
        }
        let keySet: APIKeySet
        do throws(APIKeyError) {
            keySet = try APIKeySet(keys: keys)
        } catch {
            throw ConfigErrors(errors: [ConfigError(key: ConfigKeys.apiKeys.name, source: config.source(of: ConfigKeys.apiKeys.name), reason: error.description)])
        }
        self.init(
            host: config[ConfigKeys.host],
            port: config[ConfigKeys.port],
            bodyLimitBytes: config[ConfigKeys.bodyLimitBytes],
            apiKeys: keySet,
            metricsPublic: config[ConfigKeys.metricsPublic],
            rateLimit: RateLimitSettings(
                requestsPerMinute: config[ConfigKeys.rateLimitRequestsPerMinute],
                burst: config[ConfigKeys.rateLimitBurst],
                maxClients: config[ConfigKeys.rateLimitMaxClients]
            ),
            version: version
        )
    }
}
