import HTTPTypes
import StratusAPISQS
import StratusConsole
import StratusJSON
import Testing

/// The console's SQS routes answer what `ListQueues`, `GetQueueAttributes`, `ListQueueTags`,
/// `ListDeadLetterSourceQueues` and `SendMessage` answer in-process, and never change a message's visibility.
@Suite struct ConsoleSQSTests {
    static let api = "/_stratus/console/api/sqs"

    @Test func listsQueuesWithAllTheirAttributes() async throws {
        let fixture = try ConsoleSQSFixture()
        let empty = await fixture.request(.get, "\(Self.api)/queues")
        #expect(empty.status == .ok)
        #expect(empty.headerFields[.contentType] == "application/json")
        #expect(try ConsoleSQSFixture.json(empty) == ["queues": [], "truncated": false])

        let standard = try await fixture.createQueue("work", attributes: ["VisibilityTimeout": "45"])
        let fifo = try await fixture.createQueue("orders.fifo", attributes: ["FifoQueue": "true"])
        try await fixture.send(standard, "one")
        try await fixture.send(standard, "two")
        try await fixture.send(standard, "later", delaySeconds: 60)
        _ = try await fixture.receive(standard, count: 1)

        let body = try ConsoleSQSFixture.json(await fixture.request(.get, "\(Self.api)/queues"))
        #expect(body["truncated"] == false)
        let queues = body["queues"]?.arrayValue ?? []
        #expect(queues.compactMap { $0["url"]?.stringValue }.sorted() == [fifo, standard].sorted())
        let work = try #require(queues.first { $0["url"]?.stringValue == standard })
        #expect(work["name"] == "work")
        #expect(work["attributes"]?["QueueArn"] == "arn:aws:sqs:us-east-1:000000000000:work")
        #expect(work["attributes"]?["VisibilityTimeout"] == "45")
        #expect(work["attributes"]?["ApproximateNumberOfMessages"] == "1")
        #expect(work["attributes"]?["ApproximateNumberOfMessagesNotVisible"] == "1")
        #expect(work["attributes"]?["ApproximateNumberOfMessagesDelayed"] == "1")
        #expect(work["attributes"]?["CreatedTimestamp"]?.stringValue != nil)
        let orders = try #require(queues.first { $0["url"]?.stringValue == fifo })
        #expect(orders["name"] == "orders.fifo")
        #expect(orders["attributes"]?["FifoQueue"] == "true")
    }

    @Test func describesAQueueWithTagsAndDeadLetterSources() async throws {
        let fixture = try ConsoleSQSFixture()
        let deadLetters = try await fixture.createQueue("dead-letters")
        let policy = #"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dead-letters","maxReceiveCount":3}"#
        let source = try await fixture.createQueue("jobs", attributes: ["RedrivePolicy": policy],
                                                   tags: ["team": "ml", "stage": "dev"])

        let target = try ConsoleSQSFixture.json(await fixture.request(
            .get, "\(Self.api)/queue?url=\(ConsoleSQSFixture.encoded(deadLetters))"))
        #expect(target["url"]?.stringValue == deadLetters)
        #expect(target["name"] == "dead-letters")
        #expect(target["tags"] == [:])
        #expect(target["deadLetterSourceQueues"] == [.string(source)])

        let jobs = try ConsoleSQSFixture.json(await fixture.request(
            .get, "\(Self.api)/queue?url=\(ConsoleSQSFixture.encoded(source))"))
        #expect(jobs["name"] == "jobs")
        #expect(jobs["tags"] == ["stage": "dev", "team": "ml"])
        #expect(jobs["deadLetterSourceQueues"] == [])
        let redrive = try JSONValue.parse(jobs["attributes"]?["RedrivePolicy"]?.stringValue ?? "")
        #expect(redrive["deadLetterTargetArn"] == "arn:aws:sqs:us-east-1:000000000000:dead-letters")
        #expect(redrive["maxReceiveCount"]?.int64Value == 3)
        let attributeNames = jobs["attributes"]?.objectValue?.map(\.key) ?? []
        #expect(attributeNames == attributeNames.sorted())
        #expect(attributeNames.contains("MessageRetentionPeriod"))
        #expect(attributeNames.contains("ApproximateNumberOfMessages"))
    }

