import Foundation
import HTTPTypes
import StratusAPIS3
import StratusAWSCore
import StratusConsole
import StratusJSON
import StratusS3
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting

/// A console over a real S3 service on an in-memory SQLite store and a temporary object directory, reached in-process
/// like the server reaches it.
struct ConsoleS3Fixture: ConsoleRequesting {
    /// The S3 service the console calls (tests also call it directly to set state up).
    let service: S3Service
    /// The console, calling `service` through an in-process invoker.
    let console: ConsoleEndpoints
    /// Where the service keeps object bytes (removed by ``removeObjects()``).
    let blobs: URL

    /// The caller of the requests the tests send to the service directly.
    static let context = RequestContext(
        accountID: "000000000000", region: "us-east-1", requestID: "request", host: "localhost:4566",
        receivedAt: Date(timeIntervalSince1970: 0))

    /// A fresh service whose clock reads `now`.
    init(now: Date = Date(timeIntervalSince1970: 1_700_000_000)) throws {
        let clock = ManualClock(start: now)
        blobs = FileManager.default.temporaryDirectory.appendingPathComponent("stratus-console-s3-\(UUID().uuidString)")
        let store = SQLiteS3Store(database: try SQLiteDatabase.inMemory(name: "s3"),
                                  blobs: try S3BlobDirectory(root: blobs, syncs: false))
        service = S3Service(store: store, clock: clock, ids: CountingIDs())
        console = ConsoleEndpoints(invoker: HandlerServiceInvoker(handlers: [service]), clock: clock,
                                   requestIDs: CountingIDs(prefix: "console-"))
    }

    /// Deletes the temporary object directory.
    func removeObjects() {
        try? FileManager.default.removeItem(at: blobs)
    }

    /// Creates `name` through the service (in `region` when given).
    func createBucket(_ name: String, region: String? = nil) async throws {
        var input = S3.CreateBucketRequest(bucket: name)
        if let region {
            input.createBucketConfiguration = S3.CreateBucketConfiguration(locationConstraint: .init(rawValue: region))
        }
        _ = try await service.createBucket(input, context: Self.context)
    }

    /// Stores `body` at `bucket`/`key` through the service, with its content type and metadata when given.
    func put(_ bucket: String, _ key: String, _ body: String, contentType: String? = nil,
             metadata: [String: String]? = nil) async throws {
        var input = S3.PutObjectRequest(body: Data(body.utf8), bucket: bucket, key: key)
        input.contentType = contentType
        input.metadata = metadata
        _ = try await service.putObject(input, context: Self.context)
    }

    /// Sends a GET to the S3 API route `route` (below `/_stratus/console/api/s3`) with `parameters` percent-encoded.
    func api(_ route: String, _ parameters: KeyValuePairs<String, String> = [:]) async -> ConsoleResponse {
        await api(.get, route, parameters)
    }

    /// Sends `method` to the S3 API route `route` (below `/_stratus/console/api/s3`) with `parameters`
    /// percent-encoded.
    func api(_ method: HTTPRequest.Method, _ route: String, _ parameters: KeyValuePairs<String, String> = [:])
        async -> ConsoleResponse
    {
        let query = parameters.map { "\($0.key)=\(ConsoleFixture.encoded($0.value))" }.joined(separator: "&")
        return await request(method, "/_stratus/console/api/s3\(route)\(query.isEmpty ? "" : "?" + query)")
    }
}
