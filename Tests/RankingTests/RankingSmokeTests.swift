import Testing
@testable import Ranking

@Test func RankingModuleLinks() { #expect(Bool(true)) }
