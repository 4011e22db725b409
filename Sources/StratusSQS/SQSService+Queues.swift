import Foundation
import StratusAPISQS
import StratusServiceKit

extension SQSService {
    /// Creates a queue, or returns the existing one when every given attribute matches it.
    package func createQueue(_ input: SQS.CreateQueueRequest, context: RequestContext) async throws
        -> SQS.CreateQueueResult
    {
        let name = input.queueName
        let isFIFO = name.hasSuffix(".fifo")
        try Self.validateQueueName(name, fifoAttribute: input.attributes?["FifoQueue"])
        var attributes: [String: String] = [:]
        for (key, value) in input.attributes ?? [:] {
            if let normalized = try SQSQueueAttributes.normalize(key, value: value, isFIFO: isFIFO, creating: true) {
                attributes[key] = normalized
            }
        }
        try SQSQueueAttributes.checkCombination(attributes, isFIFO: isFIFO)
        let tags = input.tags ?? [:]
        try Self.validateTags(tags, existing: 0)
        let now = nowMilliseconds()
        var draft = SQSQueueRecord(
            accountID: context.accountID, region: context.region, name: name, attributes: attributes, tags: tags,
            createdAt: now, lastModifiedAt: now)
        try await checkRedrive(of: draft)
        if let existing = try await store.queue(accountID: context.accountID, region: context.region, name: name) {
            try Self.requireSameAttributes(input.attributes ?? [:], normalized: attributes, existing: existing)
            return SQS.CreateQueueResult(queueUrl: url(of: existing, context: context))
        }
        if let deletedAt = try await store.lastDeletion(accountID: context.accountID, region: context.region, name: name),
            now - deletedAt < Self.deletedNameInterval
        {
            throw AWSServiceError(
                SQSErrors.queueDeletedRecently,
                "You must wait 60 seconds after deleting a queue before you can create another queue with the same name.")
        }
        let (stored, created) = try await store.createQueue(draft)
        if !created {
            try Self.requireSameAttributes(input.attributes ?? [:], normalized: attributes, existing: stored)
        }
        draft = stored
        return SQS.CreateQueueResult(queueUrl: url(of: draft, context: context))
    }

    /// The URL of a queue by name (optionally of another account).
    package func getQueueUrl(_ input: SQS.GetQueueUrlRequest, context: RequestContext) async throws
        -> SQS.GetQueueUrlResult
    {
        let account = input.queueOwnerAWSAccountId ?? context.accountID
        guard let queue = try await store.queue(accountID: account, region: context.region, name: input.queueName) else {
            throw SQSFailure.queueDoesNotExist()
        }
        return SQS.GetQueueUrlResult(queueUrl: url(of: queue, context: context))
    }

    /// Lists the caller's queues by name prefix, paginated when `MaxResults` is given.
    package func listQueues(_ input: SQS.ListQueuesRequest, context: RequestContext) async throws
        -> SQS.ListQueuesResult
    {
        if let maxResults = input.maxResults, !(1...1000).contains(maxResults) {
            throw SQSFailure.invalidParameter(
                "MaxResults", value: String(maxResults), reason: "MaxResults must be an integer between 1 and 1000.")
        }
        var after: String?
        if let token = input.nextToken {
            guard let decoded = Data(base64Encoded: token).flatMap({ String(data: $0, encoding: .utf8) }),
                decoded.hasPrefix("q:")
            else { throw SQSFailure.invalidParameterValue("Invalid NextToken value.") }
            after = String(decoded.dropFirst(2))
        }
        let limit = input.maxResults ?? 1000
        let queues = try await store.queues(
            accountID: context.accountID, region: context.region, namePrefix: input.queueNamePrefix ?? "",
            afterName: after, limit: limit + 1)
        let page = queues.prefix(limit)
        var nextToken: String?
        if input.maxResults != nil, queues.count > limit, let last = page.last {
            nextToken = Data("q:\(last.name)".utf8).base64EncodedString()
        }
        let urls = page.map { url(of: $0, context: context) }
        return SQS.ListQueuesResult(queueUrls: urls.isEmpty ? nil : urls, nextToken: nextToken)
    }

    /// Deletes a queue and its messages.
    package func deleteQueue(_ input: SQS.DeleteQueueRequest, context: RequestContext) async throws {
        let queue = try await queue(url: input.queueUrl, context: context)
        try await store.deleteQueue(id: queue.id, deletedAt: nowMilliseconds())
        signals.signal(queue.id)
    }

