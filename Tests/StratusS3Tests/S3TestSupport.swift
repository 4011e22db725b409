import Foundation
import StratusAWSCore
import StratusS3
import StratusServiceKit
import StratusStoreSQLite
import StratusTesting

/// A service over a fresh in-memory SQLite store and a temporary blob directory, with its clock and, when given,
/// event destinations.
struct S3Fixture {
    let service: S3Service
    let store: SQLiteS3Store
    let clock: ManualClock
    let blobs: URL
    let context = S3Fixture.context

    /// The caller of every test request.
    static let context = RequestContext(
        accountID: "000000000000", region: "us-east-1", requestID: "request", host: "localhost:4566",
        receivedAt: Date(timeIntervalSince1970: 0))

    init(events: (any S3EventDestinations)? = nil, clock: ManualClock = ManualClock()) throws {
        self.clock = clock
        blobs = FileManager.default.temporaryDirectory.appendingPathComponent("stratus-s3-test-\(UUID().uuidString)")
        store = SQLiteS3Store(database: try SQLiteDatabase.inMemory(name: "s3"),
                              blobs: try S3BlobDirectory(root: blobs, syncs: false))
        service = S3Service(store: store, clock: clock, ids: CountingIDs(), events: events)
    }

    /// The blob files on disk.
    func blobCount() -> Int {
        let manager = FileManager.default
        let shards = (try? manager.contentsOfDirectory(atPath: blobs.path)) ?? []
        return shards.reduce(0) { $0 + ((try? manager.contentsOfDirectory(atPath: blobs.appendingPathComponent($1).path))?.count ?? 0) }
    }

    /// Expects `body` to throw an AWS error with `code`; returns it.
    @discardableResult
    func error(_ body: () async throws -> Void) async -> AWSServiceError? {
        do {
            try await body()
            return nil
        } catch let error as AWSServiceError {
            return error
        } catch {
            return nil
        }
    }
}
