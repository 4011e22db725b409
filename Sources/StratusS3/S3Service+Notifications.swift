import Foundation
import OrderedCollections
import StratusAPIS3
import StratusAWSCore
import StratusJSON
import StratusServiceKit

extension S3Service {
    package func putBucketNotificationConfiguration(_ input: S3.PutBucketNotificationConfigurationRequest,
                                                    context: RequestContext) async throws {
        _ = try await existingBucket(input.bucket)
        var configuration = input.notificationConfiguration
        let targets = (configuration.queueConfigurations ?? []).map { ($0.queueArn, $0.events, $0.filter) }
            + (configuration.lambdaFunctionConfigurations ?? []).map { ($0.lambdaFunctionArn, $0.events, $0.filter) }
            + (configuration.topicConfigurations ?? []).map { ($0.topicArn, $0.events, $0.filter) }
        for (arn, events, filter) in targets {
            for event in events where !Self.notificationEvents.contains(event.rawValue) {
                throw S3Failure.invalidArgument("The event is not supported for notifications", name: "Event",
                                                value: event.rawValue)
            }
            for rule in filter?.key?.filterRules ?? [] {
                let name = rule.name?.rawValue.lowercased() ?? ""
                guard name == "prefix" || name == "suffix" else {
                    throw S3Failure.invalidArgument("filter rule name must be either prefix or suffix",
                                                    name: "FilterRule.Name", value: rule.name?.rawValue ?? "")
                }
            }
            if input.skipDestinationValidation != true, await destinations?.canDeliver(to: arn, context: context) != true {
                throw S3Failure.unvalidatedDestination(arn)
            }
        }
        // Each configuration without an id gets one, as S3 does.
        configuration.queueConfigurations = configuration.queueConfigurations?.map { entry in
            var entry = entry
            if entry.id == nil { entry.id = Self.configurationID(ids.next()) }
            return entry
        }
        configuration.lambdaFunctionConfigurations = configuration.lambdaFunctionConfigurations?.map { entry in
            var entry = entry
            if entry.id == nil { entry.id = Self.configurationID(ids.next()) }
            return entry
        }
        configuration.topicConfigurations = configuration.topicConfigurations?.map { entry in
            var entry = entry
            if entry.id == nil { entry.id = Self.configurationID(ids.next()) }
            return entry
        }
        let stored = configuration
        guard try await store.updateBucket(named: input.bucket, { $0.notifications = stored }) != nil else {
            throw S3Failure.noSuchBucket(input.bucket)
        }
        // S3 tells each queue that it is configured with a test event (once per queue).
        var told = Set<String>()
        for queue in configuration.queueConfigurations ?? [] where told.insert(queue.queueArn).inserted {
            let test: JSONValue = [
                "Service": "Amazon S3", "Event": "s3:TestEvent", "Time": .string(Self.eventTime(clock.now())),
                "Bucket": .string(input.bucket), "RequestId": .string(context.requestID),
                "HostId": .string(Data(context.requestID.utf8).base64EncodedString()),
            ]
            try? await destinations?.deliver(test.serializedString(), to: queue.queueArn, context: context)
        }
    }

    package func getBucketNotificationConfiguration(_ input: S3.GetBucketNotificationConfigurationRequest,
                                                    context: RequestContext) async throws -> S3.NotificationConfiguration {
        try await existingBucket(input.bucket).notifications ?? S3.NotificationConfiguration()
    }

    /// How long a sweep leaves an event to the request that caused it, and waits between attempts.
    static let eventRetryMilliseconds: Int64 = 30_000
    /// Deliveries of one event notification before it is given up.
    static let eventAttempts = 3

