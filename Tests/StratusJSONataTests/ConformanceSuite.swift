import Foundation
import OrderedCollections
import StratusJSON
import StratusJSONata

/// Reads and runs the official JSONata test suite (`../shared/conformance/jsonata`, see its README).
struct ConformanceSuite {
    struct Case {
        var id: String
        var group: String
        var definition: JSONValue
        var directory: URL
    }

    enum Tier: String, CaseIterable {
        case core = "core (2.0.6 minus function-eval)"
        case post = "post-2.0.6 fixes"
        case notInAWS = "not in AWS (?:, ??, $eval)"
    }

    struct Outcome {
        var id: String
        var group: String
        var tier: Tier
        var passed: Bool
        var detail: String
    }

    let root: URL
    private var datasets: [String: JSONValue] = [:]
    let addedAfter206: Set<String>

    /// The suite folder, resolved from this file's path (`Tests/StratusJSONataTests/…` → `../shared/…`).
    static func locate(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/conformance/jsonata")
    }

    init(root: URL) throws {
        self.root = root
        let listText = try String(contentsOf: root.appendingPathComponent("cases-added-after-v2.0.6.txt"), encoding: .utf8)
        addedAfter206 = Set(listText.split(whereSeparator: \.isNewline).map(String.init))
        let datasetFolder = root.appendingPathComponent("datasets")
        for file in try FileManager.default.contentsOfDirectory(atPath: datasetFolder.path) where file.hasSuffix(".json") {
            let data = try Data(contentsOf: datasetFolder.appendingPathComponent(file))
            datasets[String(file.dropLast(5))] = try JSONValue.parse(data)
        }
    }

    func cases() throws -> [Case] {
        var result: [Case] = []
        let groupsFolder = root.appendingPathComponent("groups")
        for group in try FileManager.default.contentsOfDirectory(atPath: groupsFolder.path).sorted() {
            let folder = groupsFolder.appendingPathComponent(group)
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".json") {
                let value = try JSONValue.parse(try Data(contentsOf: folder.appendingPathComponent(file)))
                if case .array(let members) = value {
                    for (index, member) in members.enumerated() {
                        result.append(Case(id: "\(group)/\(file)#\(index)", group: group, definition: member, directory: folder))
                    }
                } else {
                    result.append(Case(id: "\(group)/\(file)", group: group, definition: value, directory: folder))
                }
            }
        }
        return result
    }

    func tier(of testCase: Case) -> Tier {
        if ["default-operator", "coalescing-operator", "function-eval"].contains(testCase.group) { return .notInAWS }
        let listed = testCase.id.replacingOccurrences(of: "\(testCase.group)/", with: "\(testCase.group)/")
        if addedAfter206.contains(listed) { return .post }
        return .core
    }

    /// Runs one case by the README's algorithm.
    func run(_ testCase: Case) -> Outcome {
        let tier = tier(of: testCase)
        func outcome(_ passed: Bool, _ detail: String) -> Outcome {
            Outcome(id: testCase.id, group: testCase.group, tier: tier, passed: passed, detail: detail)
        }
        let definition = testCase.definition
        guard case .object(let fields) = definition else { return outcome(false, "case is not an object") }
        var text = fields["expr"]?.stringValue
        if text == nil, let file = fields["expr-file"]?.stringValue {
            text = try? String(contentsOf: testCase.directory.appendingPathComponent(file), encoding: .utf8)
        }
        guard let text else { return outcome(false, "no expression") }
        let expectedCode = fields["code"]?.stringValue ?? fields["error"]?["code"]?.stringValue
        let expectedToken = fields["token"]?.stringValue ?? fields["error"]?["token"]?.stringValue
        let expectedMessage = fields["error"]?["message"]?.stringValue
        func checkError(_ error: JSONataError) -> Outcome {
            guard let expectedCode else { return outcome(false, "unexpected error \(error.code): \(error.message)") }
            if error.code != expectedCode { return outcome(false, "expected \(expectedCode), got \(error.code): \(error.message)") }
            if let expectedToken, error.token != expectedToken {
                return outcome(false, "expected token \(expectedToken), got \(error.token ?? "nil")")
            }
            if let expectedMessage, ["D3137", "D3141"].contains(expectedCode), error.message != expectedMessage {
                return outcome(false, "expected message \(expectedMessage), got \(error.message)")
            }
            return outcome(true, "")
        }
        let expression: JSONataExpression
        do {
            expression = try JSONataExpression(text)
        } catch {
            return checkError(error)
        }
        var input: JSONValue?
        if let data = fields["data"] {
            input = data
        } else if let name = fields["dataset"]?.stringValue {
            input = datasets[name]
        }
        var bindings: [String: JSONValue] = [:]
        if case .object(let members)? = fields["bindings"] {
            for (key, value) in members { bindings[key] = value }
        }
        let start = ContinuousClock.now
        let monotonic: @Sendable () -> Double = {
            let elapsed = ContinuousClock.now - start
            return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        }
        var options = JSONataOptions()
        options.currentTime = { 1_700_000_000_000 }
        let randomState = RandomState()
        options.random = { randomState.next() }
        options.monotonicClock = monotonic
        options.timeLimitMilliseconds = fields["timelimit"]?.doubleValue ?? 10_000
        if let depth = fields["depth"]?.int64Value { options.maximumDepth = Int(depth) }
        let result: JSONValue?
        do {
            result = try expression.evaluate(input: input, bindings: bindings, options: options)
        } catch {
            return checkError(error)
        }
        if let expectedCode { return outcome(false, "expected error \(expectedCode), got \(result.map { $0.description } ?? "undefined")") }
        if fields["undefinedResult"]?.boolValue == true {
            return result == nil ? outcome(true, "") : outcome(false, "expected undefined, got \(result!.description)")
        }
        guard let expected = fields["result"] else { return outcome(false, "case has no expected outcome") }
        guard let result else { return outcome(false, "expected \(expected.description), got undefined") }
        let unordered = fields["unordered"]?.boolValue == true
        if ConformanceSuite.equal(result, expected, unordered: unordered) { return outcome(true, "") }
        return outcome(false, "expected \(expected.description), got \(result.description)")
    }

    /// Deep equality; numbers compare as doubles; `unordered` ignores top-level array order.
    static func equal(_ a: JSONValue, _ b: JSONValue, unordered: Bool = false) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            return x.doubleValue == y.doubleValue
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return false }
            if unordered {
                var remaining = y
                for item in x {
                    guard let index = remaining.firstIndex(where: { equal(item, $0) }) else { return false }
                    remaining.remove(at: index)
                }
                return true
            }
            return zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for (key, value) in x {
                guard let other = y[key], equal(value, other) else { return false }
            }
            return true
        default:
            return a == b
        }
    }
}

/// A deterministic random source for the suite (the suite's `$random`/`$shuffle` cases check ranges only).
final class RandomState: @unchecked Sendable {
    private let lock = NSLock()
    private var state: UInt64 = 0x1234_5678_9ABC_DEF0
    func next() -> Double {
        lock.lock()
        defer { lock.unlock() }
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(UInt64(1) << 53)
    }
}
