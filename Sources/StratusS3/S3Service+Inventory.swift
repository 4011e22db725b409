import Crypto
import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// S3 Inventory: `Put`/`Get`/`Delete`/`ListBucketInventoryConfigurations` with S3's checks, and the reports — CSV
/// data (gzip), `manifest.json`, `manifest.checksum` and the Hive `symlink.txt` — written into the destination bucket
/// on each configuration's schedule (``S3ScheduledWorker``) or at once (``writeInventoryReports(now:dueOnly:)``).
extension S3Service {
    package func putBucketInventoryConfiguration(_ input: S3.PutBucketInventoryConfigurationRequest,
                                                 context: RequestContext) async throws {
        _ = try await existingBucket(input.bucket)
        let configuration = input.inventoryConfiguration
        guard configuration.id == input.id else {
            throw AWSServiceError(AWSErrorCode("IdMismatch", httpStatus: 400),
                                  "Document ID does not match the specified configuration ID.")
        }
        guard Self.bucketName(ofARN: configuration.destination.s3BucketDestination.bucket) != nil else {
            throw AWSServiceError(AWSErrorCode("InvalidS3DestinationBucket", httpStatus: 400), "Invalid bucket ARN.")
        }
        let format = configuration.destination.s3BucketDestination.format.rawValue
        guard format == "CSV" else {
            throw AWSServiceError(AWSErrorCode("NotImplemented", httpStatus: 501),
                                  "Stratus writes CSV inventory reports only, not \(format).")
        }
        guard try await store.updateBucket(named: input.bucket, { bucket in
            var configurations = bucket.inventory ?? []
            configurations.removeAll { $0.id == configuration.id }
            configurations.append(configuration)
            bucket.inventory = configurations.sorted { $0.id < $1.id }
        }) != nil else { throw S3Failure.noSuchBucket(input.bucket) }
    }

    package func getBucketInventoryConfiguration(_ input: S3.GetBucketInventoryConfigurationRequest,
                                                 context: RequestContext) async throws
        -> S3.GetBucketInventoryConfigurationOutput
    {
        let bucket = try await existingBucket(input.bucket)
        guard let configuration = bucket.inventory?.first(where: { $0.id == input.id }) else {
            throw Self.noSuchInventoryConfiguration()
        }
        var output = S3.GetBucketInventoryConfigurationOutput()
        output.inventoryConfiguration = configuration
        return output
    }

    package func listBucketInventoryConfigurations(_ input: S3.ListBucketInventoryConfigurationsRequest,
                                                   context: RequestContext) async throws
        -> S3.ListBucketInventoryConfigurationsOutput
    {
        let bucket = try await existingBucket(input.bucket)
        let all = bucket.inventory ?? []
        let start = input.continuationToken.flatMap { token in all.firstIndex { $0.id > token } } ?? (input.continuationToken == nil ? 0 : all.count)
        let page = Array(all[start...].prefix(100))
        var output = S3.ListBucketInventoryConfigurationsOutput()
        output.continuationToken = input.continuationToken
        output.inventoryConfigurationList = page.isEmpty ? nil : page
        output.isTruncated = start + page.count < all.count
        if output.isTruncated == true { output.nextContinuationToken = page.last?.id }
        return output
    }

    package func deleteBucketInventoryConfiguration(_ input: S3.DeleteBucketInventoryConfigurationRequest,
                                                    context: RequestContext) async throws {
        let bucket = try await existingBucket(input.bucket)
        guard bucket.inventory?.contains(where: { $0.id == input.id }) == true else { throw Self.noSuchInventoryConfiguration() }
        _ = try await store.updateBucket(named: input.bucket) { bucket in
            bucket.inventory?.removeAll { $0.id == input.id }
            if bucket.inventory?.isEmpty == true { bucket.inventory = nil }
        }
    }

    private static func noSuchInventoryConfiguration() -> AWSServiceError {
        AWSServiceError(AWSErrorCode("NoSuchConfiguration", httpStatus: 404), "The specified configuration does not exist.")
    }

    // MARK: Reports

