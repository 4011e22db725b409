/// Wire names an AWS Query service uses that its (JSON) model no longer records.
///
/// SQS moved to AWS JSON and its model lost the `locationName`s its query protocol uses (`Attribute.1.Name`,
/// `<Message>`); a service-specific quirk file (``SQSQueryQuirks``) supplies them. For a plain query model
/// this is ``none`` and the model's own names apply.
package struct AWSQueryNameOverrides: Sendable {
    /// Structure member → wire name, keyed by `"<Structure>$<Member>"` or by `"*$<Member>"` for every structure.
    package var memberNames: [String: String]
    /// Map shape name → (key element name, value element name).
    package var mapEntryNames: [String: (key: String, value: String)]
    /// The XML namespace of responses when the model has none.
    package var xmlNamespace: String?

    /// Overrides from explicit tables.
    package init(
        memberNames: [String: String] = [:], mapEntryNames: [String: (key: String, value: String)] = [:],
        xmlNamespace: String? = nil
    ) {
        self.memberNames = memberNames
        self.mapEntryNames = mapEntryNames
        self.xmlNamespace = xmlNamespace
    }

    /// No overrides: the model's names apply.
    package static let none = AWSQueryNameOverrides()

    /// The override for `member` of `structure`, if any.
    package func memberName(structure: String, member: String) -> String? {
        memberNames["\(structure)$\(member)"] ?? memberNames["*$\(member)"]
    }
}
