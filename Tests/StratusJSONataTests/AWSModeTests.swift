import OrderedCollections
import StratusJSON
@testable import StratusJSONata
import Testing

private let aws = JSONataOptions(awsStepFunctions: true)

private func evaluate(_ text: String, _ options: JSONataOptions = aws) throws -> JSONValue? {
    try JSONataExpression(text).evaluate(input: nil, options: options)
}

private func errorCode(_ text: String, _ options: JSONataOptions = aws) -> String? {
    do {
        _ = try JSONataExpression(text).evaluate(input: nil, options: options)
        return nil
    } catch {
        return error.code
    }
}

@Test func partitionChunksWithAShortLastChunk() throws {
    #expect(try evaluate("$partition([1,2,3,4,5,6,7,8,9], 3)") == [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    #expect(try evaluate("$partition([1,2,3,4,5], 2)") == [[1, 2], [3, 4], [5]])
    #expect(try evaluate("$partition([1,2,3], 2.9)") == [[1, 2], [3]])
    #expect(try evaluate("$partition([1,2], 5)") == [[1, 2]])
    #expect(try evaluate("$partition([], 2)") == [])
    #expect(errorCode("$partition([1,2], 0)") == "D3201")
    #expect(errorCode("$partition([1,2], 'a')") == "T0410")
}

@Test func rangeIsInclusiveAndCountsDown() throws {
    #expect(try evaluate("$range(0, 10, 2)") == [0, 2, 4, 6, 8, 10])
    #expect(try evaluate("$range(1, 4)") == [1, 2, 3, 4])
    #expect(try evaluate("$range(5, 1, -2)") == [5, 3, 1])
    #expect(try evaluate("$range(5, 1)") == [])
    #expect(try evaluate("$range(0.7, 3.2)") == [0, 1, 2, 3])
    #expect(errorCode("$range(1, 5, 0)") == "D3202")
}

@Test func hashSupportsTheFiveAlgorithms() throws {
    #expect(try evaluate("$hash('abc', 'MD5')") == "900150983cd24fb0d6963f7d28e17f72")
    #expect(try evaluate("$hash('abc', 'SHA-1')") == "a9993e364706816aba3e25717850c26c9cd0d89d")
    #expect(try evaluate("$hash('abc', 'SHA-256')")
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(try evaluate("$hash('abc', 'SHA-384')")
            == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
    #expect(try evaluate("$hash('abc', 'SHA-512')")
            == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
    #expect(errorCode("$hash('abc', 'SHA-999')") == "D3203")
    #expect(errorCode("$hash('abc')") == "T0410")
}

@Test func seededRandomIsRepeatable() throws {
    let first = try evaluate("$random(42)")
    #expect(first == (try evaluate("$random(42)")))
    #expect(first != (try evaluate("$random(43)")))
    guard case .number(let value)? = first else { Issue.record("not a number"); return }
    #expect(value.doubleValue >= 0 && value.doubleValue < 1)
    var options = aws
    options.random = { 0.25 }
    #expect(try evaluate("$random()", options) == .number(0.25))
}

@Test func uuidIsVersion4() throws {
    guard case .string(let text)? = try evaluate("$uuid()") else { Issue.record("not a string"); return }
    let parts = text.split(separator: "-").map(String.init)
    #expect(parts.map(\.count) == [8, 4, 4, 4, 12])
    #expect(parts[2].first == "4")
    #expect(["8", "9", "a", "b"].contains(parts[3].first.map(String.init) ?? ""))
    var options = aws
    options.makeUUID = { "00000000-0000-4000-8000-000000000000" }
    #expect(try evaluate("$uuid()", options) == "00000000-0000-4000-8000-000000000000")
}

@Test func parseReadsJSONText() throws {
    #expect(try evaluate(#"$parse('{"a": [1, true, null]}')"#) == ["a": [1, true, nil]])
    #expect(try evaluate("$parse('\"x\"')") == "x")
    #expect(errorCode("$parse('{')") == "D3204")
}

@Test func awsModeRemovesEvalAndTheNewOperators() throws {
    #expect(errorCode("$eval('1 + 1')") == "T1006")
    #expect(try evaluate("$eval('1 + 1')", JSONataOptions()) == 2)
    #expect(errorCode("true ?: 42") != nil)
    #expect(errorCode("x ?? 42") != nil)
    #expect(try evaluate("x ?? 42", JSONataOptions()) == 42)
    #expect(errorCode("$partition([1], 1)", JSONataOptions()) == "T1006")
}

@Test func validateReportsDialectSyntaxErrors() throws {
    let elvis = try JSONataExpression("$x ?: 1")
    #expect(throws: JSONataError.self) { try elvis.validate(awsStepFunctions: true) }
    try elvis.validate(awsStepFunctions: false)
    try JSONataExpression("$x ? 1 : 2").validate(awsStepFunctions: true)
}

@Test func everyLibraryFunctionHasItsSignature() {
    // Every named library function validates its arguments against its jsonata-js signature.
    for table in [Library.standardFunctions, Library.awsFunctions] {
        for (name, function) in table {
            #expect(function.signature != nil, "$\(name) has no signature")
            #expect(function.name == name)
        }
    }
    #expect(Library.awsFunctions["eval"] == nil)
    #expect(Library.standardFunctions["partition"] == nil)
}
