import OrderedCollections
import StratusAPIStepFunctions
import StratusJSON
import StratusServiceKit

/// The Step Functions calls behind the console's versions, aliases, Map Runs and redrive routes, through the
/// generated typed client.
extension ConsoleAPI {
    /// The published versions of a state machine, newest first as `ListStateMachineVersions` orders them (page after
    /// page): `{"versions": [{"stateMachineVersionArn", "creationDate"}...], "truncated": bool}`.
    func listVersions(stateMachineArn: String, context: RequestContext) async throws -> JSONValue {
        var versions: [JSONValue] = []
        var token: String?
        repeat {
            let page = try await client(context).listStateMachineVersions(
                SF.ListStateMachineVersionsInput(stateMachineArn: stateMachineArn, nextToken: token, maxResults: 1000))
            versions += page.stateMachineVersions.map(\.awsValue.jsonValue)
            token = page.nextToken
        } while token != nil && versions.count < Self.maximumListed
        return ["versions": .array(Array(versions.prefix(Self.maximumListed))), "truncated": .bool(token != nil)]
    }

    /// The aliases of a state machine (`ListStateMachineAliases`, page after page), each answered as
    /// `DescribeStateMachineAlias` describes it (name, description, `routingConfiguration`, dates):
    /// `{"aliases": [...], "truncated": bool}`. An alias deleted between the list and its description is left out.
    func listAliases(stateMachineArn: String, context: RequestContext) async throws -> JSONValue {
        var listed: [SF.StateMachineAliasListItem] = []
        var token: String?
        repeat {
            let page = try await client(context).listStateMachineAliases(
                SF.ListStateMachineAliasesInput(stateMachineArn: stateMachineArn, nextToken: token, maxResults: 1000))
            listed += page.stateMachineAliases
            token = page.nextToken
        } while token != nil && listed.count < Self.maximumListed
        var aliases: [JSONValue] = []
        for item in listed.prefix(Self.maximumListed) {
            do {
                let described = try await client(context).describeStateMachineAlias(
                    SF.DescribeStateMachineAliasInput(stateMachineAliasArn: item.stateMachineAliasArn))
                aliases.append(described.awsValue.jsonValue)
            } catch let error as AWSServiceError where error.code.code == "ResourceNotFound" {
                continue
            }
        }
        return ["aliases": .array(aliases), "truncated": .bool(token != nil || listed.count > Self.maximumListed)]
    }

    /// The Map Runs an execution started (`ListMapRuns`, page after page, oldest first as the service lists them),
    /// each answered as `DescribeMapRun` describes it (status, dates, `maxConcurrency`, tolerated failures,
    /// `itemCounts`, `executionCounts`, `redriveCount`): `{"mapRuns": [...], "truncated": bool}`.
    func listMapRuns(executionArn: String, context: RequestContext) async throws -> JSONValue {
        var listed: [SF.MapRunListItem] = []
        var token: String?
        repeat {
            let page = try await client(context).listMapRuns(
                SF.ListMapRunsInput(executionArn: executionArn, maxResults: 1000, nextToken: token))
            listed += page.mapRuns
            token = page.nextToken
        } while token != nil && listed.count < Self.maximumListed
        var runs: [JSONValue] = []
        for item in listed.prefix(Self.maximumListed) {
            let described = try await client(context).describeMapRun(SF.DescribeMapRunInput(mapRunArn: item.mapRunArn))
            var run = described.awsValue.jsonValue
            // DescribeMapRun does not name the Map Run's state machine (`<machine>/<label>`); the list item does.
            if case .object(var members) = run {
                members["stateMachineArn"] = .string(item.stateMachineArn)
                run = .object(members)
            }
            runs.append(run)
        }
        return ["mapRuns": .array(runs), "truncated": .bool(token != nil || listed.count > Self.maximumListed)]
    }

    /// `DescribeMapRun`: one Map Run's status, settings, counts and the execution that started it.
    func describeMapRun(arn: String, context: RequestContext) async throws -> JSONValue {
        try await client(context).describeMapRun(SF.DescribeMapRunInput(mapRunArn: arn)).awsValue.jsonValue
    }

    /// `RedriveExecution` from `{"executionArn", "clientToken"?}`: its output (`redriveDate`).
    func redriveExecution(_ body: JSONValue, context: RequestContext) async throws -> JSONValue {
        guard let arn = body["executionArn"]?.stringValue, !arn.isEmpty else {
            throw RequestError.badRequest("The member executionArn is required.")
        }
        var input = SF.RedriveExecutionInput(executionArn: arn)
        if let token = body["clientToken"]?.stringValue, !token.isEmpty { input.clientToken = token }
        return try await client(context).redriveExecution(input).awsValue.jsonValue
    }
}
