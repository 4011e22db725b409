/// A destination phone number of the account's SMS sandbox (`CreateSMSSandboxPhoneNumber`).
package struct SNSSandboxPhoneNumber: Sendable, Equatable, Codable {
    /// The account.
    package var accountID: String
    /// The region.
    package var region: String
    /// The E.164 number.
    package var phoneNumber: String
    /// `Pending` until verified with its one-time password, then `Verified`.
    package var status: String
    /// The one-time password sent to the number (kept until it is verified).
    package var oneTimePassword: String?

    /// A sandbox number.
    package init(accountID: String, region: String, phoneNumber: String, status: String, oneTimePassword: String?) {
        self.accountID = accountID
        self.region = region
        self.phoneNumber = phoneNumber
        self.status = status
        self.oneTimePassword = oneTimePassword
    }
}
