import Foundation
import HTTPTypes
import StratusAPILambda
import StratusConsole
import StratusJSON
import StratusLambda
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting
import Synchronization

/// A console over a real Lambda service on an in-memory SQLite store, reached in-process like the server reaches it.
/// Deployment packages are kept in memory and invocations run a Swift closure instead of a process
/// (``Environments``): it answers the event itself, or a function error when the event holds `"fail": true`, with a
/// log naming the request. Every console request addresses ``host``.
struct ConsoleLambdaFixture: ConsoleRequesting {
    let service: LambdaService
    let environments = Environments()
    let console: ConsoleEndpoints

    static let role = "arn:aws:iam::000000000000:role/lambda-role"
    static let zip = Data("PK\u{3}\u{4}console-code".utf8)
    static let context = RequestContext(
        accountID: "000000000000", region: "us-east-1", requestID: "request", host: host,
        receivedAt: Date(timeIntervalSince1970: 0))

    init() throws {
        let store = SQLiteLambdaStore(database: try SQLiteDatabase.inMemory(name: "lambda"))
        service = LambdaService(store: store, codeStore: CodeStore(), environments: environments,
                                ids: CountingIDs(prefix: "lambda-"))
        console = ConsoleEndpoints(invoker: HandlerServiceInvoker(handlers: [service]),
                                   requestIDs: CountingIDs(prefix: "console-"))
    }

    /// Creates the Python function `name` and activates it (the background worker's activation pass); `configure`
    /// may change the request first.
    @discardableResult
    func createFunction(_ name: String, configure: (inout Lambda.CreateFunctionRequest) -> Void = { _ in }) async throws
        -> Lambda.FunctionConfiguration
    {
        var request = Lambda.CreateFunctionRequest(
            functionName: name, runtime: Lambda.Runtime(rawValue: "python3.12"), role: Self.role, handler: "app.handler",
            code: Lambda.FunctionCode(zipFile: Self.zip))
        configure(&request)
        let created = try await service.createFunction(request, context: Self.context)
        await service.backgroundWorker.activatePending()
        return created
    }

    /// Publishes `$LATEST` of `name` as a new version; answers its number.
    func publishVersion(_ name: String, description: String? = nil) async throws -> String {
        try await service.publishVersion(
            Lambda.PublishVersionRequest(functionName: name, description: description), context: Self.context
        ).version ?? ""
    }

    /// Creates the alias `alias` of `name` pointing at `version`.
    func createAlias(_ name: String, alias: String, version: String) async throws {
        _ = try await service.createAlias(
            Lambda.CreateAliasRequest(functionName: name, name: alias, functionVersion: version), context: Self.context)
    }

    /// Deployment packages in memory: a "zip" is any bytes starting with `PK`, its id a hash of them.
    final class CodeStore: LambdaCodeStore {
        private let packages = Mutex([String: [UInt8]]())

        /// Keeps `zip` under the hex of its FNV-1a hash (padded to a SHA-256's length).
        func store(zip: [UInt8]) async throws -> StoredLambdaCode {
            guard zip.starts(with: Array("PK".utf8)) else {
                throw LambdaCodeStoreError(.notAZip, LambdaCodeStoreError.couldNotUnzipMessage)
            }
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in zip { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            let id = String(format: "%016llx", hash) + String(repeating: "0", count: 48)
            packages.withLock { $0[id] = zip }
            return StoredLambdaCode(id: id, sha256Base64: Data(id.utf8.prefix(32)).base64EncodedString(),
                                    size: Int64(zip.count))
        }

        /// A made-up directory (nothing is unpacked: invocations do not run processes).
        func directory(for code: StoredLambdaCode) async throws -> String { "/code/\(code.id)" }

        /// The bytes kept under the code's id.
        func zip(for code: StoredLambdaCode) async throws -> [UInt8] {
            guard let bytes = packages.withLock({ $0[code.id] }) else { throw LambdaCodeStoreError(.notFound, "no package") }
            return bytes
        }

        /// Forgets the package.
        func delete(_ code: StoredLambdaCode) async throws { _ = packages.withLock { $0.removeValue(forKey: code.id) } }
    }

    /// Execution environments that answer in-process: the event itself, or an `Unhandled` function error document
    /// when the event is an object with `"fail": true`; the log is `START …`, `handling <event>`, `END …`.
    final class Environments: LambdaExecutionEnvironments {
        /// The payloads invoked so far, in order.
        let invocations = Mutex([String]())

        /// Answers one invocation as described on the type.
        func invoke(_ function: FunctionRuntimeConfiguration, _ request: LambdaInvocationRequest) async throws
            -> LambdaInvocationOutcome
        {
            let event = String(decoding: request.payload, as: UTF8.self)
            invocations.withLock { $0.append(event) }
            let fails = (try? JSONValue.parse(request.payload))?["fail"] == true
            let payload = fails ? #"{"errorMessage":"asked to fail","errorType":"Exception"}"# : event
            return LambdaInvocationOutcome(
                payload: Array(payload.utf8), functionError: fails ? "Unhandled" : nil,
                log: "START RequestId: \(request.requestID) Version: \(function.version)\nhandling \(event)\n"
                    + "END RequestId: \(request.requestID)\n",
                durationMilliseconds: 1, initDurationMilliseconds: nil)
        }

        /// Nothing to stop.
        func retire(functionArn: String) async {}
        /// Provisioned concurrency is not used by these tests.
        func provision(_ function: FunctionRuntimeConfiguration, count: Int) async {}
        /// Nothing is provisioned.
        func provisioning(of function: FunctionRuntimeConfiguration) async -> LambdaProvisioning {
            LambdaProvisioning(allocated: 0, requested: 0)
        }
        /// Nothing to stop.
        func shutdown() async {}
    }
}
