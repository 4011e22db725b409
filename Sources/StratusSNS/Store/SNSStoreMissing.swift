/// A record the store was asked to change no longer exists.
package struct SNSStoreMissing: Error, Sendable {
    /// An error.
    package init() {}
}
