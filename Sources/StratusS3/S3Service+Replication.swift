import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// Replication: `Put`/`Get`/`DeleteBucketReplication` with S3's checks, and the replication itself — every new
/// version (upload, copy, multipart upload, browser-based upload) a rule covers is copied into the rule's destination
/// bucket with the same key and version id, and delete markers where the rule replicates them. Replication runs right
/// after the write that created the version: the source version is `PENDING` until its replica exists, then
/// `COMPLETED` (`FAILED` when the destination can no longer take it: gone, or versioning not enabled); the replica is
/// `REPLICA` and is never replicated further.
extension S3Service {
    package func putBucketReplication(_ input: S3.PutBucketReplicationRequest, context: RequestContext) async throws {
        let bucket = try await existingBucket(input.bucket)
        guard bucket.keepsVersions else {
            throw S3Failure.invalidRequest("Versioning must be 'Enabled' on the bucket to apply a replication configuration")
        }
        var configuration = input.replicationConfiguration
        guard !configuration.rules.isEmpty else { throw S3Failure.malformedXML() }
        guard configuration.rules.count <= 1000 else {
            throw S3Failure.invalidRequest("The number of replication rules must not exceed the allowed limit of 1000 rules.")
        }
        for index in configuration.rules.indices {
            try await checkReplicationRule(configuration.rules[index], of: bucket)
            if configuration.rules[index].id == nil { configuration.rules[index].id = Self.configurationID(ids.next()) }
        }
        let filtered = configuration.rules.filter { $0.filter != nil }
        if !filtered.isEmpty, filtered.count != configuration.rules.count {
            throw S3Failure.malformedXML()
        }
        let stored = configuration
        guard try await store.updateBucket(named: input.bucket, { $0.replication = stored }) != nil else {
            throw S3Failure.noSuchBucket(input.bucket)
        }
    }

    package func getBucketReplication(_ input: S3.GetBucketReplicationRequest, context: RequestContext) async throws
        -> S3.GetBucketReplicationOutput
    {
        let bucket = try await existingBucket(input.bucket)
        guard let configuration = bucket.replication else { throw Self.noReplicationConfiguration(input.bucket) }
        var output = S3.GetBucketReplicationOutput()
        output.replicationConfiguration = configuration
        return output
    }

    package func deleteBucketReplication(_ input: S3.DeleteBucketReplicationRequest, context: RequestContext) async throws {
        _ = try await existingBucket(input.bucket)
        guard try await store.updateBucket(named: input.bucket, { $0.replication = nil }) != nil else {
            throw S3Failure.noSuchBucket(input.bucket)
        }
    }

    private static func noReplicationConfiguration(_ bucket: String) -> AWSServiceError {
        S3Failure.settingNotFound("ReplicationConfigurationNotFoundError", "The replication configuration was not found",
                                  bucket: bucket)
    }

    /// S3's checks of one rule: a schema-V2 rule (with `Filter`) names its priority and delete-marker replication; the
    /// destination is an S3 bucket ARN, not the source, and a versioned bucket that exists.
    private func checkReplicationRule(_ rule: S3.ReplicationRule, of bucket: S3BucketRecord) async throws {
        if let id = rule.id, id.count > 255 {
            throw S3Failure.invalidArgument("The maximum value is 255 characters.", name: "ID", value: id)
        }
        if let filter = rule.filter {
            guard rule.prefix == nil, [filter.prefix != nil, filter.tag != nil, filter.and != nil].filter({ $0 }).count <= 1
            else { throw S3Failure.malformedXML() }
            guard rule.priority != nil else {
                throw S3Failure.invalidRequest("Priority must be specified for this version of Cross Region Replication "
                    + "configuration schema.Please refer to S3 Developer Guide for more information.")
            }
            guard rule.deleteMarkerReplication != nil else {
                throw S3Failure.invalidRequest("DeleteMarkerReplication must be specified for this version of Cross "
                    + "Region Replication configuration schema. Please refer to S3 Developer Guide for more information.")
            }
        } else if rule.prefix == nil {
            throw S3Failure.malformedXML()
        }
        let arn = rule.destination.bucket
        guard let destination = Self.bucketName(ofARN: arn) else {
            throw S3Failure.invalidArgument("Invalid bucket ARN.", name: "Bucket", value: arn)
        }
        guard destination != bucket.name else {
            throw S3Failure.invalidRequest("Destination bucket cannot be the same as the source bucket.")
        }
        guard let target = try await store.bucket(named: destination), target.keepsVersions else {
            throw S3Failure.invalidRequest("Destination bucket must have versioning enabled.")
        }
    }

