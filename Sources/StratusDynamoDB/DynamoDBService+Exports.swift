import Crypto
import Foundation
import OrderedCollections
import StratusAPIDynamoDB
import StratusAPIS3
import StratusAWSCore
import StratusDynamoDBExpressions
import StratusJSON
import StratusServiceKit

/// Table exports to S3 (`ExportTableToPointInTime`, full exports in DynamoDB JSON): the table's items at the export
/// time, rebuilt from its point-in-time recovery history, written to Stratus's S3 as DynamoDB writes them. The
/// export runs while the call is answered (`IN_PROGRESS`, as DynamoDB's answer says); `DescribeExport` then shows
/// it `COMPLETED`, or `FAILED` with the reason.
extension DynamoDBService {
    package func exportTableToPointInTime(_ input: DynamoDB.ExportTableToPointInTimeInput, context: RequestContext)
        async throws -> DynamoDB.ExportTableToPointInTimeOutput
    {
        if let format = input.exportFormat, format.rawValue != "DYNAMODB_JSON" {
            throw AWSServiceError.validation("Stratus exports tables in DYNAMODB_JSON only, not \(format.rawValue).")
        }
        if let type = input.exportType, type.rawValue != "FULL_EXPORT" {
            throw AWSServiceError.validation("Stratus makes full exports only (ExportType FULL_EXPORT), not \(type.rawValue).")
        }
        guard let (accountID, region, name) = Self.parseTableArn(input.tableArn),
              let table = try await store.table(accountID: accountID, region: region, name: name) else {
            throw AWSServiceError(DynamoDBErrors.tableNotFoundException, "Table not found: \(input.tableArn)")
        }
        guard let settings = try await store.pointInTimeRecovery(tableID: table.id) else {
            throw AWSServiceError(DynamoDBErrors.pointInTimeRecoveryUnavailableException,
                                  "Point in time recovery is not enabled for table '\(table.name)'")
        }
        let now = clock.now()
        let exportTime = input.exportTime ?? now
        guard exportTime >= settings.earliestRestorableTime(now: now), exportTime <= now else {
            throw AWSServiceError(DynamoDBErrors.invalidExportTimeException,
                                  "ExportTime must be between EarliestRestorableDateTime and LatestRestorableDateTime")
        }
        if let token = input.clientToken,
           let earlier = try await store.exports(accountID: context.accountID, region: context.region)
            .first(where: { $0.description.clientToken == token && $0.description.tableArn == input.tableArn }) {
            return DynamoDB.ExportTableToPointInTimeOutput(exportDescription: earlier.description)
        }
        let exportID = jobID(at: now)
        var description = DynamoDB.ExportDescription()
        description.exportArn = "\(input.tableArn)/export/\(exportID)"
        description.exportStatus = "IN_PROGRESS"
        description.startTime = now
        description.tableArn = input.tableArn
        description.tableId = table.description.tableId
        description.exportTime = exportTime
        description.clientToken = input.clientToken
        description.s3Bucket = input.s3Bucket
        description.s3BucketOwner = input.s3BucketOwner
        description.s3Prefix = input.s3Prefix
        description.s3SseAlgorithm = input.s3SseAlgorithm
        description.s3SseKmsKeyId = input.s3SseKmsKeyId
        description.exportFormat = "DYNAMODB_JSON"
        description.exportType = "FULL_EXPORT"
        let record = DynamoDBExportRecord(accountID: context.accountID, region: context.region, description: description)
        try await store.saveExport(record)
        let answered = description
        let finished = await run(record, exportID: exportID, tableID: table.id, context: context)
        try await store.saveExport(finished)
        return DynamoDB.ExportTableToPointInTimeOutput(exportDescription: answered)
    }

