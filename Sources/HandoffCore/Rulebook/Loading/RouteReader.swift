import Yams

extension RulebookReader {
    static let routeKeys = ["name", "when", "pool", "mode", "sla"]
    static let routeExample = "{name: na-smb, when: {country: US}, pool: na-smb}"

    /// Routes in file order; names must be unique and pools must exist.
    mutating func readRoutes(_ node: Node?, poolNames: [String]) -> [Route] {
        guard let node, let items = list(node, "routes", example: "[\(Self.routeExample)]") else { return [] }
        var routes: [Route] = []
        var firstLine: [String: Int] = [:]
        for item in items {
            guard let f = fields(item, "route", allowed: Self.routeKeys, example: Self.routeExample) else { continue }
            let nameNode = required(f, "name", "a route", example: Self.routeExample)
            let name = nameNode.flatMap { text($0, "route name") }
            var what = "route"
            if let name, let nameNode {
                what = "route '\(name)'"
                if let line = firstLine[name] {
                    log.error("duplicate route name '\(name)'; it was first used on line \(line)", at: nameNode.spot)
                } else {
                    firstLine[name] = nameNode.spot.line
                }
            }
            let condition = f["when"].map { readCondition($0, in: what) } ?? .always
            let pool = required(f, "pool", what, example: Self.routeExample).flatMap { poolReference($0, what, poolNames: poolNames) }
            var mode = RouteMode.auto
            if let n = f["mode"], let m = choice(n, "mode", in: what, [RouteMode.auto, .review]) { mode = m }
            let sla = f["sla"].flatMap { readSLA($0, "sla of \(what)") }
            guard let name, let condition, let pool else { continue }
            routes.append(Route(name: name, when: condition, pool: pool, mode: mode, sla: sla))
            spots.routes.append(item.spot)
        }
        return routes
    }
}
