// Cases of the official AWS SigV4 test suite (service "service", us-east-1, 20150830T123600Z).
// Inputs and expected canonical requests, string-to-sign hashes and signatures reconstructed from the suite.

struct SigV4SuiteVector: Sendable, CustomStringConvertible {
    var name: String
    var method: String
    var path: String
    var rawQuery: String
    var extraHeaders: [(String, String)]
    var canonicalRequest: String
    var canonicalRequestHash: String
    var signedHeaders: String
    var signature: String

    var description: String { name }

    static let accessKeyID = "AKIDEXAMPLE"
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let amzDate = "20150830T123600Z"
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let sessionToken = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="

    var headers: [(String, String)] {
        [("Host", "example.amazonaws.com")] + extraHeaders + [("X-Amz-Date", Self.amzDate)]
    }

    /// Canonical request for the common shape: no extra headers beyond host and x-amz-date.
    static func simpleCanonical(_ method: String, _ uri: String, _ query: String) -> String {
        "\(method)\n\(uri)\n\(query)\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(emptyHash)"
    }

    static func simple(_ name: String, _ method: String, _ path: String, _ rawQuery: String, uri: String, query: String,
                       hash: String, signature: String) -> SigV4SuiteVector {
        SigV4SuiteVector(name: name, method: method, path: path, rawQuery: rawQuery, extraHeaders: [],
                         canonicalRequest: simpleCanonical(method, uri, query), canonicalRequestHash: hash,
                         signedHeaders: "host;x-amz-date", signature: signature)
    }

    static let all: [SigV4SuiteVector] = [
        simple("get-vanilla", "GET", "/", "", uri: "/", query: "",
               hash: "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
               signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        simple("post-vanilla", "POST", "/", "", uri: "/", query: "",
               hash: "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87",
               signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        simple("get-vanilla-query-order-key-case", "GET", "/", "Param2=value2&Param1=value1", uri: "/",
               query: "Param1=value1&Param2=value2",
               hash: "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
               signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        simple("get-vanilla-empty-query-key", "GET", "/", "Param1=value1", uri: "/", query: "Param1=value1",
               hash: "1e24db194ed7d0eec2de28d7369675a243488e08526e8c1c73571282f7c517ab",
               signature: "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"),
        simple("get-vanilla-query-unreserved", "GET", "/",
               "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
               uri: "/",
               query: "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
               hash: "c30d4703d9f799439be92736156d47ccfb2d879ddf56f5befa6d1d6aab979177",
               signature: "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
        simple("get-vanilla-utf8-query", "GET", "/", "%E1%88%B4=bar", uri: "/", query: "%E1%88%B4=bar",
               hash: "eb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073",
               signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        simple("get-utf8", "GET", "/\u{1234}", "", uri: "/%E1%88%B4", query: "",
               hash: "2a0a97d02205e45ce2e994789806b19270cfbbb0921b278ccf58f5249ac42102",
               signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        simple("get-unreserved", "GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "",
               uri: "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", query: "",
               hash: "6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9",
               signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        simple("get-relative", "GET", "/example/..", "", uri: "/", query: "",
               hash: "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
               signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        simple("get-relative-relative", "GET", "/example1/example2/../..", "", uri: "/", query: "",
               hash: "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
               signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        simple("get-slash", "GET", "//", "", uri: "/", query: "",
               hash: "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
               signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        simple("get-slash-dot-slash", "GET", "/./", "", uri: "/", query: "",
               hash: "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
               signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        simple("get-slash-pointless-dot", "GET", "/./example", "", uri: "/example", query: "",
               hash: "214d50c111a8edc4819da6a636336472c916b5240f51e9a51b5c3305180cf702",
               signature: "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5"),
        simple("get-slashes", "GET", "//example//", "", uri: "/example/", query: "",
               hash: "cb96b4ac96d501f7c5c15bc6d67b3035061cfced4af6585ad927f7e6c985c015",
               signature: "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84"),
        simple("get-space", "GET", "/example space/", "", uri: "/example%20space/", query: "",
               hash: "63ee75631ed7234ae61b5f736dfc7754cdccfedbff4b5128a915706ee9390d86",
               signature: "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
        simple("post-vanilla-query", "POST", "/", "Param1=value1", uri: "/", query: "Param1=value1",
               hash: "9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd",
               signature: "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        simple("post-vanilla-query-nonunreserved", "POST", "/",
               "%40%23%24%25%5E%26%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D", uri: "/",
               query: "%40%23%24%25%5E%26%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D",
               hash: "eefcefefb33f2f62b17696313b6d0dcb93231d17f4bdf722a1278a1931fa8365",
               signature: "88d3e39e4fa54b971f51c0a09140368e1a51aafb76c4652d9998f93cf3038074"),
        SigV4SuiteVector(
            name: "get-header-key-duplicate", method: "GET", path: "/", rawQuery: "",
            extraHeaders: [("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1")],
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value2,value2,value1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n\(emptyHash)",
            canonicalRequestHash: "dc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c",
            signedHeaders: "host;my-header1;x-amz-date",
            signature: "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        SigV4SuiteVector(
            name: "get-header-value-order", method: "GET", path: "/", rawQuery: "",
            extraHeaders: [("My-Header1", "value4"), ("My-Header1", "value1"), ("My-Header1", "value3"), ("My-Header1", "value2")],
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value4,value1,value3,value2\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n\(emptyHash)",
            canonicalRequestHash: "31ce73cd3f3d9f66977ad3dd957dc47af14df92fcd8509f59b349e9137c58b86",
            signedHeaders: "host;my-header1;x-amz-date",
            signature: "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"),
        SigV4SuiteVector(
            name: "get-header-value-trim", method: "GET", path: "/", rawQuery: "",
            extraHeaders: [("My-Header1", " value1"), ("My-Header2", " \"a   b   c\"")],
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\nx-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n\(emptyHash)",
            canonicalRequestHash: "a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7",
            signedHeaders: "host;my-header1;my-header2;x-amz-date",
            signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        SigV4SuiteVector(
            name: "post-header-key-sort", method: "POST", path: "/", rawQuery: "",
            extraHeaders: [("My-Header1", "value1")],
            canonicalRequest: "POST\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n\(emptyHash)",
            canonicalRequestHash: "9368318c2967cf6de74404b30c65a91e8f6253e0a8659d6d5319f1a812f87d65",
            signedHeaders: "host;my-header1;x-amz-date",
            signature: "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"),
        SigV4SuiteVector(
            name: "post-header-value-case", method: "POST", path: "/", rawQuery: "",
            extraHeaders: [("My-Header1", "VALUE1")],
            canonicalRequest: "POST\n/\n\nhost:example.amazonaws.com\nmy-header1:VALUE1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n\(emptyHash)",
            canonicalRequestHash: "d51ced243e649e3de6ef63afbbdcbca03131a21a7103a1583706a64618606a93",
            signedHeaders: "host;my-header1;x-amz-date",
            signature: "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
        SigV4SuiteVector(
            name: "post-sts-header-before", method: "POST", path: "/", rawQuery: "",
            extraHeaders: [("X-Amz-Security-Token", sessionToken)],
            canonicalRequest: "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\nx-amz-security-token:\(sessionToken)\n\nhost;x-amz-date;x-amz-security-token\n\(emptyHash)",
            canonicalRequestHash: "c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6",
            signedHeaders: "host;x-amz-date;x-amz-security-token",
            signature: "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"),
    ]
}