    /// Reads attributes (all with `All`), including the computed ones.
    package func getQueueAttributes(_ input: SQS.GetQueueAttributesRequest, context: RequestContext) async throws
        -> SQS.GetQueueAttributesResult
    {
        let queue = try await queue(url: input.queueUrl, context: context)
        let requested = input.attributeNames ?? []
        let all = requested.contains("All")
        let reported = SQSQueueAttributes.reported(of: queue)
        for name in requested where name != "All" {
            if reported[name] == nil && !SQSQueueAttributes.computed.contains(name) && !Self.optionalAttributes.contains(name)
                && !(queue.isFIFO == false && (SQSQueueAttributes.fifoSettable.contains(name) || name == "FifoQueue"))
            {
                throw SQSFailure.unknownAttribute(name)
            }
        }
        let wanted = all ? Set(reported.keys).union(SQSQueueAttributes.computed) : Set(requested)
        if wanted.isEmpty { return SQS.GetQueueAttributesResult(attributes: nil) }
        var result: [String: String] = [:]
        for name in wanted { if let value = reported[name] { result[name] = value } }
        if wanted.contains("QueueArn") { result["QueueArn"] = queue.arn }
        if wanted.contains("CreatedTimestamp") { result["CreatedTimestamp"] = String(queue.createdAt / 1000) }
        if wanted.contains("LastModifiedTimestamp") { result["LastModifiedTimestamp"] = String(queue.lastModifiedAt / 1000) }
        if !wanted.isDisjoint(with: Self.countAttributes) {
            let now = nowMilliseconds()
            let counts = try await store.messageCounts(
                queueID: queue.id, now: now, retentionCutoff: retentionCutoff(of: queue, now: now))
            if wanted.contains("ApproximateNumberOfMessages") { result["ApproximateNumberOfMessages"] = String(counts.visible) }
            if wanted.contains("ApproximateNumberOfMessagesNotVisible") {
                result["ApproximateNumberOfMessagesNotVisible"] = String(counts.inFlight)
            }
            if wanted.contains("ApproximateNumberOfMessagesDelayed") {
                result["ApproximateNumberOfMessagesDelayed"] = String(counts.delayed)
            }
        }
        return SQS.GetQueueAttributesResult(attributes: result.isEmpty ? nil : result)
    }

    private static let countAttributes: Set<String> = [
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed",
    ]
    private static let optionalAttributes: Set<String> = [
        "Policy", "RedrivePolicy", "RedriveAllowPolicy", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds",
    ]

    /// Sets attributes (validated all together; nothing changes if one is invalid).
    package func setQueueAttributes(_ input: SQS.SetQueueAttributesRequest, context: RequestContext) async throws {
        let queue = try await queue(url: input.queueUrl, context: context)
        var changes: [String: String?] = [:]
        for (key, value) in input.attributes {
            changes[key] = try SQSQueueAttributes.normalize(key, value: value, isFIFO: queue.isFIFO, creating: false)
        }
        var preview = queue
        for (key, value) in changes { preview.attributes[key] = value }
        try SQSQueueAttributes.checkCombination(
            SQSQueueAttributes.reported(of: preview), isFIFO: queue.isFIFO)
        if changes.keys.contains("RedrivePolicy") { try await checkRedrive(of: preview) }
        let now = nowMilliseconds()
        let finalChanges = changes
        let updated = try await store.updateQueue(id: queue.id) { record in
            for (key, value) in finalChanges { record.attributes[key] = value }
            record.lastModifiedAt = now
        }
        guard updated != nil else { throw SQSFailure.queueDoesNotExist() }
        signals.signal(queue.id)
    }

    /// Adds or replaces tags.
    package func tagQueue(_ input: SQS.TagQueueRequest, context: RequestContext) async throws {
        let queue = try await queue(url: input.queueUrl, context: context)
        try Self.validateTags(input.tags, existing: 0)
        let tags = input.tags
        let updated = try await store.updateQueue(id: queue.id) { record in
            record.tags.merge(tags) { _, new in new }
            if record.tags.count > 50 {
                throw SQSFailure.invalidParameterValue("Too many tags added for queue \(record.name).")
            }
        }
        guard updated != nil else { throw SQSFailure.queueDoesNotExist() }
    }

    /// Removes tags by key (unknown keys are ignored).
    package func untagQueue(_ input: SQS.UntagQueueRequest, context: RequestContext) async throws {
        let queue = try await queue(url: input.queueUrl, context: context)
        if input.tagKeys.isEmpty { throw SQSFailure.invalidParameterValue("Tag keys must be between 1 and 128 characters in length.") }
        let keys = input.tagKeys
        let updated = try await store.updateQueue(id: queue.id) { record in
            for key in keys { record.tags[key] = nil }
        }
        guard updated != nil else { throw SQSFailure.queueDoesNotExist() }
    }

    /// The queue's tags (absent when there are none).
    package func listQueueTags(_ input: SQS.ListQueueTagsRequest, context: RequestContext) async throws
        -> SQS.ListQueueTagsResult
    {
        let queue = try await queue(url: input.queueUrl, context: context)
        return SQS.ListQueueTagsResult(tags: queue.tags.isEmpty ? nil : queue.tags)
    }

    /// Deletes every message, at most once per 60 seconds.
    package func purgeQueue(_ input: SQS.PurgeQueueRequest, context: RequestContext) async throws {
        let queue = try await queue(url: input.queueUrl, context: context)
        let now = nowMilliseconds()
        let purged = try await store.purgeQueue(id: queue.id, now: now, notPurgedSince: now - Self.purgeInterval)
        guard purged else {
            throw AWSServiceError(
                SQSErrors.purgeQueueInProgress,
                "Only one PurgeQueue operation on \(queue.name) is allowed every 60 seconds.")
        }
    }

