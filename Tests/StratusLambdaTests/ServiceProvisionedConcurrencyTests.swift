import Foundation
import StratusAPILambda
import StratusLambda
import StratusServiceKit
import Synchronization
import Testing

@Suite("Lambda service: provisioned concurrency")
struct ServiceProvisionedConcurrencyTests {
    private let arn = "arn:aws:lambda:us-east-1:000000000000:function:f"

    /// A function with versions 1 and 2 and alias `live` → 1.
    private func fixtureWithVersions() async throws -> LambdaFixture {
        let fixture = try LambdaFixture()
        try await fixture.createActiveFunction("f", publish: true)
        _ = try await fixture.service.updateFunctionCode(
            Lambda.UpdateFunctionCodeRequest(functionName: "f", zipFile: LambdaFixture.zip2), context: fixture.context)
        await fixture.service.backgroundWorker.activatePending()
        _ = try await fixture.service.publishVersion(Lambda.PublishVersionRequest(functionName: "f"), context: fixture.context)
        _ = try await fixture.service.createAlias(
            Lambda.CreateAliasRequest(functionName: "f", name: "live", functionVersion: "1"), context: fixture.context)
        return fixture
    }

    private func put(_ fixture: LambdaFixture, _ qualifier: String, _ count: Int) async throws
        -> Lambda.PutProvisionedConcurrencyConfigResponse
    {
        try await fixture.service.putProvisionedConcurrencyConfig(Lambda.PutProvisionedConcurrencyConfigRequest(
            functionName: "f", qualifier: qualifier, provisionedConcurrentExecutions: count), context: fixture.context)
    }

    private func get(_ fixture: LambdaFixture, _ qualifier: String) async throws
        -> Lambda.GetProvisionedConcurrencyConfigResponse
    {
        try await fixture.service.getProvisionedConcurrencyConfig(
            Lambda.GetProvisionedConcurrencyConfigRequest(functionName: "f", qualifier: qualifier), context: fixture.context)
    }

    private func provisioned(_ fixture: LambdaFixture) -> [String: Int] { fixture.environments.provisioned.withLock { $0 } }

    @Test func aVersionsEnvironmentsAreAskedForAndReported() async throws {
        let fixture = try await fixtureWithVersions()
        let put = try await put(fixture, "2", 3)
        #expect(put.status?.rawValue == "IN_PROGRESS" && put.requestedProvisionedConcurrentExecutions == 3)
        #expect(put.allocatedProvisionedConcurrentExecutions == 0)
        #expect(provisioned(fixture) == ["\(arn):2": 3])
        let got = try await get(fixture, "2")
        #expect(got.status?.rawValue == "READY" && got.availableProvisionedConcurrentExecutions == 3)
        let listed = try await fixture.service.listProvisionedConcurrencyConfigs(
            Lambda.ListProvisionedConcurrencyConfigsRequest(functionName: "f"), context: fixture.context)
        #expect(listed.provisionedConcurrencyConfigs?.map(\.functionArn) == ["\(arn):2"])
        _ = try await fixture.service.deleteProvisionedConcurrencyConfig(
            Lambda.DeleteProvisionedConcurrencyConfigRequest(functionName: "f", qualifier: "2"), context: fixture.context)
        #expect(provisioned(fixture).isEmpty)
        await expectAWSError("ProvisionedConcurrencyConfigNotFoundException",
                             "No Provisioned Concurrency Config found for this function") { _ = try await get(fixture, "2") }
    }

    @Test func anAliasesEnvironmentsFollowItAndGoWithTheFunction() async throws {
        let fixture = try await fixtureWithVersions()
        _ = try await put(fixture, "live", 2)
        #expect(provisioned(fixture) == ["\(arn):1": 2])
        _ = try await fixture.service.updateAlias(
            Lambda.UpdateAliasRequest(functionName: "f", name: "live", functionVersion: "2"), context: fixture.context)
        #expect(provisioned(fixture) == ["\(arn):2": 2])
        _ = try await fixture.service.deleteFunction(Lambda.DeleteFunctionRequest(functionName: "f"), context: fixture.context)
        #expect(provisioned(fixture).isEmpty)
    }

    @Test func configurationsAreCheckedAsLambdaChecksThem() async throws {
        let fixture = try await fixtureWithVersions()
        await expectAWSError("InvalidParameterValueException",
                             "Provisioned Concurrency Configs cannot be applied to unpublished function versions.") {
            _ = try await put(fixture, "$LATEST", 1)
        }
        await expectAWSError("InvalidParameterValueException",
                             "The function resource provided must be an alias or a published version.") {
            _ = try await get(fixture, "$LATEST")
        }
        await expectAWSError("ResourceNotFoundException", "Function not found: \(arn):9") { _ = try await put(fixture, "9", 1) }
        await expectAWSError("ResourceNotFoundException", "Cannot find alias arn: \(arn):nope") {
            _ = try await put(fixture, "nope", 1)
        }
        _ = try await put(fixture, "1", 1)
        await expectAWSError("ResourceConflictException",
                             "Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version") {
            _ = try await put(fixture, "live", 1)
        }
        _ = try await fixture.service.deleteProvisionedConcurrencyConfig(
            Lambda.DeleteProvisionedConcurrencyConfigRequest(functionName: "f", qualifier: "1"), context: fixture.context)
        _ = try await put(fixture, "live", 1)
        await expectAWSError("ResourceConflictException", "Version is pointed by a Provisioned Concurrency alias") {
            _ = try await put(fixture, "1", 1)
        }
        #expect(provisioned(fixture) == ["\(arn):1": 1])
    }
}
