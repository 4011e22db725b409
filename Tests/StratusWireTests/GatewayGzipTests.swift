import Foundation
import StratusSigV4
import Testing
@testable import StratusWire

@Suite struct GatewayGzipTests {
    /// `line 0: … lazy dog\n` … `line 199: …`, gzipped by zlib at level 9 (dynamic Huffman blocks).
    static let dynamicHuffmanSample =
        "H4sIAAAAAAACA53ay3ETQQBF0T1RTAjz+t9kw0eAQVhgY8COnoIMOGvVW+mUNHO7r3f3l+N8ffz4dDm+P929+3K8fbj9uj8+3H4fn5++fns8bj8vD/8+vr55eT7e3z6+uv7dBDYFNhU2DTYdNgM2EzYLNlu+U4IgEiIUIhYiGCIaIhwiHiIgIiKKiCj02yAiiogoIqKIiCIiiogoIqKIiCoiqoio9HchIqqIqCKiiogqIqqIqCKiiYgmIpqIaPQEISKaiGgioomIJiKaiOgioouILiK6iOj0UCkiuojoIqKLiC4ihogYImKIiCEihogY9J4hIoaIGCJiiIgpIqaImCJiiogpIqaImPTqKSKmiJgiYomIJSKWiFgiYomIJSKWiFhUI0TEEhFbRGwRsUXEFhFbRGwRsUXEFhGbApUVKkpUJzWqkyLVSZXqpEx1Uqc6KVSdVKpOSlUn2cB8STYsYFrBtIRpDdMiplVMy5jUMUMhM8XaNtmglhmKmaGaGcqZoZ4ZCpqhohlKmqGmmWoHH2SDsmaoa4bCZqhshtJmqG2G4maobobyZpqdipENKpyhxBlqnKHIGaqcocwZ6pyh0Bkqnel2ZEo2KHaGamcod4Z6Zyh4hopnKHmGmmcoembYeTrZoO4ZCp+h8hlKn6H2GYqfofoZyp+h/plply3IBiXQUAMNRdBQBQ1l0FAHDYXQUAkNpdAsu4lDNqiGhnJoqIeGgmioiIaSaKiJhqJoqIpm2zWt/7TxB/MtOfLCKQAA"

    @Test func inflatesDynamicHuffmanBlocks() throws {
        let compressed = try #require(Data(base64Encoded: Self.dynamicHuffmanSample))
        let expected = (0..<200).map { "line \($0): the quick brown fox jumps over the lazy dog\n" }.joined()
        let inflated = try Gzip.decompress(Array(compressed), limit: 1 << 20)
        #expect(String(decoding: inflated, as: UTF8.self) == expected)
    }

    @Test func inflatesStoredBlocks() throws {
        let payload = Array("stored payload".utf8)
        #expect(try Gzip.decompress(VectorGzip.storedGzip(payload), limit: 100) == payload)
    }

    @Test func rejectsCorruptionAndBombs() throws {
        let compressed = try #require(Data(base64Encoded: Self.dynamicHuffmanSample))
        #expect(throws: Gzip.GzipError.self) { try Gzip.decompress(Array(compressed), limit: 1000) }
        var corrupt = Array(compressed)
        corrupt[corrupt.count - 6] ^= 0xFF  // CRC
        #expect(throws: Gzip.GzipError.self) { try Gzip.decompress(corrupt, limit: 1 << 20) }
        #expect(throws: Gzip.GzipError.self) { try Gzip.decompress(Array(compressed.prefix(40)), limit: 1 << 20) }
        #expect(throws: Gzip.GzipError.self) { try Gzip.decompress([1, 2, 3], limit: 1 << 20) }
    }
}
