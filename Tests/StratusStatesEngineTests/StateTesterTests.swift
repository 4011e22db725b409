import OrderedCollections
import StratusASL
import StratusJSON
import StratusStatesEngine
import Testing

/// The single-state evaluation TestState runs on (pure: no host, no clock).
@Suite struct StateTesterTests {
    static let now = RFC3339.Instant(seconds: 1_700_000_000)

    static func request(_ stateText: String, input: String = "{}", level: StateTestInspectionLevel = .debug,
                        mock: StateTestMock? = nil, retries: Int = 0, failures: Int? = nil,
                        variables: [String: JSONValue] = [:], context: JSONValue? = nil) throws -> StateTestRequest {
        let parsed = ASLParser.parseState(try JSONValue.parse(stateText))
        let definition = try #require(parsed.definition, "\(parsed.diagnostics)")
        return StateTestRequest(
            definition: definition, stateName: ASLParser.singleStateName, input: try JSONValue.parse(input), variables: variables,
            contextObject: context, executionARN: "arn:aws:states:us-east-1:000000000000:express:sm:run",
            stateMachineARN: "arn:aws:states:us-east-1:000000000000:stateMachine:sm", roleARN: "arn:aws:iam::000000000000:role/r",
            inspectionLevel: level, mock: mock, retrierRetryCount: retries, mapIterationFailureCount: failures, now: now)
    }

    static func finished(_ request: StateTestRequest) throws -> StateTestOutcome {
        var tester = StateTester(request)
        guard case .finished(let outcome) = tester.start() else {
            Issue.record("expected the test to finish without the host")
            throw CancellationError()
        }
        return outcome
    }

