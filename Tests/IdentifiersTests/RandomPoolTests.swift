import Testing

@testable import Identifiers

struct RandomPoolTests {
    @Test func wordsAcrossRefillsNeverRepeat() {
        let pool = RandomPool()
        // Several refills' worth: a refill that handed out the same buffer twice would repeat every word.
        let words = (0..<(RandomPool.wordsPerRefill * 5 + 7)).map { _ in pool.next() }
        #expect(Set(words).count == words.count)
    }

    @Test func twoPoolsDrawDifferentWords() {
        let a = (0..<64).map { _ in RandomPool().next() }
        let b = (0..<64).map { _ in RandomPool().next() }
        #expect(Set(a).isDisjoint(with: b))
    }

    @Test func bitsAreBalanced() {
        let pool = RandomPool()
        let count = 4_096
        let ones = (0..<count).reduce(0) { total, _ in total + pool.next().nonzeroBitCount }
        // 64 bits a word: the mean is 32 and the standard deviation of the mean 4/sqrt(count) = 0.0625.
        let mean = Double(ones) / Double(count)
        #expect(abs(mean - 32) < 0.5)
    }

    @Test func concurrentDrawsAreDistinct() async {
        let pool = RandomPool()
        let words = await withTaskGroup(of: [UInt64].self) { group in
            for _ in 0..<4 { group.addTask { (0..<1_000).map { _ in pool.next() } } }
            var all: [UInt64] = []
            for await part in group { all += part }
            return all
        }
        #expect(words.count == 4_000)
        #expect(Set(words).count == words.count)
    }
}
