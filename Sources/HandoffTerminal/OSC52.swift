import Foundation

/// The terminal escape that sets the system clipboard (OSC 52): `ESC ] 52 ; c ; BASE64 BEL`. Most
/// terminals honour it, also over ssh; it is written by the thread that owns the terminal.
///
/// Inside tmux the plain sequence reaches tmux, which takes it as its own paste buffer (and hands it on
/// to the outer terminal) when `set-clipboard` is on; the same sequence wrapped for passthrough
/// (`ESC P tmux; ... ESC \`, doubling each ESC) reaches the outer terminal when `allow-passthrough` is on.
/// Both are written, so either setting works.
public enum OSC52 {
    public static func sequence(_ text: String, insideTmux: Bool) -> [UInt8] {
        let plain = Array("\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}".utf8)
        guard insideTmux else { return plain }
        var wrapped = Array("\u{1B}Ptmux;".utf8)
        for byte in plain {
            if byte == 0x1B { wrapped.append(0x1B) }
            wrapped.append(byte)
        }
        wrapped += Array("\u{1B}\\".utf8)
        return plain + wrapped
    }
}
