import StratusJSON
import StratusJSONata
import Testing

/// `$range` as AWS answered it in the recorded executions (intrinsic_functions/test_array_jsonata,
/// TestArrayJSONata::test_array_range): a one-number range is the number itself, not a one-element array.
@Test func awsRangeOfOneNumberIsThatNumber() throws {
    let options = JSONataOptions(awsStepFunctions: true)
    #expect(try JSONataExpression("$range(1, 9, 9)").evaluate(input: nil, options: options) == 1)
    #expect(try JSONataExpression("$range(0, 9, 3)").evaluate(input: nil, options: options) == [0, 3, 6, 9])
}
