import Foundation
import StratusAPILambda
import StratusAWSCore
import StratusLambda
import StratusServiceKit
import Synchronization
import Testing

/// A clock that moves 5 ms forward at every read, from 1,000,000 ms after the epoch.
final class SteppingClock: WallClock {
    private let milliseconds = Mutex(Int64(1_000_000))
    func now() -> Date {
        let value = milliseconds.withLock { value -> Int64 in
            defer { value += 5 }
            return value
        }
        return Date(timeIntervalSince1970: Double(value) / 1000)
    }
}

@Suite struct LogBookTests {
    let arn = "arn:aws:lambda:us-east-1:000000000000:function:f"
    let other = "arn:aws:lambda:us-east-1:000000000000:function:g"

    @discardableResult
    func append(_ book: LambdaLogBook, _ arn: String, _ id: String, at: Int64, _ message: String = "log\n")
        -> LambdaLogRecord
    {
        book.append(functionArn: arn, requestID: id, version: "$LATEST", timestamp: at - 1, recordedAt: at,
                    message: message)
    }

    @Test func recordsComeOldestFirstWithAUniqueIncreasingCursor() {
        let book = LambdaLogBook()
        #expect(append(book, arn, "a", at: 100).recordedAt == 100)
        #expect(append(book, arn, "b", at: 100).recordedAt == 101)  // same millisecond: moved on by one
        #expect(append(book, other, "c", at: 50).recordedAt == 102)  // clock went back: still increasing
        #expect(append(book, arn, "d", at: 200).recordedAt == 200)
        #expect(book.records(functionArn: arn).map(\.requestID) == ["a", "b", "d"])
        #expect(book.records(functionArn: arn, since: 101).map(\.requestID) == ["b", "d"])
        #expect(book.records(functionArn: arn, since: 201).isEmpty)
        #expect(book.records(functionArn: arn, since: 0, limit: 2).map(\.requestID) == ["a", "b"])
        #expect(book.records(functionArn: arn, limit: 2, newest: true).map(\.requestID) == ["b", "d"])
        #expect(book.records(functionArn: arn, since: 201, limit: 2, newest: true).isEmpty)
        #expect(book.records(functionArn: arn, limit: 5, newest: true).map(\.requestID) == ["a", "b", "d"])
        #expect(book.records(functionArn: other).map(\.requestID) == ["c"])
        let record = book.records(functionArn: arn)[0]
        #expect(record == LambdaLogRecord(functionArn: arn, requestID: "a", version: "$LATEST", timestamp: 99,
                                          recordedAt: 100, message: "log\n"))
        #expect(book.records(functionArn: "arn:aws:lambda:us-east-1:000000000000:function:none").isEmpty)
    }

    @Test func theOldestRecordsAreDroppedBeyondTheCountAndByteLimits() {
        let counted = LambdaLogBook(limits: .init(maxRecordsPerFunction: 3, maxBytesPerFunction: 1_000_000))
        for index in 1...5 { append(counted, arn, "r\(index)", at: Int64(index)) }
        append(counted, other, "o1", at: 10)
        #expect(counted.records(functionArn: arn).map(\.requestID) == ["r3", "r4", "r5"])
        #expect(counted.records(functionArn: other).map(\.requestID) == ["o1"])

        let sized = LambdaLogBook(limits: .init(maxRecordsPerFunction: 1_000, maxBytesPerFunction: 1_000))
        let hundred = String(repeating: "x", count: 99) + "\n"
        for index in 1...12 { append(sized, arn, "r\(index)", at: Int64(index), hundred) }
        #expect(sized.records(functionArn: arn).map(\.requestID) == (3...12).map { "r\($0)" })
        // One more pushes the total over 1,000 bytes again: exactly the oldest goes.
        append(sized, arn, "r13", at: 13, "short\n")
        #expect(sized.records(functionArn: arn).first?.requestID == "r4")
    }

    @Test func aLogLargerThanTheByteLimitIsKeptShortenedWithANote() {
        let book = LambdaLogBook(limits: .init(maxRecordsPerFunction: 10, maxBytesPerFunction: 1_000))
        append(book, arn, "small", at: 1)
        let huge = "START RequestId: big\n" + String(repeating: "é", count: 2_000) + "\nEND\n"
        let kept = append(book, arn, "big", at: 2, huge)
        #expect(kept.message.utf8.count <= 1_000)
        #expect(kept.message.hasPrefix("START RequestId: big\néé"))
        #expect(kept.message.contains("Stratus kept the first part of this log only"))
        #expect(book.records(functionArn: arn).map(\.requestID) == ["big"])
    }

    @Test func dropAndRemoveAllForgetLogs() {
        let book = LambdaLogBook()
        append(book, arn, "a", at: 1)
        append(book, other, "b", at: 2)
        book.drop(functionArn: arn)
        #expect(book.records(functionArn: arn).isEmpty)
        #expect(book.records(functionArn: other).count == 1)
        book.removeAll()
        #expect(book.records(functionArn: other).isEmpty)
    }

    @Test func aWaitReturnsAtOnceWhenARecordIsThereAndWhenOneArrives() async {
        let book = LambdaLogBook()
        append(book, arn, "a", at: 10)
        #expect(await book.waitForRecords(functionArn: arn, since: 10, timeout: .seconds(60)))
        // Waiting for something newer: an append to another function does not end it, one to this function does.
        async let woken = book.waitForRecords(functionArn: arn, since: 11, timeout: .seconds(60))
        try? await Task.sleep(for: .milliseconds(50))
        append(book, other, "x", at: 20)
        append(book, arn, "b", at: 30)
        #expect(await woken)
    }

    @Test func aWaitEndsAtItsTimeoutOrWhenTheFunctionIsDroppedOrCancelled() async {
        let book = LambdaLogBook()
        #expect(await book.waitForRecords(functionArn: arn, since: 0, timeout: .milliseconds(20)) == false)
        async let dropped = book.waitForRecords(functionArn: arn, since: 0, timeout: .seconds(60))
        try? await Task.sleep(for: .milliseconds(50))
        book.drop(functionArn: arn)
        #expect(await dropped == false)
        let waiting = Task { await book.waitForRecords(functionArn: arn, since: 0, timeout: .seconds(60)) }
        try? await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        #expect(await waiting.value == false)
    }
}

