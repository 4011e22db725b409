import StratusASL
import StratusJSON
import StratusJSONPath
import Synchronization

func json(_ text: String) -> JSONValue {
    do { return try JSONValue.parse(text) } catch { fatalError("bad test JSON: \(text)") }
}

/// A counter-based random source and UUID source, so tests see fixed values.
final class FixedSources: Sendable {
    let randomValues: Mutex<[UInt64]>
    let uuids: Mutex<[String]>

    init(random: [UInt64] = [0], uuids: [String] = ["00000000-0000-4000-8000-000000000000"]) {
        self.randomValues = Mutex(random)
        self.uuids = Mutex(uuids)
    }

    func environment(scope: JSONPathScope = .empty) -> IntrinsicEnvironment {
        IntrinsicEnvironment(
            scope: scope,
            randomSource: { self.randomValues.withLock { $0.isEmpty ? 0 : $0.removeFirst() } },
            makeUUID: { self.uuids.withLock { $0.isEmpty ? "" : $0.removeFirst() } }
        )
    }
}

/// Parses and evaluates one intrinsic expression.
func evaluate(
    _ expression: String, input: JSONValue = json("{}"), scope: JSONPathScope = .empty,
    sources: FixedSources = FixedSources()
) throws -> JSONValue {
    try IntrinsicCall(parsing: expression).evaluate(input: input, environment: sources.environment(scope: scope), field: "FunctionResult.$")
}
