import StratusAPIStepFunctions
import StratusJSON
import StratusServiceKit

/// The Step Functions calls behind the console API, through the generated typed client.
extension ConsoleAPI {
    /// The generated Step Functions shapes, by a short name.
    typealias SF = StepFunctions

    /// A typed Step Functions client calling the service in-process as `context`'s caller.
    func client(_ context: RequestContext) -> StepFunctionsClient {
        StepFunctionsClient(invoker: invoker, context: context)
    }

    /// Every state machine of the account and region (`ListStateMachines`, page after page).
    func listStateMachines(context: RequestContext) async throws -> JSONValue {
        var machines: [JSONValue] = []
        var token: String?
        repeat {
            let page = try await client(context).listStateMachines(SF.ListStateMachinesInput(maxResults: 1000, nextToken: token))
            machines += page.stateMachines.map(\.awsValue.jsonValue)
            token = page.nextToken
        } while token != nil && machines.count < Self.maximumListed
        return ["stateMachines": .array(Array(machines.prefix(Self.maximumListed))), "truncated": .bool(token != nil)]
    }

    /// `DescribeStateMachine`: the definition, type, role and dates.
    func describeStateMachine(arn: String, context: RequestContext) async throws -> JSONValue {
        try await client(context).describeStateMachine(SF.DescribeStateMachineInput(stateMachineArn: arn)).awsValue.jsonValue
    }

    /// The statuses `ListExecutions` filters by (`statusFilter`), as AWS accepts them.
    static let executionStatuses: Set<String> = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"]

    /// The executions of a state machine (or of the version or alias an ARN names), or the child executions of a Map
    /// Run, newest first (`ListExecutions`, page after page), only those in `status` when it is given.
    /// - Throws: ``RequestError`` when neither `stateMachineArn` nor `mapRunArn` is given or `status` is not an
    ///   execution status; the service's error when both are given or the ARN is unknown.
    func listExecutions(stateMachineArn: String?, mapRunArn: String? = nil, status: String? = nil,
                        context: RequestContext) async throws -> JSONValue {
        guard stateMachineArn != nil || mapRunArn != nil else {
            throw RequestError.badRequest("The query parameter stateMachineArn or mapRunArn is required.")
        }
        if let status, !Self.executionStatuses.contains(status) {
            throw RequestError.badRequest(
                "The query parameter status must be one of \(Self.executionStatuses.sorted().joined(separator: ", ")).")
        }
        var executions: [JSONValue] = []
        var token: String?
        repeat {
            var input = SF.ListExecutionsInput()
            input.stateMachineArn = stateMachineArn
            input.mapRunArn = mapRunArn
            input.statusFilter = status.map(SF.ExecutionStatus.init(rawValue:))
            input.maxResults = 1000
            input.nextToken = token
            let page = try await client(context).listExecutions(input)
            executions += page.executions.map(\.awsValue.jsonValue)
            token = page.nextToken
        } while token != nil && executions.count < Self.maximumListed
        return ["executions": .array(Array(executions.prefix(Self.maximumListed))), "truncated": .bool(token != nil)]
    }

    /// `StartExecution` from `{"stateMachineArn", "name"?, "input"?}`; `input` is JSON text, or any JSON value, which
    /// is sent as its text.
    func startExecution(_ body: JSONValue, context: RequestContext) async throws -> JSONValue {
        guard let arn = body["stateMachineArn"]?.stringValue, !arn.isEmpty else {
            throw RequestError.badRequest("The member stateMachineArn is required.")
        }
        var input = SF.StartExecutionInput(stateMachineArn: arn)
        if let name = body["name"]?.stringValue, !name.isEmpty { input.name = name }
        switch body["input"] {
        case nil, .null?: break
        case .string(let text)?: input.input = text
        case let value?: input.input = value.serializedString()
        }
        return try await client(context).startExecution(input).awsValue.jsonValue
    }

    /// `DescribeExecution`: status, input, output, error and cause.
    func describeExecution(arn: String, context: RequestContext) async throws -> JSONValue {
        try await client(context).describeExecution(SF.DescribeExecutionInput(executionArn: arn)).awsValue.jsonValue
    }

    /// The execution's whole history in order (`GetExecutionHistory`, page after page, with execution data).
    func history(arn: String, context: RequestContext) async throws -> JSONValue {
        var events: [JSONValue] = []
        var token: String?
        repeat {
            var input = SF.GetExecutionHistoryInput(executionArn: arn)
            input.maxResults = 1000
            input.nextToken = token
            input.includeExecutionData = true
            let page = try await client(context).getExecutionHistory(input)
            events += page.events.map(\.awsValue.jsonValue)
            token = page.nextToken
        } while token != nil && events.count < Self.maximumEvents
        return ["events": .array(Array(events.prefix(Self.maximumEvents))), "truncated": .bool(token != nil)]
    }

    /// `StopExecution` from `{"executionArn", "error"?, "cause"?}`.
    func stopExecution(_ body: JSONValue, context: RequestContext) async throws -> JSONValue {
        guard let arn = body["executionArn"]?.stringValue, !arn.isEmpty else {
            throw RequestError.badRequest("The member executionArn is required.")
        }
        var input = SF.StopExecutionInput(executionArn: arn)
        input.error = body["error"]?.stringValue
        input.cause = body["cause"]?.stringValue
        return try await client(context).stopExecution(input).awsValue.jsonValue
    }
}
