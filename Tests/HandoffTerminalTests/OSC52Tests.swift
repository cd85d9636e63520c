import Testing
@testable import HandoffTerminal

/// The bytes `y` and `Y` write: OSC 52 with the text in base64, and inside tmux the same wrapped for passthrough.
@Suite struct OSC52Tests {
    @Test func plainTerminalGetsOneSequence() {
        let bytes = OSC52.sequence("L-0000042", insideTmux: false)
        #expect(bytes == Array("\u{1B}]52;c;TC0wMDAwMDQy\u{07}".utf8))
    }

    @Test func utf8AndLineBreaksSurviveTheEncoding() {
        let bytes = OSC52.sequence("Zoë\nnext", insideTmux: false)
        #expect(String(decoding: bytes, as: UTF8.self) == "\u{1B}]52;c;Wm/DqwpuZXh0\u{07}")
    }

    @Test func insideTmuxTheSequenceIsAlsoWrappedWithEachEscapeDoubled() {
        let bytes = OSC52.sequence("L-1", insideTmux: true)
        let plain = "\u{1B}]52;c;TC0x\u{07}"
        #expect(String(decoding: bytes, as: UTF8.self) == plain + "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;TC0x\u{07}\u{1B}\\")
    }
}
