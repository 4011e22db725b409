import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// Object Lock: `PutObjectLockConfiguration`/`GetObjectLockConfiguration` (enabled at `CreateBucket` with
/// `x-amz-bucket-object-lock-enabled`, or later on a bucket with versioning enabled; never disabled), the retention
/// and legal hold of object versions (`Put`/`GetObjectRetention`, `Put`/`GetObjectLegalHold`, the
/// `x-amz-object-lock-*` headers of `PutObject`, `CopyObject` and `CreateMultipartUpload`, the bucket's default
/// retention), and their enforcement: a protected version cannot be removed for good (``objectLocked()``).
extension S3Service {
    /// What S3 answers a request that would remove or weaken the lock of a protected version.
    static let objectLockedMessage = "Access Denied because object protected by object lock."
    /// How long a default retention year is, in days.
    static let daysPerRetentionYear: Int64 = 365

    /// `AccessDenied` (403) for a protected version.
    static func objectLocked() -> AWSServiceError {
        AWSServiceError(AWSErrorCode("AccessDenied", httpStatus: 403), objectLockedMessage)
    }

    package func putObjectLockConfiguration(_ input: S3.PutObjectLockConfigurationRequest, context: RequestContext)
        async throws -> S3.PutObjectLockConfigurationOutput
    {
        _ = try await existingBucket(input.bucket)
        let configuration = try Self.checkedLockConfiguration(input.objectLockConfiguration)
        // Enabling needs versioning Enabled; both are judged inside the update.
        let updated = try await store.updateBucket(named: input.bucket) { bucket in
            if bucket.locksObjects || bucket.keepsVersions { bucket.objectLock = configuration }
        }
        guard let updated else { throw S3Failure.noSuchBucket(input.bucket) }
        guard updated.objectLock == configuration else {
            throw AWSServiceError(AWSErrorCode("InvalidBucketState", httpStatus: 409),
                                  "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration")
        }
        return S3.PutObjectLockConfigurationOutput()
    }

    package func getObjectLockConfiguration(_ input: S3.GetObjectLockConfigurationRequest, context: RequestContext)
        async throws -> S3.GetObjectLockConfigurationOutput
    {
        guard let configuration = try await existingBucket(input.bucket).objectLock else {
            throw S3Failure.settingNotFound("ObjectLockConfigurationNotFoundError",
                                            "Object Lock configuration does not exist for this bucket", bucket: input.bucket)
        }
        return S3.GetObjectLockConfigurationOutput(objectLockConfiguration: configuration)
    }

    /// A configuration as S3 checks it: `ObjectLockEnabled` `Enabled`; a rule's default retention with a mode and
    /// exactly one of a positive `Days` or `Years`.
    static func checkedLockConfiguration(_ configuration: S3.ObjectLockConfiguration?) throws
        -> S3.ObjectLockConfiguration
    {
        guard let configuration, configuration.objectLockEnabled?.rawValue == "Enabled" else { throw S3Failure.malformedXML() }
        guard let rule = configuration.rule else { return configuration }
        guard let retention = rule.defaultRetention, let mode = retention.mode?.rawValue,
              (retention.days == nil) != (retention.years == nil)
        else { throw S3Failure.malformedXML() }
        guard ["GOVERNANCE", "COMPLIANCE"].contains(mode) else { throw S3Failure.malformedXML() }
        if let period = retention.days ?? retention.years, period <= 0 {
            throw S3Failure.invalidArgument("Default retention period must be a positive integer value",
                                            name: retention.days != nil ? "Days" : "Years", value: String(period))
        }
        return configuration
    }

    // MARK: Retention and legal hold of a version