    @Test func redrivesADeadLetterQueueAndListsItsMoveTasks() async throws {
        let fixture = try ConsoleSQSFixture()
        let deadLetters = try await fixture.createQueue("dead-letters")
        let policy = #"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dead-letters","maxReceiveCount":3}"#
        let source = try await fixture.createQueue("jobs", attributes: ["RedrivePolicy": policy])
        let before = try ConsoleSQSFixture.json(await fixture.request(
            .get, "\(Self.api)/queue?url=\(ConsoleSQSFixture.encoded(deadLetters))"))
        #expect(before["moveTasks"] == [])
        let started = await fixture.request(.post, "\(Self.api)/redrive", json: #"{"url":"\#(deadLetters)"}"#)
        #expect(started.status == .ok)
        #expect(try ConsoleSQSFixture.json(started)["TaskHandle"]?.stringValue?.isEmpty == false)
        let after = try ConsoleSQSFixture.json(await fixture.request(
            .get, "\(Self.api)/queue?url=\(ConsoleSQSFixture.encoded(deadLetters))"))
        #expect(after["moveTasks"]?.arrayValue?.count == 1)
        #expect(after["moveTasks"]?[0]?["SourceArn"] == "arn:aws:sqs:us-east-1:000000000000:dead-letters")
        // A queue that is no dead-letter queue: SQS's own error; and a queue's answer without sources lists no tasks.
        let refused = await fixture.request(.post, "\(Self.api)/redrive", json: #"{"url":"\#(source)"}"#)
        #expect(refused.status == .badRequest)
        let jobs = try ConsoleSQSFixture.json(await fixture.request(.get, "\(Self.api)/queue?url=\(ConsoleSQSFixture.encoded(source))"))
        #expect(jobs["moveTasks"] == [])
        #expect(await fixture.request(.post, "\(Self.api)/redrive", json: "{}").status == .badRequest)
    }

    @Test func anUnknownQueueIsTheServicesError() async throws {
        let fixture = try ConsoleSQSFixture()
        let url = "http://\(ConsoleSQSFixture.host)/000000000000/missing"
        let response = await fixture.request(.get, "\(Self.api)/queue?url=\(ConsoleSQSFixture.encoded(url))")
        #expect(response.status == .badRequest)
        let body = try ConsoleSQSFixture.json(response)
        #expect(body["error"] == "QueueDoesNotExist")
        #expect(body["message"]?.stringValue?.isEmpty == false)

        let send = await fixture.request(.post, "\(Self.api)/send", json: #"{"url":"\#(url)","body":"x"}"#)
        #expect(send.status == .badRequest)
        #expect(try ConsoleSQSFixture.json(send)["error"] == "QueueDoesNotExist")
    }

    @Test func sendsToAStandardQueueWithADelay() async throws {
        let fixture = try ConsoleSQSFixture()
        let url = try await fixture.createQueue("inbox")
        let response = await fixture.request(.post, "\(Self.api)/send", json: #"{"url":"\#(url)","body":"hello"}"#)
        #expect(response.status == .ok)
        let sent = try ConsoleSQSFixture.json(response)
        #expect(sent["MessageId"]?.stringValue?.isEmpty == false)
        #expect(sent["MD5OfMessageBody"] == "5d41402abc4b2a76b9719d911017c592")
        #expect(sent["SequenceNumber"] == nil)

        let delayed = await fixture.request(
            .post, "\(Self.api)/send", json: #"{"url":"\#(url)","body":"later","delaySeconds":120}"#)
        #expect(delayed.status == .ok)
        #expect(try await fixture.attribute(url, "ApproximateNumberOfMessages") == "1")
        #expect(try await fixture.attribute(url, "ApproximateNumberOfMessagesDelayed") == "1")
        // Looking at the queue through the console never receives: nothing goes in flight.
        _ = await fixture.request(.get, "\(Self.api)/queue?url=\(ConsoleSQSFixture.encoded(url))")
        _ = await fixture.request(.get, "\(Self.api)/queues")
        #expect(try await fixture.attribute(url, "ApproximateNumberOfMessagesNotVisible") == "0")
        let received = try await fixture.receive(url)
        #expect(received.map(\.body) == ["hello"])
    }

    @Test func sendsToAFIFOQueueWithGroupAndDeduplicationIds() async throws {
        let fixture = try ConsoleSQSFixture()
        let url = try await fixture.createQueue("events.fifo", attributes: ["FifoQueue": "true"])
        let message = #"{"url":"\#(url)","body":"a","messageGroupId":"g1","messageDeduplicationId":"d1"}"#
        let first = try ConsoleSQSFixture.json(await fixture.request(.post, "\(Self.api)/send", json: message))
        #expect(first["SequenceNumber"]?.stringValue?.isEmpty == false)
        let again = try ConsoleSQSFixture.json(await fixture.request(.post, "\(Self.api)/send", json: message))
        #expect(again["MessageId"] == first["MessageId"])
        #expect(try await fixture.attribute(url, "ApproximateNumberOfMessages") == "1")

        let withoutGroup = await fixture.request(
            .post, "\(Self.api)/send", json: #"{"url":"\#(url)","body":"b","messageDeduplicationId":"d2"}"#)
        #expect(withoutGroup.status == .badRequest)
        #expect(try ConsoleSQSFixture.json(withoutGroup)["error"] == "MissingParameter")
    }

    @Test func badRequestsAnswer400() async throws {
        let fixture = try ConsoleSQSFixture()
        let url = try await fixture.createQueue("q")
        let missingURL = await fixture.request(.get, "\(Self.api)/queue")
        #expect(missingURL.status == .badRequest)
        #expect(try ConsoleSQSFixture.json(missingURL)["error"] == "ValidationException")
        for body in [#"{"body":"x"}"#, #"{"url":"\#(url)"}"#, #"{"url":"\#(url)","body":"x","delaySeconds":1.5}"#,
                     #"{"url":"\#(url)","body":"x","delaySeconds":true}"#, "[]"] {
            let response = await fixture.request(.post, "\(Self.api)/send", json: body)
            #expect(response.status == .badRequest, "\(body)")
            #expect(try ConsoleSQSFixture.json(response)["error"] == "ValidationException", "\(body)")
        }
        let notJSON = await fixture.request(.post, "\(Self.api)/send", json: #"{"url":"\#(url)","body":"x"}"#,
                                            contentType: "text/plain")
        #expect(notJSON.status == .unsupportedMediaType)
        #expect(try await fixture.attribute(url, "ApproximateNumberOfMessages") == "0")
    }

    @Test func wrongMethodsAndUnknownRoutes() async throws {
        let fixture = try ConsoleSQSFixture()
        for path in ["/queues", "/queue"] {
            let response = await fixture.request(.post, Self.api + path, json: "{}")
            #expect(response.status == .methodNotAllowed)
            #expect(response.headerFields[.allow] == "GET")
        }
        let send = await fixture.request(.get, "\(Self.api)/send")
        #expect(send.status == .methodNotAllowed)
        #expect(send.headerFields[.allow] == "POST")
        for path in ["/receive", "", "/queues/x"] {
            let response = await fixture.request(.get, Self.api + path)
            #expect(response.status == .notFound, "\(path)")
            #expect(try ConsoleSQSFixture.json(response)["error"] == "NotFound")
        }
    }
}
