import Testing
@testable import HTTPAPI

@Test func HTTPAPIModuleLinks() { #expect(Bool(true)) }
