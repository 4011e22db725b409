import Foundation
import StratusAPIStepFunctions
import StratusServiceKit
import StratusStepFunctions
import Testing

@Suite struct TagTests {
    @Test func tagUntagAndList() async throws {
        let f = try StepFunctionsFixture()
        _ = try await f.service.createStateMachine(
            .init(name: "m", definition: StepFunctionsFixture.passDefinition, roleArn: StepFunctionsFixture.role,
                tags: [.init(key: "a", value: "1")]),
            context: f.context)
        let arn = f.arn("m")
        _ = try await f.service.tagResource(
            .init(resourceArn: arn, tags: [.init(key: "b", value: "2"), .init(key: "a", value: "3")]), context: f.context)
        var tags = try await f.service.listTagsForResource(.init(resourceArn: arn), context: f.context).tags
        #expect(tags == [.init(key: "a", value: "3"), .init(key: "b", value: "2")])
        _ = try await f.service.untagResource(.init(resourceArn: arn, tagKeys: ["a", "zzz"]), context: f.context)
        tags = try await f.service.listTagsForResource(.init(resourceArn: arn), context: f.context).tags
        #expect(tags == [.init(key: "b", value: "2")])
        for (resource, code) in [
            (f.arn("missing"), "ResourceNotFound"),
            ("arn:aws:states:us-east-1:000000000000:activity:a", "ResourceNotFound"),
            ("garbage", "InvalidArn"),
        ] {
            do {
                _ = try await f.service.listTagsForResource(.init(resourceArn: resource), context: f.context)
                Issue.record("expected \(code)")
            } catch let error as AWSServiceError {
                #expect(error.code.code == code)
            }
        }
        let many = (0..<51).map { StepFunctions.Tag(key: "k\($0)", value: "v") }
        do {
            _ = try await f.service.tagResource(.init(resourceArn: arn, tags: many), context: f.context)
            Issue.record("expected TooManyTags")
        } catch let error as AWSServiceError {
            #expect(error.code.code == "TooManyTags")
        }
    }
}
