import Foundation
import Hummingbird

/// The CRM hooks' routes. They take no bearer token: HubSpot proves itself by its request signature,
/// Salesforce by its organization id (with the network checks docs/SERVE.md describes).
enum HookRoutes {
    static func routes(settings: ServerSettings, writer: IntakeWriter, metrics: ServerMetrics,
                       clock: @escaping @Sendable () -> Date, log: @escaping @Sendable (String) -> Void) -> [ServerRoute] {
        let intake = HookIntake(writer: writer, metrics: metrics, clock: clock)
        let hooks = settings.hooks
        let hubSpot = HubSpotHook(settings: settings, intake: intake, metrics: metrics, replays: ReplayGuard(),
                                  crm: HubSpotCRM(api: hooks.hubSpotAPI, token: hooks.hubSpotToken, timeout: hooks.hubSpotReadTimeout),
                                  wallClock: { Date() }, log: log)
        let salesforce = SalesforceHook(settings: settings, intake: intake, metrics: metrics)
        return [
            ServerRoute(.post, "/hooks/hubspot", scope: nil) { await hubSpot.handle($0) },
            ServerRoute(.post, "/hooks/salesforce", scope: nil) { await salesforce.handle($0) },
        ]
    }
}
