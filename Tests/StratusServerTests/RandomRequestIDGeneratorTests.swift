import Foundation
import StratusAWSCore
import Testing

@Suite struct RandomRequestIDGeneratorTests {
    @Test func idsAreDistinctLowercaseVersion4UUIDsAcrossBlocks() {
        let ids = RandomRequestIDGenerator()
        var seen = Set<String>()
        // 4 KiB blocks hold 256 ids: this crosses several refills.
        for _ in 0..<1000 {
            let id = ids.next()
            let parts = id.split(separator: "-")
            #expect(parts.map(\.count) == [8, 4, 4, 4, 12])
            #expect(parts[2].first == "4")
            #expect("89ab".contains(parts[3].first!))
            #expect(id == id.lowercased())
            #expect(UUID(uuidString: id) != nil)
            seen.insert(id)
        }
        #expect(seen.count == 1000)
    }

    @Test func concurrentCallersNeverShareAnID() async {
        let ids = RandomRequestIDGenerator()
        let all = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<300).map { _ in ids.next() } }
            }
            var all: [String] = []
            for await batch in group { all += batch }
            return all
        }
        #expect(all.count == 2400)
        #expect(Set(all).count == 2400)
    }

    @Test func randomBitsAreSpreadOverEveryFreeNibble() {
        // 13 of the 32 hex digits are free in each of the five groups; each should take many values.
        let ids = RandomRequestIDGenerator()
        var values = Array(repeating: Set<Character>(), count: 36)
        for _ in 0..<512 {
            for (index, character) in ids.next().enumerated() { values[index].insert(character) }
        }
        let fixed: Set<Int> = [8, 13, 14, 18, 19, 23]  // dashes, the version digit and the variant digit
        for index in 0..<36 where !fixed.contains(index) {
            #expect(values[index].count >= 12, "position \(index) took only \(values[index].count) values")
        }
        #expect(values[14] == ["4"])
        #expect(values[19].isSubset(of: ["8", "9", "a", "b"]))
    }
}
