using System.Globalization;

namespace EnergyFacts.Probes;

/// <summary>Checks shared by several providers' <see cref="ProbeSettingDefinition"/>s.</summary>
internal static class SettingRules
{
    /// <summary>A path: refused only when <see cref="Path.GetFullPath(string, string)"/> would throw on it (a NUL character).</summary>
    /// <remarks>Whether it exists is the provider's business at <see cref="IProbeProvider.Offer"/>: under <c>auto</c> a missing one is a note, not an error.</remarks>
    public static string? PathProblem(string name, string value, string allowed) =>
        value.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0
            ? $"{name} = '{Printable(value)}' is not allowed: it contains a character no path can hold. Allowed: {allowed}."
            : null;

    /// <summary>One line of text: no control characters (they would break the one-line legends and result columns).</summary>
    public static string? OneLineProblem(string name, string value, string allowed) =>
        value.Any(char.IsControl)
            ? $"{name} = '{Printable(value)}' is not allowed: it contains a control character (a line break?). Allowed: {allowed}."
            : null;

    // Messages end up on one console line; show control characters as escapes rather than breaking it.
    private static string Printable(string value) =>
        string.Concat(value.Select(c => char.IsControl(c)
            ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture)
            : new string(c, 1)));
}