    /// Queues whose `RedrivePolicy` targets this queue.
    package func listDeadLetterSourceQueues(
        _ input: SQS.ListDeadLetterSourceQueuesRequest, context: RequestContext
    ) async throws -> SQS.ListDeadLetterSourceQueuesResult {
        let queue = try await queue(url: input.queueUrl, context: context)
        if let maxResults = input.maxResults, !(1...1000).contains(maxResults) {
            throw SQSFailure.invalidParameter(
                "MaxResults", value: String(maxResults), reason: "MaxResults must be an integer between 1 and 1000.")
        }
        let arn = queue.arn
        let sources = try await store.allQueues().filter { candidate in
            guard let policy = candidate.attributes["RedrivePolicy"].flatMap({ try? SQSRedrivePolicy(json: $0) })
            else { return false }
            return policy.deadLetterTargetArn == arn
        }.sorted { $0.name < $1.name }
        var start = 0
        if let token = input.nextToken {
            guard let decoded = Data(base64Encoded: token).flatMap({ String(data: $0, encoding: .utf8) }),
                decoded.hasPrefix("d:"), let offset = Int(decoded.dropFirst(2)), offset >= 0
            else { throw SQSFailure.invalidParameterValue("Invalid NextToken value.") }
            start = min(offset, sources.count)
        }
        let limit = input.maxResults ?? 1000
        let page = sources[start...].prefix(limit)
        var nextToken: String?
        if input.maxResults != nil, start + page.count < sources.count {
            nextToken = Data("d:\(start + page.count)".utf8).base64EncodedString()
        }
        return SQS.ListDeadLetterSourceQueuesResult(
            queueUrls: page.map { url(of: $0, context: context) }, nextToken: nextToken)
    }

    // MARK: - Rules

    static func validateQueueName(_ name: String, fifoAttribute: String?) throws {
        let isFIFO = name.hasSuffix(".fifo")
        let base = isFIFO ? String(name.dropLast(5)) : name
        let valid = !base.isEmpty && name.utf8.count <= 80
            && base.utf8.allSatisfy { byte in
                (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 45 || byte == 95
            }
        let wantsFIFO = fifoAttribute.flatMap(SQSQueueAttributes.parseBoolean) == true
        if isFIFO || wantsFIFO {
            guard valid, isFIFO, wantsFIFO else { throw SQSFailure.invalidParameterValue(SQSQueueAttributes.fifoNameRule) }
            return
        }
        guard valid else {
            throw SQSFailure.invalidParameterValue(
                "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")
        }
    }

    static func validateTags(_ tags: [String: String], existing: Int) throws {
        guard tags.count + existing <= 50 else { throw SQSFailure.invalidParameterValue("Too many tags added for queue.") }
        for (key, value) in tags {
            guard (1...128).contains(key.count) else {
                throw SQSFailure.invalidParameterValue("Tag keys must be between 1 and 128 characters in length.")
            }
            guard value.count <= 256 else {
                throw SQSFailure.invalidParameterValue("Tag values may not exceed 256 characters in length.")
            }
        }
    }

    /// `QueueAlreadyExists` unless each requested attribute equals the existing queue's value.
    static func requireSameAttributes(
        _ requested: [String: String], normalized: [String: String], existing: SQSQueueRecord
    ) throws {
        for name in requested.keys.sorted() where name != "FifoQueue" {
            let current = SQSQueueAttributes.value(name, of: existing)
            let wanted = normalized[name] ?? (SQSQueueAttributes.defaults[name]
                ?? (existing.isFIFO ? SQSQueueAttributes.fifoDefaults[name] : nil))
            if current != wanted {
                throw AWSServiceError(
                    SQSErrors.queueNameExists,
                    "A queue already exists with the same name and a different value for attribute \(name)")
            }
        }
    }

    /// Checks the queue's redrive policy against its target (exists, same type, allowed to use it).
    func checkRedrive(of queue: SQSQueueRecord) async throws {
        guard let text = queue.attributes["RedrivePolicy"] else { return }
        let policy = try SQSRedrivePolicy(json: text)
        func invalid(_ reason: String) -> AWSServiceError {
            SQSFailure.invalidParameter("RedrivePolicy", value: text, reason: reason)
        }
        guard let target = try await self.queue(arn: policy.deadLetterTargetArn) else {
            throw invalid("Dead letter target does not exist.")
        }
        guard target.isFIFO == queue.isFIFO else {
            throw invalid("Dead-letter queue must be same type of queue as the source.")
        }
        if let allow = target.attributes["RedriveAllowPolicy"],
            let data = allow.data(using: .utf8),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        {
            let permission = object["redrivePermission"] as? String
            let sources = object["sourceQueueArns"] as? [String] ?? []
            if permission == "denyAll" || (permission == "byQueue" && !sources.contains(queue.arn)) {
                throw invalid("Queue \(target.arn) does not allow this queue as its dead-letter source.")
            }
        }
    }
}
