import Crypto
import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

extension S3Service {
    package func createMultipartUpload(_ input: S3.CreateMultipartUploadRequest, context: RequestContext) async throws
        -> S3.CreateMultipartUploadOutput
    {
        try Self.checkKey(input.key)
        let bucket = try await existingBucket(input.bucket)
        let acl = try objectGrants(input, canned: input.acl?.rawValue, bucket: bucket)
        let algorithm = input.checksumAlgorithm?.rawValue.uppercased()
        if let algorithm, !S3ChecksumCalculator.algorithms.contains(algorithm) {
            throw S3Failure.invalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]")
        }
        var upload = S3UploadRecord(
            id: Self.uploadID(ids.next()), bucket: input.bucket, key: input.key, initiatedAt: nowSeconds(),
            headers: S3ObjectHeaders(request: input),
            metadata: Self.userMetadata(input.metadata), storageClass: input.storageClass?.rawValue ?? "STANDARD",
            checksumAlgorithm: algorithm, accountID: context.accountID, tags: try Self.tags(fromHeader: input.tagging))
        upload.acl = acl
        upload.lock = try newObjectLock(mode: input.objectLockMode?.rawValue, retainUntil: input.objectLockRetainUntilDate,
                                        legalHold: input.objectLockLegalHoldStatus?.rawValue, in: bucket)
        try await storeWrite(bucket: input.bucket) { try await store.createUpload(upload) }
        var output = S3.CreateMultipartUploadOutput()
        output.bucket = input.bucket
        output.key = input.key
        output.uploadId = upload.id
        output.serverSideEncryption = "AES256"
        if let algorithm {
            output.checksumAlgorithm = S3.ChecksumAlgorithm(rawValue: algorithm)
            output.checksumType = "COMPOSITE"
        }
        return output
    }

    package func uploadPart(_ input: S3.UploadPartRequest, context: RequestContext) async throws -> S3.UploadPartOutput {
        let upload = try await existingUpload(bucket: input.bucket, key: input.key, id: input.uploadId)
        try Self.checkPartNumber(input.partNumber)
        let body = input.body ?? Data()
        try Self.checkContentMD5(input.contentMD5, body: body)
        let given = Self.givenChecksums(crc32: input.checksumCRC32, crc32c: input.checksumCRC32C,
                                        crc64nvme: input.checksumCRC64NVME, sha1: input.checksumSHA1,
                                        sha256: input.checksumSHA256)
        let algorithm = input.checksumAlgorithm?.rawValue ?? upload.checksumAlgorithm
        try Self.checkIntegrityCheck(for: upload.lock, contentMD5: input.contentMD5, checksumAlgorithm: algorithm,
                                     given: given, request: "Put Part")
        let checksum = try Self.verifiedChecksum(of: body, algorithm: algorithm, given: given)
        let part = try await storePart(input.partNumber, of: upload, body: body, checksum: checksum)
        var output = S3.UploadPartOutput()
        output.eTag = part.eTag
        output.serverSideEncryption = "AES256"
        if let checksum { Self.setChecksum(checksum, on: &output) }
        return output
    }

    package func completeMultipartUpload(_ input: S3.CompleteMultipartUploadRequest, context: RequestContext) async throws
        -> S3.CompleteMultipartUploadOutput
    {
        let (upload, bucket) = try await existingUploadAndBucket(bucket: input.bucket, key: input.key, id: input.uploadId)
        guard let requested = input.multipartUpload?.parts, !requested.isEmpty else { throw S3Failure.malformedXML() }
        let stored = Dictionary(try await store.parts(uploadID: upload.id).map { ($0.partNumber, $0) },
                                uniquingKeysWith: { first, _ in first })
        var chosen: [S3PartRecord] = []
        var previous = 0
        for part in requested {
            let number = part.partNumber ?? 0
            let eTag = part.eTag ?? ""
            guard number > previous else { throw S3Failure.invalidPartOrder(uploadID: upload.id) }
            previous = number
            guard let found = stored[number], Self.eTag(found.eTag, matches: eTag), !eTag.isEmpty else {
                throw S3Failure.invalidPart(uploadID: upload.id, partNumber: number, eTag: eTag)
            }
            chosen.append(found)
        }
        for part in chosen.dropLast() where part.size < S3Limits.minimumPartSize {
            throw S3Failure.entityTooSmall(size: part.size, partNumber: part.partNumber, eTag: part.eTag)
        }
        if let expected = input.mpuObjectSize, expected != chosen.reduce(0, { $0 + $1.size }) {
            throw S3Failure.invalidRequest("The provided 'x-amz-mp-object-size' header value \(expected) does not match what was computed: \(chosen.reduce(0, { $0 + $1.size }))")
        }
        let eTag = Self.multipartETag(chosen)
        let checksum = Self.compositeChecksum(chosen, algorithm: upload.checksumAlgorithm)
        var object = S3ObjectRecord(
            bucket: upload.bucket, key: upload.key, size: chosen.reduce(0) { $0 + $1.size }, eTag: eTag,
            lastModified: nowSeconds(), headers: upload.headers, metadata: upload.metadata, checksum: checksum,
            storageClass: upload.storageClass, partSizes: chosen.map(\.size), tags: upload.tags,
            versionID: newVersionID(for: bucket))
        object.acl = upload.acl
        object.lock = upload.lock
        let partChecksums = chosen.compactMap(\.checksum)
        if !partChecksums.isEmpty, partChecksums.count == chosen.count { object.partChecksums = partChecksums }
        object.replicationStatus = replicationRule(for: object, in: bucket) == nil ? nil : "PENDING"
        let events = pendingEvents("ObjectCreated:CompleteMultipartUpload", bucket: bucket, key: upload.key,
                                   object: object, context: context)
        do {
            try await store.completeUpload(id: upload.id, object: object, parts: chosen, events: events)
        } catch let missing as S3StoreMissing {
            if missing.what == "bucket" { throw S3Failure.noSuchBucket(input.bucket) }
            throw S3Failure.noSuchUpload(input.uploadId)
        }
        await dispatch(events)
        await replicate(object, in: bucket, context: context)
        var output = S3.CompleteMultipartUploadOutput()
        output.location = "\(context.endpointURL)/\(upload.bucket)/\(Self.pathEncoded(upload.key))"
        output.bucket = upload.bucket
        output.key = upload.key
        output.eTag = eTag
        output.versionId = object.versionID
        output.serverSideEncryption = "AES256"
        if let checksum {
            Self.setChecksum(checksum, on: &output)
            output.checksumType = S3.ChecksumType(rawValue: checksum.type)
        }
        return output
    }

    package func abortMultipartUpload(_ input: S3.AbortMultipartUploadRequest, context: RequestContext) async throws
        -> S3.AbortMultipartUploadOutput
    {
        let upload = try await existingUpload(bucket: input.bucket, key: input.key, id: input.uploadId)
        guard try await store.abortUpload(id: upload.id) else { throw S3Failure.noSuchUpload(input.uploadId) }
        return S3.AbortMultipartUploadOutput()
    }

    package func listParts(_ input: S3.ListPartsRequest, context: RequestContext) async throws -> S3.ListPartsOutput {
        let upload = try await existingUpload(bucket: input.bucket, key: input.key, id: input.uploadId)
        let maxParts = min(max(input.maxParts ?? 1000, 0), 1000)
        let marker = input.partNumberMarker ?? 0
        let parts = try await store.parts(uploadID: upload.id).filter { $0.partNumber > marker }
        let page = Array(parts.prefix(maxParts))
        var output = S3.ListPartsOutput()
        output.bucket = upload.bucket
        output.key = upload.key
        output.uploadId = upload.id
        output.partNumberMarker = marker
        output.maxParts = maxParts
        output.isTruncated = parts.count > page.count
        if parts.count > page.count, let last = page.last { output.nextPartNumberMarker = last.partNumber }
        output.parts = page.isEmpty ? nil : page.map { part in
            var entry = S3.Part()
            entry.partNumber = part.partNumber
            entry.lastModified = Self.date(part.lastModified)
            entry.eTag = part.eTag
            entry.size = part.size
            if let checksum = part.checksum { Self.setChecksum(checksum, on: &entry) }
            return entry
        }
        let owner = Self.owner(accountID: upload.accountID)
        output.owner = owner
        output.initiator = S3.Initiator(id: owner.id)
        output.storageClass = S3.StorageClass(rawValue: upload.storageClass)
        if let algorithm = upload.checksumAlgorithm {
            output.checksumAlgorithm = S3.ChecksumAlgorithm(rawValue: algorithm)
            output.checksumType = "COMPOSITE"
        }
        return output
    }

    package func listMultipartUploads(_ input: S3.ListMultipartUploadsRequest, context: RequestContext) async throws
        -> S3.ListMultipartUploadsOutput
    {
        _ = try await existingBucket(input.bucket)
        let maxUploads = min(max(input.maxUploads ?? 1000, 0), 1000)
        let prefix = input.prefix ?? ""
        let keyMarker = input.keyMarker ?? ""
        let uploads = try await store.uploads(bucket: input.bucket).filter { upload in
            guard upload.key.utf8.starts(with: prefix.utf8) else { return false }
            if keyMarker.isEmpty { return true }
            if upload.key == keyMarker, let idMarker = input.uploadIdMarker, !idMarker.isEmpty {
                return upload.id > idMarker
            }
            return keyMarker.utf8.lexicographicallyPrecedes(upload.key.utf8)
        }
        let page = Array(uploads.prefix(maxUploads))
        var output = S3.ListMultipartUploadsOutput()
        output.bucket = input.bucket
        output.keyMarker = keyMarker
        output.uploadIdMarker = input.uploadIdMarker ?? ""
        output.prefix = input.prefix
        output.maxUploads = maxUploads
        output.isTruncated = uploads.count > page.count
        if uploads.count > page.count, let last = page.last {
            output.nextKeyMarker = last.key
            output.nextUploadIdMarker = last.id
        }
        output.uploads = page.isEmpty ? nil : page.map { upload in
            var entry = S3.MultipartUpload()
            entry.uploadId = upload.id
            entry.key = upload.key
            entry.initiated = Self.date(upload.initiatedAt)
            entry.storageClass = S3.StorageClass(rawValue: upload.storageClass)
            let owner = Self.owner(accountID: upload.accountID)
            entry.owner = owner
            entry.initiator = S3.Initiator(id: owner.id)
            if let algorithm = upload.checksumAlgorithm { entry.checksumAlgorithm = S3.ChecksumAlgorithm(rawValue: algorithm) }
            return entry
        }
        return output
    }

    /// The upload `id` of `bucket` for `key`, or `NoSuchBucket`/`NoSuchUpload`.
    /// Stores part `number` of `upload` with `body` (replacing a part with that number): `NoSuchUpload` when the
    /// upload ended meanwhile. - Returns: the part's record.
    func storePart(_ number: Int, of upload: S3UploadRecord, body: Data, checksum: S3Checksum?) async throws -> S3PartRecord {
        let part = S3PartRecord(uploadID: upload.id, partNumber: number, size: body.count,
                                eTag: "\"\(Self.md5Hex(body))\"", lastModified: nowSeconds(), checksum: checksum)
        do {
            try await store.putPart(part, body: body)
        } catch is S3StoreMissing {
            throw S3Failure.noSuchUpload(upload.id)
        }
        return part
    }

    func existingUpload(bucket: String, key: String, id: String) async throws -> S3UploadRecord {
        try await existingUploadAndBucket(bucket: bucket, key: key, id: id).upload
    }

    /// ``existingUpload(bucket:key:id:)`` with the bucket it read.
    func existingUploadAndBucket(bucket name: String, key: String, id: String) async throws
        -> (upload: S3UploadRecord, bucket: S3BucketRecord)
    {
        let bucket = try await existingBucket(name)
        guard let upload = try await store.upload(bucket: name, id: id), upload.key == key else {
            throw S3Failure.noSuchUpload(id)
        }
        return (upload, bucket)
    }

    /// `InvalidArgument` unless 1 ≤ `number` ≤ 10,000.
    static func checkPartNumber(_ number: Int) throws {
        guard (1...10_000).contains(number) else {
            throw S3Failure.invalidArgument("Part number must be an integer between 1 and 10000, inclusive",
                                            name: "partNumber", value: String(number))
        }
    }

    /// An upload id: URL-safe base64 of a random id, about S3's length.
    static func uploadID(_ random: String) -> String {
        let bytes = Data(SHA256.hash(data: Data(random.utf8)))
        return (bytes + Data(random.utf8)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A multipart object's ETag: the MD5 of the parts' binary MD5s, a dash, the number of parts.
    static func multipartETag(_ parts: [S3PartRecord]) -> String {
        var digests = Data()
        for part in parts {
            let hex = Array(part.eTag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")).utf8)
            var index = 0
            while index + 1 < hex.count {
                if let byte = UInt8(String(decoding: hex[index...(index + 1)], as: UTF8.self), radix: 16) {
                    digests.append(byte)
                }
                index += 2
            }
        }
        return "\"\(md5Hex(digests))-\(parts.count)\""
    }

    /// The composite checksum of a multipart object: the checksum of the parts' raw checksums, a dash, the number of
    /// parts; nil when the upload named no algorithm or a part lacks its checksum.
    static func compositeChecksum(_ parts: [S3PartRecord], algorithm: String?) -> S3Checksum? {
        guard let algorithm else { return nil }
        var digests = Data()
        for part in parts {
            guard let checksum = part.checksum, checksum.algorithm == algorithm,
                  let raw = Data(base64Encoded: checksum.value) else { return nil }
            digests.append(raw)
        }
        guard let combined = S3ChecksumCalculator.checksum(algorithm, of: digests) else { return nil }
        return S3Checksum(algorithm: algorithm, value: "\(combined)-\(parts.count)", type: "COMPOSITE")
    }

    /// A key with each path segment percent-encoded, for `Location`.
    static func pathEncoded(_ key: String) -> String {
        key.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? String($0) }
            .joined(separator: "/")
    }
}
