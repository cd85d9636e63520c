import HandoffCore
import Testing
@testable import HandoffIntake

@Suite struct NumberShapeTests {
    /// The fast check may only say yes where `NumberText` reads a number, or imports would accept
    /// values the router then treats as missing.
    @Test(arguments: [
        "1200", "1,200", "$4.5M", "1.2k", "1.2K", "3bn", "2mm", "12%", "-5", "$-5", "0.5", "1,200.50", "7b",
        "1,,2", "1.", ".5", "1.2.3", "k", "$", "1e5", "1,2k%", "12 %", "1 200", "lots", "4.5MM", "1kb", "--1", "١٢",
    ])
    func neverAcceptsWhatNumberTextRefuses(_ text: String) {
        if NumberShape.isCommonShape(text) { #expect(NumberText.parse(text) != nil, "\(text)") }
        #expect(NumberShape.isNumber(text) == (NumberText.parse(text) != nil), "\(text)")
    }

    @Test func commonShapesTakeTheFastPath() {
        for text in ["1200", "1,200", "$4.5M", "1.2k", "3bn", "12%"] { #expect(NumberShape.isCommonShape(text), "\(text)") }
    }
}
