import Foundation
import StratusAPILambda
import StratusLambda
import StratusServiceKit
import StratusStoreSQLite
import Synchronization
import Testing

@Suite("Lambda service: functions, versions, aliases, layers, settings")
struct ServiceFunctionTests {
    @Test func createAnswersPendingThenActivationMakesItActive() async throws {
        let fixture = try LambdaFixture()
        let created = try await fixture.service.createFunction(
            Lambda.CreateFunctionRequest(functionName: "f", runtime: "python3.12", role: LambdaFixture.role,
                                         handler: "app.handler", code: Lambda.FunctionCode(zipFile: LambdaFixture.zip),
                                         description: "d", environment: Lambda.Environment(variables: ["A": "1"]),
                                         tags: ["team": "x"]),
            context: fixture.context)
        #expect(created.state?.rawValue == "Pending")
        #expect(created.stateReasonCode?.rawValue == "Creating")
        #expect(created.functionArn == "arn:aws:lambda:us-east-1:000000000000:function:f")
        #expect(created.timeout == 3 && created.memorySize == 128 && created.version == "$LATEST")
        #expect(created.environment?.variables == ["A": "1"])
        #expect(created.packageType?.rawValue == "Zip" && created.architectures?.map(\.rawValue) == ["x86_64"])
        await fixture.service.backgroundWorker.activatePending()
        let got = try await fixture.service.getFunction(Lambda.GetFunctionRequest(functionName: "f"), context: fixture.context)
        #expect(got.configuration?.state?.rawValue == "Active")
        #expect(got.configuration?.lastUpdateStatus?.rawValue == "Successful")
        #expect(got.tags == ["team": "x"])
        #expect(fixture.codeStore.directoryCalls.withLock { $0 } == 1)
    }

    @Test func createRefusesDuplicatesAndInvalidInput() async throws {
        let fixture = try LambdaFixture()
        try await fixture.createActiveFunction("f")
        await expectAWSError("ResourceConflictException", "Function already exist: f") {
            try await fixture.createActiveFunction("f")
        }
        await expectAWSError("ValidationException") {
            try await fixture.createActiveFunction("g") { $0.role = "not-a-role" }
        }
        await expectAWSError("ValidationException") { try await fixture.createActiveFunction("g") { $0.timeout = 901 } }
        await expectAWSError("ValidationException") { try await fixture.createActiveFunction("g") { $0.memorySize = 64 } }
        let image = await expectAWSError("InvalidParameterValueException") {
            try await fixture.createActiveFunction("g") { $0.packageType = "Image" }
        }
        #expect(image?.message?.contains("zip") == true)
        let s3 = await expectAWSError("InvalidParameterValueException") {
            try await fixture.createActiveFunction("g") { $0.code = Lambda.FunctionCode(s3Bucket: "b", s3Key: "k") }
        }
        #expect(s3?.message?.contains("S3") == true)
        await expectAWSError("InvalidParameterValueException", LambdaCodeStoreError.couldNotUnzipMessage) {
            try await fixture.createActiveFunction("g") { $0.code = Lambda.FunctionCode(zipFile: Data("nope".utf8)) }
        }
        await expectAWSError("InvalidParameterValueException") {
            try await fixture.createActiveFunction("g") { $0.layers = ["arn:aws:lambda:us-east-1:000000000000:layer:missing:1"] }
        }
        let list = try await fixture.service.listFunctions(Lambda.ListFunctionsRequest(), context: fixture.context)
        #expect(list.functions?.map(\.functionName) == ["f"])
    }

    @Test func notFoundMessagesNameTheARN() async throws {
        let fixture = try LambdaFixture()
        await expectAWSError("ResourceNotFoundException", "Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope") {
            _ = try await fixture.service.getFunction(Lambda.GetFunctionRequest(functionName: "nope"), context: fixture.context)
        }
        try await fixture.createActiveFunction("f")
        await expectAWSError("ResourceNotFoundException", "Function not found: arn:aws:lambda:us-east-1:000000000000:function:f:7") {
            _ = try await fixture.service.getFunction(Lambda.GetFunctionRequest(functionName: "f", qualifier: "7"),
                                                      context: fixture.context)
        }
        await expectAWSError("InvalidParameterValueException") {
            _ = try await fixture.service.getFunction(Lambda.GetFunctionRequest(functionName: "f:1", qualifier: "2"),
                                                      context: fixture.context)
        }
    }