    /// `record`'s notifications (the bucket as the request read it) for one event (`ObjectCreated:Put`,
    /// `ObjectRemoved:Delete`, …) of `key` (`object`: the object written, nil for a deletion; `versionID`: the
    /// version a deletion concerns, named in the event): one per configured destination whose events and key
    /// filter match, and one for EventBridge when enabled. In a bucket with versioning, events name the version.
    /// They are stored with the change (see ``S3Store``) and sent by ``dispatch(_:)``.
    func pendingEvents(_ eventName: String, bucket record: S3BucketRecord, key: String, object: S3ObjectRecord?,
                       versionID: String? = nil, context: RequestContext) -> [S3PendingEvent] {
        guard destinations != nil, let configuration = record.notifications else { return [] }
        let version = versionID ?? (record.isVersioned ? object?.versionText : nil)
        let due = nowMilliseconds() + Self.eventRetryMilliseconds
        func event(_ target: S3PendingEvent.Target) -> S3PendingEvent {
            S3PendingEvent(id: ids.next(), target: target, accountID: record.accountID, region: record.region,
                           requestID: context.requestID, dueAt: due)
        }
        var events: [S3PendingEvent] = []
        if configuration.eventBridgeConfiguration != nil {
            events.append(event(.eventBridge(
                detailType: eventName.hasPrefix("ObjectCreated") ? "Object Created" : "Object Deleted",
                detail: eventBridgeDetail(eventName, bucket: record, key: key, object: object, versionID: version,
                                          context: context),
                resources: ["arn:aws:s3:::\(record.name)"])))
        }
        let targets = (configuration.queueConfigurations ?? []).map { ($0.queueArn, $0.id, $0.events, $0.filter) }
            + (configuration.lambdaFunctionConfigurations ?? []).map { ($0.lambdaFunctionArn, $0.id, $0.events, $0.filter) }
            + (configuration.topicConfigurations ?? []).map { ($0.topicArn, $0.id, $0.events, $0.filter) }
        for (arn, id, names, filter) in targets
        where names.contains(where: { Self.event($0.rawValue, matches: eventName) }) && Self.key(key, passes: filter) {
            events.append(event(.message(arn: arn, text: eventMessage(
                eventName, bucket: record, key: key, object: object, versionID: version, configurationID: id ?? "",
                context: context))))
        }
        return events
    }

    /// Sends stored event notifications, each removed once its destination accepted it; one that fails is left
    /// for a later sweep (``S3EventSweeper``) until it has been tried ``eventAttempts`` times. Failures never fail
    /// the request that caused the event.
    package func dispatch(_ events: [S3PendingEvent]) async {
        guard let destinations else { return }
        for event in events {
            let context = RequestContext(accountID: event.accountID, region: event.region, requestID: event.requestID,
                                         host: "localhost", receivedAt: clock.now())
            do {
                switch event.target {
                case .message(let arn, let text):
                    try await destinations.deliver(text, to: arn, context: context)
                case .eventBridge(let detailType, let detail, let resources):
                    try await destinations.putEvent(detailType: detailType, detail: detail, resources: resources,
                                                    context: context)
                }
                try? await store.removePendingEvent(id: event.id)
            } catch {
                if event.attempts + 1 >= Self.eventAttempts {
                    try? await store.removePendingEvent(id: event.id)
                } else {
                    try? await store.reschedulePendingEvent(
                        id: event.id, attempts: event.attempts + 1, dueAt: nowMilliseconds() + Self.eventRetryMilliseconds)
                }
            }
        }
    }

    /// Sends the stored event notifications due now (left by a request that failed to send them, or by a run of
    /// Stratus that ended first). - Returns: how many were tried.
    package func dispatchDueEvents(limit: Int = 100) async -> Int {
        guard let due = try? await store.pendingEvents(dueAt: nowMilliseconds(), limit: limit), !due.isEmpty else { return 0 }
        await dispatch(due)
        return due.count
    }

