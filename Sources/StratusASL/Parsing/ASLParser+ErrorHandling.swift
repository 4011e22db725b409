import OrderedCollections
import StratusJSON
import StratusJSONPath

extension ASLParser {
    mutating func parseRetriers(_ fields: inout ObjectFields) -> [Retrier] {
        guard let value = fields.take("Retry") else { return [] }
        guard case .array(let elements) = value else {
            report("Expected value of type: Array", at: fields.at("Retry"))
            return []
        }
        var retriers: [Retrier] = []
        for (offset, element) in elements.enumerated() {
            let location = "\(fields.at("Retry"))[\(offset)]"
            guard case .object(let members) = element else {
                report("Expected value of type: Object", at: location)
                continue
            }
            var entry = ObjectFields(members, location: location)
            _ = string(&entry, "Comment")
            let errors = errorEquals(&entry, isLast: offset == elements.count - 1, what: "Retrier")
            let interval = integer(&entry, "IntervalSeconds", range: 1...99_999_999) ?? 1
            let attempts = integer(&entry, "MaxAttempts", range: 0...99_999_999) ?? 3
            var backoff = 2.0
            if let rate = number(&entry, "BackoffRate") {
                if rate < 1 { report("Minimum value is 1.0", at: entry.at("BackoffRate")) } else { backoff = rate }
            }
            let maxDelay = integer(&entry, "MaxDelaySeconds", range: 1...31_622_400)
            var fullJitter = false
            if let jitter = string(&entry, "JitterStrategy") {
                switch jitter {
                case "FULL": fullJitter = true
                case "NONE": fullJitter = false
                default: report("The field 'JitterStrategy' should have one of these values: [FULL, NONE]", at: entry.at("JitterStrategy"))
                }
            }
            reportUnsupported(entry)
            if let errors {
                retriers.append(Retrier(errorEquals: errors, intervalSeconds: interval, maxAttempts: attempts,
                                        backoffRate: backoff, maxDelaySeconds: maxDelay, fullJitter: fullJitter))
            }
        }
        return retriers
    }

    mutating func parseCatchers(_ fields: inout ObjectFields, language: QueryLanguage) -> [Catcher] {
        guard let value = fields.take("Catch") else { return [] }
        guard case .array(let elements) = value else {
            report("Expected value of type: Array", at: fields.at("Catch"))
            return []
        }
        var catchers: [Catcher] = []
        for (offset, element) in elements.enumerated() {
            let location = "\(fields.at("Catch"))[\(offset)]"
            guard case .object(let members) = element else {
                report("Expected value of type: Object", at: location)
                continue
            }
            var entry = ObjectFields(members, location: location)
            _ = string(&entry, "Comment")
            let errors = errorEquals(&entry, isLast: offset == elements.count - 1, what: "Catcher")
            let next = string(&entry, "Next")
            if next == nil && !entry.members.keys.contains("Next") {
                report("These fields are required: [Next]", at: location)
            }
            var catcher = Catcher(errorEquals: errors ?? [], next: next ?? "")
            if language == .jsonata {
                if entry.has("ResultPath") { reportOtherLanguage("ResultPath", in: &entry, language: language) }
                catcher.output = withStatesAccess(.errorOutput) { $0.jsonataValue(&entry, "Output") }
            } else {
                let result = referencePath(&entry, "ResultPath", allowContext: false, allowVariables: false)
                if result.present { catcher.resultPath = result.path }
                if entry.has("Output") { reportOtherLanguage("Output", in: &entry, language: language) }
            }
            catcher.assign = withStatesAccess(.errorOutput) { $0.assignBlock(&entry, "Assign", language: language) }
            reportUnsupported(entry)
            if errors != nil && next != nil { catchers.append(catcher) }
        }
        return catchers
    }

    private mutating func errorEquals(_ entry: inout ObjectFields, isLast: Bool, what: String) -> [String]? {
        guard let value = entry.take("ErrorEquals") else {
            report("These fields are required: [ErrorEquals]", at: entry.location)
            return nil
        }
        guard case .array(let elements) = value else {
            report("Expected value of type: Array", at: entry.at("ErrorEquals"))
            return nil
        }
        var names: [String] = []
        for element in elements {
            guard case .string(let name) = element else {
                report("Expected value of type: String", at: entry.at("ErrorEquals"))
                return nil
            }
            names.append(name)
        }
        if names.isEmpty {
            report("Value cannot be empty", at: entry.at("ErrorEquals"))
            return nil
        }
        if names.contains("States.ALL") {
            if names.count > 1 {
                report("'States.ALL' must appear alone in 'ErrorEquals'", at: entry.at("ErrorEquals"))
            } else if !isLast {
                report("A \(what) with 'States.ALL' must be the last one", at: entry.at("ErrorEquals"))
            }
        }
        return names
    }
}