    @Test func updatesGoThroughInProgressAndCheckRevisions() async throws {
        let fixture = try LambdaFixture()
        let before = try await fixture.createActiveFunction("f")
        let updated = try await fixture.service.updateFunctionCode(
            Lambda.UpdateFunctionCodeRequest(functionName: "f", zipFile: LambdaFixture.zip2), context: fixture.context)
        #expect(updated.lastUpdateStatus?.rawValue == "InProgress")
        #expect(updated.revisionId != before.revisionId && updated.codeSha256 != before.codeSha256)
        #expect(fixture.environments.retired.withLock { $0 } == [before.functionArn!])
        await expectAWSError("ResourceConflictException") {
            _ = try await fixture.service.updateFunctionConfiguration(
                Lambda.UpdateFunctionConfigurationRequest(functionName: "f", timeout: 10), context: fixture.context)
        }
        await fixture.service.backgroundWorker.activatePending()
        await expectAWSError("PreconditionFailedException") {
            _ = try await fixture.service.updateFunctionConfiguration(
                Lambda.UpdateFunctionConfigurationRequest(functionName: "f", revisionId: before.revisionId),
                context: fixture.context)
        }
        let configured = try await fixture.service.updateFunctionConfiguration(
            Lambda.UpdateFunctionConfigurationRequest(functionName: "f", handler: "other.main", timeout: 30,
                                                      memorySize: 512, environment: Lambda.Environment(variables: ["B": "2"])),
            context: fixture.context)
        #expect(configured.timeout == 30 && configured.memorySize == 512 && configured.handler == "other.main")
        #expect(configured.environment?.variables == ["B": "2"])
        await fixture.service.backgroundWorker.activatePending()
        let final = try await fixture.service.getFunctionConfiguration(
            Lambda.GetFunctionConfigurationRequest(functionName: "f"), context: fixture.context)
        #expect(final.lastUpdateStatus?.rawValue == "Successful")
        // The first package is no longer used by anything: it was deleted.
        #expect(fixture.codeStore.count == 1)
    }

    @Test func versionsAliasesAndQualifiedNames() async throws {
        let fixture = try LambdaFixture()
        try await fixture.createActiveFunction("f", publish: true)
        let versions = try await fixture.service.listVersionsByFunction(
            Lambda.ListVersionsByFunctionRequest(functionName: "f"), context: fixture.context)
        #expect(versions.versions?.map(\.version) == ["$LATEST", "1"])
        #expect(versions.versions?.last?.functionArn == "arn:aws:lambda:us-east-1:000000000000:function:f:1")
        // Nothing changed: publishing again answers version 1.
        let again = try await fixture.service.publishVersion(Lambda.PublishVersionRequest(functionName: "f"),
                                                             context: fixture.context)
        #expect(again.version == "1")
        _ = try await fixture.service.updateFunctionCode(
            Lambda.UpdateFunctionCodeRequest(functionName: "f", zipFile: LambdaFixture.zip2), context: fixture.context)
        await fixture.service.backgroundWorker.activatePending()
        let two = try await fixture.service.publishVersion(Lambda.PublishVersionRequest(functionName: "f", description: "v2"),
                                                           context: fixture.context)
        #expect(two.version == "2" && two.description == "v2")
        let alias = try await fixture.service.createAlias(
            Lambda.CreateAliasRequest(functionName: "f", name: "live", functionVersion: "1"), context: fixture.context)
        #expect(alias.aliasArn == "arn:aws:lambda:us-east-1:000000000000:function:f:live")
        await expectAWSError("ResourceConflictException") {
            _ = try await fixture.service.createAlias(
                Lambda.CreateAliasRequest(functionName: "f", name: "live", functionVersion: "1"), context: fixture.context)
        }
        await expectAWSError("PreconditionFailedException") {
            _ = try await fixture.service.updateAlias(
                Lambda.UpdateAliasRequest(functionName: "f", name: "live", functionVersion: "2", revisionId: "stale"),
                context: fixture.context)
        }
        let moved = try await fixture.service.updateAlias(
            Lambda.UpdateAliasRequest(functionName: "f", name: "live", functionVersion: "2"), context: fixture.context)
        #expect(moved.functionVersion == "2" && moved.revisionId != alias.revisionId)
        let viaAlias = try await fixture.invoke("f", qualifier: "live")
        #expect(viaAlias.executedVersion == "2")
        let viaArn = try await fixture.invoke("arn:aws:lambda:us-east-1:000000000000:function:f:1")
        #expect(viaArn.executedVersion == "1")
        let invokedArn = fixture.environments.invocations.withLock { $0.last!.1.invokedFunctionArn }
        #expect(invokedArn == "arn:aws:lambda:us-east-1:000000000000:function:f:1")
        await expectAWSError("ResourceConflictException") {
            _ = try await fixture.service.deleteFunction(Lambda.DeleteFunctionRequest(functionName: "f", qualifier: "2"),
                                                         context: fixture.context)
        }
        await expectAWSError("ResourceNotFoundException", "Cannot find alias arn: arn:aws:lambda:us-east-1:000000000000:function:f:nope") {
            _ = try await fixture.service.getAlias(Lambda.GetAliasRequest(functionName: "f", name: "nope"), context: fixture.context)
        }
        try await fixture.service.deleteAlias(Lambda.DeleteAliasRequest(functionName: "f", name: "live"), context: fixture.context)
        _ = try await fixture.service.deleteFunction(Lambda.DeleteFunctionRequest(functionName: "f", qualifier: "2"),
                                                     context: fixture.context)
        let left = try await fixture.service.listVersionsByFunction(
            Lambda.ListVersionsByFunctionRequest(functionName: "f"), context: fixture.context)
        #expect(left.versions?.map(\.version) == ["$LATEST", "1"])
        let deleted = try await fixture.service.deleteFunction(Lambda.DeleteFunctionRequest(functionName: "f"),
                                                               context: fixture.context)
        #expect(deleted.statusCode == 204)
        #expect(fixture.codeStore.count == 0)
    }

