import Testing
@testable import Analytics

@Test func AnalyticsModuleLinks() { #expect(Bool(true)) }
