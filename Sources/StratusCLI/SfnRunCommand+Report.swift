import OrderedCollections
import StratusJSON
import StratusStatesEngine

extension SfnRunCommand {
    /// The role name in `$$.Execution.RoleArn` (the account's default role; nothing checks it).
    static let roleName = "StratusStatesExecutionRole"

    /// The outcome document: `executionArn` and `status`, then `output` (the JSON value, not text) for SUCCEEDED
    /// or `error` and `cause` (each only when known) for FAILED, TIMED_OUT and ABORTED.
    static func outcome(_ machine: ExecutionMachine) -> JSONValue {
        var members: OrderedDictionary<String, JSONValue> = [
            "executionArn": .string(machine.context.executionARN),
            "status": .string(machine.status.name),
        ]
        switch machine.status {
        case .running:
            break
        case .succeeded(let output):
            members["output"] = output
        case .failed(let error, let cause), .timedOut(let error, let cause):
            members["error"] = .string(error)
            if let cause { members["cause"] = .string(cause) }
        case .aborted(let error, let cause):
            if let error { members["error"] = .string(error) }
            if let cause { members["cause"] = .string(cause) }
        }
        return .object(members)
    }

    /// Warns on standard error about Task invocations that had no mocked response (at most ten, then a count),
    /// so they are noticed even when a `Catch` handled the error.
    static func warnAboutUnmockedTasks(_ causes: [String]) {
        for cause in causes.prefix(10) {
            SfnCommandIO.printError("warning: \(MockTaskResponder.noMockedResponseError): \(cause)")
        }
        if causes.count > 10 {
            SfnCommandIO.printError("warning: … and \(causes.count - 10) more Task invocations without a mocked response.")
        }
    }

    /// The state machine name for a definition file: its base name without `.json` and then `.asl`
    /// (`orders.asl.json` → `orders`); `StateMachine` for standard input.
    static func defaultMachineName(file: String) -> String {
        guard file != "-" else { return "StateMachine" }
        var name = Substring(file.split(separator: "/", omittingEmptySubsequences: true).last ?? "StateMachine")
        for suffix in [".json", ".asl"] where name.count > suffix.count && name.lowercased().hasSuffix(suffix) {
            name = name.dropLast(suffix.count)
        }
        return String(name)
    }

    /// Why `name` cannot be a state machine or execution name (AWS's rules: 1–80 characters, no whitespace,
    /// brackets, wildcards, control characters or any of ``"#%\^|~`$&,;:/``), or `nil` when it can.
    static func nameProblem(_ name: String) -> String? {
        guard (1...80).contains(name.count) else { return "must be 1 to 80 characters long, not \(name.count)." }
        let forbidden = Set("<>{}[]?*\"#%\\^|~`$&,;:/")
        for character in name {
            if character.isWhitespace || forbidden.contains(character)
                || character.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                return "must not contain whitespace, brackets, wildcards, control characters or any of \"#%\\^|~`$&,;:/ "
                    + "(found '\(character)' in '\(name)')."
            }
        }
        return nil
    }
}
