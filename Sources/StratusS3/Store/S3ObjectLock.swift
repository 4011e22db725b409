/// The Object Lock state of one object version: a retention period and a legal hold.
///
/// Guarantees: ``protects(at:bypassingGovernance:)`` is S3's rule for removing the version for good — a legal hold
/// always protects it, a `COMPLIANCE` retention until its date, a `GOVERNANCE` retention until its date unless the
/// request bypasses governance retention. Pure: no clock of its own.
package struct S3ObjectLock: Sendable, Equatable, Codable {
    /// The retention mode, `GOVERNANCE` or `COMPLIANCE`; nil without a retention period.
    package var mode: String?
    /// The end of the retention period, in milliseconds since the epoch; nil without one.
    package var retainUntil: Int64?
    /// Whether a legal hold is on (nil: never set).
    package var legalHold: Bool?

    /// A lock state.
    package init(mode: String? = nil, retainUntil: Int64? = nil, legalHold: Bool? = nil) {
        self.mode = mode
        self.retainUntil = retainUntil
        self.legalHold = legalHold
    }

    /// Whether the version has neither a retention period nor a legal hold setting.
    package var isEmpty: Bool { mode == nil && retainUntil == nil && legalHold == nil }

    /// Whether the retention period still runs at `now` (milliseconds since the epoch).
    package func retains(at now: Int64) -> Bool {
        guard mode != nil, let retainUntil else { return false }
        return retainUntil > now
    }

    /// Whether the version may not be removed at `now` (milliseconds since the epoch).
    package func protects(at now: Int64, bypassingGovernance: Bool) -> Bool {
        if legalHold == true { return true }
        guard retains(at: now) else { return false }
        return mode == "COMPLIANCE" || !bypassingGovernance
    }
}
