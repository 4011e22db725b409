import Foundation
import ServiceLifecycle
import StratusAWSCore
import StratusJSON
import StratusServiceKit
import Synchronization

/// Fires the enabled scheduled rules — `rate(…)` every period since the rule was created, `cron(…)` at the minutes
/// it selects (UTC) — sending each target a `Scheduled Event`
/// (`source` `aws.events`, the rule's ARN in `resources`, empty `detail`).
///
/// Guarantees: checks once a second; a firing missed while Stratus was not running is not made up (AWS does not
/// catch up either); runs until graceful shutdown.
package struct EventBridgeScheduler: Service {
    /// The service whose rules fire.
    package let service: EventBridgeService
    /// How often the rules are checked.
    package let interval: Duration

    /// A scheduler over `service`'s rules.
    package init(service: EventBridgeService, interval: Duration = .seconds(1)) {
        self.service = service
        self.interval = interval
    }

    package func run() async throws {
        let started = service.nowMilliseconds()
        var fired: [String: Int64] = [:]
        await PeriodicWork.run(every: interval) {
            let now = service.nowMilliseconds()
            for rule in (try? await service.store.scheduledRules()) ?? [] where rule.state == "ENABLED" {
                guard let schedule = rule.scheduleExpression.flatMap(EventSchedule.init) else { continue }
                guard let next = schedule.nextFiring(createdAt: rule.createdAt,
                                                     after: fired[rule.arn] ?? max(started, rule.createdAt)),
                      now >= next else { continue }
                fired[rule.arn] = now
                let context = RequestContext(accountID: rule.accountID, region: rule.region, requestID: service.ids.next(),
                                             host: "localhost", receivedAt: Date(timeIntervalSince1970: Double(now) / 1000))
                let event: JSONValue = [
                    "version": "0", "id": .string(service.ids.next()), "detail-type": "Scheduled Event",
                    "source": "aws.events", "account": .string(rule.accountID),
                    "time": .string(EventBridgeService.eventTime(context.receivedAt)), "region": .string(rule.region),
                    "resources": [.string(rule.arn)], "detail": [:],
                ]
                await service.deliver(event, for: rule, context: context)
            }
            return false
        }
    }
}
