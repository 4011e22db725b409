import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// S3's lifecycle rules as data: what a configuration may say, which objects a rule covers, and when its actions
/// fall due.
///
/// Guarantees: pure. Times are milliseconds since the epoch. A rule's day counts are S3's: the action falls due
/// at the first midnight UTC at or after the start (creation, becoming noncurrent, initiation) plus the days.
package enum S3LifecycleRules {
    /// The most rules a configuration may have.
    package static let maximumRules = 1_000
    /// One day in milliseconds.
    package static let day: Int64 = 86_400_000

    /// Checks a `PutBucketLifecycleConfiguration` configuration as S3 does (`MalformedXML`, `InvalidArgument`,
    /// `InvalidRequest` with S3's wording); transitions between storage classes answer `NotImplemented`.
    package static func check(_ configuration: S3.BucketLifecycleConfiguration) throws {
        let rules = configuration.rules
        guard (1...maximumRules).contains(rules.count) else { throw S3Failure.malformedXML() }
        var ids = Set<String>()
        for rule in rules {
            if let id = rule.id {
                guard id.count <= 255 else {
                    throw S3Failure.invalidArgument("ID length should not exceed allowed limit of 255", name: "ID", value: id)
                }
                guard ids.insert(id).inserted else {
                    throw S3Failure.invalidArgument("Rule ID must be unique. Found same ID for more than one rule",
                                                    name: "ID", value: id)
                }
            }
            guard rule.status.rawValue == "Enabled" || rule.status.rawValue == "Disabled" else { throw S3Failure.malformedXML() }
            if rule.filter != nil && rule.prefix != nil { throw S3Failure.malformedXML() }
            if !(rule.transitions ?? []).isEmpty || !(rule.noncurrentVersionTransitions ?? []).isEmpty {
                throw AWSServiceError(AWSErrorCode("NotImplemented", httpStatus: 501),
                                      "Stratus does not move objects between storage classes: lifecycle transitions are not supported.")
            }
            guard rule.expiration != nil || rule.noncurrentVersionExpiration != nil
                || rule.abortIncompleteMultipartUpload != nil
            else { throw S3Failure.invalidRequest("At least one action needs to be specified in a rule") }
            if let expiration = rule.expiration { try check(expiration) }
            if let noncurrent = rule.noncurrentVersionExpiration {
                guard let days = noncurrent.noncurrentDays, days > 0 else {
                    throw S3Failure.invalidArgument("'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer",
                                                    name: "NoncurrentDays", value: String(noncurrent.noncurrentDays ?? 0))
                }
                if let newer = noncurrent.newerNoncurrentVersions, !(1...100).contains(newer) {
                    throw S3Failure.invalidArgument("'NewerNoncurrentVersions' for NoncurrentVersionExpiration action must be a positive integer up to 100",
                                                    name: "NewerNoncurrentVersions", value: String(newer))
                }
            }
            if let abort = rule.abortIncompleteMultipartUpload {
                guard let days = abort.daysAfterInitiation, days > 0 else {
                    throw S3Failure.invalidArgument("'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer",
                                                    name: "DaysAfterInitiation", value: String(abort.daysAfterInitiation ?? 0))
                }
                if !filter(of: rule).tags.isEmpty {
                    throw S3Failure.invalidRequest("AbortIncompleteMultipartUpload cannot be specified with Tags.")
                }
            }
        }
    }

    private static func check(_ expiration: S3.LifecycleExpiration) throws {
        let given = [expiration.days != nil, expiration.date != nil, expiration.expiredObjectDeleteMarker != nil]
        if expiration.expiredObjectDeleteMarker != nil, given.filter({ $0 }).count > 1 {
            throw S3Failure.invalidRequest(
                "ExpiredObjectDeleteMarker cannot be specified with Days or Date in a Lifecycle Expiration Policy.")
        }
        guard given.filter({ $0 }).count == 1 else { throw S3Failure.malformedXML() }
        if let days = expiration.days, days <= 0 {
            throw S3Failure.invalidArgument("'Days' for Expiration action must be a positive integer",
                                            name: "Days", value: String(days))
        }
        if let date = expiration.date, Int64(date.timeIntervalSince1970 * 1000) % day != 0 {
            throw S3Failure.invalidArgument("'Date' must be at midnight GMT", name: "Date", value: HTTPDate.text(date))
        }
    }

    /// What a rule's filter selects: a key prefix, tags the object must all have, and strict size bounds.
    package struct Filter: Sendable, Equatable {
        package var prefix: String
        package var tags: [S3ObjectTag]
        package var sizeAbove: Int?
        package var sizeBelow: Int?
    }

    /// The filter of `rule` (its `Filter`, or the legacy `Prefix`).
    package static func filter(of rule: S3.LifecycleRule) -> Filter {
        let filter = rule.filter
        let tags = filter?.tag.map { [$0] } ?? filter?.and?.tags ?? []
        return Filter(prefix: rule.prefix ?? filter?.prefix ?? filter?.and?.prefix ?? "",
                      tags: tags.map { S3ObjectTag(key: $0.key, value: $0.value) },
                      sizeAbove: filter?.objectSizeGreaterThan ?? filter?.and?.objectSizeGreaterThan,
                      sizeBelow: filter?.objectSizeLessThan ?? filter?.and?.objectSizeLessThan)
    }

    /// Whether enabled `rule` selects `key` by its prefix (what counts for unfinished uploads, which have no size or
    /// tags yet).
    package static func covers(_ rule: S3.LifecycleRule, key: String) -> Bool {
        rule.status.rawValue == "Enabled" && key.utf8.starts(with: filter(of: rule).prefix.utf8)
    }

    /// Whether enabled `rule` covers `object` (a delete marker: by key alone).
    package static func covers(_ rule: S3.LifecycleRule, _ object: S3ObjectRecord) -> Bool {
        guard rule.status.rawValue == "Enabled" else { return false }
        let filter = filter(of: rule)
        guard object.key.utf8.starts(with: filter.prefix.utf8) else { return false }
        if object.isMarker { return true }
        let tags = object.tags ?? []
        guard filter.tags.allSatisfy({ tags.contains($0) }) else { return false }
        if let above = filter.sizeAbove, object.size <= above { return false }
        if let below = filter.sizeBelow, object.size >= below { return false }
        return true
    }

    /// The first midnight UTC at or after `start` plus `days` days.
    package static func due(after start: Int64, days: Int) -> Int64 {
        let end = start + Int64(days) * day
        return (end + day - 1) / day * day
    }

    /// When `rule`'s expiration of a current object written at `written` falls due, nil when it has none by days or
    /// date.
    package static func expiry(of rule: S3.LifecycleRule, written: Int64) -> Int64? {
        if let days = rule.expiration?.days { return due(after: written, days: days) }
        if let date = rule.expiration?.date { return Int64(date.timeIntervalSince1970 * 1000) }
        return nil
    }
}
