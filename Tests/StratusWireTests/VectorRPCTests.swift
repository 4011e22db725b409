import Testing

/// The Smithy protocol-test vectors of the RPC protocols, run against the AWS JSON and AWS Query codecs.
///
/// Each test prints a pass-rate line and every failing vector with its reason, and requires at least the
/// recorded floor of passing vectors. Raise a floor when more vectors pass; never lower it.
@Suite struct VectorRPCTests {
    static let floors: [String: (request: Int, response: Int)] = [
        "awsJson1_0": (request: 26, response: 23),
        "awsJson1_1": (request: 58, response: 44),
        "awsQuery": (request: 34, response: 30),
    ]

    @Test(arguments: ["awsJson1_0", "awsJson1_1", "awsQuery"])
    func serverRelevantVectors(protocolName: String) async {
        guard let tally = await VectorRPCRunner(protocolName: protocolName).run() else { return }
        print("\(protocolName): \(tally.line)")
        for failure in tally.failures { print("  FAIL \(failure)") }
        let floor = Self.floors[protocolName] ?? (0, 0)
        #expect(tally.requestPassed >= floor.request, "\(protocolName) request vectors below the floor")
        #expect(tally.responsePassed >= floor.response, "\(protocolName) response vectors below the floor")
    }
}