    /// The bucket an `arn:aws:s3:::<bucket>` ARN names.
    static func bucketName(ofARN arn: String) -> String? {
        let prefix = "arn:aws:s3:::"
        guard arn.hasPrefix(prefix) else { return nil }
        let name = String(arn.dropFirst(prefix.count))
        return name.isEmpty || name.contains("/") ? nil : name
    }

    // MARK: Replicating

    /// The rule of `bucket` that replicates a new version `object` (the enabled rule with the highest priority whose
    /// filter covers its key and tags), nil when none does or the version is itself a replica.
    func replicationRule(for object: S3ObjectRecord, in bucket: S3BucketRecord) -> S3.ReplicationRule? {
        guard object.replicationStatus != "REPLICA", let rules = bucket.replication?.rules else { return nil }
        let tags = object.tags ?? []
        let covering = rules.filter { rule in
            guard rule.status.rawValue == "Enabled" else { return false }
            if object.isMarker {
                // Schema V1 rules (a prefix, no filter) replicate delete markers; V2 rules only when they say so.
                if rule.filter != nil, rule.deleteMarkerReplication?.status?.rawValue != "Enabled" { return false }
                // Markers carry no tags: rules that filter on tags never replicate them.
                if rule.filter?.tag != nil || !(rule.filter?.and?.tags ?? []).isEmpty { return false }
            }
            return Self.covers(rule, key: object.key, tags: tags)
        }
        return covering.max { ($0.priority ?? 0) < ($1.priority ?? 0) }
    }

    private static func covers(_ rule: S3.ReplicationRule, key: String, tags: [S3ObjectTag]) -> Bool {
        func has(_ tag: S3.Tag) -> Bool { tags.contains { $0.key == tag.key && $0.value == tag.value } }
        guard let filter = rule.filter else { return key.hasPrefix(rule.prefix ?? "") }
        if let prefix = filter.prefix { return key.hasPrefix(prefix) }
        if let tag = filter.tag { return has(tag) }
        if let and = filter.and {
            return key.hasPrefix(and.prefix ?? "") && (and.tags ?? []).allSatisfy(has)
        }
        return true
    }

    /// Replicates the version `object` just written to `bucket` (or its delete marker) when a rule covers it, and records
    /// the outcome on the source version.
    func replicate(_ object: S3ObjectRecord, in bucket: S3BucketRecord, context: RequestContext) async {
        guard let rule = replicationRule(for: object, in: bucket) else { return }
        let status: String
        do {
            status = try await writeReplica(of: object, rule: rule, context: context) ? "COMPLETED" : "FAILED"
        } catch {
            status = "FAILED"
        }
        // Delete markers keep no status of their own.
        guard !object.isMarker else { return }
        _ = try? await store.updateObject(bucket: bucket.name, key: object.key, versionID: object.versionText, events: []) {
            $0.replicationStatus = status
        }
    }

    /// Writes the replica of `object` into the rule's destination; false when the destination cannot take it.
    private func writeReplica(of object: S3ObjectRecord, rule: S3.ReplicationRule, context: RequestContext) async throws
        -> Bool
    {
        guard let name = Self.bucketName(ofARN: rule.destination.bucket),
              let destination = try await store.bucket(named: name), destination.keepsVersions
        else { return false }
        var replica = object
        replica.bucket = destination.name
        replica.replicationStatus = "REPLICA"
        replica.restoredUntil = nil
        if !destination.locksObjects { replica.lock = nil }
        if let storageClass = rule.destination.storageClass?.rawValue { replica.storageClass = storageClass }
        if rule.destination.accessControlTranslation?.owner.rawValue == "Destination" { replica.acl = nil }
        var replicaContext = context
        replicaContext.accountID = destination.accountID
        replicaContext.region = destination.region
        if object.isMarker {
            let events = pendingEvents(for: .marker(replica), bucket: destination, context: replicaContext)
            _ = try await store.deleteObjects(bucket: destination.name, [.marker(replica)], events: [events])
            await dispatch(events)
        } else {
            // The stored version (the record written knows no blob of its bytes yet).
            guard let stored = try await store.objectVersion(bucket: object.bucket, key: object.key,
                                                             versionID: object.versionText)
            else { return false }
            let events = pendingEvents("ObjectCreated:Put", bucket: destination, key: replica.key, object: replica,
                                       context: replicaContext)
            try await store.copyObject(replica, bytesOf: stored, events: events)
            await dispatch(events)
        }
        return true
    }
}
