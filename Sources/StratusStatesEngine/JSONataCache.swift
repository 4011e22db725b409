import StratusJSONata
import Synchronization

/// Compiled JSONata expressions by text, shared by every execution of the process.
///
/// Guarantees: an expression text is compiled once (its syntax error too); safe from any thread.
final class JSONataCache: Sendable {
    static let shared = JSONataCache()

    private let compiled = Mutex<[String: Result<JSONataExpression, JSONataError>]>([:])

    func expression(_ text: String) -> Result<JSONataExpression, JSONataError> {
        if let hit = compiled.withLock({ $0[text] }) { return hit }
        let result: Result<JSONataExpression, JSONataError>
        do { result = .success(try JSONataExpression(text)) } catch { result = .failure(error) }
        compiled.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[text] = result
        }
        return result
    }
}
