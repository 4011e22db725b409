import Crypto
import Foundation
import StratusAPISNS
import StratusAWSCore
import StratusServiceKit

/// The SMS sandbox's destination numbers and the account's origination numbers. The local account is out of the
/// sandbox (it may text any number, as every SMS publish here does); its sandbox list still works as on AWS: a
/// number added is sent a one-time password (kept with the other SMS messages, `/_stratus/sns/sms`) and is `Pending`
/// until verified with it.
extension SNSService {
    package func getSMSSandboxAccountStatus(_ input: SNS.GetSMSSandboxAccountStatusInput, context: RequestContext)
        async throws -> SNS.GetSMSSandboxAccountStatusResult
    {
        SNS.GetSMSSandboxAccountStatusResult(isInSandbox: false)
    }

    /// Adds a number (or sends a pending one a new password) and texts it its one-time password.
    package func createSMSSandboxPhoneNumber(_ input: SNS.CreateSMSSandboxPhoneNumberInput, context: RequestContext)
        async throws -> SNS.CreateSMSSandboxPhoneNumberResult
    {
        guard let number = Self.phoneNumber(input.phoneNumber) else {
            throw SNSFailure.invalidParameter("PhoneNumber Reason: \(input.phoneNumber) is not a valid phone number")
        }
        let numbers = try await store.smsSandboxNumbers(accountID: context.accountID, region: context.region)
        if numbers.first(where: { $0.phoneNumber == number })?.status == "Verified" {
            return SNS.CreateSMSSandboxPhoneNumberResult()
        }
        let password = Self.oneTimePassword(from: ids.next())
        try await store.putSMSSandboxNumber(SNSSandboxPhoneNumber(
            accountID: context.accountID, region: context.region, phoneNumber: number, status: "Pending",
            oneTimePassword: password))
        let message = OutgoingMessage(message: "Your verification code is \(password)", subject: nil, structure: nil,
                                      attributes: [:], groupID: nil, deduplicationID: nil)
        try await sendText(message.message, to: number, of: message, id: ids.next(), topic: nil, context: context)
        return SNS.CreateSMSSandboxPhoneNumberResult()
    }

    /// Six digits derived from a fresh id (so tests with fixed ids get fixed passwords).
    static func oneTimePassword(from id: String) -> String {
        let digest = SHA256.hash(data: Data(id.utf8))
        let value = digest.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let digits = String(value % 1_000_000)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }

    package func verifySMSSandboxPhoneNumber(_ input: SNS.VerifySMSSandboxPhoneNumberInput, context: RequestContext)
        async throws -> SNS.VerifySMSSandboxPhoneNumberResult
    {
        let number = Self.phoneNumber(input.phoneNumber) ?? input.phoneNumber
        let numbers = try await store.smsSandboxNumbers(accountID: context.accountID, region: context.region)
        guard var entry = numbers.first(where: { $0.phoneNumber == number }) else {
            throw AWSServiceError(SNSErrors.resourceNotFoundException, "Phone number \(input.phoneNumber) is not in the SMS sandbox")
        }
        if entry.status == "Verified" { return SNS.VerifySMSSandboxPhoneNumberResult() }
        guard entry.oneTimePassword == input.oneTimePassword else {
            throw AWSServiceError(SNSErrors.verificationException, "Invalid one-time password")
        }
        entry.status = "Verified"
        entry.oneTimePassword = nil
        try await store.putSMSSandboxNumber(entry)
        return SNS.VerifySMSSandboxPhoneNumberResult()
    }

    package func listSMSSandboxPhoneNumbers(_ input: SNS.ListSMSSandboxPhoneNumbersInput, context: RequestContext)
        async throws -> SNS.ListSMSSandboxPhoneNumbersResult
    {
        let numbers = try await store.smsSandboxNumbers(accountID: context.accountID, region: context.region)
        let pageSize = min(max(input.maxResults ?? 100, 1), 100)
        var start = 0
        if let token = input.nextToken {
            guard let offset = Int(token), (0...numbers.count).contains(offset) else { throw SNSFailure.invalidParameter("NextToken") }
            start = offset
        }
        let end = min(start + pageSize, numbers.count)
        return SNS.ListSMSSandboxPhoneNumbersResult(
            phoneNumbers: numbers[start..<end].map {
                SNS.SMSSandboxPhoneNumber(phoneNumber: $0.phoneNumber, status: .init(rawValue: $0.status))
            },
            nextToken: end < numbers.count ? String(end) : nil)
    }

    package func deleteSMSSandboxPhoneNumber(_ input: SNS.DeleteSMSSandboxPhoneNumberInput, context: RequestContext)
        async throws -> SNS.DeleteSMSSandboxPhoneNumberResult
    {
        let number = Self.phoneNumber(input.phoneNumber) ?? input.phoneNumber
        guard try await store.deleteSMSSandboxNumber(accountID: context.accountID, region: context.region, phoneNumber: number) else {
            throw AWSServiceError(SNSErrors.resourceNotFoundException, "Phone number \(input.phoneNumber) is not in the SMS sandbox")
        }
        return SNS.DeleteSMSSandboxPhoneNumberResult()
    }

    /// The account has no origination numbers (toll-free numbers, 10DLC, short codes are bought, not emulated).
    package func listOriginationNumbers(_ input: SNS.ListOriginationNumbersRequest, context: RequestContext) async throws
        -> SNS.ListOriginationNumbersResult
    {
        SNS.ListOriginationNumbersResult(phoneNumbers: [])
    }
}
