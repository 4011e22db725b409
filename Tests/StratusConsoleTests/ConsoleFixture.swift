import Foundation
import HTTPTypes
import StratusAPIStepFunctions
import StratusAWSCore
import StratusConsole
import StratusJSON
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting

/// A console over a real Step Functions service on an in-memory SQLite store, reached in-process like the server
/// reaches it.
struct ConsoleFixture: ConsoleRequesting {
    let service: StepFunctionsService
    let console: ConsoleEndpoints

    static let role = "arn:aws:iam::000000000000:role/sfn"
    static let context = RequestContext(
        accountID: "000000000000", region: "us-east-1", requestID: "request", host: "localhost:4566",
        receivedAt: Date(timeIntervalSince1970: 0))

    init() throws {
        let clock = ManualClock()
        let store = SQLiteStepFunctionsStore(database: try SQLiteDatabase.inMemory(name: "stepfunctions"))
        service = StepFunctionsService(
            store: store, clock: clock, ids: CountingIDs(prefix: "rev-"),
            runner: StepFunctionsRunner(clock: clock, automaticTimers: false))
        console = ConsoleEndpoints(invoker: HandlerServiceInvoker(handlers: [service]), clock: clock,
                                   requestIDs: CountingIDs(prefix: "console-"))
    }

    /// Creates a state machine through the service and returns its ARN.
    func createStateMachine(_ name: String, _ definition: String) async throws -> String {
        try await service.createStateMachine(
            .init(name: name, definition: definition, roleArn: Self.role), context: Self.context
        ).stateMachineArn
    }

    /// The console's scripts, in the order the page loads them (the service pages register after console.js).
    static let scripts = [
        "statuses.js", "graph.js", "resources.js", "console.js", "stepfunctions.js", "lambda.js", "dynamodb.js", "sqs.js",
        "s3.js", "sns.js", "events.js",
    ]
}
