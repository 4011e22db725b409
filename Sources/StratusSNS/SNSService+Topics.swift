import Foundation
import StratusAPISNS
import StratusAWSCore
import StratusServiceKit

extension SNSService {
    /// Topic attributes a caller may set.
    static let settableTopicAttributes: Set<String> = [
        "DeliveryPolicy", "DisplayName", "FifoTopic", "Policy", "SignatureVersion", "TracingConfig", "KmsMasterKeyId",
        "ContentBasedDeduplication", "ArchivePolicy", "FifoThroughputScope", "DataProtectionPolicy",
    ]

    package func createTopic(_ input: SNS.CreateTopicInput, context: RequestContext) async throws -> SNS.CreateTopicResponse {
        let attributes = input.attributes ?? [:]
        for name in attributes.keys where !Self.settableTopicAttributes.contains(name) {
            throw SNSFailure.invalidParameter("Attributes Reason: Unknown attribute \(name)")
        }
        let fifo = attributes["FifoTopic"]?.lowercased() == "true"
        let nameOK = (1...256).contains(input.name.utf8.count) && input.name.dropLast(fifo ? 5 : 0).utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F
        }
        if fifo != input.name.hasSuffix(".fifo") || !nameOK {
            throw SNSFailure.invalidParameter(fifo || input.name.hasSuffix(".fifo")
                ? "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long."
                : "Topic Name")
        }
        var stored = attributes
        if fifo { stored["FifoTopic"] = "true" }
        if let value = stored["ContentBasedDeduplication"] {
            guard fifo else { throw SNSFailure.invalidParameter("Attributes Reason: ContentBasedDeduplication is only valid for FIFO topics") }
            stored["ContentBasedDeduplication"] = value.lowercased() == "true" ? "true" : "false"
        }
        let arn = "arn:aws:sns:\(context.region):\(context.accountID):\(input.name)"
        let tags = Dictionary((input.tags ?? []).map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        if let policy = input.dataProtectionPolicy { try Self.checkDataProtectionPolicy(policy) }
        var record = SNSTopicRecord(arn: arn, accountID: context.accountID, region: context.region, name: input.name,
                                    attributes: stored, tags: tags)
        record.dataProtectionPolicy = input.dataProtectionPolicy
        if let existing = try await store.createTopic(record) {
            // Creating an existing topic answers its ARN, unless the attributes differ.
            for (name, value) in stored where existing.attributes[name] != value {
                throw SNSFailure.invalidParameter("Attributes Reason: Topic already exists with different attributes")
            }
        }
        return SNS.CreateTopicResponse(topicArn: arn)
    }

    package func deleteTopic(_ input: SNS.DeleteTopicInput, context: RequestContext) async throws {
        guard Self.topicParts(input.topicArn) != nil else { throw SNSFailure.invalidParameter("TopicArn") }
        _ = try await store.deleteTopic(arn: input.topicArn)  // deleting a missing topic succeeds, as on AWS
    }

    package func listTopics(_ input: SNS.ListTopicsInput, context: RequestContext) async throws -> SNS.ListTopicsResponse {
        let after = try Self.arn(fromToken: input.nextToken)
        let page = try await store.topics(accountID: context.accountID, region: context.region, afterARN: after, limit: 101)
        var output = SNS.ListTopicsResponse()
        output.topics = page.prefix(100).map { SNS.Topic(topicArn: $0.arn) }
        if page.count > 100, let last = page.prefix(100).last { output.nextToken = Self.token(after: last.arn) }
        return output
    }

