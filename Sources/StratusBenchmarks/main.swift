import Foundation

// stratus-bench: in-process, single-thread throughput of the states engine and of StratusJSON (vs Foundation).
// Run it through scripts/bench-engine.sh (release build). Usage: stratus-bench [--seconds S] [--rounds N] [--items N]
// `stratus-bench --jsonata FILE [--seconds S]` instead measures JSONata expressions (scripts/bench-jsonata.sh).

var minimumSeconds = 2.0
var rounds = 1_000
var items = 10_000
var jsonataCases: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--seconds", let text = arguments.popFirst(), let value = Double(text), value > 0 {
        minimumSeconds = value
    } else if argument == "--rounds", let text = arguments.popFirst(), let value = Int(text), value > 0 {
        rounds = value
    } else if argument == "--items", let text = arguments.popFirst(), let value = Int(text), value > 0 {
        items = value
    } else if argument == "--jsonata", let path = arguments.popFirst() {
        jsonataCases = path
    } else {
        FileHandle.standardError.write(Data("""
            usage: stratus-bench [--seconds S] [--rounds N] [--items N]
                   stratus-bench --jsonata FILE [--seconds S]
              --seconds  minimum measured time per case (default 2)
              --rounds   rounds of the Choice loop (default 1000)
              --items    items of the Map (default 10000)
              --jsonata  measure the JSONata cases in FILE instead; prints one JSON line per case

            """.utf8))
        exit(2)
    }
}
let clock = BenchmarkClock(minimumSeconds: minimumSeconds)

if let jsonataCases {
    do {
        try JSONataBenchmark(path: jsonataCases).run(clock: clock) { print(JSONataBenchmark.line($0)) }
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("stratus-bench: \(error)\n".utf8))
        exit(1)
    }
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - text.count))
    return right ? padding + text : text + padding
}

func number(_ value: Double, decimals: Int = 0) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.minimumFractionDigits = decimals
    formatter.maximumFractionDigits = decimals
    return formatter.string(from: NSNumber(value: value)) ?? "\(value)"
}

do {
    print("States engine: state transitions per second (in-process, one thread, virtual clock; \(number(minimumSeconds, decimals: 1)) s per case)")
    print(pad("workload", 36) + pad("history", 9) + pad("transitions/exec", 18, right: true)
          + pad("executions", 12, right: true) + pad("ms/exec", 11, right: true) + pad("transitions/s", 16, right: true))
    for workload in [try EngineWorkloads.passChain(), try EngineWorkloads.choiceLoop(rounds: rounds), try EngineWorkloads.map(items: items)] {
        for recordHistory in [false, true] {
            let result = try workload.measure(recordHistory: recordHistory, clock: clock)
            print(pad(workload.name, 36) + pad(recordHistory ? "on" : "off", 9)
                  + pad(number(Double(result.transitionsPerExecution)), 18, right: true)
                  + pad(number(Double(result.executions)), 12, right: true)
                  + pad(number(result.millisecondsPerExecution, decimals: 3), 11, right: true)
                  + pad(number(result.transitionsPerSecond), 16, right: true))
        }
    }

    let json = JSONBenchmark()
    print("")
    print("JSON: one \(number(Double(json.document.count))) byte document (orders API response), MB/s (1 MB = 10^6 bytes)")
    print(pad("operation", 12) + pad("StratusJSON", 14, right: true) + pad("Foundation", 14, right: true)
          + pad("StratusJSON/Foundation", 26, right: true))
    for comparison in try json.run(clock: clock) {
        print(pad(comparison.operation, 12)
              + pad(number(comparison.stratusMegabytesPerSecond, decimals: 1), 14, right: true)
              + pad(number(comparison.foundationMegabytesPerSecond, decimals: 1), 14, right: true)
              + pad(number(comparison.ratio, decimals: 2) + "×", 26, right: true))
    }
} catch {
    FileHandle.standardError.write(Data("stratus-bench: \(error)\n".utf8))
    exit(1)
}
