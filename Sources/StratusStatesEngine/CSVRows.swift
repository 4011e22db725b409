/// RFC 4180 CSV, as Step Functions reads it for a Distributed Map's `ItemReader`.
enum CSVRows {
    /// The records of `text`: fields split at `delimiter`, double-quoted fields may hold delimiters, line breaks and
    /// `""` for a quote; records end at `\n` or `\r\n`; blank lines are skipped.
    static func parse(_ text: String, delimiter: UInt8) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var fieldStarted = false
        let bytes = Array(text.utf8)
        var index = 0
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldStarted = false
        }
        func endRow() {
            endField()
            if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
            row = []
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < bytes.count && bytes[index + 1] == 0x22 {
                        field.append(0x22)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == 0x22 && !fieldStarted && field.isEmpty {
                quoted = true
                fieldStarted = true
            } else if byte == delimiter {
                endField()
            } else if byte == 0x0A {
                endRow()
            } else if byte == 0x0D {
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
                endRow()
            } else {
                field.append(byte)
                fieldStarted = true
            }
            index += 1
        }
        if fieldStarted || !field.isEmpty || !row.isEmpty { endRow() }
        return rows
    }
}