@Suite struct ServiceLogTests {
    /// A service over the fixture's ports with the stepping clock.
    func service(_ fixture: LambdaFixture) -> LambdaService {
        LambdaService(store: fixture.store, codeStore: fixture.codeStore, environments: fixture.environments,
                      clock: SteppingClock(), ids: SequentialIDs(), settings: fixture.service.settings)
    }

    @Test func synchronousInvocationsAreLoggedWithTheirRequestIDVersionAndStartTime() async throws {
        let fixture = try LambdaFixture()
        try await fixture.createActiveFunction("f", publish: true)
        let service = service(fixture)
        let context = fixture.requestContext("req-1")
        _ = try await service.invoke(Lambda.InvocationRequest(functionName: "f", payload: Data("{}".utf8)), context: context)
        _ = try await service.invoke(Lambda.InvocationRequest(functionName: "f", payload: Data("{}".utf8), qualifier: "1"),
                                     context: fixture.requestContext("req-2"))
        let records = try await service.logs(functionName: "f", accountID: "000000000000", region: "us-east-1",
                                             since: nil, limit: nil)
        #expect(records.map(\.requestID) == ["req-1", "req-2"])
        #expect(records.map(\.version) == ["$LATEST", "1"])
        #expect(records.allSatisfy { $0.functionArn == "arn:aws:lambda:us-east-1:000000000000:function:f" })
        #expect(records[0].message == "START RequestId: req-1 Version: $LATEST\nhello\nEND RequestId: req-1\n")
        #expect(records[0].timestamp == 1_000_000)  // the clock's first read: the start
        #expect(records[0].recordedAt > records[0].timestamp)
        #expect(records[1].timestamp > records[0].recordedAt)
        let byArn = try await service.logs(functionName: "arn:aws:lambda:us-east-1:000000000000:function:f",
                                           accountID: "111111111111", region: "eu-west-1", since: records[1].recordedAt,
                                           limit: 10)
        #expect(byArn.map(\.requestID) == ["req-2"])
    }

    @Test func asynchronousInvocationsAreLoggedAndAWaitSeesThem() async throws {
        let fixture = try LambdaFixture()
        try await fixture.createActiveFunction("f")
        let accepted = try await fixture.invoke("f", #"{"n":1}"#, type: "Event")
        #expect(accepted.statusCode == 202)
        try await withWorker(fixture) {
            let arrived = try await fixture.service.waitForLogs(
                functionName: "f", accountID: "000000000000", region: "us-east-1", since: 0, timeout: .seconds(30))
            #expect(arrived)
        }
        let records = try await fixture.service.logs(functionName: "f", accountID: "000000000000", region: "us-east-1",
                                                     since: nil, limit: nil)
        #expect(records.count == 1)
        #expect(records.first?.message.hasPrefix("START RequestId: \(records.first?.requestID ?? "?")") == true)
    }

    @Test func failedInitialisationIsLoggedAndThrottlesAreNot() async throws {
        let fixture = try LambdaFixture()
        try await fixture.createActiveFunction("f")
        fixture.environments.setHandler { _, _ in
            throw LambdaEnvironmentError.initializationFailed(errorType: "Runtime.ImportModuleError", message: "no module")
        }
        let failed = try await fixture.invoke("f")
        #expect(failed.functionError == "Unhandled")
        fixture.environments.setHandler { _, _ in throw LambdaEnvironmentError.throttled }
        await expectAWSError("TooManyRequestsException") { _ = try await fixture.invoke("f") }
        let records = fixture.service.logBook.records(functionArn: "arn:aws:lambda:us-east-1:000000000000:function:f")
        #expect(records.count == 1)
        #expect(records.first?.message.contains("Runtime.ImportModuleError: no module") == true)
    }

    @Test func unknownOrQualifiedNamesAreRefusedAndDeletingAFunctionDropsItsLogs() async throws {
        let fixture = try LambdaFixture()
        try await fixture.createActiveFunction("f")
        _ = try await fixture.invoke("f")
        await expectAWSError("ResourceNotFoundException",
                             "Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope") {
            _ = try await fixture.service.logs(functionName: "nope", accountID: "000000000000", region: "us-east-1",
                                               since: nil, limit: nil)
        }
        await expectAWSError("InvalidParameterValueException") {
            _ = try await fixture.service.logs(functionName: "f:1", accountID: "000000000000", region: "us-east-1",
                                               since: nil, limit: nil)
        }
        await expectAWSError("InvalidParameterValueException") {
            _ = try await fixture.service.logs(functionName: "not a name", accountID: "000000000000",
                                               region: "us-east-1", since: nil, limit: nil)
        }
        let arn = "arn:aws:lambda:us-east-1:000000000000:function:f"
        #expect(fixture.service.logBook.records(functionArn: arn).count == 1)
        _ = try await fixture.service.deleteFunction(Lambda.DeleteFunctionRequest(functionName: "f"), context: fixture.context)
        #expect(fixture.service.logBook.records(functionArn: arn).isEmpty)
    }
}
