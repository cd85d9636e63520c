import Foundation
import PostgresNIO

/// Opens postgres-nio connections for a location: TCP with keepalive on both ends, TLS as `sslmode`
/// says, the password from `PasswordLookup`.
struct PostgresConnector: Sendable {
    var location: PostgresLocation
    var passwords: PasswordLookup
    var keepalive: Keepalive
    var group: any EventLoopGroup

    @available(*, noasync, message: "blocks its thread")
    func connect() throws -> PostgresConnection {
        BlockingBridge.checkMayBlock()
        let password: Secret?
        do {
            password = try passwords.password(for: location)
        } catch {
            throw PostgresFailure(.authentication, "\(error)")
        }
        let tls = try tlsMode()
        let loop = group.next()
        let timeout = TimeAmount.seconds(Int64(location.connectTimeout))
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(timeout)
            .channelOption(ChannelOptions.socketOption(.so_keepalive), value: 1)
            .channelOption(ChannelOptions.socket(SocketOptionLevel(IPPROTO_TCP), SocketOptionName(TCP_KEEPIDLE)), value: SocketOptionValue(keepalive.idle))
            .channelOption(ChannelOptions.socket(SocketOptionLevel(IPPROTO_TCP), SocketOptionName(TCP_KEEPINTVL)), value: SocketOptionValue(keepalive.interval))
            .channelOption(ChannelOptions.socket(SocketOptionLevel(IPPROTO_TCP), SocketOptionName(TCP_KEEPCNT)), value: SocketOptionValue(keepalive.count))
            .channelOption(ChannelOptions.socket(SocketOptionLevel(IPPROTO_TCP), SocketOptionName(TCP_USER_TIMEOUT)), value: SocketOptionValue(keepalive.userTimeout * 1000))
        let channel: any Channel
        do {
            channel = try BlockingBridge.wait(bootstrap.connect(host: location.host, port: location.port))
        } catch {
            throw PostgresFailure.transport(error, at: location)
        }
        var configuration = PostgresConnection.Configuration(
            establishedChannel: channel, tls: tls, username: location.user, password: password?.revealed, database: location.database)
        configuration.options.connectTimeout = timeout
        if location.sslMode == .verifyFull { configuration.options.tlsServerName = location.host }
        configuration.options.additionalStartupParameters = [("application_name", location.applicationName)] + keepalive.serverParameters
        var logger = Logger(label: "handoff.postgres")
        logger.logLevel = .critical
        do {
            return try BlockingBridge.wait(PostgresConnection.connect(on: loop, configuration: configuration, id: Int.random(in: 1...Int(Int32.max)), logger: logger))
        } catch {
            channel.close(promise: nil)
            throw PostgresFailure(error, at: location)
        }
    }

    private func tlsMode() throws -> PostgresConnection.Configuration.TLS {
        guard location.sslMode != .disable else { return .disable }
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch location.sslMode {
        case .disable, .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        if let root = location.sslRootCertificate { configuration.trustRoots = .file(root) }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw PostgresFailure(.tls, "TLS for PostgreSQL at \(location.endpoint) cannot be set up (\(error)): check sslrootcert")
        }
        return location.sslMode == .prefer ? .prefer(context) : .require(context)
    }
}
