import Foundation
import StratusAPIDynamoDB
import StratusAPIS3
import StratusAWSCore
import StratusDynamoDBExpressions
import StratusServiceKit

/// Table imports from S3 (`ImportTable`, `DescribeImport`, `ListImports`): a new table, created as
/// `TableCreationParameters` describe it, filled with the items of every object under the source's key prefix in
/// Stratus's S3 (DynamoDB JSON lines, as exports write them, or CSV; plain or gzip). The import runs while the call is
/// answered (`IN_PROGRESS`, as DynamoDB's answer says); `DescribeImport` then shows it `COMPLETED` with its counts, or
/// `FAILED` with the reason, in which case no table was created. Records that cannot be read, lack the table's key or
/// break an item rule count as errors (`ErrorCount`) and are left out, as DynamoDB does.
extension DynamoDBService {
    /// The CSV delimiters DynamoDB accepts.
    static let importDelimiters: Set<String> = [",", "\t", ":", ";", "|", " "]

    package func importTable(_ input: DynamoDB.ImportTableInput, context: RequestContext) async throws
        -> DynamoDB.ImportTableOutput
    {
        let format = input.inputFormat.rawValue
        guard format == "DYNAMODB_JSON" || format == "CSV" else {
            throw AWSServiceError.validation("Stratus imports DYNAMODB_JSON and CSV files, not \(format).")
        }
        let compression = input.inputCompressionType?.rawValue ?? "NONE"
        guard compression == "NONE" || compression == "GZIP" else {
            throw AWSServiceError.validation("Stratus reads uncompressed and GZIP import files, not \(compression).")
        }
        var reader = DynamoDBImportReader(format: format)
        if let csv = input.inputFormatOptions?.csv {
            if let delimiter = csv.delimiter {
                guard Self.importDelimiters.contains(delimiter) else {
                    throw AWSServiceError.validation(
                        "The CSV delimiter must be one of comma, tab, colon, semicolon, pipe or space, not '\(delimiter)'.")
                }
                reader.delimiter = delimiter.utf8.first ?? UInt8(ascii: ",")
            }
            reader.headerList = csv.headerList
        }
        if let token = input.clientToken,
           let earlier = try await store.imports(accountID: context.accountID, region: context.region)
            .first(where: { $0.description.clientToken == token }) {
            return DynamoDB.ImportTableOutput(importTableDescription: earlier.description)
        }
        let parameters = input.tableCreationParameters
        let record = try newTableRecord(DynamoDB.CreateTableInput(
            attributeDefinitions: parameters.attributeDefinitions, tableName: parameters.tableName,
            keySchema: parameters.keySchema, globalSecondaryIndexes: parameters.globalSecondaryIndexes,
            billingMode: parameters.billingMode, provisionedThroughput: parameters.provisionedThroughput,
            sseSpecification: parameters.sseSpecification, onDemandThroughput: parameters.onDemandThroughput),
            context: context)
        guard try await store.table(accountID: context.accountID, region: context.region, name: parameters.tableName) == nil
        else { throw DynamoDBFailure.tableExists(parameters.tableName) }
        for definition in parameters.attributeDefinitions {
            reader.keyTypes[definition.attributeName] = definition.attributeType.rawValue
        }
        let now = clock.now()
        let importID = jobID(at: now)
        var description = DynamoDB.ImportTableDescription()
        description.importArn = "\(record.description.tableArn ?? "")/import/\(importID)"
        description.importStatus = "IN_PROGRESS"
        description.tableArn = record.description.tableArn
        description.tableId = record.description.tableId
        description.clientToken = input.clientToken
        description.s3BucketSource = input.s3BucketSource
        description.inputFormat = input.inputFormat
        description.inputFormatOptions = input.inputFormatOptions
        description.inputCompressionType = DynamoDB.InputCompressionType(rawValue: compression)
        description.tableCreationParameters = parameters
        description.startTime = now
        let started = DynamoDBImportRecord(accountID: context.accountID, region: context.region, description: description)
        try await store.saveImport(started)
        let finished = await run(started, table: record, reader: reader, gzip: compression == "GZIP", context: context)
        try await store.saveImport(finished)
        return DynamoDB.ImportTableOutput(importTableDescription: description)
    }

