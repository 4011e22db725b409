// StratusDynamoDB: the DynamoDB service (business rules; its storage port is defined here).

/// The DynamoDB service. Built in issue 8.
package enum DynamoDBServiceNamespace {}