    package func getTopicAttributes(_ input: SNS.GetTopicAttributesInput, context: RequestContext) async throws
        -> SNS.GetTopicAttributesResponse
    {
        let topic = try await existingTopic(input.topicArn)
        let subscriptions = try await store.subscriptions(topicARN: topic.arn, accountID: topic.accountID,
                                                          region: topic.region, afterARN: nil, limit: Int.max)
        var attributes = topic.attributes
        attributes["TopicArn"] = topic.arn
        attributes["Owner"] = topic.accountID
        attributes["DisplayName"] = topic.attributes["DisplayName"] ?? ""
        attributes["Policy"] = topic.attributes["Policy"] ?? Self.defaultPolicy(topic)
        attributes["EffectiveDeliveryPolicy"] = topic.attributes["DeliveryPolicy"] ?? Self.defaultDeliveryPolicy
        attributes["SubscriptionsConfirmed"] = String(subscriptions.filter(\.confirmed).count)
        attributes["SubscriptionsPending"] = String(subscriptions.filter { !$0.confirmed }.count)
        attributes["SubscriptionsDeleted"] = "0"
        if topic.isFIFO { attributes["ContentBasedDeduplication"] = topic.attributes["ContentBasedDeduplication"] ?? "false" }
        return SNS.GetTopicAttributesResponse(attributes: attributes)
    }

    package func setTopicAttributes(_ input: SNS.SetTopicAttributesInput, context: RequestContext) async throws {
        guard Self.settableTopicAttributes.contains(input.attributeName), input.attributeName != "FifoTopic" else {
            throw SNSFailure.invalidParameter("AttributeName")
        }
        let topic = try await existingTopic(input.topicArn)
        if input.attributeName == "ContentBasedDeduplication", !topic.isFIFO {
            throw SNSFailure.invalidParameter("AttributeName")
        }
        let (name, value) = (input.attributeName, input.attributeValue)
        guard try await store.updateTopic(arn: topic.arn, { topic in topic.attributes[name] = value }) != nil else {
            throw SNSFailure.topicNotFound()
        }
    }

    package func tagResource(_ input: SNS.TagResourceRequest, context: RequestContext) async throws -> SNS.TagResourceResponse {
        let tags = input.tags
        guard try await store.updateTopic(arn: input.resourceArn, { topic in
            for tag in tags { topic.tags[tag.key] = tag.value }
            if topic.tags.count > 50 {
                throw AWSServiceError(SNSErrors.tagLimitExceededException, "Could not complete request: tag quota of per resource exceeded")
            }
        }) != nil else {
            throw AWSServiceError(SNSErrors.resourceNotFoundException, "Resource does not exist")
        }
        return SNS.TagResourceResponse()
    }

    package func untagResource(_ input: SNS.UntagResourceRequest, context: RequestContext) async throws
        -> SNS.UntagResourceResponse
    {
        let keys = input.tagKeys
        guard try await store.updateTopic(arn: input.resourceArn, { topic in
            for key in keys { topic.tags.removeValue(forKey: key) }
        }) != nil else {
            throw AWSServiceError(SNSErrors.resourceNotFoundException, "Resource does not exist")
        }
        return SNS.UntagResourceResponse()
    }

    package func listTagsForResource(_ input: SNS.ListTagsForResourceRequest, context: RequestContext) async throws
        -> SNS.ListTagsForResourceResponse
    {
        guard let topic = try await store.topic(arn: input.resourceArn) else {
            throw AWSServiceError(SNSErrors.resourceNotFoundException, "Resource does not exist")
        }
        return SNS.ListTagsForResourceResponse(tags: topic.tags.sorted { $0.key < $1.key }.map { SNS.Tag(key: $0.key, value: $0.value) })
    }

    /// The access policy SNS gives a new topic (its owner may do everything on it).
    static func defaultPolicy(_ topic: SNSTopicRecord) -> String {
        #"{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes","SNS:SetTopicAttributes","SNS:AddPermission","SNS:RemovePermission","SNS:DeleteTopic","SNS:Subscribe","SNS:ListSubscriptionsByTopic","SNS:Publish"],"Resource":"\#(topic.arn)","Condition":{"StringEquals":{"AWS:SourceOwner":"\#(topic.accountID)"}}}]}"#
    }

    /// The delivery policy SNS reports when none was set.
    static let defaultDeliveryPolicy =
        #"{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}"#
}
