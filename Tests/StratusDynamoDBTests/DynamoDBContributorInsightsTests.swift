import Testing

@testable import StratusDynamoDB

@Suite("DynamoDB Contributor Insights rule names")
struct DynamoDBContributorInsightsTests {
    @Test func rulesFollowTheKeysAndTheMode() {
        #expect(DynamoDBContributorInsights.ruleNames(resource: "orders", hasSortKey: false, throttledOnly: false, milliseconds: 1_700_000_000_000)
            == ["DynamoDBContributorInsights-PKC-orders-1700000000000", "DynamoDBContributorInsights-PKT-orders-1700000000000"])
        #expect(DynamoDBContributorInsights.ruleNames(resource: "orders", hasSortKey: true, throttledOnly: true, milliseconds: 1)
            == ["DynamoDBContributorInsights-PKT-orders-1", "DynamoDBContributorInsights-SKT-orders-1"])
    }

    @Test func longTableNamesAreShortenedToCloudWatchsLimit() {
        let names = DynamoDBContributorInsights.ruleNames(
            resource: String(repeating: "t", count: 255), hasSortKey: true, throttledOnly: false, milliseconds: 1_700_000_000_000)
        #expect(names.count == 4 && names.allSatisfy { $0.count == 128 && $0.hasSuffix("t-1700000000000") })
    }
}
