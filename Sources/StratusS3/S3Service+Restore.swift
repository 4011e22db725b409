import Foundation
import OrderedCollections
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// Archived objects: versions in the `GLACIER` and `DEEP_ARCHIVE` storage classes cannot be read or copied until
/// `RestoreObject` made a temporary copy readable; `HeadObject` and `GetObject` answer the restore state
/// (`x-amz-restore`). A local server has nothing to fetch from an archive, so a restore completes at once (S3 takes
/// minutes to hours), and the restored copy stays readable until the midnight (UTC) after `Days` days.
extension S3Service {
    /// The storage classes whose objects must be restored before they can be read.
    static let archivedStorageClasses: Set<String> = ["GLACIER", "DEEP_ARCHIVE"]
    /// One day in milliseconds.
    static let dayMilliseconds: Int64 = 86_400_000

    /// Whether `object` can be read now: not archived, or restored until later than now.
    func isReadable(_ object: S3ObjectRecord) -> Bool {
        guard Self.archivedStorageClasses.contains(object.storageClass) else { return true }
        return (object.restoredUntil ?? 0) > nowMilliseconds()
    }

    /// `InvalidObjectState` (403) for the source of a copy that is archived and not restored.
    func checkCopyable(_ source: S3ObjectRecord) throws {
        guard !isReadable(source) else { return }
        throw Self.archived(
            source, "The source object of the COPY operation is not in the active tier and is only stored in Amazon S3 Glacier.")
    }

    /// `InvalidObjectState` (403) naming the object's storage class.
    static func archived(_ object: S3ObjectRecord, _ message: String) -> AWSServiceError {
        AWSServiceError(AWSErrorCode("InvalidObjectState", httpStatus: 403), message,
                        fields: ["StorageClass": .string(object.storageClass)])
    }

    /// The `x-amz-restore` header of an archived object that was restored, nil otherwise.
    static func restoreHeader(_ object: S3ObjectRecord) -> String? {
        guard Self.archivedStorageClasses.contains(object.storageClass), let until = object.restoredUntil else { return nil }
        return "ongoing-request=\"false\", expiry-date=\"\(HTTPDate.text(Self.date(until)))\""
    }

    package func restoreObject(_ input: S3.RestoreObjectRequest, context: RequestContext) async throws
        -> S3.RestoreObjectOutput
    {
        guard let request = input.restoreRequest else { throw S3Failure.malformedXML() }
        if request.type != nil || request.selectParameters != nil || request.outputLocation != nil {
            throw AWSServiceError(AWSErrorCode("NotImplemented", httpStatus: 501),
                                  "Stratus does not support SELECT restore requests (S3 Select); restore with Days only.")
        }
        guard let days = request.days, days >= 1 else { throw S3Failure.malformedXML() }
        if let tier = request.glacierJobParameters?.tier.rawValue ?? request.tier?.rawValue,
           !["Standard", "Bulk", "Expedited"].contains(tier) {
            throw S3Failure.malformedXML()
        }
        let bucket = try await existingBucket(input.bucket)
        let object = try await readableVersion(bucket: bucket, key: input.key, versionID: input.versionId, method: "POST")
        guard Self.archivedStorageClasses.contains(object.storageClass) else {
            throw Self.archived(object, "Restore is not allowed for the object's current storage class")
        }
        // Readable until the midnight (UTC) after `days` days, as S3 rounds the expiry.
        let end = nowMilliseconds() + Int64(days) * Self.dayMilliseconds
        let until = (end / Self.dayMilliseconds + 1) * Self.dayMilliseconds
        var events = pendingEvents("ObjectRestore:Post", bucket: bucket, key: input.key, object: object, context: context)
        events += pendingEvents("ObjectRestore:Completed", bucket: bucket, key: input.key, object: object, context: context)
        guard try await store.updateObject(bucket: bucket.name, key: input.key, versionID: input.versionId, events: events,
                                           { $0.restoredUntil = until })
        else {
            throw input.versionId.map { S3Failure.noSuchVersion(key: input.key, versionID: $0) } ?? S3Failure.noSuchKey(input.key)
        }
        await dispatch(events)
        return S3.RestoreObjectOutput()
    }
}
