import OrderedCollections
import StratusJSON

/// Reads and checks the JSON of a mock configuration (the work behind ``MockConfiguration/init(_:)``).
///
/// Rules (AWS's documentation of Step Functions Local's mock configuration file, made strict where it is
/// silent): the root has exactly `StateMachines` and `MockedResponses`, both objects; a state machine has exactly
/// `TestCases`; a test case maps state names to names of mocked responses; a mocked response is a non-empty
/// object whose keys are invocation numbers (`"3"`) or inclusive ranges (`"0-2"`) of non-negative decimal
/// integers, covering 0…n−1 without gaps or overlaps; each value has exactly one field, `Return` (any JSON) or
/// `Throw` (an object of exactly the strings `Error` and `Cause`).
struct MockConfigurationReader {
    private var responses: OrderedDictionary<String, MockedResponse> = [:]

    mutating func read(_ root: JSONValue) throws(MockConfigurationError) -> MockConfiguration {
        let members = try object(root, at: "", what: "The mock configuration")
        try onlyFields(members, ["StateMachines", "MockedResponses"], at: "")
        guard let machinesValue = members["StateMachines"] else {
            throw invalid("The mock configuration must have a 'StateMachines' object.", at: "")
        }
        guard let responsesValue = members["MockedResponses"] else {
            throw invalid("The mock configuration must have a 'MockedResponses' object.", at: "")
        }
        for (name, value) in try object(responsesValue, at: "/MockedResponses", what: "MockedResponses") {
            responses[name] = try mockedResponse(name: name, value, at: "/MockedResponses/\(name)")
        }
        var machines: OrderedDictionary<String, OrderedDictionary<String, MockTestCase>> = [:]
        for (machineName, machineValue) in try object(machinesValue, at: "/StateMachines", what: "StateMachines") {
            let location = "/StateMachines/\(machineName)"
            let machine = try object(machineValue, at: location, what: "A state machine entry")
            try onlyFields(machine, ["TestCases"], at: location)
            guard let testCasesValue = machine["TestCases"] else {
                throw invalid("A state machine entry must have a 'TestCases' object.", at: location)
            }
            var testCases: OrderedDictionary<String, MockTestCase> = [:]
            for (caseName, caseValue) in try object(testCasesValue, at: location + "/TestCases", what: "TestCases") {
                testCases[caseName] = try testCase(machine: machineName, name: caseName, caseValue,
                                                   at: "\(location)/TestCases/\(caseName)")
            }
            machines[machineName] = testCases
        }
        return MockConfiguration(stateMachines: machines, mockedResponses: responses)
    }

    private func testCase(machine: String, name: String, _ value: JSONValue, at location: String) throws(MockConfigurationError) -> MockTestCase {
        var states: OrderedDictionary<String, MockedResponse> = [:]
        for (stateName, reference) in try object(value, at: location, what: "A test case") {
            guard case .string(let responseName) = reference else {
                throw invalid("A test case maps a state name to the name of a mocked response (a string).", at: "\(location)/\(stateName)")
            }
            guard let response = responses[responseName] else {
                throw invalid("The mocked response '\(responseName)' is not defined under MockedResponses.", at: "\(location)/\(stateName)")
            }
            states[stateName] = response
        }
        return MockTestCase(stateMachineName: machine, name: name, states: states)
    }

    private func mockedResponse(name: String, _ value: JSONValue, at location: String) throws(MockConfigurationError) -> MockedResponse {
        let members = try object(value, at: location, what: "A mocked response")
        guard !members.isEmpty else {
            throw invalid("A mocked response must define at least invocation \"0\".", at: location)
        }
        var steps: [MockedResponse.Step] = []
        for (key, stepValue) in members {
            let stepLocation = "\(location)/\(key)"
            guard let range = Self.invocationRange(key) else {
                throw invalid("'\(key)' is not an invocation number (\"0\") or an inclusive range of them (\"1-2\").", at: stepLocation)
            }
            steps.append(MockedResponse.Step(invocations: range, outcome: try outcome(stepValue, at: stepLocation)))
        }
        steps.sort { $0.invocations.lowerBound < $1.invocations.lowerBound }
        var next = 0
        for step in steps {
            let key = Self.key(step.invocations)
            if step.invocations.lowerBound > next {
                throw invalid("Invocations must be numbered from 0 without gaps: invocation \(next) has no response "
                    + "(the next key is '\(key)').", at: "\(location)/\(key)")
            }
            if step.invocations.lowerBound < next {
                throw invalid("Invocation \(step.invocations.lowerBound) is mocked twice ('\(key)' overlaps an earlier key).", at: "\(location)/\(key)")
            }
            next = step.invocations.upperBound + 1
        }
        return MockedResponse(name: name, steps: steps)
    }

    private func outcome(_ value: JSONValue, at location: String) throws(MockConfigurationError) -> MockedResponse.Outcome {
        let members = try object(value, at: location, what: "A mocked invocation")
        guard members.count == 1, let (field, payload) = members.elements.first, field == "Return" || field == "Throw" else {
            throw invalid("A mocked invocation must contain exactly one field, 'Return' or 'Throw' (found: "
                + (members.isEmpty ? "none" : members.keys.map { "'\($0)'" }.joined(separator: ", ")) + ").", at: location)
        }
        if field == "Return" { return .return(payload) }
        let throwLocation = location + "/Throw"
        let error = try object(payload, at: throwLocation, what: "'Throw'")
        try onlyFields(error, ["Error", "Cause"], at: throwLocation)
        guard case .string(let name)? = error["Error"] else {
            throw invalid("'Throw' must have an 'Error' string.", at: throwLocation)
        }
        guard case .string(let cause)? = error["Cause"] else {
            throw invalid("'Throw' must have a 'Cause' string.", at: throwLocation)
        }
        return .throw(error: name, cause: cause)
    }

    /// `"3"` → 3…3, `"1-2"` → 1…2; `nil` for anything else (signs, spaces, a reversed range, overflow).
    static func invocationRange(_ key: String) -> ClosedRange<Int>? {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.utf8.count <= 9, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let number = Int(part) else { return nil }
            numbers.append(number)
        }
        let low = numbers[0]
        let high = numbers.count == 2 ? numbers[1] : low
        guard low <= high else { return nil }
        return low...high
    }

    private static func key(_ range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound)"
    }

    private func object(_ value: JSONValue, at location: String, what: String) throws(MockConfigurationError) -> OrderedDictionary<String, JSONValue> {
        guard case .object(let members) = value else {
            throw invalid("\(what) must be a JSON object.", at: location)
        }
        return members
    }

    private func onlyFields(_ members: OrderedDictionary<String, JSONValue>, _ allowed: Set<String>, at location: String) throws(MockConfigurationError) {
        if let unknown = members.keys.first(where: { !allowed.contains($0) }) {
            throw invalid("Unknown field '\(unknown)' (allowed: \(allowed.sorted().map { "'\($0)'" }.joined(separator: ", "))).", at: location)
        }
    }

    private func invalid(_ message: String, at location: String) -> MockConfigurationError {
        MockConfigurationError(code: .invalidStructure, message: "\(location.isEmpty ? "/" : location): \(message)")
    }
}
