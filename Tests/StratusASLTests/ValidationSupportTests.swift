import StratusASL
import Testing

/// Helpers for the validation tests: parse a definition and compare its diagnostics.
enum Validation {
    /// The diagnostics of a definition text.
    static func diagnostics(_ text: String, express: Bool = false) -> [ASLDiagnostic] {
        ASLParser.parse(text: text, options: .init(isExpress: express)).diagnostics
    }

    /// A machine with the given `States` members (JSON text without the braces) starting at `startAt`.
    static func machine(_ states: String, startAt: String = "A", extra: String = "") -> String {
        #"{"StartAt": "\#(startAt)", \#(extra)"States": {\#(states)}}"#
    }

    /// An `ERROR` diagnostic with code `SCHEMA_VALIDATION_FAILED`.
    static func error(_ message: String, at location: String?) -> ASLDiagnostic {
        ASLDiagnostic(code: ASLDiagnostic.schemaValidationFailed, message: message, location: location)
    }

    /// An `ERROR` diagnostic with the given code.
    static func error(_ code: String, _ message: String, at location: String?) -> ASLDiagnostic {
        ASLDiagnostic(code: code, message: message, location: location)
    }
}

@Suite struct ValidationSupportTests {
    @Test func aValidMachineHasNoDiagnosticsAndAModel() {
        let result = ASLParser.parse(text: Validation.machine(#""A": {"Type": "Pass", "End": true}"#))
        #expect(result.diagnostics.isEmpty)
        #expect(result.definition?.graph.startAt == "A")
    }

    @Test func invalidDefinitionMessageJoinsDiagnosticsAsAWSDoes() {
        let message = ASLDiagnostic.invalidDefinitionMessage([
            Validation.error(ASLDiagnostic.missingTransitionTarget, "Missing 'Next' target: pass3", at: "/States/pass1/Next"),
            Validation.error(ASLDiagnostic.missingTransitionTarget, "State \"pass2\" is not reachable.", at: "/States/pass2"),
        ])
        #expect(message == "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next, MISSING_TRANSITION_TARGET: State \"pass2\" is not reachable. at /States/pass2'")
    }
}
