import OrderedCollections

/// Answers an execution's Task invocations from a mock test case, counting each state's invocations the way
/// Step Functions Local does: the n-th time a state's work is requested in the execution (retries and Map
/// iterations included) is invocation n−1 of its mocked response.
///
/// Guarantees: deterministic and pure. A Task that the test case does not mock, or an invocation past the last
/// one its mocked response defines, fails with ``noMockedResponseError`` and a cause naming the state, its
/// resource and the test case — never a made-up success. Each such failure is also kept in ``unmockedCauses``
/// so a host can warn even when a `Catch` handles the error.
package struct MockTaskResponder: Sendable {
    /// The error name of a Task invocation with no mocked response.
    package static let noMockedResponseError = "Stratus.NoMockedResponse"

    /// The test case answering tasks, or `nil` when there is none (every Task then fails).
    package let testCase: MockTestCase?
    /// How many times each state's work was requested so far.
    package private(set) var invocationCounts: [String: Int] = [:]
    /// The causes of every ``noMockedResponseError`` failure answered, in order.
    package private(set) var unmockedCauses: [String] = []

    /// Creates a responder for `testCase` (`nil`: no mocks at all).
    package init(testCase: MockTestCase?) { self.testCase = testCase }

    /// The answer to one invocation (and counts it).
    package mutating func answer(_ invocation: TaskInvocation) -> VirtualTimeDriver.TaskAnswer {
        answer(stateName: invocation.stateName, resource: invocation.resource)
    }

    /// The answer to one invocation of `stateName`'s work (and counts it).
    package mutating func answer(stateName: String, resource: String) -> VirtualTimeDriver.TaskAnswer {
        let number = invocationCounts[stateName, default: 0]
        invocationCounts[stateName] = number + 1
        guard let testCase else {
            return unmocked("No mocked response for state '\(stateName)' (resource '\(resource)'): "
                + "without a mock configuration Stratus does not call services; "
                + "give one with --mock-config FILE --test-case NAME.")
        }
        guard let response = testCase.states[stateName] else {
            return unmocked("No mocked response for state '\(stateName)' (resource '\(resource)'): test case "
                + "'\(testCase.name)' of state machine '\(testCase.stateMachineName)' does not mock this state.")
        }
        guard let outcome = response.outcome(forInvocation: number) else {
            return unmocked("No mocked response for state '\(stateName)' (resource '\(resource)'): this is invocation \(number), "
                + "but mocked response '\(response.name)' of test case '\(testCase.name)' defines invocations "
                + "0-\(response.invocationCount - 1) only.")
        }
        switch outcome {
        case .return(let value): return .success(value)
        case .throw(let error, let cause): return .failure(error: error, cause: cause)
        }
    }

    private mutating func unmocked(_ cause: String) -> VirtualTimeDriver.TaskAnswer {
        unmockedCauses.append(cause)
        return .failure(error: Self.noMockedResponseError, cause: cause)
    }
}
