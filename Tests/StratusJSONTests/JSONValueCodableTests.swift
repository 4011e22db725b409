import Foundation
import StratusJSON
import Testing

@Suite("JSONValue through Foundation coders")
struct JSONValueCodableTests {
    struct Envelope: Codable, Equatable {
        var name: String
        var payload: JSONValue
    }

    @Test func roundTripsThroughJSONEncoderAndDecoder() throws {
        let payload = try JSONValue.parse(#"{"a":[1,2.5,"x",true,null],"b":{"c":-3}}"#)
        let envelope = Envelope(name: "n", payload: payload)
        let data = try JSONEncoder().encode(envelope)
        let decoded = try JSONDecoder().decode(Envelope.self, from: data)
        #expect(decoded == envelope)
        #expect(decoded.payload["a"]?[0]?.numberValue?.isInteger == true)
        #expect(decoded.payload["a"]?[1]?.doubleValue == 2.5)
        // What the encoder wrote is the same JSON value.
        #expect(try JSONValue.parse(data)["payload"] == payload)
    }
}
