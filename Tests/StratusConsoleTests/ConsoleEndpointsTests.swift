import Foundation
import HTTPTypes
import StratusConsole
import Testing

/// The pages and static assets: served from the binary with their content types; unknown paths 404.
@Suite struct ConsoleEndpointsTests {
    @Test func handlesOnlyConsolePaths() {
        #expect(ConsoleEndpoints.handles(path: "/_stratus/console"))
        #expect(ConsoleEndpoints.handles(path: "/_stratus/console/"))
        #expect(ConsoleEndpoints.handles(path: "/_stratus/console/api/state-machines"))
        #expect(!ConsoleEndpoints.handles(path: "/_stratus/consoles"))
        #expect(!ConsoleEndpoints.handles(path: "/_stratus/health"))
        #expect(!ConsoleEndpoints.handles(path: "/"))
    }

    @Test(arguments: ["/_stratus/console", "/_stratus/console/", "/_stratus/console/state-machine",
                      "/_stratus/console/execution", "/_stratus/console/lambda", "/_stratus/console/lambda/function",
                      "/_stratus/console/dynamodb", "/_stratus/console/dynamodb/table", "/_stratus/console/sqs",
                      "/_stratus/console/sqs/queue", "/_stratus/console/s3", "/_stratus/console/s3/bucket",
                      "/_stratus/console/sns", "/_stratus/console/sns/topic", "/_stratus/console/events",
                      "/_stratus/console/events/bus", "/_stratus/console/events/rule"])
    func pagesServeTheConsoleDocument(path: String) async throws {
        let fixture = try ConsoleFixture()
        let response = await fixture.request(.get, path)
        #expect(response.status == .ok)
        #expect(response.headerFields[.contentType] == "text/html; charset=utf-8")
        let html = String(decoding: response.body, as: UTF8.self)
        #expect(html.hasPrefix("<!doctype html>"))
        for script in ConsoleFixture.scripts {
            #expect(html.contains("<script src=\"/_stratus/console/assets/\(script)\" defer></script>"))
        }
        #expect(html.contains("/_stratus/console/assets/console.css"))
        // Self-contained: nothing is loaded from another origin.
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test(arguments: [("console.css", "text/css; charset=utf-8", ".workflow-graph"),
                      ("console.js", "text/javascript; charset=utf-8", "/_stratus/console/api"),
                      ("graph.js", "text/javascript; charset=utf-8", "const StratusGraph"),
                      ("statuses.js", "text/javascript; charset=utf-8", "const StratusStatuses"),
                      ("resources.js", "text/javascript; charset=utf-8", "const StratusResources"),
                      ("stepfunctions.js", "text/javascript; charset=utf-8", "register(\"/execution\""),
                      ("lambda.js", "text/javascript; charset=utf-8", "register(\"/lambda\""),
                      ("dynamodb.js", "text/javascript; charset=utf-8", "register(\"/dynamodb\""),
                      ("sqs.js", "text/javascript; charset=utf-8", "register(\"/sqs\""),
                      ("s3.js", "text/javascript; charset=utf-8", "register(\"/s3\""),
                      ("sns.js", "text/javascript; charset=utf-8", "register(\"/sns\""),
                      ("events.js", "text/javascript; charset=utf-8", "register(\"/events\"")])
    func assetsAreServedWithTheirContentTypes(name: String, contentType: String, marker: String) async throws {
        let fixture = try ConsoleFixture()
        let response = await fixture.request(.get, "/_stratus/console/assets/\(name)")
        #expect(response.status == .ok)
        #expect(response.headerFields[.contentType] == contentType)
        #expect(response.headerFields[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains(marker))
        // Self-contained: the only URL in the assets is the SVG namespace, which names and loads nothing.
        let urls = text.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        #expect(!urls.contains("https://") && !urls.contains("http://"))
    }

    @Test func headAnswersWithoutABody() async throws {
        let fixture = try ConsoleFixture()
        let response = await fixture.request(.head, "/_stratus/console/assets/graph.js")
        #expect(response.status == .ok)
        #expect(response.headerFields[.contentType] == "text/javascript; charset=utf-8")
        #expect(response.body.isEmpty)
    }

    @Test(arguments: ["/_stratus/console/nothing", "/_stratus/console/assets/missing.js", "/_stratus/console/assets/",
                      "/_stratus/console/state-machine/extra"])
    func unknownPathsAreNotFound(path: String) async throws {
        let fixture = try ConsoleFixture()
        let response = await fixture.request(.get, path)
        #expect(response.status == .notFound)
        #expect(response.headerFields[.contentType] == "text/html; charset=utf-8")
        #expect(String(decoding: response.body, as: UTF8.self).contains("<code>\(path)</code>"))
    }

    @Test func theNotFoundPageEscapesThePath() {
        let page = ConsoleEndpoints.notFoundPage(path: "/_stratus/console/<script>\"&")
        #expect(page.contains("<code>/_stratus/console/&lt;script&gt;&quot;&amp;</code>"))
        #expect(!page.contains("<script>"))
    }

    @Test func pagesRefuseOtherMethods() async throws {
        let fixture = try ConsoleFixture()
        let response = await fixture.request(.post, "/_stratus/console/execution", json: "{}")
        #expect(response.status == .methodNotAllowed)
        #expect(response.headerFields[.allow] == "GET")
    }
}
