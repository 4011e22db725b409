// S3InventoryReport: the files of one S3 Inventory report (CSV data, manifest, checksum), built from object versions.
import Crypto
import Foundation
import StratusAPIS3
import ZIPFoundation

/// One inventory report as S3 writes it for a CSV configuration: a gzip data file of quoted CSV rows (no header),
/// `manifest.json` naming the source, destination, schema and data files, and `manifest.checksum` (the MD5 of the
/// manifest).
///
/// Guarantees: columns are `Bucket`, `Key` (URL-encoded, `/` kept), then `VersionId`, `IsLatest`, `IsDeleteMarker` for
/// reports of all versions, then the configuration's optional fields in its order; every value is quoted, empty when
/// the version has none; the data file is a single-member gzip file.
package struct S3InventoryReport: Sendable {
    /// The columns, in order (the manifest's `fileSchema`).
    package let columns: [String]
    /// The CSV lines so far (without their newlines).
    package private(set) var rows: [String] = []

    /// A report of all versions (`IncludedObjectVersions: All`) or only current objects, with `optionalFields`.
    package init(allVersions: Bool, optionalFields: [String]) {
        columns = ["Bucket", "Key"] + (allVersions ? ["VersionId", "IsLatest", "IsDeleteMarker"] : []) + optionalFields
    }

    /// Adds a version's row.
    package mutating func add(_ record: S3ObjectRecord, isLatest: Bool) {
        let values = columns.map { value(of: $0, record, isLatest: isLatest) }
        rows.append(values.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ","))
    }

    private func value(of column: String, _ record: S3ObjectRecord, isLatest: Bool) -> String {
        switch column {
        case "Bucket": return record.bucket
        case "Key": return S3Service.urlEncodedKey(record.key)
        case "VersionId": return record.versionID ?? ""
        case "IsLatest": return isLatest ? "true" : "false"
        case "IsDeleteMarker": return record.isMarker ? "true" : "false"
        case "Size": return record.isMarker ? "" : String(record.size)
        case "LastModifiedDate": return Self.time(record.lastModified)
        case "ETag": return record.isMarker ? "" : record.eTag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        case "StorageClass": return record.isMarker ? "" : record.storageClass
        case "IsMultipartUploaded": return record.isMarker ? "" : ((record.partSizes?.count ?? 0) > 0 ? "true" : "false")
        case "ReplicationStatus": return record.replicationStatus ?? ""
        case "EncryptionStatus": return record.isMarker ? "" : "SSE-S3"
        case "ObjectLockMode": return record.lock?.mode ?? ""
        case "ObjectLockRetainUntilDate": return record.lock?.retainUntil.map(Self.time) ?? ""
        case "ObjectLockLegalHoldStatus": return record.lock?.legalHold.map { $0 ? "ON" : "OFF" } ?? ""
        case "ChecksumAlgorithm": return record.checksum?.algorithm ?? ""
        case "BucketKeyStatus": return record.isMarker ? "" : "DISABLED"
        default: return ""
        }
    }

    /// The gzip data file.
    package func dataFile() throws -> Data {
        try Self.gzip(Data(rows.map { $0 + "\n" }.joined().utf8))
    }

    /// `manifest.json` for `files` (key, bytes) written to `destinationBucket` for `sourceBucket` at `created` (ms).
    package func manifest(sourceBucket: String, destinationBucket: String, created: Int64,
                          files: [(key: String, data: Data)]) -> Data {
        let entries = files.map { file -> [String: Any] in
            ["key": file.key, "size": file.data.count,
             "MD5checksum": Insecure.MD5.hash(data: file.data).map { String(format: "%02x", $0) }.joined()]
        }
        let document: [String: Any] = [
            "sourceBucket": sourceBucket, "destinationBucket": "arn:aws:s3:::\(destinationBucket)",
            "version": "2016-11-30", "creationTimestamp": String(created), "fileFormat": "CSV",
            "fileSchema": columns.joined(separator: ", "), "files": entries,
        ]
        return (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// `manifest.checksum`: the lowercase hex MD5 of `manifest`.
    package static func checksum(of manifest: Data) -> Data {
        Data(Insecure.MD5.hash(data: manifest).map { String(format: "%02x", $0) }.joined().utf8)
    }

    /// `2026-11-28T04:38:59.000Z`.
    static func time(_ milliseconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        let parts = S3AccessLogRecord.utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, Int(milliseconds % 1000))
    }

    /// A single-member gzip file of `content` (deflate through ZIPFoundation).
    static func gzip(_ content: Data) throws -> Data {
        var deflated = Data()
        let crc = try Data.compress(size: Int64(content.count), bufferSize: max(content.count, 1), provider: { position, size in
            content.subdata(in: Int(position)..<Int(position) + size)
        }, consumer: { deflated.append($0) })
        var file = Data([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff])
        file.append(deflated)
        for value in [crc, UInt32(truncatingIfNeeded: content.count)] {
            file.append(contentsOf: (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) })
        }
        return file
    }

}
