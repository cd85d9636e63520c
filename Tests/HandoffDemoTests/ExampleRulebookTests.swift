import Foundation
import Testing
import HandoffCore
import HandoffDemo

@Suite struct ExampleRulebookTests {
    @Test func embeddedCopyMatchesTheExampleFileByteForByte() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try Data(contentsOf: root.appendingPathComponent(ExampleRulebook.fileName))
        #expect(Data(ExampleRulebook.yaml.utf8) == file, "run .ci/embed-example-rulebook after editing the example")
    }

    @Test func embeddedCopyLoadsWithoutErrors() {
        let load = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: ExampleRulebook.fileName)
        #expect(load.errors.isEmpty, "\(load.errors)")
        #expect(load.rulebook?.name == "Acme inbound")
    }
}