    @Test func layersAreVersionedAndAttached() async throws {
        let fixture = try LambdaFixture()
        let first = try await fixture.service.publishLayerVersion(
            Lambda.PublishLayerVersionRequest(layerName: "deps", content: Lambda.LayerVersionContentInput(zipFile: LambdaFixture.zip2),
                                              compatibleRuntimes: ["python3.12"]),
            context: fixture.context)
        #expect(first.version == 1 && first.layerVersionArn == "arn:aws:lambda:us-east-1:000000000000:layer:deps:1")
        let second = try await fixture.service.publishLayerVersion(
            Lambda.PublishLayerVersionRequest(layerName: "deps", content: Lambda.LayerVersionContentInput(zipFile: LambdaFixture.zip2)),
            context: fixture.context)
        #expect(second.version == 2)
        let function = try await fixture.createActiveFunction("f") { $0.layers = [first.layerVersionArn!] }
        #expect(function.layers?.map(\.arn) == [first.layerVersionArn!])
        _ = try await fixture.invoke("f")
        #expect(fixture.environments.invocations.withLock { $0.last!.0.layerDirectories.count } == 1)
        try await fixture.service.deleteLayerVersion(Lambda.DeleteLayerVersionRequest(layerName: "deps", versionNumber: 2),
                                                     context: fixture.context)
        let listed = try await fixture.service.listLayerVersions(Lambda.ListLayerVersionsRequest(layerName: "deps"),
                                                                 context: fixture.context)
        #expect(listed.layerVersions?.map(\.version) == [1])
        let third = try await fixture.service.publishLayerVersion(
            Lambda.PublishLayerVersionRequest(layerName: "deps", content: Lambda.LayerVersionContentInput(zipFile: LambdaFixture.zip)),
            context: fixture.context)
        #expect(third.version == 3)
        await expectAWSError("ResourceNotFoundException") {
            _ = try await fixture.service.getLayerVersion(Lambda.GetLayerVersionRequest(layerName: "deps", versionNumber: 2),
                                                          context: fixture.context)
        }
    }

    @Test func concurrencyAndTags() async throws {
        let fixture = try LambdaFixture()
        let function = try await fixture.createActiveFunction("f")
        let arn = function.functionArn!
        _ = try await fixture.service.putFunctionConcurrency(
            Lambda.PutFunctionConcurrencyRequest(functionName: "f", reservedConcurrentExecutions: 5), context: fixture.context)
        let concurrency = try await fixture.service.getFunctionConcurrency(
            Lambda.GetFunctionConcurrencyRequest(functionName: "f"), context: fixture.context)
        #expect(concurrency.reservedConcurrentExecutions == 5)
        _ = try await fixture.invoke("f")
        #expect(fixture.environments.invocations.withLock { $0.last!.0.maximumConcurrency } == 5)
        await expectAWSError("InvalidParameterValueException") {
            _ = try await fixture.service.putFunctionConcurrency(
                Lambda.PutFunctionConcurrencyRequest(functionName: "f", reservedConcurrentExecutions: 950), context: fixture.context)
        }
        try await fixture.service.tagResource(Lambda.TagResourceRequest(resource: arn, tags: ["a": "1", "b": "2"]),
                                              context: fixture.context)
        try await fixture.service.untagResource(Lambda.UntagResourceRequest(resource: arn, tagKeys: ["a"]),
                                                context: fixture.context)
        let tags = try await fixture.service.listTags(Lambda.ListTagsRequest(resource: arn), context: fixture.context)
        #expect(tags.tags == ["b": "2"])
    }

    @Test func functionsSurviveReopeningTheDatabase() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("lambda.sqlite")
        do {
            let database = try SQLiteDatabase.open(name: "lambda", at: url)
            let fixture = try LambdaFixture(database: database)
            try await fixture.createActiveFunction("f", publish: true)
            _ = try await fixture.service.createAlias(
                Lambda.CreateAliasRequest(functionName: "f", name: "live", functionVersion: "1"), context: fixture.context)
            _ = try await fixture.service.putFunctionConcurrency(
                Lambda.PutFunctionConcurrencyRequest(functionName: "f", reservedConcurrentExecutions: 3), context: fixture.context)
            try database.close()
        }
        let reopened = try SQLiteDatabase.open(name: "lambda", at: url)
        let fixture = try LambdaFixture(database: reopened)
        let function = try await fixture.service.getFunction(Lambda.GetFunctionRequest(functionName: "f", qualifier: "live"),
                                                             context: fixture.context)
        #expect(function.configuration?.version == "1")
        #expect(function.concurrency?.reservedConcurrentExecutions == 3)
        try reopened.close()
    }
}
