import Foundation
import OrderedCollections
import StratusJSON
import StratusJSONata

/// Evaluations per second of a set of JSONata expressions with StratusJSONata, for `stratus-bench --jsonata FILE`.
///
/// The cases come from a JSON file written by `scripts/bench/jsonata/run.py`, so that this side and jsonata-python
/// evaluate the same expression texts over the same input documents:
/// `{"cases": [{"name": …, "expression": …, "input": …, "bindings": {…}}]}` (`bindings` optional; a binding
/// named `states` is visible as `$states`).
///
/// Guarantees: each expression is compiled once, outside the measured time, and evaluated with the standard
/// dialect (`JSONataOptions()`); every measured evaluation runs the whole expression and converts its result to
/// JSON; the result of one unmeasured evaluation is reported (serialized with sorted keys) so the caller can check
/// it against the other implementation. An expression that fails to compile or evaluate is an error, not a row.
struct JSONataBenchmark {
    /// One expression with its input.
    struct Case {
        var name: String
        var expression: String
        var input: JSONValue?
        var bindings: [String: JSONValue]
    }

    /// What measuring one case gave.
    struct Measurement {
        var name: String
        var evaluations: Int
        var seconds: Double
        /// The result of the expression (`nil` = undefined).
        var result: JSONValue?
        var evaluationsPerSecond: Double { Double(evaluations) / seconds }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let cases: [Case]

    /// Reads the cases from the JSON file at `path`.
    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "cannot read \(path)")
        }
        guard let list = try JSONValue.parse(data)["cases"]?.arrayValue, !list.isEmpty else {
            throw Failure(description: "\(path): expected {\"cases\": [ … ]} with at least one case")
        }
        cases = try list.map { entry in
            guard let name = entry["name"]?.stringValue, let expression = entry["expression"]?.stringValue else {
                throw Failure(description: "\(path): every case needs a string name and expression")
            }
            var bindings: [String: JSONValue] = [:]
            if let given = entry["bindings"] {
                guard case .object(let members) = given else {
                    throw Failure(description: "\(path): \(name): bindings must be an object")
                }
                for (key, value) in members { bindings[key] = value }
            }
            return Case(name: name, expression: expression, input: entry["input"], bindings: bindings)
        }
    }

    /// Compiles and measures every case in order, calling `report` after each one.
    func run(clock: BenchmarkClock, report: (Measurement) -> Void) throws {
        let options = JSONataOptions()
        for benchmarkCase in cases {
            let compiled: JSONataExpression
            let result: JSONValue?
            do {
                compiled = try JSONataExpression(benchmarkCase.expression)
                result = try compiled.evaluate(input: benchmarkCase.input, bindings: benchmarkCase.bindings, options: options)
            } catch {
                throw Failure(description: "\(benchmarkCase.name): \(benchmarkCase.expression): \(error)")
            }
            var failure: (any Error)?
            var sink = 0
            let timing = clock.measure {
                do {
                    let value = try compiled.evaluate(input: benchmarkCase.input, bindings: benchmarkCase.bindings,
                                                      options: options)
                    if value != nil { sink &+= 1 }
                } catch {
                    failure = error
                }
            }
            if let failure { throw Failure(description: "\(benchmarkCase.name): \(failure)") }
            guard result == nil || sink > 0 else { throw Failure(description: "\(benchmarkCase.name): nothing was measured") }
            report(Measurement(name: benchmarkCase.name, evaluations: timing.runs, seconds: timing.seconds, result: result))
        }
    }

    /// One line of JSON describing `measurement`, as `run.py` reads it.
    static func line(_ measurement: Measurement) -> String {
        let result: JSONValue = measurement.result.map { .string($0.serializedString(sortKeys: true)) } ?? .null
        let object: JSONValue = [
            "name": .string(measurement.name),
            "evaluations": .number(JSONNumber(measurement.evaluations)),
            "seconds": .number(JSONNumber(measurement.seconds)),
            "evaluationsPerSecond": .number(JSONNumber(measurement.evaluationsPerSecond)),
            "undefined": .bool(measurement.result == nil),
            "result": result,
        ]
        return object.serializedString()
    }
}
