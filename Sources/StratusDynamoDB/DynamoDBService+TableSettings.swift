import Foundation
import StratusAPIDynamoDB
import StratusServiceKit

extension DynamoDBService {
    /// `UpdateTimeToLive`: enables TTL on an attribute or disables it; expired items are then removed by
    /// ``DynamoDBTimeToLiveService``.
    package func updateTimeToLive(_ input: DynamoDB.UpdateTimeToLiveInput, context: RequestContext) async throws
        -> DynamoDB.UpdateTimeToLiveOutput
    {
        let specification = input.timeToLiveSpecification
        if specification.attributeName.isEmpty || specification.attributeName.utf8.count > 255 {
            throw DynamoDBFailure.constraint(
                value: "'\(specification.attributeName)'", member: "timeToLiveSpecification.attributeName",
                specification.attributeName.isEmpty ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to 255")
        }
        let table = try await describedTable(input.tableName, context: context)
        let tableID = table.id
        let name = input.tableName
        try await store.write { transaction in
            guard var record = try transaction.table(id: tableID) else { throw DynamoDBFailure.tableNotFound(name) }
            if specification.enabled {
                if let current = record.timeToLiveAttribute {
                    throw AWSServiceError.validation(
                        current == specification.attributeName
                            ? "TimeToLive is already enabled"
                            : "TimeToLive is active on a different AttributeName: current AttributeName is \(current)")
                }
                record.timeToLiveAttribute = specification.attributeName
                // Existing items get their expiry now, in the same transaction, so the sweeper finds them.
                let schema = DynamoDBKeySchema(record)
                for stored in try transaction.allItems(tableID: tableID) {
                    if let expiry = schema.expiry(of: try Self.decode(stored)) {
                        try transaction.setExpiry(tableID: tableID, key: stored.key, expiresAt: expiry)
                    }
                }
            } else {
                guard let current = record.timeToLiveAttribute else {
                    throw AWSServiceError.validation("TimeToLive is already disabled")
                }
                guard current == specification.attributeName else {
                    throw AWSServiceError.validation(
                        "TimeToLive is active on a different AttributeName: current AttributeName is \(current)")
                }
                record.timeToLiveAttribute = nil
                try transaction.clearExpiry(tableID: tableID)
            }
            try transaction.saveTable(record)
        }
        return DynamoDB.UpdateTimeToLiveOutput(timeToLiveSpecification: specification)
    }

    /// `DescribeTimeToLive`: ENABLED with the attribute, or DISABLED.
    /// `DescribeKinesisStreamingDestination`: no destinations — Stratus runs no Kinesis Data Streams, so enabling one
    /// answers `NotImplemented` and every table answers as a table without one (what inventory and infrastructure tools
    /// read for each table).
    package func describeKinesisStreamingDestination(
        _ input: DynamoDB.DescribeKinesisStreamingDestinationInput, context: RequestContext
    ) async throws -> DynamoDB.DescribeKinesisStreamingDestinationOutput {
        let table = try await describedTable(input.tableName, context: context)
        return DynamoDB.DescribeKinesisStreamingDestinationOutput(tableName: table.name, kinesisDataStreamDestinations: [])
    }

    package func describeTimeToLive(_ input: DynamoDB.DescribeTimeToLiveInput, context: RequestContext) async throws
        -> DynamoDB.DescribeTimeToLiveOutput
    {
        let table = try await describedTable(input.tableName, context: context)
        guard let attribute = table.timeToLiveAttribute else {
            return DynamoDB.DescribeTimeToLiveOutput(timeToLiveDescription: DynamoDB.TimeToLiveDescription(timeToLiveStatus: "DISABLED"))
        }
        return DynamoDB.DescribeTimeToLiveOutput(
            timeToLiveDescription: DynamoDB.TimeToLiveDescription(timeToLiveStatus: "ENABLED", attributeName: attribute))
    }

    /// The table a resource ARN names (a table ARN of the caller's region), or ResourceNotFoundException.
    private func taggedTable(_ arn: String, context: RequestContext) async throws -> DynamoDBTableRecord {
        guard let (accountID, region, name) = Self.parseTableArn(arn),
            let table = try await store.table(accountID: accountID, region: region, name: name)
        else {
            if Self.parseTableArn(arn) == nil {
                throw AWSServiceError.validation("Invalid TableArn: Invalid ResourceArn provided as input \(arn)")
            }
            throw DynamoDBFailure.resourceNotFound(arn: arn)
        }
        return table
    }

    /// `TagResource`: adds or overwrites tags (at most 50 per table).
    package func tagResource(_ input: DynamoDB.TagResourceInput, context: RequestContext) async throws {
        let table = try await taggedTable(input.resourceArn, context: context)
        let tags = try Self.checkedTags(input.tags)
        let tableID = table.id
        let arn = input.resourceArn
        try await store.write { transaction in
            guard var record = try transaction.table(id: tableID) else { throw DynamoDBFailure.resourceNotFound(arn: arn) }
            record.tags = try Self.checkedTags(record.tags + tags)
            if record.tags.count > 50 {
                throw AWSServiceError(
                    DynamoDBErrors.limitExceededException, "The number of tags on the resource exceeds the limit of 50")
            }
            try transaction.saveTable(record)
        }
    }

    /// `UntagResource`: removes tags by key (unknown keys are ignored).
    package func untagResource(_ input: DynamoDB.UntagResourceInput, context: RequestContext) async throws {
        let table = try await taggedTable(input.resourceArn, context: context)
        let tableID = table.id
        let arn = input.resourceArn
        let keys = Set(input.tagKeys)
        try await store.write { transaction in
            guard var record = try transaction.table(id: tableID) else { throw DynamoDBFailure.resourceNotFound(arn: arn) }
            record.tags.removeAll { keys.contains($0.key) }
            try transaction.saveTable(record)
        }
    }

    /// `ListTagsOfResource`: every tag in one page.
    package func listTagsOfResource(_ input: DynamoDB.ListTagsOfResourceInput, context: RequestContext) async throws
        -> DynamoDB.ListTagsOfResourceOutput
    {
        let table = try await taggedTable(input.resourceArn, context: context)
        return DynamoDB.ListTagsOfResourceOutput(tags: table.tags)
    }

    /// `DescribeLimits`: DynamoDB's default account and table capacity limits.
    package func describeLimits(_ input: DynamoDB.DescribeLimitsInput, context: RequestContext) async throws
        -> DynamoDB.DescribeLimitsOutput
    {
        DynamoDB.DescribeLimitsOutput(
            accountMaxReadCapacityUnits: 80_000, accountMaxWriteCapacityUnits: 80_000, tableMaxReadCapacityUnits: 40_000,
            tableMaxWriteCapacityUnits: 40_000)
    }

    /// `DescribeEndpoints`: this endpoint, cached for a day.
    package func describeEndpoints(_ input: DynamoDB.DescribeEndpointsRequest, context: RequestContext) async throws
        -> DynamoDB.DescribeEndpointsResponse
    {
        DynamoDB.DescribeEndpointsResponse(endpoints: [DynamoDB.Endpoint(address: context.host, cachePeriodInMinutes: 1440)])
    }
}
