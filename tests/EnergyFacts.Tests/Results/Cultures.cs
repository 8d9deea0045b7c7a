using System.Globalization;

namespace EnergyFacts.Tests.Results;

/// <summary>Runs code under a given CurrentCulture, to prove output does not depend on it.</summary>
internal static class Cultures
{
    /// <summary>
    /// German number and date conventions (',' decimal, '.' grouping, '.' date separator) plus a U+2212 minus sign.
    /// Built from the invariant culture because the repository runs with InvariantGlobalization, where de-DE
    /// cannot be loaded; any culture-sensitive formatting would show these symbols.
    /// </summary>
    public static CultureInfo CommaDecimal { get; } = CreateCommaDecimal();

    public static T Under<T>(CultureInfo culture, Func<T> action)
    {
        var saved = CultureInfo.CurrentCulture;
        var savedUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }

    private static CultureInfo CreateCommaDecimal()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        var numbers = culture.NumberFormat;
        numbers.NumberDecimalSeparator = ",";
        numbers.NumberGroupSeparator = ".";
        numbers.PercentDecimalSeparator = ",";
        numbers.CurrencyDecimalSeparator = ",";
        numbers.NegativeSign = "\u2212";
        numbers.NaNSymbol = "n. def.";
        culture.DateTimeFormat.DateSeparator = ".";
        culture.DateTimeFormat.TimeSeparator = ".";
        return CultureInfo.ReadOnly(culture);
    }
}
