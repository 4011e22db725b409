import Foundation
import Testing

/// The number of suite cases that passed at the last measurement; the suite must not fall below it.
let conformanceFloor = 1684

@Test func officialJSONataSuite() throws {
    let root = ConformanceSuite.locate()
    #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("groups").path),
            "JSONata conformance suite missing at \(root.path)")
    let suite = try ConformanceSuite(root: root)
    let cases = try suite.cases()
    #expect(cases.count == 1686)
    // Run on a thread with a large stack: deep (non-tail) recursion cases nest evaluation deeply.
    final class Box: @unchecked Sendable { var outcomes: [ConformanceSuite.Outcome] = [] }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.outcomes = cases.map { suite.run($0) }
        done.signal()
    }
    thread.stackSize = 512 << 20
    thread.start()
    done.wait()
    let outcomes = box.outcomes

    var byGroup: [String: (passed: Int, total: Int)] = [:]
    for outcome in outcomes {
        var entry = byGroup[outcome.group] ?? (0, 0)
        entry.total += 1
        if outcome.passed { entry.passed += 1 }
        byGroup[outcome.group] = entry
    }
    var report = "JSONata conformance (per group: passed/total)\n"
    for (group, entry) in byGroup.sorted(by: { $0.key < $1.key }) {
        let mark = entry.passed == entry.total ? " " : "*"
        report += "\(mark) \(group.padding(toLength: 36, withPad: " ", startingAt: 0)) \(entry.passed)/\(entry.total)\n"
    }
    for tier in ConformanceSuite.Tier.allCases {
        let inTier = outcomes.filter { $0.tier == tier }
        report += "\(tier.rawValue): \(inTier.filter(\.passed).count)/\(inTier.count)\n"
    }
    let passed = outcomes.filter(\.passed).count
    report += "TOTAL: \(passed)/\(outcomes.count)\n"
    if ProcessInfo.processInfo.environment["JSONATA_FAILURES"] != nil {
        for outcome in outcomes where !outcome.passed {
            report += "FAIL \(outcome.id) [\(outcome.tier)]: \(outcome.detail)\n"
        }
    }
    print(report)
    #expect(passed >= conformanceFloor, "conformance regressed: \(passed) < \(conformanceFloor)")
}
