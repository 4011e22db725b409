import StratusJSON

/// Finds state names written twice in one `States` object. JSON parsing keeps only the last of duplicated
/// members, so this reads the definition text itself.
///
/// Guarantees: meant for text that already parsed as JSON; reports each repeated name once per repetition, with
/// the location the parser uses (`/States/A/Branches[0]/States/B`), in text order. Only members of objects that
/// are the value of a `States` member count.
struct DuplicateStateNameScanner {
    private struct Frame {
        var isObject: Bool
        /// The bytes of the member key being read (between the quotes), if any.
        var key: Range<Int>?
        var index = 0
        var names: Set<String>?
    }

    private static let statesKey = Array("States".utf8)

    private let bytes: [UInt8]
    private var position = 0
    private var frames: [Frame] = []

    init(text: String) { bytes = Array(text.utf8) }

    /// The duplicated names and their locations.
    mutating func scan() -> [(name: String, location: String)] {
        var found: [(name: String, location: String)] = []
        var expectingKey = false
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "{"):
                let parentIsStates = frames.last.map { $0.isObject && $0.key.map(isStatesKey) == true } ?? false
                frames.append(Frame(isObject: true, names: parentIsStates ? [] : nil))
                expectingKey = true
                position += 1
            case UInt8(ascii: "["):
                frames.append(Frame(isObject: false))
                expectingKey = false
                position += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                frames.removeLast()
                position += 1
            case UInt8(ascii: ","):
                if let last = frames.indices.last {
                    if frames[last].isObject { expectingKey = true } else { frames[last].index += 1 }
                }
                position += 1
            case UInt8(ascii: ":"):
                expectingKey = false
                position += 1
            case UInt8(ascii: "\""):
                let range = skipString()
                if expectingKey, let last = frames.indices.last, frames[last].isObject {
                    frames[last].key = range
                    if frames[last].names != nil {
                        let name = decode(range)
                        if let inserted = frames[last].names?.insert(name).inserted, !inserted {
                            found.append((name, location()))
                        }
                    }
                }
            default:
                position += 1
            }
        }
        return found
    }

    /// Skips a string starting at its opening quote; returns the range of its bytes between the quotes.
    private mutating func skipString() -> Range<Int> {
        position += 1
        let start = position
        while position < bytes.count && bytes[position] != UInt8(ascii: "\"") {
            position += bytes[position] == UInt8(ascii: "\\") ? 2 : 1
        }
        let end = min(position, bytes.count)
        position += 1
        return start..<end
    }

    private func isStatesKey(_ range: Range<Int>) -> Bool {
        range.count == Self.statesKey.count && bytes[range].elementsEqual(Self.statesKey)
    }

    /// The text of a string's bytes; escapes are resolved by the JSON parser when present.
    private func decode(_ range: Range<Int>) -> String {
        let raw = bytes[range]
        if !raw.contains(UInt8(ascii: "\\")) { return String(decoding: raw, as: UTF8.self) }
        let quoted = "\"" + String(decoding: raw, as: UTF8.self) + "\""
        return (try? JSONValue.parse(quoted))?.stringValue ?? String(decoding: raw, as: UTF8.self)
    }

    /// The location of the innermost member being read.
    private func location() -> String {
        var result = ""
        for frame in frames {
            if frame.isObject {
                if let key = frame.key { result += "/" + decode(key) }
            } else {
                result += "[\(frame.index)]"
            }
        }
        return result
    }
}