    @Test func passStateReportsEveryJSONPathStep() throws {
        let outcome = try Self.finished(Self.request(
            #"{"Type": "Pass", "InputPath": "$.a", "Parameters": {"v.$": "$.b"}, "ResultPath": "$.r", "OutputPath": "$.r", "Next": "N"}"#,
            input: #"{"a": {"b": 1}}"#))
        #expect(outcome.status == .succeeded)
        #expect(outcome.nextState == "N")
        #expect(outcome.output == .object(["v": .number(1)]))
        let data = try #require(outcome.inspection)
        #expect(data.input == .object(["a": .object(["b": .number(1)])]))
        #expect(data.afterInputPath == .object(["b": .number(1)]))
        #expect(data.afterParameters == .object(["v": .number(1)]))
        #expect(data.afterResultSelector == .object(["v": .number(1)]))
        #expect(data.afterResultPath == .object(["a": .object(["b": .number(1)]), "r": .object(["v": .number(1)])]))
        #expect(data.result == nil)
    }

    @Test func passResultIsTheResultAndInfoHasNoInspection() throws {
        let debug = try Self.finished(Self.request(#"{"Type": "Pass", "Result": {"k": "v"}, "End": true}"#))
        #expect(debug.inspection?.result == .object(["k": .string("v")]))
        #expect(debug.inspection?.afterInputPath == nil)
        #expect(debug.nextState == nil)
        let info = try Self.finished(Self.request(#"{"Type": "Pass", "End": true}"#, level: .info))
        #expect(info.inspection == nil)
        #expect(info.output == .object([:]))
    }

    @Test func choiceNamesTheNextStateOrFailsWithNoChoiceMatched() throws {
        let choice = #"{"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 5, "Next": "Big"}]}"#
        let big = try Self.finished(Self.request(choice, input: #"{"n": 9}"#))
        #expect(big.status == .succeeded)
        #expect(big.nextState == "Big")
        let none = try Self.finished(Self.request(choice, input: #"{"n": 1}"#))
        #expect(none.status == .failed)
        #expect(none.error == "States.NoChoiceMatched")
        #expect(none.cause == "No Matches!")
    }

    @Test func failStateAnswersItsErrorAndCause() throws {
        let outcome = try Self.finished(Self.request(#"{"Type": "Fail", "ErrorPath": "$.e", "Cause": "because"}"#, input: #"{"e": "Boom"}"#))
        #expect(outcome.status == .failed)
        #expect(outcome.error == "Boom")
        #expect(outcome.cause == "because")
        #expect(outcome.output == nil)
    }

    @Test func waitStateDoesNotWait() throws {
        let outcome = try Self.finished(Self.request(#"{"Type": "Wait", "Seconds": 3600, "Next": "Later"}"#, input: #"{"x": 1}"#))
        #expect(outcome.status == .succeeded)
        #expect(outcome.nextState == "Later")
        #expect(outcome.output == .object(["x": .number(1)]))
    }

    @Test func taskAsksTheHostThenAppliesTheResultPipeline() throws {
        var tester = StateTester(try Self.request(
            #"{"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Parameters": {"QueueUrl.$": "$.q", "MessageBody": "hi"}, "ResultSelector": {"id.$": "$.MessageId"}, "ResultPath": "$.sent", "End": true}"#,
            input: #"{"q": "https://queue"}"#))
        guard case .invokeTask(let invocation) = tester.start() else {
            Issue.record("expected a task invocation")
            return
        }
        #expect(invocation.resource == "arn:aws:states:::sqs:sendMessage")
        #expect(invocation.input == .object(["QueueUrl": .string("https://queue"), "MessageBody": .string("hi")]))
        let outcome = tester.taskSucceeded(.object(["MessageId": .string("m-1")]))
        #expect(outcome.status == .succeeded)
        #expect(outcome.output == .object(["q": .string("https://queue"), "sent": .object(["id": .string("m-1")])]))
        #expect(outcome.inspection?.result == .object(["MessageId": .string("m-1")]))
        #expect(outcome.inspection?.afterResultSelector == .object(["id": .string("m-1")]))
    }

    static let retrying = #"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"}, "QueryLanguage": "JSONata", "Retry": [{"ErrorEquals": ["Other"]}, {"ErrorEquals": ["Boom"], "IntervalSeconds": 3, "BackoffRate": 2, "MaxAttempts": 4, "MaxDelaySeconds": 20}], "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler", "Output": "{% $states.errorOutput %}"}], "End": true}"#

    @Test func retriableErrorsReportTheRetrierAndItsBackoff() throws {
        let first = try Self.finished(Self.request(Self.retrying, mock: .error(name: "Boom", cause: "c")))
        #expect(first.status == .retriable)
        #expect(first.error == "Boom")
        #expect(first.inspection?.retryIndex == 1)
        #expect(first.inspection?.retryBackoffIntervalSeconds == 3)
        #expect(first.inspection?.afterArguments == .object(["FunctionName": .string("f")]))
        let third = try Self.finished(Self.request(Self.retrying, mock: .error(name: "Boom", cause: "c"), retries: 2))
        #expect(third.inspection?.retryBackoffIntervalSeconds == 12)
        let capped = try Self.finished(Self.request(Self.retrying, mock: .error(name: "Boom", cause: "c"), retries: 3))
        #expect(capped.inspection?.retryBackoffIntervalSeconds == 20)
    }

    @Test func exhaustedRetriesFallToTheCatcher() throws {
        let outcome = try Self.finished(Self.request(Self.retrying, mock: .error(name: "Boom", cause: "c"), retries: 4))
        #expect(outcome.status == .caughtError)
        #expect(outcome.nextState == "Handler")
        #expect(outcome.output == .object(["Error": .string("Boom"), "Cause": .string("c")]))
        #expect(outcome.inspection?.retryIndex == 1)
        #expect(outcome.inspection?.catchIndex == 0)
        #expect(outcome.inspection?.retryBackoffIntervalSeconds == nil)
    }

    @Test func jsonataStateSeesVariablesAndReportsThem() throws {
        let outcome = try Self.finished(Self.request(
            #"{"Type": "Pass", "QueryLanguage": "JSONata", "Assign": {"y": "{% $x + 1 %}"}, "Output": "{% $x * 10 %}", "End": true}"#,
            variables: ["x": .number(4)]))
        #expect(outcome.output == .number(40))
        #expect(outcome.inspection?.variables == .object(["x": .number(4), "y": .number(5)]))
    }

    @Test func variableQuotasApply() throws {
        let big = String(repeating: "x", count: 300_000)
        let outcome = try Self.finished(Self.request(
            #"{"Type": "Pass", "Assign": {"big.$": "$.text"}, "OutputPath": null, "End": true}"#, input: "{\"text\": \"\(big)\"}"))
        #expect(outcome.status == .failed)
        #expect(outcome.error == "States.DataLimitExceeded")
        #expect(outcome.cause == "The variable 'big' exceeds the maximum size of 262144 bytes.")
    }

    @Test func defaultContextIsAnExpressExecution() throws {
        let outcome = try Self.finished(Self.request(
            #"{"Type": "Pass", "Parameters": {"c.$": "$$"}, "End": true}"#, input: #"{"i": 1}"#))
        let context = try #require(outcome.output?["c"])
        #expect(context["Execution"]?["Id"] == .string("arn:aws:states:us-east-1:000000000000:express:sm:run"))
        #expect(context["Execution"]?["Input"] == .object(["i": .number(1)]))
        #expect(context["State"]?["Name"] == .string("StateName"))
        #expect(context["State"]?["RetryCount"] == .number(0))
        #expect(context["Execution"]?["RedriveCount"] == nil)
    }

    @Test func givenContextReplacesTheDefault() throws {
        let outcome = try Self.finished(Self.request(
            #"{"Type": "Pass", "Parameters": {"c.$": "$$"}, "End": true}"#, context: .object(["Execution": .object([:])])))
        #expect(outcome.output == .object(["c": .object(["Execution": .object([:])])]))
    }

    static let map = #"{"Type": "Map", "ItemsPath": "$.items", "ToleratedFailureCount": 1, "MaxConcurrency": 2, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}"#

    @Test func mapRunsFromItsMockAndChecksTheTolerance() throws {
        let within = try Self.finished(Self.request(Self.map, input: #"{"items": [1, 2, 3]}"#, mock: .result(.array([.number(7)])), failures: 1))
        #expect(within.status == .succeeded)
        #expect(within.output == .array([.number(7)]))
        #expect(within.inspection?.afterItemsPath == .array([.number(1), .number(2), .number(3)]))
        #expect(within.inspection?.maxConcurrency == 2)
        #expect(within.inspection?.toleratedFailureCount == 1)
        let over = try Self.finished(Self.request(Self.map, input: #"{"items": [1, 2, 3]}"#, mock: .result(.array([.number(7)])), failures: 2))
        #expect(over.status == .failed)
        #expect(over.error == "States.ExceedToleratedFailureThreshold")
        #expect(over.cause == "The specified tolerated failure threshold was exceeded")
    }

    @Test func stateOfAMachineIsFoundInsideAMap() throws {
        let machine = try #require(ASLParser.parse(text: #"{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "End": true}}}, "End": true}}}"#).definition)
        let graph = try #require(StateTester.graph(containing: "Inner", in: machine.graph))
        #expect(graph.startAt == "Inner")
        #expect(StateTester.graph(containing: "Missing", in: machine.graph) == nil)
    }
}
