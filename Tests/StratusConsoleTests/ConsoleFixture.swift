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
struct ConsoleFixture {
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

    /// Sends one request to the console.
    func request(_ method: HTTPRequest.Method = .get, _ target: String, json body: String? = nil,
                 contentType: String = "application/json") async -> ConsoleResponse {
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        var fields = HTTPFields()
        if body != nil { fields[.contentType] = contentType }
        return await console.respond(to: ConsoleRequest(
            method: method, path: parts[0], query: parts.count > 1 ? parts[1] : nil, headerFields: fields,
            body: Array((body ?? "").utf8)))
    }

    /// The JSON body of a response.
    static func json(_ response: ConsoleResponse) throws -> JSONValue {
        try JSONValue.parse(response.body)
    }

    /// `value` percent-encoded for a query string.
    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
    }
}
