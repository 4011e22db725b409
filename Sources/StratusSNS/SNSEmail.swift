/// One email SNS sends: a subscription confirmation or a notification of an `email` or `email-json` subscriber.
package struct SNSEmail: Sendable, Equatable, Codable {
    /// The subscriber's address.
    package var to: String
    /// The sender as shown (`<display name> <no-reply@sns.amazonaws.com>`).
    package var from: String
    /// The subject line.
    package var subject: String
    /// The plain-text body.
    package var body: String

    /// An email.
    package init(to: String, from: String, subject: String, body: String) {
        self.to = to
        self.from = from
        self.subject = subject
        self.body = body
    }
}