    /// The event message S3 sends (`{"Records": [ … ]}`, event version 2.1).
    func eventMessage(_ eventName: String, bucket: S3BucketRecord, key: String, object: S3ObjectRecord?,
                      versionID: String? = nil, configurationID: String, context: RequestContext) -> String {
        let now = clock.now()
        var described: OrderedDictionary<String, JSONValue> = [
            "key": .string(Self.eventKey(key)),
        ]
        if let object {
            described["size"] = .number(JSONNumber(object.size))
            described["eTag"] = .string(object.eTag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        }
        if let versionID { described["versionId"] = .string(versionID) }
        described["sequencer"] = .string(String(format: "%016llX", UInt64(max(0, now.timeIntervalSince1970 * 1_000_000))))
        let principal = JSONValue.string("AWS:" + (context.accessKeyID ?? context.accountID))
        let record: JSONValue = [
            "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": .string(bucket.region),
            "eventTime": .string(Self.eventTime(now)), "eventName": .string(eventName),
            "userIdentity": ["principalId": principal],
            "requestParameters": ["sourceIPAddress": "127.0.0.1"],
            "responseElements": ["x-amz-request-id": .string(context.requestID),
                                 "x-amz-id-2": .string(Data(context.requestID.utf8).base64EncodedString())],
            "s3": [
                "s3SchemaVersion": "1.0", "configurationId": .string(configurationID),
                "bucket": ["name": .string(bucket.name),
                           "ownerIdentity": ["principalId": .string(Self.canonicalUserID(accountID: bucket.accountID))],
                           "arn": .string("arn:aws:s3:::\(bucket.name)")],
                "object": .object(described),
            ],
        ]
        return JSONValue.object(["Records": [record]]).serializedString()
    }

    /// The `detail` of the EventBridge event S3 sends (`Object Created` / `Object Deleted`).
    func eventBridgeDetail(_ eventName: String, bucket: S3BucketRecord, key: String, object: S3ObjectRecord?,
                           versionID: String? = nil, context: RequestContext) -> String {
        var described: OrderedDictionary<String, JSONValue> = ["key": .string(key)]
        if let object {
            described["size"] = .number(JSONNumber(object.size))
            described["etag"] = .string(object.eTag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        }
        if let versionID { described["version-id"] = .string(versionID) }
        described["sequencer"] = .string(String(format: "%016llX", UInt64(max(0, clock.now().timeIntervalSince1970 * 1_000_000))))
        let reasons = ["ObjectCreated:Put": "PutObject", "ObjectCreated:Copy": "CopyObject",
                       "ObjectCreated:CompleteMultipartUpload": "CompleteMultipartUpload", "ObjectRemoved:Delete": "DeleteObject",
                       "ObjectRemoved:DeleteMarkerCreated": "DeleteObject",
                       "LifecycleExpiration:Delete": "Lifecycle Expiration",
                       "LifecycleExpiration:DeleteMarkerCreated": "Lifecycle Expiration"]
        var detail: OrderedDictionary<String, JSONValue> = [
            "version": "0", "bucket": ["name": .string(bucket.name)], "object": .object(described),
            "request-id": .string(context.requestID), "requester": .string(context.accountID),
            "source-ip-address": "127.0.0.1", "reason": .string(reasons[eventName] ?? eventName),
        ]
        if eventName.hasPrefix("ObjectRemoved") || eventName.hasPrefix("LifecycleExpiration") {
            detail["deletion-type"] = eventName.hasSuffix(":DeleteMarkerCreated") ? "Delete Marker Created" : "Permanently Deleted"
        }
        return JSONValue.object(detail).serializedString()
    }

    /// The events a notification configuration may name.
    static let notificationEvents: Set<String> = [
        "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy",
        "s3:ObjectCreated:CompleteMultipartUpload", "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete",
        "s3:ObjectRemoved:DeleteMarkerCreated", "s3:ObjectRestore:*", "s3:ObjectRestore:Post",
        "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete", "s3:ReducedRedundancyLostObject",
        "s3:Replication:*", "s3:Replication:OperationFailedReplication", "s3:Replication:OperationNotTracked",
        "s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold",
        "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete", "s3:ObjectAcl:Put",
        "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete", "s3:LifecycleExpiration:DeleteMarkerCreated",
        "s3:LifecycleTransition", "s3:IntelligentTiering",
    ]

    /// Whether a configured event (`s3:ObjectCreated:*`, `s3:ObjectCreated:Put`) covers `eventName` (`ObjectCreated:Put`).
    static func event(_ configured: String, matches eventName: String) -> Bool {
        let name = configured.hasPrefix("s3:") ? String(configured.dropFirst(3)) : configured
        if name.hasSuffix(":*") { return eventName.hasPrefix(String(name.dropLast())) }
        return name == eventName
    }

    /// Whether `key` passes a configuration's `prefix`/`suffix` rules (values compared as they are).
    static func key(_ key: String, passes filter: S3.NotificationConfigurationFilter?) -> Bool {
        for rule in filter?.key?.filterRules ?? [] {
            let value = rule.value ?? ""
            switch rule.name?.rawValue.lowercased() {
            case "prefix": if !key.utf8.starts(with: value.utf8) { return false }
            case "suffix": if !key.utf8.reversed().starts(with: value.utf8.reversed()) { return false }
            default: break
            }
        }
        return true
    }

    /// A key as events write it: URL-encoded, spaces as `+`.
    static func eventKey(_ key: String) -> String {
        listingEncoder("url")(key)
    }

    /// `eventTime` (`2024-01-02T03:04:05.678Z`).
    static func eventTime(_ date: Date) -> String {
        let milliseconds = Self.milliseconds(date)
        let days = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
        let (year, month, day) = CivilDate.civil(fromDays: days)
        let inDay = Int(milliseconds - days * 86_400_000)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(year), Int(month), Int(day),
                      inDay / 3_600_000, inDay / 60_000 % 60, inDay / 1000 % 60, inDay % 1000)
    }

    /// A notification configuration id S3 generates (a random id, base64 of its text without padding).
    static func configurationID(_ random: String) -> String {
        Data(random.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }
}
