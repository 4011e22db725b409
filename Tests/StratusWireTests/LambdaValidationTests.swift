import Foundation
import OrderedCollections
import StratusAPILambda
import StratusServiceKit
import Testing
@testable import StratusWire

/// Lambda `CreateFunction` environment variables against the real model's constraints.
///
/// The pinned botocore model gives `EnvironmentVariableName` the pattern `[a-zA-Z]([a-zA-Z0-9_])+`: a letter and
/// at least one more character. AWS applies it as written: a one-character name is rejected with
/// `Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member
/// must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]` (the documented rule: keys start with a
/// letter and are at least two characters). So Stratus rejects `A` too; what the validator must get right is
/// the rest: two-character names pass, and the message has AWS's map wording.
@Suite struct LambdaValidationTests {
    private func createFunction(variables: OrderedDictionary<String, AWSValue>) -> String? {
        let operation = ServiceSchema.lambda.operation(named: "CreateFunction")!
        let input: AWSValue = [
            "FunctionName": "f", "Role": "arn:aws:iam::000000000000:role/r", "Runtime": "python3.12",
            "Handler": "app.handler", "Code": ["ZipFile": .blob(Data([0x50, 0x4B]))],
            "Environment": ["Variables": .object(variables)],
        ]
        do {
            try ModelValidator(service: .lambda).validate(input, operation: operation)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func theModelPatternIsWhatAWSApplies() throws {
        let pattern = try #require(ServiceSchema.lambda.shape(named: "EnvironmentVariableName")?.pattern)
        #expect(pattern == "[a-zA-Z]([a-zA-Z0-9_])+")
        let compiled = try #require(ModelPattern(pattern))
        #expect(compiled.matches("AB"))
        #expect(compiled.matches("A_1"))
        #expect(compiled.matches("a0"))
        #expect(!compiled.matches("A"))
        #expect(!compiled.matches("1A"))
        #expect(!compiled.matches("A-B"))
        #expect(!compiled.matches("_A"))
    }

    @Test func twoCharacterNamesPass() {
        #expect(createFunction(variables: ["AB": "1", "LOG_LEVEL": "debug", "x1": ""]) == nil)
    }

    @Test func oneCharacterNameIsRejectedWithAWSMapWording() {
        #expect(
            createFunction(variables: ["A": "1", "OK": "2"])
                == "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: "
                + "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]")
    }
}
