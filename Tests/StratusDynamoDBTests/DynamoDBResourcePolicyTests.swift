import Foundation
import StratusAPIDynamoDB
import StratusServiceKit
import StratusTesting
import Testing

@testable import StratusDynamoDB

@Suite("DynamoDB resource policies")
struct DynamoDBResourcePolicyTests {
    static let arn = "arn:aws:dynamodb:us-east-1:000000000000:table/policies"

    static func document(_ actions: [String]) -> String {
        let list = actions.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":[\#(list)],"Resource":"\#(arn)"}}"#
    }

    @Test func tablePoliciesNameTableActionsAndStreamPoliciesStreamActions() throws {
        try DynamoDBResourcePolicy.check(Self.document(["dynamodb:GetItem", "dynamodb:Put*", "*"]), forStream: false)
        try DynamoDBResourcePolicy.check(Self.document(["dynamodb:GetRecords", "dynamodb:DescribeStream"]), forStream: true)
        #expect(throws: AWSServiceError.self) {
            try DynamoDBResourcePolicy.check(Self.document(["dynamodb:GetShardIterator"]), forStream: false)
        }
        #expect(throws: AWSServiceError.self) {
            try DynamoDBResourcePolicy.check(Self.document(["dynamodb:ListStreams"]), forStream: true)
        }
        #expect(throws: AWSServiceError.self) {
            try DynamoDBResourcePolicy.check(Self.document(["dynamodb:"]), forStream: false)
        }
        #expect(throws: AWSServiceError.self) {
            try DynamoDBResourcePolicy.check(#"{"Statement":[]}"#, forStream: false)
        }
        #expect(throws: AWSServiceError.self) { try DynamoDBResourcePolicy.check("[1]", forStream: false) }
    }

    @Test func aRevisionIsNewerThanTheOneItReplacesEvenWithinOneMillisecond() async throws {
        let fixture = try DynamoDBFixture()
        try await fixture.createTable("policies", rangeKey: false)
        let first = try await fixture.service.putResourcePolicy(
            DynamoDB.PutResourcePolicyInput(resourceArn: Self.arn, policy: Self.document(["dynamodb:GetItem"])),
            context: fixture.context
        ).revisionId!
        let second = try await fixture.service.putResourcePolicy(
            DynamoDB.PutResourcePolicyInput(resourceArn: Self.arn, policy: Self.document(["dynamodb:Query"])),
            context: fixture.context
        ).revisionId!
        #expect(Int64(second)! == Int64(first)! + 1)
        let stored = try await fixture.service.getResourcePolicy(
            DynamoDB.GetResourcePolicyInput(resourceArn: Self.arn), context: fixture.context)
        #expect(stored.policy == Self.document(["dynamodb:Query"]) && stored.revisionId == second)
    }
}
