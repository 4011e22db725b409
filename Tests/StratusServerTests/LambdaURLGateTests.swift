import Testing

@testable import StratusServer

/// Which hosts are function URLs.
@Suite struct LambdaURLGateTests {
    @Test func functionURLHostsNameTheirURLID() {
        let id = "abcdefghijklmnopqrstuvwxyz012345"
        #expect(LambdaURLGate.urlID(ofHost: "\(id).lambda-url.us-east-1.localhost:4566") == id)
        #expect(LambdaURLGate.urlID(ofHost: "\(id.uppercased()).LAMBDA-URL.eu-west-1.on.aws") == id)
        #expect(LambdaURLGate.urlID(ofHost: "localhost:4566") == nil)
        #expect(LambdaURLGate.urlID(ofHost: "bucket.s3.localhost:4566") == nil)
        #expect(LambdaURLGate.urlID(ofHost: "short.lambda-url.us-east-1.localhost") == nil)
        #expect(LambdaURLGate.urlID(ofHost: nil) == nil)
    }
}
