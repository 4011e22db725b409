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
        var key: String?
        var index = 0
        var names: Set<String>?
    }

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
                let parentIsStates = frames.last.map { $0.isObject && $0.key == "States" } ?? false
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
                let text = readString()
                if expectingKey, let last = frames.indices.last, frames[last].isObject {
                    frames[last].key = text
                    if let inserted = frames[last].names?.insert(text).inserted, !inserted {
                        found.append((text, location()))
                    }
                }
            default:
                position += 1
            }
        }
        return found
    }

    /// Reads a string starting at the opening quote; escapes are resolved by the JSON parser when present.
    private mutating func readString() -> String {
        let start = position
        position += 1
        var escaped = false
        while position < bytes.count && bytes[position] != UInt8(ascii: "\"") {
            if bytes[position] == UInt8(ascii: "\\") {
                escaped = true
                position += 1
            }
            position += 1
        }
        position += 1
        let literal = bytes[start..<min(position, bytes.count)]
        if !escaped { return String(decoding: literal.dropFirst().dropLast(), as: UTF8.self) }
        return (try? JSONValue.parse(String(decoding: literal, as: UTF8.self)))?.stringValue ?? ""
    }

    /// The location of the innermost member being read.
    private func location() -> String {
        var result = ""
        for frame in frames {
            if frame.isObject {
                if let key = frame.key { result += "/" + key }
            } else {
                result += "[\(frame.index)]"
            }
        }
        return result
    }
}
