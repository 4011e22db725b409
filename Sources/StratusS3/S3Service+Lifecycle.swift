import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// What one application of the buckets' lifecycle rules did.
package struct S3LifecycleReport: Sendable, Equatable {
    /// Current objects expired (removed, or hidden by a delete marker in a bucket with versioning).
    package var expired = 0
    /// Noncurrent versions removed.
    package var noncurrentRemoved = 0
    /// Expired delete markers (the only version left of their key) removed.
    package var markersRemoved = 0
    /// Unfinished multipart uploads aborted.
    package var uploadsAborted = 0

    /// An empty report.
    package init() {}
}

extension S3Service {
    package func putBucketLifecycleConfiguration(_ input: S3.PutBucketLifecycleConfigurationRequest,
                                                 context: RequestContext) async throws
        -> S3.PutBucketLifecycleConfigurationOutput
    {
        _ = try await existingBucket(input.bucket)
        guard let configuration = input.lifecycleConfiguration else { throw S3Failure.malformedXML() }
        try S3LifecycleRules.check(configuration)
        try await updateExistingBucket(input.bucket) { $0.lifecycle = configuration }
        return S3.PutBucketLifecycleConfigurationOutput()
    }

    package func getBucketLifecycleConfiguration(_ input: S3.GetBucketLifecycleConfigurationRequest,
                                                 context: RequestContext) async throws
        -> S3.GetBucketLifecycleConfigurationOutput
    {
        let bucket = try await existingBucket(input.bucket)
        guard let lifecycle = bucket.lifecycle else {
            throw S3Failure.settingNotFound("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist",
                                            bucket: input.bucket)
        }
        return S3.GetBucketLifecycleConfigurationOutput(rules: lifecycle.rules)
    }

    package func deleteBucketLifecycle(_ input: S3.DeleteBucketLifecycleRequest, context: RequestContext) async throws {
        try await updateExistingBucket(input.bucket) { $0.lifecycle = nil }
    }

    /// Applies every bucket's enabled lifecycle rules as of `now`: expires current objects whose expiration fell
    /// due (a delete marker in a bucket with versioning), removes noncurrent versions whose `NoncurrentDays` passed
    /// since they became noncurrent (keeping `NewerNoncurrentVersions`), removes delete markers left alone
    /// (`ExpiredObjectDeleteMarker`), and aborts uploads older than `DaysAfterInitiation`. Each key's changes are
    /// one store write, with `LifecycleExpiration:*` notifications.
    package func applyLifecycle(now: Date) async throws -> S3LifecycleReport {
        var report = S3LifecycleReport()
        let nowMilliseconds = Self.milliseconds(now)
        for bucket in try await store.allBuckets() {
            guard let rules = bucket.lifecycle?.rules.filter({ $0.status.rawValue == "Enabled" }), !rules.isEmpty else { continue }
            var position: S3VersionPosition?
            var group: [S3VersionEntry] = []
            while true {
                let page = try await store.versions(bucket: bucket.name, prefix: "", after: position, limit: 1_000)
                for entry in page {
                    if let first = group.first, first.record.key != entry.record.key {
                        try await expire(group, in: bucket, rules: rules, now: nowMilliseconds, report: &report)
                        group = []
                    }
                    group.append(entry)
                }
                guard let last = page.last, page.count == 1_000 else { break }
                position = .afterVersion(key: last.record.key, versionID: last.record.versionText)
            }
            if !group.isEmpty { try await expire(group, in: bucket, rules: rules, now: nowMilliseconds, report: &report) }
            for upload in try await store.uploads(bucket: bucket.name) {
                let due = rules.filter { S3LifecycleRules.covers($0, key: upload.key) }
                    .compactMap { rule in rule.abortIncompleteMultipartUpload?.daysAfterInitiation.map {
                        S3LifecycleRules.due(after: upload.initiatedAt, days: $0)
                    } }.min()
                if let due, nowMilliseconds >= due, try await store.abortUpload(id: upload.id) { report.uploadsAborted += 1 }
            }
        }
        return report
    }

    /// The lifecycle actions due for one key's versions (newest first).
    private func expire(_ versions: [S3VersionEntry], in bucket: S3BucketRecord, rules: [S3.LifecycleRule], now: Int64,
                        report: inout S3LifecycleReport) async throws {
        let key = versions[0].record.key
        var deletions: [S3Deletion] = []
        var expiredCurrent = false
        var removedMarker = false
        let latest = versions[0]
        if latest.isLatest, !latest.record.isMarker,
           rules.contains(where: { rule in
               S3LifecycleRules.covers(rule, latest.record)
                   && S3LifecycleRules.expiry(of: rule, written: latest.record.lastModified).map { now >= $0 } == true
           }) {
            deletions.append(deletion(of: key, versionID: nil, in: bucket))
            expiredCurrent = true
        }
        var kept = 0
        var remaining = 0
        var noncurrent: Set<Int> = []
        for index in versions.indices.dropFirst() {
            let version = versions[index].record
            let noncurrentSince = versions[index - 1].record.lastModified
            let expires = rules.contains { rule in
                guard let expiration = rule.noncurrentVersionExpiration, let days = expiration.noncurrentDays,
                      S3LifecycleRules.covers(rule, version) else { return false }
                return now >= S3LifecycleRules.due(after: noncurrentSince, days: days)
                    && kept >= (expiration.newerNoncurrentVersions ?? 0)
            }
            if expires {
                noncurrent.insert(deletions.count)
                deletions.append(.version(key: key, versionID: version.versionText))
            } else {
                if !version.isMarker { kept += 1 }
                remaining += 1
            }
        }
        if latest.isLatest, latest.record.isMarker, remaining == 0,
           rules.contains(where: { $0.expiration?.expiredObjectDeleteMarker == true && S3LifecycleRules.covers($0, latest.record) }) {
            deletions.append(.version(key: key, versionID: latest.record.versionText))
            removedMarker = true
        }
        guard !deletions.isEmpty else { return }
        let context = RequestContext(accountID: bucket.accountID, region: bucket.region, requestID: ids.next(),
                                     host: "localhost", receivedAt: clock.now())
        let events = deletions.map { pendingEvents(for: $0, bucket: bucket, context: context, cause: "LifecycleExpiration") }
        // Versions under an Object Lock retention or legal hold stay (lifecycle rules never bypass governance).
        let outcomes = try await store.deleteObjects(bucket: bucket.name, deletions, events: events) { version in
            version.lock?.protects(at: now, bypassingGovernance: false) == true
        }
        for (index, outcome) in outcomes.enumerated() where outcome.record != nil {
            await dispatch(events[index])
            if noncurrent.contains(index) { report.noncurrentRemoved += 1 }
        }
        if expiredCurrent { report.expired += 1 }
        if removedMarker { report.markersRemoved += 1 }
    }
}
