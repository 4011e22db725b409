import Foundation
@testable import StratusDynamoDB
import StratusDynamoDBExpressions
import Testing

/// The items of import source objects: DynamoDB JSON lines, CSV with DynamoDB's typing rules, and gzip.
@Suite struct DynamoDBImportReaderTests {
    /// `gzip.compress(b'{"Item": {"pk": {"S": "a"}}}\n' * 3, mtime=0)` from Python: real deflate blocks.
    static let compressed: [UInt8] = [
        0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xAB, 0x56, 0xF2, 0x2C, 0x49, 0xCD, 0x55, 0xB2,
        0x52, 0xA8, 0x56, 0x2A, 0xC8, 0x06, 0x53, 0xC1, 0x40, 0x52, 0x29, 0x51, 0xA9, 0xB6, 0xB6, 0x96, 0xAB, 0x9A,
        0x6C, 0x49, 0x00, 0x1A, 0xB9, 0x4B, 0x4F, 0x57, 0x00, 0x00, 0x00,
    ]

    @Test func gzipFilesUnpackWhetherCompressedOrStored() throws {
        let line = Array(#"{"Item": {"pk": {"S": "a"}}}"#.utf8) + [0x0A]
        #expect(try DynamoDBImportReader.gunzip(Self.compressed) == line + line + line)
        // Exports write stored deflate blocks.
        let content = Array(repeating: line, count: 3_000).flatMap { $0 }
        #expect(try DynamoDBImportReader.gunzip(DynamoDBExportFiles.gzip(content)) == content)
        var corrupt = Self.compressed
        corrupt[corrupt.count - 5] ^= 0xFF  // the length
        #expect(throws: DynamoDBImportReader.Unreadable.self) { try DynamoDBImportReader.gunzip(corrupt) }
        #expect(throws: DynamoDBImportReader.Unreadable.self) { try DynamoDBImportReader.gunzip(Array(Self.compressed.prefix(20))) }
        #expect(throws: DynamoDBImportReader.Unreadable.self) { try DynamoDBImportReader.gunzip(line) }
    }

    @Test func jsonLinesAreItemsInDynamoDBsAttributeForm() {
        let text = """
            {"Item": {"pk": {"S": "a"}, "n": {"N": "1.50"}, "b": {"B": "AAEC"}, "s": {"SS": ["x", "y"]}, "m": {"M": {"l": {"L": [{"BOOL": true}, {"NULL": true}]}}}}}

            not json
            {"Item": {"pk": {"N": "not a number"}}}
            {"Other": {}}
            """
        let outcome = DynamoDBImportReader(format: "DYNAMODB_JSON").read(Array(text.utf8))
        #expect(outcome.processed == 4 && outcome.errors == 3 && outcome.items.count == 1)
        let item = outcome.items.first
        #expect(item?["pk"] == .string("a"))
        #expect(item?["b"] == .binary([0, 1, 2]))
        #expect(item?["s"] == .stringSet(["x", "y"]))
    }

    @Test func csvColumnsAreStringsExceptTypedKeys() {
        var reader = DynamoDBImportReader(format: "CSV")
        reader.keyTypes = ["pk": "S", "sk": "N", "bin": "B"]
        let text = "pk,sk,name,bin\r\na,1,\"Smith, \"\"Jr\"\"\",AAE=\nb,2,,\n\nc,x,y\nd,4,\"two\nlines\"\n"
        let outcome = reader.read(Array(text.utf8))
        #expect(outcome.processed == 4 && outcome.errors == 1)  // "x" is not a number
        #expect(outcome.items.count == 3)
        #expect(outcome.items[0]["name"] == .string("Smith, \"Jr\"") && outcome.items[0]["bin"] == .binary([0, 1]))
        #expect(outcome.items[0]["sk"].map { if case .number = $0 { true } else { false } } == true)
        #expect(outcome.items[1]["name"] == nil)  // empty fields leave the attribute out
        #expect(outcome.items[2]["name"] == .string("two\nlines"))
        // A header list and another delimiter; the file then has no header line.
        var semicolons = DynamoDBImportReader(format: "CSV")
        semicolons.delimiter = UInt8(ascii: ";")
        semicolons.headerList = ["pk", "note"]
        let listed = semicolons.read(Array("a;one\nb;two".utf8))
        #expect(listed.items.map { $0["note"] } == [.string("one"), .string("two")])
    }
}
