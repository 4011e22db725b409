// DynamoDBImportReader: the items of an ImportTable source object (DynamoDB JSON lines or CSV, plain or gzip).
import Foundation
import OrderedCollections
import StratusAPIDynamoDB
import StratusDynamoDBExpressions
import StratusJSON
import StratusServiceKit
import StratusSigV4

/// Reads the items of one S3 object of a table import, as DynamoDB's `ImportTable` reads them.
///
/// Guarantees: pure (no I/O). DynamoDB JSON: one `{"Item": {…}}` object per non-empty line, values in DynamoDB's
/// attribute-value form (binary as base64), checked as `PutItem` checks them. CSV (RFC 4180 quoting, `delimiter`):
/// the first record names the columns unless `headerList` does; a column that is one of `keyTypes` gets that type
/// (`S`, `N`, or `B` from base64), every other column is a string; an empty field leaves its attribute out. A record
/// that cannot be read counts as an error and is left out; every record read counts as processed.
package struct DynamoDBImportReader: Sendable {
    /// `DYNAMODB_JSON` or `CSV`.
    package var format: String
    /// The CSV field separator.
    package var delimiter: UInt8 = UInt8(ascii: ",")
    /// The CSV column names when the object has no header line.
    package var headerList: [String]?
    /// The types of the table's and its indexes' key attributes, by name.
    package var keyTypes: [String: String] = [:]

    /// What one object held.
    package struct Outcome: Sendable {
        /// The items read.
        package var items: [DynamoDBItem] = []
        /// Records read (items and errors).
        package var processed = 0
        /// Records that could not be read.
        package var errors = 0
    }

    /// A reader of `format`.
    package init(format: String) {
        self.format = format
    }

    /// The items of an object's (uncompressed) bytes.
    package func read(_ bytes: [UInt8]) -> Outcome {
        format == "CSV" ? readCSV(bytes) : readJSONLines(bytes)
    }

    private func readJSONLines(_ bytes: [UInt8]) -> Outcome {
        var outcome = Outcome()
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            let text = String(decoding: line, as: UTF8.self)
            guard !text.allSatisfy(\.isWhitespace) else { continue }
            outcome.processed += 1
            guard let item = Self.item(fromJSONLine: text) else {
                outcome.errors += 1
                continue
            }
            outcome.items.append(item)
        }
        return outcome
    }

    /// The item of one `{"Item": {…}}` line, or nil.
    static func item(fromJSONLine line: String) -> DynamoDBItem? {
        guard case .object(let members)? = try? JSONValue.parse(line), case .object(let attributes)? = members["Item"],
              !attributes.isEmpty
        else { return nil }
        var wire: [String: DynamoDB.AttributeValue] = [:]
        for (name, value) in attributes {
            guard let attribute = try? DynamoDB.AttributeValue(awsValue: AWSValue(value)) else { return nil }
            wire[name] = attribute
        }
        return try? DynamoDBValue.item(wire: wire)
    }

    private func readCSV(_ bytes: [UInt8]) -> Outcome {
        var outcome = Outcome()
        var records = Self.csvRecords(bytes, delimiter: delimiter)[...]
        let header: [String]
        if let headerList {
            header = headerList
        } else {
            guard let first = records.popFirst() else { return outcome }
            header = first
        }
        for record in records {
            if record.count == 1, record[0].isEmpty { continue }  // a blank line
            outcome.processed += 1
            guard record.count <= header.count, let item = item(fromCSV: record, header: header) else {
                outcome.errors += 1
                continue
            }
            outcome.items.append(item)
        }
        return outcome
    }

    private func item(fromCSV record: [String], header: [String]) -> DynamoDBItem? {
        var wire: [String: DynamoDB.AttributeValue] = [:]
        for (name, field) in zip(header, record) where !field.isEmpty {
            switch keyTypes[name] {
            case "N": wire[name] = DynamoDB.AttributeValue(n: field)
            case "B":
                guard let data = Data(base64Encoded: field) else { return nil }
                wire[name] = DynamoDB.AttributeValue(b: data)
            default: wire[name] = DynamoDB.AttributeValue(s: field)
            }
        }
        guard !wire.isEmpty else { return nil }
        return try? DynamoDBValue.item(wire: wire)
    }

    /// The records of CSV text: fields split at `delimiter`, records at `\n` or `\r\n`, `"…"` quoting with `""` for
    /// a quote (a quoted field may hold delimiters and line breaks).
    static func csvRecords(_ bytes: [UInt8], delimiter: UInt8) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = 0
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\""), field.isEmpty {
                quoted = true
            } else if byte == delimiter {
                endField()
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                endField()
                records.append(record)
                record.removeAll()
            } else {
                field.append(byte)
            }
            index += 1
        }
        if !field.isEmpty || !record.isEmpty {
            endField()
            records.append(record)
        }
        return records
    }

    /// A gzip file's content (RFC 1952; several members in a row are one file), each member's CRC-32 and length
    /// checked.
    /// - Throws: ``DynamoDBImportReader/Unreadable`` for anything else.
    package static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        guard bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B else { throw Unreadable("not a gzip file") }
        do {
            return try Gzip.decompress(bytes, limit: Int.max)
        } catch {
            throw Unreadable(error.message)
        }
    }

    /// An object that is not valid gzip.
    package struct Unreadable: Error, CustomStringConvertible {
        /// What is wrong.
        package let description: String
        init(_ description: String) { self.description = description }
    }
}
