import StratusAPIDynamoDB
import StratusAWSCore
import StratusServiceKit

extension DynamoDBService {
    /// The key of a table's (`""`) or a global index's Contributor Insights setting, after checking that the index
    /// is one of the table's global secondary indexes (else `ResourceNotFoundException`).
    static func insightsKey(_ table: DynamoDBTableRecord, index: String?) throws -> String {
        guard let index else { return "" }
        guard (table.description.globalSecondaryIndexes ?? []).contains(where: { $0.indexName == index }) else {
            throw AWSServiceError(
                DynamoDBErrors.resourceNotFoundException,
                "Requested resource not found: Index: \(index) not found for table: \(table.name)")
        }
        return index
    }

    /// `UpdateContributorInsights`: turns Contributor Insights on (in `ContributorInsightsMode`, by default
    /// `ACCESSED_AND_THROTTLED_KEYS`) or off for a table or one of its global indexes; answers `ENABLING` or
    /// `DISABLING` (the setting is in effect at once).
    package func updateContributorInsights(_ input: DynamoDB.UpdateContributorInsightsInput, context: RequestContext)
        async throws -> DynamoDB.UpdateContributorInsightsOutput
    {
        let table = try await describedTable(input.tableName, context: context)
        _ = try Self.insightsKey(table, index: input.indexName)
        let enable = input.contributorInsightsAction.rawValue == "ENABLE"
        let mode = input.contributorInsightsMode?.rawValue ?? "ACCESSED_AND_THROTTLED_KEYS"
        let (tableID, index, name) = (table.id, input.indexName, input.tableName)
        let (now, milliseconds) = (clock.now(), nowMilliseconds())
        try await store.write { transaction in
            guard var record = try transaction.table(id: tableID) else { throw DynamoDBFailure.tableNotFound(name) }
            let key = try Self.insightsKey(record, index: index)
            var settings = record.contributorInsights ?? [:]
            if enable {
                let keySchema = index.flatMap { index in
                    record.description.globalSecondaryIndexes?.first { $0.indexName == index }?.keySchema
                } ?? record.description.keySchema ?? []
                let rules = DynamoDBContributorInsights.ruleNames(
                    resource: index.map { "\(record.name)-\($0)" } ?? record.name,
                    hasSortKey: keySchema.contains { $0.keyType == "RANGE" }, throttledOnly: mode == "THROTTLED_KEYS",
                    milliseconds: milliseconds)
                settings[key] = DynamoDBContributorInsights(enabled: true, mode: mode, updatedAt: now, ruleNames: rules)
            } else {
                settings[key] = DynamoDBContributorInsights(
                    enabled: false, mode: settings[key]?.mode ?? mode, updatedAt: now, ruleNames: [])
            }
            record.contributorInsights = settings
            try transaction.saveTable(record)
        }
        return DynamoDB.UpdateContributorInsightsOutput(
            tableName: table.name, indexName: input.indexName,
            contributorInsightsStatus: DynamoDB.ContributorInsightsStatus(rawValue: enable ? "ENABLING" : "DISABLING"),
            contributorInsightsMode: enable ? DynamoDB.ContributorInsightsMode(rawValue: mode) : nil)
    }

    /// `DescribeContributorInsights`: `ENABLED` with its rule names and mode, or `DISABLED`.
    package func describeContributorInsights(_ input: DynamoDB.DescribeContributorInsightsInput, context: RequestContext)
        async throws -> DynamoDB.DescribeContributorInsightsOutput
    {
        let table = try await describedTable(input.tableName, context: context)
        let key = try Self.insightsKey(table, index: input.indexName)
        let setting = table.contributorInsights?[key]
        let enabled = setting?.enabled == true
        return DynamoDB.DescribeContributorInsightsOutput(
            tableName: table.name, indexName: input.indexName,
            contributorInsightsRuleList: enabled ? setting?.ruleNames : nil,
            contributorInsightsStatus: DynamoDB.ContributorInsightsStatus(rawValue: enabled ? "ENABLED" : "DISABLED"),
            lastUpdateDateTime: setting?.updatedAt,
            contributorInsightsMode: enabled ? setting.map { DynamoDB.ContributorInsightsMode(rawValue: $0.mode) } : nil)
    }

    /// `ListContributorInsights`: the setting of every table of the account and region (or of `TableName`) and of
    /// each of its global indexes, in table-name order, `MaxResults` (1–100, default 100) a page.
    package func listContributorInsights(_ input: DynamoDB.ListContributorInsightsInput, context: RequestContext)
        async throws -> DynamoDB.ListContributorInsightsOutput
    {
        var tables: [DynamoDBTableRecord] = []
        if let name = input.tableName {
            tables = [try await describedTable(name, context: context)]
        } else {
            var after: String?
            while true {
                let names = try await store.tableNames(
                    accountID: context.accountID, region: context.region, afterName: after, limit: 100)
                for name in names {
                    if let table = try await store.table(accountID: context.accountID, region: context.region, name: name) {
                        tables.append(table)
                    }
                }
                guard names.count == 100 else { break }
                after = names.last
            }
        }
        var summaries: [DynamoDB.ContributorInsightsSummary] = []
        for table in tables {
            for index in [nil] + (table.description.globalSecondaryIndexes ?? []).map(\.indexName) {
                let setting = table.contributorInsights?[index ?? ""]
                let enabled = setting?.enabled == true
                summaries.append(DynamoDB.ContributorInsightsSummary(
                    tableName: table.name, indexName: index,
                    contributorInsightsStatus: DynamoDB.ContributorInsightsStatus(rawValue: enabled ? "ENABLED" : "DISABLED"),
                    contributorInsightsMode: enabled ? setting.map { DynamoDB.ContributorInsightsMode(rawValue: $0.mode) } : nil))
            }
        }
        let pageSize = (input.maxResults ?? 0) > 0 ? input.maxResults! : 100
        var start = 0
        if let token = input.nextToken {
            guard let offset = Int(token), offset >= 0, offset <= summaries.count else {
                throw AWSServiceError.validation("Invalid NextToken: \(token)")
            }
            start = offset
        }
        let end = min(start + pageSize, summaries.count)
        return DynamoDB.ListContributorInsightsOutput(
            contributorInsightsSummaries: Array(summaries[start..<end]), nextToken: end < summaries.count ? String(end) : nil)
    }
}