    /// Writes the export's files and answers its record `COMPLETED` (or `FAILED`, with the S3 error).
    func run(_ record: DynamoDBExportRecord, exportID: String, tableID: Int64, context: RequestContext) async
        -> DynamoDBExportRecord
    {
        var finished = record
        var description = record.description
        do {
            guard let invoker else {
                throw AWSServiceError(AWSErrorCode("S3NotServed", httpStatus: 400), "S3 is not served by this server.")
            }
            let time = description.exportTime ?? clock.now()
            let items = try await store.write { transaction in try transaction.items(tableID: tableID, asOf: time) }
            var lines: [UInt8] = []
            for item in items {
                let json = JSONValue.object(["Item": Self.awsValue(of: try Self.decode(item)).jsonValue])
                lines += Array(json.serializedString().utf8)
                lines.append(0x0A)
            }
            let base = (description.s3Prefix.map { $0.hasSuffix("/") || $0.isEmpty ? $0 : $0 + "/" } ?? "")
                + "AWSDynamoDB/\(exportID)/"
            let dataKey = base + "data/\(ids.next().lowercased().filter { $0.isLetter || $0.isNumber }).json.gz"
            let data = DynamoDBExportFiles.gzip(lines)
            let s3 = S3Client(invoker: invoker, context: context)
            let bucket = description.s3Bucket ?? ""
            _ = try await s3.putObject(S3.PutObjectRequest(body: Data(), bucket: bucket, key: base + "_started"))
            let written = try await s3.putObject(S3.PutObjectRequest(body: Data(data), bucket: bucket, key: dataKey))
            let md5 = Data(Insecure.MD5.hash(data: data)).base64EncodedString()
            let fileEntry: JSONValue = [
                "itemCount": .number(JSONNumber(items.count)), "md5Checksum": .string(md5),
                "etag": .string((written.eTag ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\""))),
                "dataFileS3Key": .string(dataKey),
            ]
            let filesKey = base + "manifest-files.json"
            _ = try await s3.putObject(S3.PutObjectRequest(body: Data((fileEntry.serializedString() + "\n").utf8),
                                                           bucket: bucket, key: filesKey))
            let end = clock.now()
            let summary: JSONValue = [
                "version": "2020-06-30", "exportArn": .string(description.exportArn ?? ""),
                "startTime": .string(Self.isoTime(description.startTime ?? end)), "endTime": .string(Self.isoTime(end)),
                "tableArn": .string(description.tableArn ?? ""), "tableId": .string(description.tableId ?? ""),
                "exportTime": .string(Self.isoTime(time)), "s3Bucket": .string(bucket),
                "s3Prefix": description.s3Prefix.map { .string($0) } ?? .null,
                "s3SseAlgorithm": .string(description.s3SseAlgorithm?.rawValue ?? "AES256"), "s3SseKmsKeyId": .null,
                "manifestFilesS3Key": .string(filesKey), "billedSizeBytes": .number(JSONNumber(lines.count)),
                "itemCount": .number(JSONNumber(items.count)), "outputFormat": "DYNAMODB_JSON", "exportType": "FULL_EXPORT",
            ]
            _ = try await s3.putObject(S3.PutObjectRequest(body: Data(summary.serializedString().utf8), bucket: bucket,
                                                           key: base + "manifest-summary.json"))
            description.exportStatus = "COMPLETED"
            description.endTime = end
            description.exportManifest = base + "manifest-summary.json"
            description.itemCount = items.count
            description.billedSizeBytes = lines.count
        } catch {
            description.exportStatus = "FAILED"
            description.endTime = clock.now()
            if let failure = error as? AWSServiceError {
                description.failureCode = failure.code.code
                description.failureMessage = failure.message
            } else {
                description.failureCode = "UNKNOWN"
                description.failureMessage = "\(error)"
            }
        }
        finished.description = description
        return finished
    }

    /// The id of an export or import started at `time`, as DynamoDB forms them: the start in milliseconds (14 digits)
    /// and eight hex digits (`01700000000000-1a2b3c4d`).
    func jobID(at time: Date) -> String {
        let milliseconds = Int64((time.timeIntervalSince1970 * 1000).rounded(.down))
        return "\(String(format: "%014lld", milliseconds))-\(String(ids.next().lowercased().filter(\.isHexDigit).prefix(8)))"
    }

    static func awsValue(of item: DynamoDBItem) -> AWSValue { DynamoDBValue.awsValue(item: item) }

    static func isoTime(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    package func describeExport(_ input: DynamoDB.DescribeExportInput, context: RequestContext) async throws
        -> DynamoDB.DescribeExportOutput
    {
        guard let export = try await store.export(arn: input.exportArn),
              export.accountID == context.accountID, export.region == context.region else {
            throw AWSServiceError(DynamoDBErrors.exportNotFoundException, "Export not found: \(input.exportArn)")
        }
        return DynamoDB.DescribeExportOutput(exportDescription: export.description)
    }

    /// `ListExports`: oldest first (of `TableArn` only, when given), `MaxResults` (1–25, default 25) a page.
    package func listExports(_ input: DynamoDB.ListExportsInput, context: RequestContext) async throws
        -> DynamoDB.ListExportsOutput
    {
        let exports = try await store.exports(accountID: context.accountID, region: context.region)
            .filter { export in input.tableArn.map { export.description.tableArn == $0 } ?? true }
        let page = try DynamoDBJobPage(
            exports, size: min(max(input.maxResults ?? 25, 1), 25), token: input.nextToken,
            arn: { $0.description.exportArn })
        return DynamoDB.ListExportsOutput(
            exportSummaries: page.jobs.map {
                DynamoDB.ExportSummary(exportArn: $0.description.exportArn, exportStatus: $0.description.exportStatus,
                                       exportType: $0.description.exportType)
            },
            nextToken: page.nextToken)
    }
}
