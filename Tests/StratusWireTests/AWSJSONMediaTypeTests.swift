import Foundation
import Testing
@testable import StratusWire

/// ``AWSJSONCodec/mediaType(of:)`` reads `Content-Type` exactly as the general Foundation reading does.
@Suite struct AWSJSONMediaTypeTests {
    private func reference(_ contentType: String) -> String {
        contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    @Test(arguments: [
        "application/x-amz-json-1.0", "Application/X-AMZ-JSON-1.1", "application/json; charset=utf-8",
        "  application/json  ;charset=utf-8", "\tapplication/json\t", ";application/json", ";;  ;text/plain",
        "", ";", " ", " ; ", "application/x-amz-json-1.0\r\n", "TEXT/Plain;", "application/jsön", "\u{00A0}application/json",
        "binary/octet-stream", "a;b;c",
    ])
    func sameAsFoundation(_ contentType: String) {
        #expect(AWSJSONCodec.mediaType(of: contentType) == reference(contentType))
    }
}
