import Testing
import StratusJSONata

/// What a conformance case expects: a value, undefined (nil), or an error code.
enum FormattingExpectation<Value: Sendable & Equatable>: Sendable {
    case value(Value)
    case undefined
    case error(String)
}

struct DateFormatCase: Sendable, CustomStringConvertible {
    var id: String
    var millis: Double
    var picture: String?
    var timezone: String?
    var expected: FormattingExpectation<String>
    var description: String { id }
}

struct DateParseCase: Sendable, CustomStringConvertible {
    var id: String
    var text: String
    var picture: String?
    var expected: FormattingExpectation<Double>
    var description: String { id }
}

struct DateRoundTripCase: Sendable, CustomStringConvertible {
    var id: String
    var text: String
    var parsePicture: String?
    var formatPicture: String?
    var expected: FormattingExpectation<String>
    var description: String { id }
}

/// Checks a throwing computation against an expectation (value, undefined, or error code).
func check<Value: Equatable>(
    _ expected: FormattingExpectation<Value>, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws(JSONataError) -> Value?
) {
    do {
        let result = try body()
        switch expected {
        case .value(let value): #expect(result == value, sourceLocation: sourceLocation)
        case .undefined: #expect(result == nil, sourceLocation: sourceLocation)
        case .error(let code): Issue.record("expected error \(code), got \(String(describing: result))", sourceLocation: sourceLocation)
        }
    } catch {
        switch expected {
        case .error(let code): #expect(error.code == code, sourceLocation: sourceLocation)
        default: Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }
}

/// Cases from the conformance groups `function-fromMillis` and `function-tomillis` whose expression is a direct
/// call with literal arguments (ids name the case files).
@Suite struct FormattingDateTimeTests {
    static let formatCases: [DateFormatCase] = [
        .init(id: "function-fromMillis/case000.json", millis: 1, picture: nil, timezone: nil, expected: .value("1970-01-01T00:00:00.001Z")),
        .init(id: "function-fromMillis/case001.json", millis: 1509380732935, picture: nil, timezone: nil, expected: .value("2017-10-30T16:25:32.935Z")),
        .init(id: "function-fromMillis/formatDateTime.json#1", millis: 1521801216617, picture: "Hello", timezone: nil, expected: .value("Hello")),
        .init(id: "function-fromMillis/formatDateTime.json#2", millis: 1521801216617, picture: "Year: [Y0001]", timezone: nil, expected: .value("Year: 2018")),
        .init(id: "function-fromMillis/formatDateTime.json#3", millis: 1521801216617, picture: "Year: <[Y0001]>", timezone: nil, expected: .value("Year: <2018>")),
        .init(id: "function-fromMillis/formatDateTime.json#4", millis: 1521801216617, picture: "Year: <[Y9,999,*]>", timezone: nil, expected: .value("Year: <2,018>")),
        .init(id: "function-fromMillis/formatDateTime.json#5", millis: 1521801216617, picture: "[[Year: <[Y0001]>", timezone: nil, expected: .value("[Year: <2018>")),
        .init(id: "function-fromMillis/formatDateTime.json#6", millis: 1521801216617, picture: "Year]]: <[Y0001]>", timezone: nil, expected: .value("Year]: <2018>")),
        .init(id: "function-fromMillis/formatDateTime.json#7", millis: 1521801216617, picture: "[[Year]]: [[[Y0001]]]", timezone: nil, expected: .value("[Year]: [2018]")),
        .init(id: "function-fromMillis/formatDateTime.json#8", millis: 1521801216617, picture: "[D#1]/[M#1]/[Y0001]", timezone: nil, expected: .value("23/3/2018")),
        .init(id: "function-fromMillis/formatDateTime.json#9", millis: 1522616700000, picture: "[F0] [FNn]", timezone: nil, expected: .value("7 Sunday")),
        .init(id: "function-fromMillis/formatDateTime.json#10", millis: 1522703100000, picture: "[F0] [FNn]", timezone: nil, expected: .value("1 Monday")),
        .init(id: "function-fromMillis/formatDateTime.json#11", millis: 1521801216617, picture: "[Y0001]-[M01]-[D01]", timezone: nil, expected: .value("2018-03-23")),
        .init(id: "function-fromMillis/formatDateTime.json#12", millis: 1521801216617, picture: "[M01]/[D01]/[Y0001] at [H01]:[m01]:[s01]", timezone: nil, expected: .value("03/23/2018 at 10:33:36")),
        .init(id: "function-fromMillis/formatDateTime.json#13", millis: 1521801216617, picture: "[Y]-[M01]-[D01]T[H01]:[m]:[s].[f001][Z01:01t]", timezone: nil, expected: .value("2018-03-23T10:33:36.617Z")),
        .init(id: "function-fromMillis/formatDateTime.json#14", millis: 1521801216617, picture: "[Y]-[ M01]-[D 01]T[H01 ]:[ m   ]:[s].[f0  01][Z01:\n 01t]", timezone: nil, expected: .value("2018-03-23T10:33:36.617Z")),
        .init(id: "function-fromMillis/formatDateTime.json#15", millis: 1521801216617, picture: "[Y]-[M01]-[D01]T[H01]:[m]:[s].[f001][Z0101t]", timezone: "+0100", expected: .value("2018-03-23T11:33:36.617+0100")),
        .init(id: "function-fromMillis/formatDateTime.json#16", millis: 1531310400000, picture: "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z01:01]", timezone: nil, expected: .value("2018-07-11T12:00:00+00:00")),
        .init(id: "function-fromMillis/formatDateTime.json#17", millis: 1531310400000, picture: "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z01:01t]", timezone: nil, expected: .value("2018-07-11T12:00:00Z")),
        .init(id: "function-fromMillis/formatDateTime.json#18", millis: 1531310400000, picture: "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z]", timezone: "-0500", expected: .value("2018-07-11T07:00:00-05:00")),
        .init(id: "function-fromMillis/formatDateTime.json#19", millis: 1531310400000, picture: "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z0]", timezone: "-0500", expected: .value("2018-07-11T07:00:00-5")),
        .init(id: "function-fromMillis/formatDateTime.json#20", millis: 1531310400000, picture: "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z]", timezone: "+1000", expected: .value("2018-07-11T22:00:00+10:00")),
        .init(id: "function-fromMillis/formatDateTime.json#21", millis: 1531310400000, picture: "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z0]", timezone: "+1000", expected: .value("2018-07-11T22:00:00+10")),
        .init(id: "function-fromMillis/formatDateTime.json#22", millis: 1531310400000, picture: "[Y]-[M01]-[D01]T[H01]:[m]:[s][Z0]", timezone: "+0530", expected: .value("2018-07-11T17:30:00+5:30")),
        .init(id: "function-fromMillis/formatDateTime.json#23", millis: 1531310400000, picture: "[Y]-[M01]-[D01]T[H01]:[m]:[s][z]", timezone: "-0500", expected: .value("2018-07-11T07:00:00GMT-05:00")),
        .init(id: "function-fromMillis/formatDateTime.json#24", millis: 1204405500000, picture: "[Y]-[M01]-[D01]T[H01]:[m]:[s].[f001][Z0101t]", timezone: "+0530", expected: .value("2008-03-02T02:35:00.000+0530")),
        .init(id: "function-fromMillis/formatDateTime.json#25", millis: 1230757500000, picture: "[Y]-[M01]-[D01]T[H01]:[m]:[s].[f001][Z0101t]", timezone: "+0530", expected: .value("2009-01-01T02:35:00.000+0530")),
        .init(id: "function-fromMillis/formatDateTime.json#26", millis: 1230757500000, picture: "[Y]-[M01]-[D01]T[H01]:[m]:[s].[f001][Z010101t]", timezone: "+0530", expected: .error("D3134")),
        .init(id: "function-fromMillis/formatDateTime.json#27", millis: 1521801216617, picture: "[D#1,2]/[M1,2]/[Y,2]", timezone: nil, expected: .value("23/03/18")),
        .init(id: "function-fromMillis/formatDateTime.json#28", millis: 1521801216617, picture: "[D#1,2]/[M1,2]/[Y0001,2]", timezone: nil, expected: .value("23/03/2018")),
        .init(id: "function-fromMillis/formatDateTime.json#29", millis: 1521801216617, picture: "[D#1,2]/[M1,2]/[Y##01,2-2]", timezone: nil, expected: .value("23/03/18")),
        .init(id: "function-fromMillis/formatDateTime.json#30", millis: 1521801216617, picture: "[D#1,2]/[M1,2]/[Y0001,2-2]", timezone: nil, expected: .value("23/03/18")),
        .init(id: "function-fromMillis/formatDateTime.json#31", millis: 1521801216617, picture: "[D1] [M01] [YI]", timezone: nil, expected: .value("23 03 MMXVIII")),
        .init(id: "function-fromMillis/formatDateTime.json#32", millis: 1521801216617, picture: "[Da] [MA] [Yi]", timezone: nil, expected: .value("w C mmxviii")),
        .init(id: "function-fromMillis/formatDateTime.json#33", millis: 1521801216617, picture: "[D1o] [M01] [Y]", timezone: nil, expected: .value("23rd 03 2018")),
        .init(id: "function-fromMillis/formatDateTime.json#34", millis: 1521801216617, picture: "[Yw]", timezone: nil, expected: .value("two thousand and eighteen")),
        .init(id: "function-fromMillis/formatDateTime.json#35", millis: 1521801216617, picture: "[Dwo] [M01] [Y]", timezone: nil, expected: .value("twenty-third 03 2018")),
        .init(id: "function-fromMillis/formatDateTime.json#36", millis: 1521801216617, picture: "[D1o] [MNn] [Y]", timezone: nil, expected: .value("23rd March 2018")),
        .init(id: "function-fromMillis/formatDateTime.json#37", millis: 1521801216617, picture: "[D1o] [MN] [Y]", timezone: nil, expected: .value("23rd MARCH 2018")),
        .init(id: "function-fromMillis/formatDateTime.json#38", millis: 1521801216617, picture: "[FNn], [D1o] [MNn] [Y]", timezone: nil, expected: .value("Friday, 23rd March 2018")),
        .init(id: "function-fromMillis/formatDateTime.json#39", millis: 1521801216617, picture: "[FNn], the [Dwo] of [MNn] [Y] [E]", timezone: nil, expected: .value("Friday, the twenty-third of March 2018 ISO")),
        .init(id: "function-fromMillis/formatDateTime.json#40", millis: 1521801216617, picture: "[FNn,3-3], [D1o] [MNn,3-3] [Y] [C]", timezone: nil, expected: .value("Fri, 23rd Mar 2018 ISO")),
        .init(id: "function-fromMillis/formatDateTime.json#41", millis: 1521801216617, picture: "[F], [D]/[M]/[Y] [h]:[m]:[s] [P]", timezone: nil, expected: .value("friday, 23/3/2018 10:33:36 am")),
        .init(id: "function-fromMillis/formatDateTime.json#42", millis: 1204405500000, picture: "[F], [D]/[M]/[Y] [h]:[m]:[s] [P]", timezone: nil, expected: .value("saturday, 1/3/2008 9:05:00 pm")),
        .init(id: "function-fromMillis/formatDateTime.json#43", millis: 1199664000000, picture: "[F], [D]/[M]/[Y] [h]:[m]:[s] [P]", timezone: nil, expected: .value("monday, 7/1/2008 12:00:00 am")),
        .init(id: "function-fromMillis/formatDateTime.json#44", millis: 1514808000000, picture: "[dwo] day of the year", timezone: nil, expected: .value("first day of the year")),
        .init(id: "function-fromMillis/formatDateTime.json#45", millis: 1546257600000, picture: "[d] days in [Y0001]", timezone: nil, expected: .value("365 days in 2018")),
        .init(id: "function-fromMillis/formatDateTime.json#46", millis: 1483185600000, picture: "[d] days in [Y0001]", timezone: nil, expected: .value("366 days in 2016")),
        .init(id: "function-fromMillis/formatDateTime.json#47", millis: 1514808000000, picture: "Week: [W]", timezone: nil, expected: .value("Week: 1")),
        .init(id: "function-fromMillis/formatDateTime.json#48", millis: 1515326400000, picture: "Week: [W]", timezone: nil, expected: .value("Week: 1")),
        .init(id: "function-fromMillis/formatDateTime.json#49", millis: 1545739200000, picture: "Week: [W]", timezone: nil, expected: .value("Week: 52")),
        .init(id: "function-fromMillis/formatDateTime.json#50", millis: 1388577600000, picture: "Week: [W]", timezone: nil, expected: .value("Week: 1")),
        .init(id: "function-fromMillis/formatDateTime.json#51", millis: 1419854400000, picture: "Week: [W]", timezone: nil, expected: .value("Week: 1")),
        .init(id: "function-fromMillis/formatDateTime.json#52", millis: 1419768000000, picture: "Week: [W]", timezone: nil, expected: .value("Week: 52")),
        .init(id: "function-fromMillis/formatDateTime.json#53", millis: 1419336000000, picture: "Week: [W]", timezone: nil, expected: .value("Week: 52")),
        .init(id: "function-fromMillis/formatDateTime.json#54", millis: 1420113600000, picture: "Week: [W]", timezone: nil, expected: .value("Week: 1")),
        .init(id: "function-fromMillis/formatDateTime.json#55", millis: 1420459200000, picture: "Week: [W]", timezone: nil, expected: .value("Week: 2")),
        .init(id: "function-fromMillis/formatDateTime.json#56", millis: 1451304000000, picture: "Week: [W]", timezone: nil, expected: .value("Week: 53")),
        .init(id: "function-fromMillis/formatDateTime.json#57", millis: 1451563200000, picture: "Week: [W]", timezone: nil, expected: .value("Week: 53")),
        .init(id: "function-fromMillis/formatDateTime.json#58", millis: 1451736000000, picture: "Week: [W]", timezone: nil, expected: .value("Week: 53")),
        .init(id: "function-fromMillis/formatDateTime.json#59", millis: 1359460800000, picture: "Week: [w] of [xNn]", timezone: nil, expected: .value("Week: 5 of January")),
        .init(id: "function-fromMillis/formatDateTime.json#60", millis: 1359633600000, picture: "Week: [w] of [xNn]", timezone: nil, expected: .value("Week: 5 of January")),
        .init(id: "function-fromMillis/formatDateTime.json#61", millis: 1359720000000, picture: "Week: [w] of [xNn]", timezone: nil, expected: .value("Week: 5 of January")),
        .init(id: "function-fromMillis/formatDateTime.json#62", millis: 1514808000000, picture: "Week: [w] of [xNn]", timezone: nil, expected: .value("Week: 1 of January")),
        .init(id: "function-fromMillis/formatDateTime.json#63", millis: 1483272000000, picture: "Week: [w] of [xNn]", timezone: nil, expected: .value("Week: 5 of December")),
        .init(id: "function-fromMillis/formatDateTime.json#64", millis: 1533038400000, picture: "Week: [w] of [xNn]", timezone: nil, expected: .value("Week: 1 of August")),
        .init(id: "function-fromMillis/formatDateTime.json#65", millis: 1419940800000, picture: "Week: [w] of [xNn]", timezone: nil, expected: .value("Week: 1 of January")),
        .init(id: "function-fromMillis/formatDateTime.json#67", millis: 1521801216617, picture: "[F], [D]/[M]/[Y] [h]:[m]:[s] [PN]", timezone: nil, expected: .value("friday, 23/3/2018 10:33:36 AM")),
        .init(id: "function-fromMillis/formatDateTime.json#68", millis: 1521801216617, picture: "[F], [D]/[M]/[Y] [h]:[m]:[s] [Pn]", timezone: nil, expected: .value("friday, 23/3/2018 10:33:36 am")),
        .init(id: "function-fromMillis/formatDateTime.json#69", millis: 1419940800000, picture: "[YN]-[M]-[D]", timezone: nil, expected: .error("D3133")),
        .init(id: "function-fromMillis/formatDateTime.json#70", millis: 1419940800000, picture: "[YN]-[M", timezone: nil, expected: .error("D3135")),
    ]

    static let parseCases: [DateParseCase] = [
        .init(id: "function-tomillis/case001.json", text: "1970-01-01T00:00:00.001Z", picture: nil, expected: .value(1.0)),
        .init(id: "function-tomillis/case002.json", text: "2018-02-01T09:42:13.123+0000", picture: nil, expected: .value(1517478133123.0)),
        .init(id: "function-tomillis/case003.json", text: "2017-10-30", picture: nil, expected: .value(1509321600000.0)),
        .init(id: "function-tomillis/case004.json", text: "2017-10-30T15:28:34Z", picture: nil, expected: .value(1509377314000.0)),
        .init(id: "function-tomillis/case005.json", text: "2018", picture: nil, expected: .value(1514764800000.0)),
        .init(id: "function-tomillis/case007.json", text: "foo", picture: nil, expected: .error("D3110")),
        .init(id: "function-tomillis/case008.json", text: "01-02-2018", picture: nil, expected: .error("D3110")),
        .init(id: "function-tomillis/case009.json", text: "2018-02-03 11:15:33", picture: nil, expected: .error("D3110")),
        .init(id: "function-tomillis/case010.json", text: "201802", picture: "[Y0001][M01]", expected: .value(1517443200000.0)),
        .init(id: "function-tomillis/case011.json", text: "201802", picture: "[Y,*-4][M01]", expected: .value(1517443200000.0)),
        .init(id: "function-tomillis/case012.json", text: "20180205", picture: "[Y0001][M01][D01]", expected: .value(1517788800000.0)),
        .init(id: "function-tomillis/parseDateTime.json#1", text: "Hello", picture: "Hello", expected: .undefined),
        .init(id: "function-tomillis/parseDateTime.json#2", text: "2018", picture: "[Y1]", expected: .value(1514764800000.0)),
        .init(id: "function-tomillis/parseDateTime.json#3", text: "2018-03-27", picture: "[Y1]-[M01]-[D01]", expected: .value(1522108800000.0)),
        .init(id: "function-tomillis/parseDateTime.json#4", text: "2018-03-27T14:03:00.123Z", picture: "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001]Z", expected: .value(1522159380123.0)),
        .init(id: "function-tomillis/parseDateTime.json#5", text: "27th 3 1976", picture: "[D1o] [M#1] [Y0001]", expected: .value(196732800000.0)),
        .init(id: "function-tomillis/parseDateTime.json#6", text: "21st 12 1881", picture: "[D1o] [M01] [Y0001]", expected: .value(-2777932800000.0)),
        .init(id: "function-tomillis/parseDateTime.json#7", text: "2nd 12 2012", picture: "[D1o] [M01] [Y0001]", expected: .value(1354406400000.0)),
        .init(id: "function-tomillis/parseDateTime.json#8", text: "MCMLXXXIV", picture: "[YI]", expected: .value(441763200000.0)),
        .init(id: "function-tomillis/parseDateTime.json#9", text: "27 03 MMXVIII", picture: "[D1] [M01] [YI]", expected: .value(1522108800000.0)),
        .init(id: "function-tomillis/parseDateTime.json#10", text: "27 iii MMXVIII", picture: "[D1] [Mi] [YI]", expected: .value(1522108800000.0)),
        .init(id: "function-tomillis/parseDateTime.json#11", text: "w C mmxviii", picture: "[Da] [MA] [Yi]", expected: .value(1521763200000.0)),
        .init(id: "function-tomillis/parseDateTime.json#12", text: "ae C mmxviii", picture: "[Da] [MA] [Yi]", expected: .value(1522454400000.0)),
        .init(id: "function-tomillis/parseDateTime.json#13", text: "27th April 2008", picture: "[D1o] [MNn] [Y0001]", expected: .value(1209254400000.0)),
        .init(id: "function-tomillis/parseDateTime.json#14", text: "21 August 2017", picture: "[D1] [MNn] [Y0001]", expected: .value(1503273600000.0)),
        .init(id: "function-tomillis/parseDateTime.json#15", text: "2 Feb 2012", picture: "[D1] [MNn,3-3] [Y0001]", expected: .value(1328140800000.0)),
        .init(id: "function-tomillis/parseDateTime.json#16", text: "one thousand, nine hundred and eighty-four", picture: "[Yw]", expected: .value(441763200000.0)),
        .init(id: "function-tomillis/parseDateTime.json#17", text: "nineteen hundred and eighty-four", picture: "[Yw]", expected: .value(441763200000.0)),
        .init(id: "function-tomillis/parseDateTime.json#18", text: "twenty-seven April 2008", picture: "[Dw] [MNn] [Y0001]", expected: .value(1209254400000.0)),
        .init(id: "function-tomillis/parseDateTime.json#19", text: "twenty-seventh April 2008", picture: "[Dw] [MNn] [Y0001]", expected: .value(1209254400000.0)),
        .init(id: "function-tomillis/parseDateTime.json#20", text: "twenty-first August two thousand and seventeen", picture: "[Dw] [MNn] [Yw]", expected: .value(1503273600000.0)),
        .init(id: "function-tomillis/parseDateTime.json#21", text: "TWENTY-SECOND August two thousand and seventeen", picture: "[DW] [MNn] [Yw]", expected: .value(1503360000000.0)),
        .init(id: "function-tomillis/parseDateTime.json#22", text: "Twentieth of August, two thousand and seventeen", picture: "[DW] of [MNn], [Yw]", expected: .value(1503187200000.0)),
        .init(id: "function-tomillis/parseDateTime.json#23", text: "4/4/2018 12:06 am", picture: "[D1]/[M1]/[Y0001] [h]:[m] [P]", expected: .value(1522800360000.0)),
        .init(id: "function-tomillis/parseDateTime.json#24", text: "4/4/2018 06:30 am", picture: "[D1]/[M1]/[Y0001] [h]:[m] [P]", expected: .value(1522823400000.0)),
        .init(id: "function-tomillis/parseDateTime.json#25", text: "4/4/2018 12:06 pm", picture: "[D1]/[M1]/[Y0001] [h]:[m] [P]", expected: .value(1522843560000.0)),
        .init(id: "function-tomillis/parseDateTime.json#26", text: "4/4/2018 11:30 pm", picture: "[D1]/[M1]/[Y0001] [h]:[m] [P]", expected: .value(1522884600000.0)),
        .init(id: "function-tomillis/parseDateTime.json#27", text: "2018-094", picture: "[Y0001]-[d001]", expected: .value(1522800000000.0)),
        .init(id: "function-tomillis/parseDateTime.json#34", text: "irrelevent string", picture: "[Y]-[M]-[D]", expected: .undefined),
        .init(id: "function-tomillis/parseDateTime.json#35", text: "2018-05-22", picture: "[Y]-[M]-[q]", expected: .error("D3132")),
        .init(id: "function-tomillis/parseDateTime.json#36", text: "2018-05-22", picture: "[YN]-[M]-[D]", expected: .error("D3133")),
        .init(id: "function-tomillis/parseDateTime.json#37", text: "2018-22", picture: "[Y]-[D]", expected: .error("D3136")),
        .init(id: "function-tomillis/parseDateTime.json#38", text: "5-22 23:59", picture: "[M]-[D] [m]:[s]", expected: .error("D3136")),
        .init(id: "function-tomillis/parseDateTime.json#39", text: "2018-3-2-5", picture: "[X]-[x]-[w]-[F1]", expected: .error("D3136")),
        .init(id: "function-tomillis/parseDateTime.json#40", text: "2018-32-5", picture: "[X]-[W]-[F1]", expected: .error("D3136")),
    ]

    static let roundTripCases: [DateRoundTripCase] = [
        .init(id: "function-fromMillis/isoWeekDate.json#0", text: "2005-01-01", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2004-W53-6")),
        .init(id: "function-fromMillis/isoWeekDate.json#1", text: "2005-01-02", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2004-W53-7")),
        .init(id: "function-fromMillis/isoWeekDate.json#2", text: "2005-12-31", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2005-W52-6")),
        .init(id: "function-fromMillis/isoWeekDate.json#3", text: "2006-01-01", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2005-W52-7")),
        .init(id: "function-fromMillis/isoWeekDate.json#4", text: "2006-01-02", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2006-W01-1")),
        .init(id: "function-fromMillis/isoWeekDate.json#5", text: "2006-12-31", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2006-W52-7")),
        .init(id: "function-fromMillis/isoWeekDate.json#6", text: "2007-01-01", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2007-W01-1")),
        .init(id: "function-fromMillis/isoWeekDate.json#7", text: "2007-12-30", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2007-W52-7")),
        .init(id: "function-fromMillis/isoWeekDate.json#8", text: "2007-12-31", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2008-W01-1")),
        .init(id: "function-fromMillis/isoWeekDate.json#9", text: "2008-01-01", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2008-W01-2")),
        .init(id: "function-fromMillis/isoWeekDate.json#10", text: "2008-12-28", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2008-W52-7")),
        .init(id: "function-fromMillis/isoWeekDate.json#11", text: "2008-12-29", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2009-W01-1")),
        .init(id: "function-fromMillis/isoWeekDate.json#12", text: "2008-12-30", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2009-W01-2")),
        .init(id: "function-fromMillis/isoWeekDate.json#13", text: "2008-12-31", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2009-W01-3")),
        .init(id: "function-fromMillis/isoWeekDate.json#14", text: "2009-01-01", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2009-W01-4")),
        .init(id: "function-fromMillis/isoWeekDate.json#15", text: "2009-12-31", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2009-W53-4")),
        .init(id: "function-fromMillis/isoWeekDate.json#16", text: "2010-01-01", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2009-W53-5")),
        .init(id: "function-fromMillis/isoWeekDate.json#17", text: "2010-01-02", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2009-W53-6")),
        .init(id: "function-fromMillis/isoWeekDate.json#18", text: "2010-01-03", parsePicture: "[Y]-[M]-[D]", formatPicture: "[X0001]-W[W01]-[F1]", expected: .value("2009-W53-7")),
        .init(id: "function-tomillis/parseDateTime.json#30", text: "Wednesday, 14th November 2018", parsePicture: "[FNn], [D1o] [MNn] [Y]", formatPicture: nil, expected: .value("2018-11-14T00:00:00.000Z")),
        .init(id: "function-tomillis/parseDateTime.json#31", text: "Mon, Twelfth November 2018", parsePicture: "[FNn,*-3], [DWwo] [MNn] [Y]", formatPicture: nil, expected: .value("2018-11-12T00:00:00.000Z")),
        .init(id: "function-tomillis/parseDateTime.json#32", text: "2018--180", parsePicture: "[Y]--[d]", formatPicture: nil, expected: .value("2018-06-29T00:00:00.000Z")),
        .init(id: "function-tomillis/parseDateTime.json#33", text: "three hundred and sixty-fifth day of 2018", parsePicture: "[dwo] day of [Y]", formatPicture: nil, expected: .value("2018-12-31T00:00:00.000Z")),
        .init(id: "function-tomillis/parseDateTime.json#41", text: "2020-09-09 08:00:00 +02:00", parsePicture: "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z]", formatPicture: nil, expected: .value("2020-09-09T06:00:00.000Z")),
        .init(id: "function-tomillis/parseDateTime.json#42", text: "2020-09-09 08:00:00 GMT-05:00", parsePicture: "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [z]", formatPicture: nil, expected: .value("2020-09-09T13:00:00.000Z")),
        .init(id: "function-tomillis/parseDateTime.json#43", text: "2020-09-09 12:00:00 +05:30", parsePicture: "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z]", formatPicture: nil, expected: .value("2020-09-09T06:30:00.000Z")),
        .init(id: "function-tomillis/parseDateTime.json#44", text: "2020-09-09 12:00:00 GMT-5", parsePicture: "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [z01]", formatPicture: nil, expected: .value("2020-09-09T17:00:00.000Z")),
        .init(id: "function-tomillis/parseDateTime.json#45", text: "2020-09-09 12:00:00 +0530", parsePicture: "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01] [Z0001]", formatPicture: nil, expected: .value("2020-09-09T06:30:00.000Z")),
        .init(id: "function-tomillis/parseDateTime.json#46", text: "2026-04-08T19:05:04.01987", parsePicture: "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f1]", formatPicture: nil, expected: .value("2026-04-08T19:05:04.019Z")),
    ]

    @Test(arguments: formatCases)
    func fromMillis(_ testCase: DateFormatCase) {
        check(testCase.expected) { () throws(JSONataError) -> String? in
            try JSONataDateTime.format(millis: testCase.millis, picture: testCase.picture, timezone: testCase.timezone)
        }
    }

    @Test(arguments: parseCases)
    func toMillis(_ testCase: DateParseCase) {
        check(testCase.expected) { () throws(JSONataError) -> Double? in
            try JSONataDateTime.parse(testCase.text, picture: testCase.picture)
        }
    }

    @Test(arguments: roundTripCases)
    func toMillisThenFromMillis(_ testCase: DateRoundTripCase) {
        check(testCase.expected) { () throws(JSONataError) -> String? in
            guard let millis = try JSONataDateTime.parse(testCase.text, picture: testCase.parsePicture) else {
                return nil
            }
            return try JSONataDateTime.format(millis: millis, picture: testCase.formatPicture, timezone: nil)
        }
    }

    /// formatDateTime.json#66: the default picture with and without a timezone.
    @Test func defaultPictureWithTimezones() throws {
        let millis = try #require(try JSONataDateTime.parse("2018-10-21T13:05:00Z", picture: nil))
        #expect(try JSONataDateTime.format(millis: millis, picture: nil, timezone: nil) == "2018-10-21T13:05:00.000Z")
        #expect(try JSONataDateTime.format(millis: millis, picture: nil, timezone: "-0500") == "2018-10-21T08:05:00.000-05:00")
        #expect(try JSONataDateTime.format(millis: millis, picture: nil, timezone: "0000") == "2018-10-21T13:05:00.000Z")
    }

    /// function-tomillis/case013: adjacent integer markers are parsed with fixed widths.
    @Test func adjacentIntegerMarkers() throws {
        let iso = try JSONataDateTime.parse("2024-01-01T12:38:49Z", picture: nil)
        let pictured = try JSONataDateTime.parse("20240101123849", picture: "[Y0000][M00][D00][H00][m00][s00]")
        #expect(iso == pictured)
        #expect(iso == 1_704_112_729_000)
    }

    /// parseDateTime.json#28/#29: components missing on the left come from the supplied current time.
    @Test func missingDateComesFromNow() throws {
        let now = 1_700_000_000_000.0  // 2023-11-14T22:13:20Z
        let millis = try #require(try JSONataDateTime.parse("13:45", picture: "[H]:[m]", now: now))
        #expect(try JSONataDateTime.format(millis: millis, picture: nil, timezone: nil) == "2023-11-14T13:45:00.000Z")
        #expect(throws: JSONataError.self) { try JSONataDateTime.parse("13:45", picture: "[H]:[m]") }
    }

    @Test func extremesAndNegativeTimes() throws {
        #expect(try JSONataDateTime.format(millis: -1, picture: nil, timezone: nil) == "1969-12-31T23:59:59.999Z")
        #expect(try JSONataDateTime.format(millis: 0, picture: "[FNn] [D1o] [MNn] [Y]", timezone: nil) == "Thursday 1st January 1970")
        #expect(try JSONataDateTime.format(millis: 951_782_400_000, picture: "[Y]-[M01]-[D01] [d]", timezone: nil) == "2000-02-29 60")
        #expect(throws: JSONataError.self) { try JSONataDateTime.format(millis: 1e20, picture: nil, timezone: nil) }
        #expect(try JSONataDateTime.parse("2018-02-01T09:42:13.1239Z", picture: nil) == 1_517_478_133_123)
        #expect(try JSONataDateTime.parse("2018-02-01T09:42:13-01:30", picture: nil) == 1_517_483_533_000)
        #expect(throws: JSONataError.self) { try JSONataDateTime.parse("2018-13-01", picture: nil) }
        // V8 accepts a date-only form with `Z`; its legacy guesses (fraction without time) are rejected.
        #expect(try JSONataDateTime.parse("2018-06-24Z", picture: nil) == 1_529_798_400_000)
        #expect(throws: JSONataError.self) { try JSONataDateTime.parse("2000-03.18", picture: nil) }
    }
}
