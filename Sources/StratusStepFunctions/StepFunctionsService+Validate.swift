// StepFunctionsService+Validate: ValidateStateMachineDefinition.
import StratusAPIStepFunctions
import StratusASL
import StratusServiceKit
import StratusStatesEngine

extension StepFunctionsService {
    /// Validates a definition as CreateStateMachine would, answering every diagnostic found (up to `maxResults`).
    package func validateStateMachineDefinition(
        _ input: StepFunctions.ValidateStateMachineDefinitionInput, context: RequestContext
    ) async throws -> StepFunctions.ValidateStateMachineDefinitionOutput {
        let type = try Self.checkedType(input.type)
        let severity = input.severity?.rawValue ?? "ERROR"
        guard severity == "ERROR" || severity == "WARNING" else {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(severity)' at 'severity' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [ERROR, WARNING]")
        }
        let limit = input.maxResults ?? 0
        guard (0...100).contains(limit) else {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(limit)' at 'maxResults' failed to satisfy constraint: "
                    + "Member must have value less than or equal to 100")
        }
        let result = ASLParser.parse(text: input.definition, options: .checkingJSONata(isExpress: type == "EXPRESS"))
        // `ERROR` returns errors only; `WARNING` returns warnings as well.
        let shown = result.diagnostics.filter { severity == "WARNING" || $0.severity == .error }
        let maximum = limit == 0 ? 100 : limit
        let diagnostics = shown.prefix(maximum).map {
            StepFunctions.ValidateStateMachineDefinitionDiagnostic(
                severity: StepFunctions.ValidateStateMachineDefinitionSeverity(rawValue: $0.severity.rawValue),
                code: $0.code, message: $0.message, location: $0.location)
        }
        return StepFunctions.ValidateStateMachineDefinitionOutput(
            result: result.isValid ? .ok : .fail, diagnostics: Array(diagnostics), truncated: shown.count > maximum)
    }
}
