import Foundation
import StratusAPISNS
import StratusAWSCore
import StratusServiceKit
import StratusSNS
import StratusStoreSQLite
import StratusTesting
import Testing

/// SMS: publishing to phone numbers and to `sms` subscribers (kept, not sent), and the account's SMS settings.
@Suite struct SNSTextMessageTests {
    static let context = SNSServiceTests.context

    private func service() throws -> SNSService {
        let store = SQLiteSNSStore(database: try SQLiteDatabase.inMemory(name: "sns"))
        return SNSService(store: store, clock: ManualClock(), ids: CountingIDs(), destinations: RecordingDestinations())
    }

    private func error(_ body: () async throws -> Void) async -> AWSServiceError? {
        do { try await body() } catch let error as AWSServiceError { return error } catch { return nil }
        return nil
    }

    @Test(arguments: [("+15555550100", "+15555550100"), ("+1 (555) 555-0100", "+15555550100"), ("+44.20.7946.0958", "+442079460958")])
    func phoneNumbersAreE164(text: String, number: String) {
        #expect(SNSService.phoneNumber(text) == number)
    }

    @Test(arguments: ["15555550100", "+0555", "+1", "+1234567890123456", "+1555abc0100", ""])
    func otherTextIsNoPhoneNumber(text: String) {
        #expect(SNSService.phoneNumber(text) == nil)
    }

    @Test func publishingToAPhoneNumberKeepsTheMessage() async throws {
        let sns = try service()
        var publish = SNS.PublishInput(message: "Your code is 123456")
        publish.phoneNumber = "+15555550100"
        publish.messageAttributes = [
            "AWS.SNS.SMS.SenderID": SNS.MessageAttributeValue(dataType: "String", stringValue: "MyApp"),
            "AWS.SNS.SMS.SMSType": SNS.MessageAttributeValue(dataType: "String", stringValue: "Transactional"),
        ]
        let id = try #require(try await sns.publish(publish, context: Self.context).messageId)
        let sent = try await sns.sentTextMessages(phoneNumber: "+15555550100")
        #expect(sent.count == 1)
        #expect(sent.first?.messageID == id && sent.first?.message == "Your code is 123456")
        #expect(sent.first?.senderID == "MyApp" && sent.first?.smsType == "Transactional" && sent.first?.topicARN == nil)
        #expect(try await sns.sentTextMessages(phoneNumber: "+15555550199").isEmpty)

        publish.phoneNumber = "555-0100"
        let invalid = await error { _ = try await sns.publish(publish, context: Self.context) }
        #expect(invalid?.code.code == "InvalidParameter")
        #expect(invalid?.message == "Invalid parameter: PhoneNumber Reason: 555-0100 is not valid to publish to")
    }

    @Test func smsSubscribersGetTheTopicsMessagesPrefixedWithItsDisplayName() async throws {
        let sns = try service()
        var create = SNS.CreateTopicInput(name: "alerts")
        create.attributes = ["DisplayName": "OpsAlertsTeam"]
        let topic = try #require(try await sns.createTopic(create, context: Self.context).topicArn)
        let subscribed = try await sns.subscribe(
            SNS.SubscribeInput(topicArn: topic, protocol: "sms", endpoint: "+1 555 555 0100"), context: Self.context)
        #expect(subscribed.subscriptionArn?.hasPrefix(topic + ":") == true, "confirmed at once")
        let listed = try await sns.listSubscriptionsByTopic(SNS.ListSubscriptionsByTopicInput(topicArn: topic), context: Self.context)
        #expect(listed.subscriptions?.first?.endpoint == "+15555550100")
        _ = try await sns.setSMSAttributes(SNS.SetSMSAttributesInput(attributes: ["DefaultSMSType": "Transactional",
                                                                               "DefaultSenderID": "Ops"]),
                                           context: Self.context)
        var publish = SNS.PublishInput(message: "{\"default\": \"long text\", \"sms\": \"short\"}")
        publish.topicArn = topic
        publish.messageStructure = "json"
        _ = try await sns.publish(publish, context: Self.context)
        let sent = try await sns.sentTextMessages(phoneNumber: nil)
        #expect(sent.map(\.message) == ["OpsAlertsT> short"])
        #expect(sent.first?.topicARN == topic && sent.first?.smsType == "Transactional" && sent.first?.senderID == "Ops")

        let invalid = await error {
            _ = try await sns.subscribe(SNS.SubscribeInput(topicArn: topic, protocol: "sms", endpoint: "call me"), context: Self.context)
        }
        #expect(invalid?.code.code == "InvalidParameter" && invalid?.message == "Invalid SMS endpoint: call me")
    }

    @Test func smsAttributesAndOptOuts() async throws {
        let sns = try service()
        #expect(try await sns.getSMSAttributes(SNS.GetSMSAttributesInput(), context: Self.context).attributes == [:])
        _ = try await sns.setSMSAttributes(SNS.SetSMSAttributesInput(attributes: ["MonthlySpendLimit": "10",
                                                                               "DefaultSMSType": "Promotional"]),
                                           context: Self.context)
        var get = SNS.GetSMSAttributesInput()
        get.attributes = ["MonthlySpendLimit"]
        #expect(try await sns.getSMSAttributes(get, context: Self.context).attributes == ["MonthlySpendLimit": "10"])
        let badType = await error {
            _ = try await sns.setSMSAttributes(SNS.SetSMSAttributesInput(attributes: ["DefaultSMSType": "Urgent"]),
                                               context: Self.context)
        }
        #expect(badType?.code.code == "InvalidParameter")
        let unknown = await error {
            _ = try await sns.setSMSAttributes(SNS.SetSMSAttributesInput(attributes: ["Colour": "red"]), context: Self.context)
        }
        #expect(unknown?.message == "Invalid parameter: Colour")
        #expect(try await sns.getSMSAttributes(SNS.GetSMSAttributesInput(), context: Self.context).attributes?["DefaultSMSType"]
            == "Promotional", "a failed request changes nothing")
        let optedOut = try await sns.checkIfPhoneNumberIsOptedOut(
            SNS.CheckIfPhoneNumberIsOptedOutInput(phoneNumber: "+15555550100"), context: Self.context)
        #expect(optedOut.isOptedOut == false)
        #expect(try await sns.listPhoneNumbersOptedOut(SNS.ListPhoneNumbersOptedOutInput(), context: Self.context).phoneNumbers == [])
    }
}
