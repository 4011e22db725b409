import StratusJSON

/// One entry of `MockedResponses`: what a mocked Task state answers on each of its invocations.
///
/// Guarantees: `steps` are sorted, their invocation ranges start at 0 and follow each other without gaps or
/// overlaps (the parser rejects anything else), so every invocation number below ``invocationCount`` has exactly
/// one outcome and every number from ``invocationCount`` on has none.
package struct MockedResponse: Sendable, Equatable {
    /// What one invocation returns.
    package enum Outcome: Sendable, Equatable {
        /// `Return`: the task succeeds with this result (any JSON value).
        case `return`(JSONValue)
        /// `Throw`: the task fails with this error name and cause.
        case `throw`(error: String, cause: String)
    }

    /// One key of the response object: an inclusive range of invocation numbers (`"0"`, `"1-2"`) and its outcome.
    package struct Step: Sendable, Equatable {
        /// The invocation numbers (0 is the first invocation) this step answers.
        package var invocations: ClosedRange<Int>
        /// The answer.
        package var outcome: Outcome

        /// Creates a step.
        package init(invocations: ClosedRange<Int>, outcome: Outcome) {
            self.invocations = invocations
            self.outcome = outcome
        }
    }

    /// The response's name (its key under `MockedResponses`).
    package var name: String
    /// The steps, in invocation order.
    package var steps: [Step]

    /// Creates a response from steps that are already sorted and contiguous from invocation 0.
    package init(name: String, steps: [Step]) {
        self.name = name
        self.steps = steps
    }

    /// How many invocations are mocked (one past the last invocation number).
    package var invocationCount: Int { (steps.last?.invocations.upperBound ?? -1) + 1 }

    /// The outcome of invocation number `invocation` (0 for the first), or `nil` when it is not mocked.
    package func outcome(forInvocation invocation: Int) -> Outcome? {
        var low = 0
        var high = steps.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = steps[middle].invocations
            if invocation < range.lowerBound {
                high = middle - 1
            } else if invocation > range.upperBound {
                low = middle + 1
            } else {
                return steps[middle].outcome
            }
        }
        return nil
    }
}