    /// Reads the source objects, creates the table with the items read, and answers the record `COMPLETED` (or
    /// `FAILED`, with the S3 or store error, and no table).
    private func run(
        _ record: DynamoDBImportRecord, table: DynamoDBTableRecord, reader: DynamoDBImportReader, gzip: Bool,
        context: RequestContext
    ) async -> DynamoDBImportRecord {
        var finished = record
        var description = record.description
        do {
            guard let invoker else {
                throw AWSServiceError(AWSErrorCode("S3NotServed", httpStatus: 400), "S3 is not served by this server.")
            }
            let s3 = S3Client(invoker: invoker, context: context)
            let source = description.s3BucketSource ?? DynamoDB.S3BucketSource(s3Bucket: "")
            var processedBytes = 0
            var processed = 0
            var errors = 0
            var items: [DynamoDBStoredItem] = []
            var entries: [[DynamoDBIndexEntry]] = []
            let schema = DynamoDBKeySchema(table.description)
            for key in try await Self.readingSource(source, { try await Self.sourceKeys(source, s3: s3) }) {
                let body = [UInt8](try await Self.readingSource(source) {
                    try await s3.getObject(S3.GetObjectRequest(bucket: source.s3Bucket, key: key)).body ?? Data()
                })
                let bytes: [UInt8]
                do {
                    bytes = gzip ? try DynamoDBImportReader.gunzip(body) : body
                } catch {
                    // An object that is not gzip: one error, as one record DynamoDB could not read.
                    processed += 1
                    errors += 1
                    continue
                }
                processedBytes += bytes.count
                let outcome = reader.read(bytes)
                processed += outcome.processed
                errors += outcome.errors
                for item in outcome.items {
                    let size = DynamoDBItemSize.of(item)
                    guard size <= DynamoDBItemSize.maximumItemSize, let key = try? schema.storedKey(ofItem: item),
                          let itemEntries = try? schema.indexEntries(of: item)
                    else {
                        errors += 1
                        continue
                    }
                    items.append(DynamoDBStoredItem(key: key, body: DynamoDBItemCodec.encode(item), size: size,
                                                    expiresAt: schema.expiry(of: item)))
                    entries.append(itemEntries)
                }
            }
            let createdAt = table.description.creationDateTime ?? clock.now()
            let loaded = items, loadedEntries = entries
            try await store.write { transaction in
                guard let created = try transaction.createTable(table) else {
                    throw DynamoDBFailure.tableExists(table.name)
                }
                for (item, itemEntries) in zip(loaded, loadedEntries) {
                    // A key met twice keeps its last item, as a second put would.
                    try transaction.putItem(tableID: created.id, item, indexEntries: itemEntries, replaced: .unknown,
                                            changedAt: createdAt)
                }
            }
            description.importStatus = "COMPLETED"
            description.processedSizeBytes = processedBytes
            description.processedItemCount = processed
            description.importedItemCount = items.count
            description.errorCount = errors
        } catch {
            description.importStatus = "FAILED"
            if let failure = error as? AWSServiceError {
                description.failureCode = failure.code.code
                description.failureMessage = failure.message ?? failure.code.code
            } else {
                description.failureCode = "UNKNOWN"
                description.failureMessage = "\(error)"
            }
        }
        description.endTime = clock.now()
        finished.description = description
        return finished
    }

    /// Runs an S3 read of the import's source; an S3 error's message gets the source's location.
    private static func readingSource<T>(_ source: DynamoDB.S3BucketSource, _ read: () async throws -> T) async throws -> T {
        do {
            return try await read()
        } catch let error as AWSServiceError {
            let location = "s3://\(source.s3Bucket)/\(source.s3KeyPrefix ?? "")"
            throw AWSServiceError(error.code, "\(error.message ?? error.code.code) (\(location))")
        }
    }

    /// The keys of every object under the source's prefix (all of the bucket's without one), in key order; folder
    /// placeholders (keys ending in `/`) left out.
    private static func sourceKeys(_ source: DynamoDB.S3BucketSource, s3: S3Client) async throws -> [String] {
        var keys: [String] = []
        var token: String?
        repeat {
            var request = S3.ListObjectsV2Request(bucket: source.s3Bucket)
            request.prefix = source.s3KeyPrefix
            request.continuationToken = token
            let page = try await s3.listObjectsV2(request)
            keys += (page.contents ?? []).compactMap(\.key).filter { !$0.hasSuffix("/") }
            token = page.isTruncated == true ? page.nextContinuationToken : nil
        } while token != nil
        return keys
    }

    package func describeImport(_ input: DynamoDB.DescribeImportInput, context: RequestContext) async throws
        -> DynamoDB.DescribeImportOutput
    {
        guard let record = try await store.importRecord(arn: input.importArn),
              record.accountID == context.accountID, record.region == context.region else {
            throw AWSServiceError(DynamoDBErrors.importNotFoundException, "Import not found: \(input.importArn)")
        }
        return DynamoDB.DescribeImportOutput(importTableDescription: record.description)
    }

    /// `ListImports`: oldest first (of `TableArn` only, when given), `PageSize` (1–25, default 25) a page.
    package func listImports(_ input: DynamoDB.ListImportsInput, context: RequestContext) async throws
        -> DynamoDB.ListImportsOutput
    {
        let imports = try await store.imports(accountID: context.accountID, region: context.region)
            .filter { record in input.tableArn.map { record.description.tableArn == $0 } ?? true }
        let page = try DynamoDBJobPage(
            imports, size: min(max(input.pageSize ?? 25, 1), 25), token: input.nextToken, arn: { $0.description.importArn },
            token: Self.importToken, arn: Self.importARN(fromToken:))
        return DynamoDB.ListImportsOutput(
            importSummaryList: page.jobs.map { record in
                let description = record.description
                return DynamoDB.ImportSummary(
                    importArn: description.importArn, importStatus: description.importStatus,
                    tableArn: description.tableArn, s3BucketSource: description.s3BucketSource,
                    cloudWatchLogGroupArn: description.cloudWatchLogGroupArn, inputFormat: description.inputFormat,
                    startTime: description.startTime, endTime: description.endTime)
            },
            nextToken: page.nextToken)
    }

    /// The `NextToken` of `ListImports` that resumes at import `arn`: its bytes in hex, padded with `00` bytes to
    /// DynamoDB's token form (groups of 16 hex digits, at least 112).
    static func importToken(_ arn: String) -> String {
        var hex = arn.utf8.map { String(format: "%02x", $0) }.joined()
        while hex.count < 112 || hex.count % 16 != 0 { hex += "00" }
        return hex
    }

    /// The import ARN a ``importToken(_:)`` token names, nil for another text.
    static func importARN(fromToken token: String) -> String? {
        guard token.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = token.startIndex
        while index < token.endIndex {
            let next = token.index(index, offsetBy: 2)
            guard let byte = UInt8(token[index..<next], radix: 16) else { return nil }
            if byte != 0 { bytes.append(byte) }
            index = next
        }
        return String(bytes: bytes, encoding: .utf8)
    }
}
