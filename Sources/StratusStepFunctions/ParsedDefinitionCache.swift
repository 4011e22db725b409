// ParsedDefinitionCache: parsed state machine definitions, reused across executions.
import StratusASL
import StratusStatesEngine
import Synchronization

/// Parsed definitions by their text and type, so starting an execution does not parse the same definition again.
///
/// Guarantees: `parse` answers exactly what `ASLParser.parse(text:options: .checkingJSONata(isExpress:))` answers
/// for the text (the cache is keyed by the whole text, so an updated definition is a new entry); at most
/// ``capacity`` entries are kept (the cache is emptied when full); safe from any thread.
final class ParsedDefinitionCache: Sendable {
    /// Most definitions kept at once.
    static let capacity = 256

    private struct Key: Hashable {
        var text: String
        var isExpress: Bool
    }

    private let entries = Mutex<[Key: ASLParseResult]>([:])

    /// The parse result of `text` (Express rules when `isExpress`).
    func parse(_ text: String, isExpress: Bool) -> ASLParseResult {
        let key = Key(text: text, isExpress: isExpress)
        if let cached = entries.withLock({ $0[key] }) { return cached }
        let parsed = ASLParser.parse(text: text, options: .checkingJSONata(isExpress: isExpress))
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = parsed
        }
        return parsed
    }
}