    /// Writes a report for every enabled configuration (only those due by their schedule with `dueOnly`: a day or a
    /// week after their last report); answers how many were written. A destination that does not exist gets none.
    package func writeInventoryReports(now: Date, dueOnly: Bool) async throws -> Int {
        var written = 0
        let nowMilliseconds = Self.milliseconds(now)
        for bucket in try await store.allBuckets() {
            for configuration in bucket.inventory ?? [] where configuration.isEnabled {
                let last = bucket.inventoryReportedAt?[configuration.id]
                let period: Int64 = configuration.schedule.frequency.rawValue == "Weekly" ? 7 * 86_400_000 : 86_400_000
                if dueOnly, let last, nowMilliseconds - last < period { continue }
                guard try await writeInventoryReport(configuration, of: bucket, now: now) else { continue }
                written += 1
                let id = configuration.id
                _ = try await store.updateBucket(named: bucket.name) { record in
                    var reported = record.inventoryReportedAt ?? [:]
                    reported[id] = nowMilliseconds
                    record.inventoryReportedAt = reported
                }
            }
        }
        return written
    }

    /// Writes one report of `bucket` for `configuration`; false when its destination does not exist.
    private func writeInventoryReport(_ configuration: S3.InventoryConfiguration, of bucket: S3BucketRecord, now: Date)
        async throws -> Bool
    {
        let target = configuration.destination.s3BucketDestination
        guard let name = Self.bucketName(ofARN: target.bucket), let destination = try await store.bucket(named: name)
        else { return false }
        let allVersions = configuration.includedObjectVersions.rawValue == "All"
        var report = S3InventoryReport(allVersions: allVersions,
                                       optionalFields: (configuration.optionalFields ?? []).map(\.rawValue))
        let prefix = configuration.filter?.prefix ?? ""
        var position: S3VersionPosition?
        while true {
            let page = try await store.versions(bucket: bucket.name, prefix: prefix, after: position, limit: 1000)
            for entry in page where allVersions || (entry.isLatest && !entry.record.isMarker) {
                report.add(entry.record, isLatest: entry.isLatest)
            }
            guard page.count == 1000, let last = page.last else { break }
            position = .afterVersion(key: last.record.key, versionID: last.record.versionText)
        }
        let folder = (target.prefix.map { $0.hasSuffix("/") || $0.isEmpty ? $0 : $0 + "/" } ?? "")
            + "\(bucket.name)/\(configuration.id)/"
        let created = Self.milliseconds(now)
        let parts = S3AccessLogRecord.utcCalendar.dateComponents([.year, .month, .day, .hour, .minute], from: now)
        let stamp = String(format: "%04d-%02d-%02dT%02d-%02dZ", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1,
                           parts.hour ?? 0, parts.minute ?? 0)
        let hiveStamp = String(format: "%04d-%02d-%02d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1,
                               parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0)
        let data = try report.dataFile()
        let dataKey = folder + "data/" + Self.uuidText(ids.next()) + ".csv.gz"
        let manifest = report.manifest(sourceBucket: bucket.name, destinationBucket: destination.name, created: created,
                                       files: [(dataKey, data)])
        let context = RequestContext(accountID: destination.accountID, region: destination.region, requestID: ids.next(),
                                     host: "localhost", receivedAt: now)
        for (key, body, type) in [
            (dataKey, data, "application/x-gzip"), (folder + stamp + "/manifest.json", manifest, "application/json"),
            (folder + stamp + "/manifest.checksum", S3InventoryReport.checksum(of: manifest), "text/plain"),
            (folder + "hive/dt=\(hiveStamp)/symlink.txt", Data("s3://\(destination.name)/\(dataKey)\n".utf8), "text/plain"),
        ] {
            var input = S3.PutObjectRequest(body: body, bucket: destination.name, key: key)
            input.contentType = type
            // Integrity-checked like any upload (a destination with an Object Lock default retention requires it).
            input.contentMD5 = Data(Insecure.MD5.hash(data: body)).base64EncodedString()
            _ = try await putObject(input, context: context, event: "ObjectCreated:Put")
        }
        return true
    }

    /// A version-4-shaped UUID text made from a random id (the hex digits of its MD5).
    private static func uuidText(_ random: String) -> String {
        let chars = Array(Self.md5Hex(Data(random.utf8)))
        return String(chars[0..<8]) + "-" + String(chars[8..<12]) + "-4" + String(chars[13..<16]) + "-8"
            + String(chars[17..<20]) + "-" + String(chars[20..<32])
    }
}
