import Testing

/// The Smithy protocol-test vectors of the REST protocols, run against the REST-JSON and REST-XML codecs.
///
/// Each test prints a pass-rate line and every failing vector with its reason, and requires at least the
/// recorded floor of passing vectors. Raise a floor when more vectors pass; never lower it.
@Suite struct RESTVectorTests {
    static let floors: [String: (request: Int, response: Int, malformed: Int)] = [
        "restJson1": (request: 133, response: 92, malformed: 652),
        "restXml": (request: 93, response: 70, malformed: 0),
    ]

    @Test(arguments: ["restJson1", "restXml"])
    func serverRelevantVectors(protocolName: String) {
        guard let tally = RESTVectorRunner(protocolName: protocolName).run() else { return }
        print("\(protocolName): \(tally.line)")
        for failure in tally.failures { print("  FAIL \(failure)") }
        let floor = Self.floors[protocolName] ?? (0, 0, 0)
        #expect(tally.requestPassed >= floor.request, "\(protocolName) request vectors below the floor")
        #expect(tally.responsePassed >= floor.response, "\(protocolName) response vectors below the floor")
        #expect(tally.malformedPassed >= floor.malformed, "\(protocolName) malformed vectors below the floor")
    }
}
