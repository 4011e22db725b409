import Foundation
import StratusAPILambda
import StratusAPISQS
import StratusAWSCore
import StratusLambda
import StratusSQS
import StratusServiceKit
import StratusStoreSQLite
import Synchronization
import Testing

/// Ids `id-1`, `id-2`, … (unique per fixture).
final class SequentialIDs: RequestIDGenerator {
    private let counter = Mutex(0)
    func next() -> String { "00000000-0000-4000-8000-\(String(format: "%012d", counter.withLock { $0 += 1; return $0 }))" }
}

/// A code store in memory: "zips" are any bytes starting with `PK`; the directory is a made-up path.
final class MemoryCodeStore: LambdaCodeStore {
    private let packages = Mutex([String: [UInt8]]())
    let directoryCalls = Mutex(0)

    func store(zip: [UInt8]) async throws -> StoredLambdaCode {
        guard zip.starts(with: Array("PK".utf8)) else {
            throw LambdaCodeStoreError(.notAZip, LambdaCodeStoreError.couldNotUnzipMessage)
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in zip { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let id = String(format: "%016llx", hash) + String(repeating: "0", count: 48)
        packages.withLock { $0[id] = zip }
        return StoredLambdaCode(id: id, sha256Base64: Data(id.utf8.prefix(32)).base64EncodedString(), size: Int64(zip.count))
    }

    func directory(for code: StoredLambdaCode) async throws -> String {
        directoryCalls.withLock { $0 += 1 }
        guard packages.withLock({ $0[code.id] }) != nil else { throw LambdaCodeStoreError(.notFound, "no package") }
        return "/code/\(code.id)"
    }

    func zip(for code: StoredLambdaCode) async throws -> [UInt8] {
        guard let bytes = packages.withLock({ $0[code.id] }) else { throw LambdaCodeStoreError(.notFound, "no package") }
        return bytes
    }

    func delete(_ code: StoredLambdaCode) async throws { _ = packages.withLock { $0.removeValue(forKey: code.id) } }

    var count: Int { packages.withLock { $0.count } }
}

/// Execution environments that run a Swift closure instead of a process, recording every invocation.
final class ScriptedEnvironments: LambdaExecutionEnvironments {
    typealias Handler = @Sendable (FunctionRuntimeConfiguration, LambdaInvocationRequest) async throws -> LambdaInvocationOutcome
    private let handler: Mutex<Handler>
    let invocations = Mutex([(FunctionRuntimeConfiguration, LambdaInvocationRequest)]())
    let retired = Mutex([String]())

    init(_ handler: @escaping Handler = { _, request in ScriptedEnvironments.echo(request) }) {
        self.handler = Mutex(handler)
    }

    func setHandler(_ handler: @escaping Handler) { self.handler.withLock { $0 = handler } }

    func invoke(_ function: FunctionRuntimeConfiguration, _ request: LambdaInvocationRequest) async throws
        -> LambdaInvocationOutcome
    {
        invocations.withLock { $0.append((function, request)) }
        let handler = self.handler.withLock { $0 }
        return try await handler(function, request)
    }

    func retire(functionArn: String) async { retired.withLock { $0.append(functionArn) } }
    func shutdown() async {}

    /// Provisioned environments asked for, by function version: scripted environments are ready at once.
    let provisioned = Mutex([String: Int]())

    func provision(_ function: FunctionRuntimeConfiguration, count: Int) async {
        provisioned.withLock { $0["\(function.functionArn):\(function.version)"] = count == 0 ? nil : count }
    }

    func provisioning(of function: FunctionRuntimeConfiguration) async -> LambdaProvisioning {
        let count = provisioned.withLock { $0["\(function.functionArn):\(function.version)"] ?? 0 }
        return LambdaProvisioning(allocated: count, requested: count)
    }

    var count: Int { invocations.withLock { $0.count } }

    /// Answers the event itself, with a log.
    static func echo(_ request: LambdaInvocationRequest) -> LambdaInvocationOutcome {
        outcome(request, payload: request.payload)
    }

    static func outcome(_ request: LambdaInvocationRequest, payload: [UInt8], error: String? = nil, log: String = "hello\n")
        -> LambdaInvocationOutcome
    {
        LambdaInvocationOutcome(
            payload: payload, functionError: error,
            log: "START RequestId: \(request.requestID) Version: $LATEST\n\(log)END RequestId: \(request.requestID)\n",
            durationMilliseconds: 1, initDurationMilliseconds: nil)
    }

    /// A function error document.
    static func failure(_ request: LambdaInvocationRequest, message: String = "boom") -> LambdaInvocationOutcome {
        outcome(request, payload: Array("{\"errorMessage\":\"\(message)\",\"errorType\":\"Exception\"}".utf8),
                error: "Unhandled")
    }
}

/// An invoker reaching a few handlers (SQS, DynamoDB Streams) in-process, by their model's name.
struct SingleHandlerInvoker: ServiceInvoker {
    let handlers: [any AWSServiceHandler]

    init(handler: any AWSServiceHandler, others: [any AWSServiceHandler] = []) {
        handlers = [handler] + others
    }

    func invoke(service: String, operation: String, input: AWSValue, context: RequestContext) async throws -> AWSValue {
        guard let handler = handlers.first(where: { $0.schema.modelName == service }),
              let schema = handler.schema.operation(named: operation) else {
            throw AWSServiceError.notImplemented(service: service, operation: operation)
        }
        return try await handler.handle(operation: schema, input: input, context: context)
    }
}

/// A Lambda service over in-memory SQLite, a memory code store, scripted environments and a real SQS service.
struct LambdaFixture {
    let service: LambdaService
    let store: SQLiteLambdaStore
    let codeStore = MemoryCodeStore()
    let environments: ScriptedEnvironments
    let sqs: SQSService
    let context = LambdaFixture.context

    static let context = RequestContext(
        accountID: "000000000000", region: "us-east-1", requestID: "request-1", host: "localhost:4566",
        receivedAt: Date(timeIntervalSince1970: 0))
    static let role = "arn:aws:iam::000000000000:role/lambda-role"
    static let zip = Data("PK\u{3}\u{4}code-v1".utf8)
    static let zip2 = Data("PK\u{3}\u{4}code-v2".utf8)

    init(database: SQLiteDatabase? = nil, environments: ScriptedEnvironments = ScriptedEnvironments(),
         settings: LambdaServiceSettings = LambdaServiceSettings(asyncRetryDelays: [.milliseconds(50), .milliseconds(100)],
                                                                  asyncThrottleDelay: .milliseconds(50),
                                                                  sourcePollWaitSeconds: 1),
         otherHandlers: [any AWSServiceHandler] = []) throws
    {
        store = SQLiteLambdaStore(database: try database ?? SQLiteDatabase.inMemory(name: "lambda"))
        self.environments = environments
        sqs = SQSService(store: SQLiteSQSStore(database: try SQLiteDatabase.inMemory(name: "sqs")))
        service = LambdaService(store: store, codeStore: codeStore, environments: environments,
                                invoker: SingleHandlerInvoker(handler: sqs, others: otherHandlers), ids: SequentialIDs(),
                                settings: settings)
    }

    func requestContext(_ requestID: String) -> RequestContext {
        var context = Self.context
        context.requestID = requestID
        return context
    }

    /// Creates a function and activates it (the background worker's activation pass).
    @discardableResult
    func createActiveFunction(_ name: String, runtime: String = "python3.12", publish: Bool = false,
                              configure: (inout Lambda.CreateFunctionRequest) -> Void = { _ in }) async throws
        -> Lambda.FunctionConfiguration
    {
        var request = Lambda.CreateFunctionRequest(
            functionName: name, runtime: Lambda.Runtime(rawValue: runtime), role: Self.role, handler: "app.handler",
            code: Lambda.FunctionCode(zipFile: Self.zip), publish: publish)
        configure(&request)
        _ = try await service.createFunction(request, context: context)
        await service.backgroundWorker.activatePending()
        return try await service.getFunctionConfiguration(
            Lambda.GetFunctionConfigurationRequest(functionName: name), context: context)
    }

    func invoke(_ name: String, _ payload: String = "{}", qualifier: String? = nil, type: String? = nil,
                logType: String? = nil) async throws -> Lambda.InvocationResponse
    {
        try await service.invoke(
            Lambda.InvocationRequest(functionName: name, invocationType: type.map(Lambda.InvocationType.init(rawValue:)),
                                     logType: logType.map(Lambda.LogType.init(rawValue:)), payload: Data(payload.utf8),
                                     qualifier: qualifier),
            context: requestContext(UUID().uuidString.lowercased()))
    }

    func createQueue(_ name: String, attributes: [String: String] = [:]) async throws -> String {
        let sqsContext = Self.context
        let result = try await sqs.createQueue(SQS.CreateQueueRequest(queueName: name, attributes: attributes),
                                               context: sqsContext)
        return result.queueUrl!
    }

    /// Sends through the SQS handler as a client would.
    func send(_ url: String, _ body: String, attributes: [String: SQS.MessageAttributeValue]? = nil) async throws {
        _ = try await SQSClient(invoker: SingleHandlerInvoker(handler: sqs), context: Self.context)
            .sendMessage(SQS.SendMessageRequest(queueUrl: url, messageBody: body, messageAttributes: attributes))
    }

    func receive(_ url: String, wait: Int = 0, visibility: Int? = nil) async throws -> [SQS.Message] {
        try await sqs.receiveMessage(SQS.ReceiveMessageRequest(queueUrl: url, attributeNames: ["All"],
                                                               maxNumberOfMessages: 10, visibilityTimeout: visibility,
                                                               waitTimeSeconds: wait),
                                     context: Self.context).messages ?? []
    }
}

/// Whether `body` throws an `AWSServiceError` with `code` (and, if given, exactly `message`).
@discardableResult
func expectAWSError(_ code: String, _ message: String? = nil, _ body: () async throws -> Void) async -> AWSServiceError? {
    do {
        try await body()
    } catch let error as AWSServiceError {
        if error.code.code == code && (message == nil || error.message == message) { return error }
        Issue.record("expected \(code) \(message ?? ""), got \(error.code.code): \(error.message ?? "")")
        return nil
    } catch {
        Issue.record("expected \(code), got \(error)")
        return nil
    }
    Issue.record("expected \(code), nothing was thrown")
    return nil
}
