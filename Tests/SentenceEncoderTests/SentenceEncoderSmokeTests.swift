import Testing
@testable import SentenceEncoder

@Test func SentenceEncoderModuleLinks() { #expect(Bool(true)) }
