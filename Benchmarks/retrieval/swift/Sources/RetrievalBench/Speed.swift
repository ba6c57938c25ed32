import Foundation
import Ranking

enum Speed {
    static func run(cacheDirectory: String) async throws {
        print("todo")
    }
}