    package func putObjectRetention(_ input: S3.PutObjectRetentionRequest, context: RequestContext) async throws
        -> S3.PutObjectRetentionOutput
    {
        let bucket = try await lockingBucket(input.bucket)
        let now = nowMilliseconds()
        let mode = input.retention?.mode?.rawValue
        let until = input.retention?.retainUntilDate
        guard (mode == nil) == (until == nil) else { throw S3Failure.malformedXML() }
        if let mode, !["GOVERNANCE", "COMPLIANCE"].contains(mode) { throw S3Failure.malformedXML() }
        let newUntil = until.map(Self.milliseconds)
        if let newUntil, newUntil <= now {
            throw S3Failure.invalidArgument("The retain until date must be in the future!",
                                            name: "RetainUntilDate", value: input.retention?.retainUntilDate.map(Self.isoText) ?? "")
        }
        let bypass = input.bypassGovernanceRetention == true
        try await changeLock(bucket: bucket, key: input.key, versionID: input.versionId) { lock in
            // A running retention may only be kept or lengthened (a COMPLIANCE one in COMPLIANCE mode); anything
            // else weakens it, which a GOVERNANCE retention allows with the bypass and a COMPLIANCE one never.
            if lock.retains(at: now), let currentMode = lock.mode, let currentUntil = lock.retainUntil {
                let lengthens = newUntil.map { $0 >= currentUntil } == true
                let weakens = !lengthens || (currentMode == "COMPLIANCE" && mode != "COMPLIANCE")
                if weakens && (currentMode == "COMPLIANCE" || !bypass) { throw Self.objectLocked() }
            }
            lock.mode = mode
            lock.retainUntil = newUntil
        }
        return S3.PutObjectRetentionOutput()
    }

    package func getObjectRetention(_ input: S3.GetObjectRetentionRequest, context: RequestContext) async throws
        -> S3.GetObjectRetentionOutput
    {
        let lock = try await versionLock(bucket: input.bucket, key: input.key, versionID: input.versionId)
        guard let mode = lock?.mode, let until = lock?.retainUntil else { throw Self.noLockConfiguration() }
        return S3.GetObjectRetentionOutput(retention: S3.ObjectLockRetention(
            mode: S3.ObjectLockRetentionMode(rawValue: mode), retainUntilDate: Self.date(until)))
    }

    package func putObjectLegalHold(_ input: S3.PutObjectLegalHoldRequest, context: RequestContext) async throws
        -> S3.PutObjectLegalHoldOutput
    {
        let bucket = try await lockingBucket(input.bucket)
        guard let status = input.legalHold?.status?.rawValue, status == "ON" || status == "OFF" else {
            throw S3Failure.malformedXML()
        }
        try await changeLock(bucket: bucket, key: input.key, versionID: input.versionId) { $0.legalHold = status == "ON" }
        return S3.PutObjectLegalHoldOutput()
    }

    package func getObjectLegalHold(_ input: S3.GetObjectLegalHoldRequest, context: RequestContext) async throws
        -> S3.GetObjectLegalHoldOutput
    {
        guard let hold = try await versionLock(bucket: input.bucket, key: input.key, versionID: input.versionId)?.legalHold
        else { throw Self.noLockConfiguration() }
        return S3.GetObjectLegalHoldOutput(legalHold: S3.ObjectLockLegalHold(status: hold ? "ON" : "OFF"))
    }

    /// `NoSuchObjectLockConfiguration` (404): the version has no retention (or no legal hold) to answer.
    static func noLockConfiguration() -> AWSServiceError {
        AWSServiceError(AWSErrorCode("NoSuchObjectLockConfiguration", httpStatus: 404),
                        "The specified object does not have a ObjectLock configuration")
    }

    /// The bucket, when it has Object Lock enabled; `InvalidRequest` otherwise.
    private func lockingBucket(_ name: String) async throws -> S3BucketRecord {
        let bucket = try await existingBucket(name)
        guard bucket.locksObjects else { throw S3Failure.invalidRequest("Bucket is missing Object Lock Configuration") }
        return bucket
    }

    /// The lock of version `versionID` (the current object when nil) of `key`, nil when it has none.
    private func versionLock(bucket name: String, key: String, versionID: String?) async throws -> S3ObjectLock? {
        let bucket = try await lockingBucket(name)
        return try await readableVersion(bucket: bucket, key: key, versionID: versionID, method: "GET").lock
    }

    /// Applies `change` to the lock of a version inside the store's update (so a concurrent change or deletion is
    /// judged on what is stored); `change` throws to refuse.
    private func changeLock(bucket: S3BucketRecord, key: String, versionID: String?,
                            _ change: @escaping @Sendable (inout S3ObjectLock) throws -> Void) async throws {
        if let versionID { try Self.checkVersionID(versionID) }
        _ = try await readableVersion(bucket: bucket, key: key, versionID: versionID, method: "PUT")
        let updated = try await store.updateObject(bucket: bucket.name, key: key, versionID: versionID, events: []) { record in
            var lock = record.lock ?? S3ObjectLock()
            try change(&lock)
            record.lock = lock.isEmpty ? nil : lock
        }
        guard updated else {
            throw versionID.map { S3Failure.noSuchVersion(key: key, versionID: $0) } ?? S3Failure.noSuchKey(key)
        }
    }

