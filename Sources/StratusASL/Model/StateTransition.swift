import OrderedCollections
/// Where a state goes when it completes normally: `Next` or `End`.
package enum StateTransition: Sendable, Hashable {
    /// `"Next": name`.
    case next(String)
    /// `"End": true` (and Succeed/Fail, which end implicitly; Choice has neither).
    case end
}
