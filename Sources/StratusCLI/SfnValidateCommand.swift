import ArgumentParser
import OrderedCollections
import StratusASL
import StratusJSON
import StratusStatesEngine

/// `stratus sfn validate FILE`: checks a definition and prints what `ValidateStateMachineDefinition` would return.
///
/// Guarantees: standard output is exactly `{"result": "OK"|"FAIL", "diagnostics": […], "truncated": false}`
/// (every diagnostic, in definition order); exit code 0 for OK, 1 for FAIL, 2 when the file cannot be read.
struct SfnValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate an Amazon States Language definition (prints ValidateStateMachineDefinition's answer)."
    )

    @Argument(help: "The definition file (JSON); '-' reads standard input.")
    var file: String

    @Option(help: "STANDARD or EXPRESS (Express machines reject some integrations). [default: STANDARD]")
    var type: String = "STANDARD"

    func validate() throws {
        guard ["STANDARD", "EXPRESS"].contains(type.uppercased()) else {
            throw ValidationError("--type must be STANDARD or EXPRESS, not '\(type)'.")
        }
    }

    func run() async throws {
        let text: String
        do {
            text = try SfnCommandIO.readText(file, what: "definition file")
        } catch {
            SfnCommandIO.printError(error.message)
            throw ExitCode(SfnCommandIO.inputErrorExitCode)
        }
        let result = ASLParser.parse(text: text, options: .checkingJSONata(isExpress: type.uppercased() == "EXPRESS"))
        SfnCommandIO.printJSON(Self.response(result))
        if !result.isValid { throw ExitCode(1) }
    }

    /// The `ValidateStateMachineDefinition` response for a parse result: `OK` when no diagnostic is an error.
    static func response(_ result: ASLParseResult) -> JSONValue {
        let diagnostics: [JSONValue] = result.diagnostics.map { diagnostic in
            var members: OrderedDictionary<String, JSONValue> = [
                "severity": .string(diagnostic.severity.rawValue),
                "code": .string(diagnostic.code),
                "message": .string(diagnostic.message),
            ]
            if let location = diagnostic.location { members["location"] = .string(location) }
            return .object(members)
        }
        return .object([
            "result": .string(result.isValid ? "OK" : "FAIL"),
            "diagnostics": .array(diagnostics),
            "truncated": .bool(false),
        ])
    }
}
