import Foundation
import Hummingbird

/// The CRM hooks' routes. They take no bearer token: HubSpot proves itself by its request signature,
/// Salesforce by its organization id (with the network checks docs/SERVE.md describes).
enum HookRoutes {
    static func register(on router: Router<BasicRequestContext>, settings: ServerSettings, writer: IntakeWriter, metrics: ServerMetrics,
                         clock: @escaping @Sendable () -> Date, log: @escaping @Sendable (String) -> Void) {
        let intake = HookIntake(writer: writer, metrics: metrics, clock: clock)
        let hooks = settings.hooks
        let hubSpot = HubSpotHook(settings: settings, intake: intake, metrics: metrics, replays: ReplayGuard(),
                                  crm: HubSpotCRM(api: hooks.hubSpotAPI, token: hooks.hubSpotToken, timeout: hooks.hubSpotReadTimeout),
                                  wallClock: { Date() }, log: log)
        router.post("/hooks/hubspot") { request, _ -> Response in
            await hubSpot.handle(request)
        }
        let salesforce = SalesforceHook(settings: settings, intake: intake, metrics: metrics)
        router.post("/hooks/salesforce") { request, _ -> Response in
            await salesforce.handle(request)
        }
    }
}