    // MARK: New versions

    /// The lock a new version written to `bucket` gets: the request's `x-amz-object-lock-*` headers as S3 checks
    /// them, else the bucket's default retention; nil for none.
    func newObjectLock(mode: String?, retainUntil: Date?, legalHold: String?, in bucket: S3BucketRecord) throws
        -> S3ObjectLock?
    {
        let now = nowMilliseconds()
        if mode != nil || retainUntil != nil || legalHold != nil {
            guard bucket.locksObjects else { throw S3Failure.invalidRequest("Bucket is missing ObjectLockConfiguration") }
            guard (mode == nil) == (retainUntil == nil) else {
                throw S3Failure.invalidArgument(
                    "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied",
                    name: mode == nil ? "x-amz-object-lock-mode" : "x-amz-object-lock-retain-until-date", value: "")
            }
            if let mode, !["GOVERNANCE", "COMPLIANCE"].contains(mode) {
                throw S3Failure.invalidArgument("Unknown wormMode directive.", name: "x-amz-object-lock-mode", value: mode)
            }
            if let retainUntil, Self.milliseconds(retainUntil) <= now {
                throw S3Failure.invalidArgument("The retain until date must be in the future!",
                                                name: "x-amz-object-lock-retain-until-date", value: Self.isoText(retainUntil))
            }
            if let legalHold, legalHold != "ON", legalHold != "OFF" {
                throw S3Failure.invalidArgument("Legal Hold must be either of 'ON' or 'OFF'",
                                                name: "x-amz-object-lock-legal-hold", value: legalHold)
            }
        }
        var lock = S3ObjectLock(mode: mode, retainUntil: retainUntil.map(Self.milliseconds),
                                legalHold: legalHold.map { $0 == "ON" })
        if mode == nil, let retention = bucket.objectLock?.rule?.defaultRetention, let defaultMode = retention.mode {
            let days = Int64(retention.days ?? 0) + Int64(retention.years ?? 0) * Self.daysPerRetentionYear
            lock.mode = defaultMode.rawValue
            lock.retainUntil = now + days * 86_400_000
        }
        return lock.isEmpty ? nil : lock
    }

    /// S3 takes bytes that get a lock (the request's `x-amz-object-lock-*` headers or the bucket's default retention)
    /// only with an integrity check: a `Content-MD5`, an `x-amz-checksum-*` value or an announced checksum algorithm
    /// (`x-amz-sdk-checksum-algorithm`, also what a trailing checksum comes with). `request` names the operation in
    /// S3's message (`Put Object`, `Put Part`).
    static func checkIntegrityCheck(for lock: S3ObjectLock?, contentMD5: String?, checksumAlgorithm: String?,
                                    given: [(algorithm: String, value: String)], request: String) throws {
        guard lock != nil, contentMD5 == nil, checksumAlgorithm == nil, given.isEmpty else { return }
        throw S3Failure.invalidRequest(
            "Content-MD5 OR x-amz-checksum- HTTP header is required for \(request) requests with Object Lock parameters")
    }

    /// Sets the `x-amz-object-lock-*` members of a `GetObject`/`HeadObject` answer from the version's lock.
    static func describeLock<Output: S3ObjectDescriptionFields>(_ lock: S3ObjectLock?, into output: inout Output) {
        guard let lock else { return }
        if let mode = lock.mode, let until = lock.retainUntil {
            output.objectLockMode = S3.ObjectLockMode(rawValue: mode)
            output.objectLockRetainUntilDate = date(until)
        }
        if let hold = lock.legalHold { output.objectLockLegalHoldStatus = hold ? "ON" : "OFF" }
    }

    // MARK: Deletions

    /// The store predicate that keeps versions protected at the time of a deletion request (`bypass`: the request
    /// sent `x-amz-bypass-governance-retention: true`).
    func keepsProtectedVersions(bypassingGovernance bypass: Bool) -> @Sendable (S3ObjectRecord) -> Bool {
        let now = nowMilliseconds()
        return { version in version.lock?.protects(at: now, bypassingGovernance: bypass) == true }
    }

    /// `date` as ISO 8601 text with milliseconds (for error fields).
    static func isoText(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}
