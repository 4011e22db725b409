import StratusJSON
import Testing
import StratusTesting

/// Mutated inputs must either parse (and then re-serialize to something that parses to an equal value) or fail
/// with an error whose offset lies within the input; never trap.
@Suite("JSON parser under mutation")
struct JSONFuzzTests {

    static let seed = Array(
        #"{"a":[1,-2.5e3,true,false,null,"x\"\\\u00e9\ud83d\ude00"],"b":{"c":{},"d":[]},"é":"😀","n":123456789012345678901}"#
            .utf8)

    static let interesting: [UInt8] = Array(#"{}[]:,"\-+.eE0123456789tfnu "#.utf8) + [0x00, 0x0A, 0x80, 0xC3, 0xED, 0xF4, 0xFF]

    @Test func mutatedInputsNeverTrap() {
        var generator = SplitMix64(state: 7)
        var parsedCount = 0
        for _ in 0..<20_000 {
            var bytes = Self.seed
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                let replacement = Self.interesting.randomElement(using: &generator)!
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[position] = replacement
                case 1: bytes.insert(replacement, at: position)
                default: if bytes.count > 1 { bytes.remove(at: position) }
                }
            }
            if Bool.random(using: &generator) { bytes.removeLast(Int.random(in: 0...bytes.count / 2, using: &generator)) }
            do {
                let value = try JSONValue.parse(bytes)
                parsedCount += 1
                let reparsed = try JSONValue.parse(value.serialized())
                #expect(reparsed == value)
            } catch {
                #expect(error.offset >= 0 && error.offset <= bytes.count)
                #expect(!error.message.isEmpty)
            }
        }
        #expect(parsedCount > 0)
    }
}
