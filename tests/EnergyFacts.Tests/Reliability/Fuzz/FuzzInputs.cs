using CsCheck;

namespace EnergyFacts.Tests.Reliability.Fuzz;

/// <summary>Generators for text formats: mostly well-formed pieces, mutated, so the fuzzer reaches past the first check.</summary>
internal static class FuzzInputs
{
    /// <summary>Characters that matter to CSV, JSON and number parsing, plus a few hostile ones.</summary>
    public static readonly Gen<char> InterestingChar = Gen.OneOf(
        ',', '"', '\n', '\r', ' ', '\t', '.', '-', '+', 'e', 'E', '0', '1', '9', '{', '}', '[', ']', ':', '\\', '\uFEFF',
        '\0', 'N', 'a', 'I', 'n', 'f', '∞', '\u00A0', '\uD800', 'é');

    /// <summary>A short string of interesting characters.</summary>
    public static readonly Gen<string> Noise = InterestingChar.Array[0, 12].Select(c => new string(c));

    /// <summary>A number as text, sometimes extreme or malformed.</summary>
    public static readonly Gen<string> NumberText = Gen.OneOf(
        Gen.Double.Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Int[-5, 5_000].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.OneOf("NaN", "Infinity", "-0", "1e308", "1e309", "-1", "0x10", "1,5", "", " ", "١٢"),
        Noise);

    /// <summary>Lines made from <paramref name="line"/>, occasionally replaced by noise or cut short.</summary>
    public static Gen<string[]> Lines(Gen<string> line, int maxLines) =>
        Gen.Frequency((8, line), (1, Noise), (1, line.Select(Truncate))).Array[0, maxLines];

    /// <summary>Joins lines with a mix of LF and CRLF.</summary>
    public static Gen<string> Text(Gen<string> line, int maxLines) =>
        Gen.Select(Lines(line, maxLines), Gen.Bool, (lines, crlf) => string.Join(crlf ? "\r\n" : "\n", lines));

    private static string Truncate(string s) => s.Length < 2 ? s : s[..(s.Length / 2)];
}
