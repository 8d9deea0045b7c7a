using System.Globalization;

namespace EnergyFacts.Accounting;

/// <summary>How energy is turned into emissions and water: where the machine is and how efficient its data centre is.</summary>
internal sealed record AccountingSettings
{
    /// <summary>Creates validated settings.</summary>
    /// <param name="countryIsoCode">ISO 3166-1 alpha-3 code for the grid's carbon intensity; <see langword="null"/> for the world average.</param>
    /// <param name="pue">Power usage effectiveness of the data centre (facility energy ÷ IT energy), ≥ 1; 1.0 for a desk or laptop.</param>
    /// <param name="wue">Water usage effectiveness in litres per kWh, ≥ 0; 0 when unknown.</param>
    /// <exception cref="ArgumentOutOfRangeException">PUE is below 1 or not finite, or WUE is negative or not finite.</exception>
    public AccountingSettings(string? countryIsoCode, double pue = 1.0, double wue = 0.0)
    {
        if (PueProblem(pue) is { } pueProblem)
        {
            throw new ArgumentOutOfRangeException(nameof(pue), pueProblem);
        }

        if (WueProblem(wue) is { } wueProblem)
        {
            throw new ArgumentOutOfRangeException(nameof(wue), wueProblem);
        }

        CountryIsoCode = string.IsNullOrWhiteSpace(countryIsoCode) ? null : countryIsoCode.Trim().ToUpperInvariant();
        Pue = pue;
        Wue = wue;
    }

    /// <summary>World-average carbon intensity, PUE 1, no water: what a run with no configuration uses.</summary>
    public static AccountingSettings Default { get; } = new(countryIsoCode: null);

    /// <summary>ISO 3166-1 alpha-3 code, upper case, or <see langword="null"/> for the world average.</summary>
    public string? CountryIsoCode { get; }

    /// <summary>Power usage effectiveness multiplied into every energy figure (as CodeCarbon does).</summary>
    public double Pue { get; }

    /// <summary>Water usage effectiveness in litres per kWh.</summary>
    public double Wue { get; }

    /// <summary>
    /// Creates settings from configuration text (environment variables, command-line options), parsed with the
    /// invariant culture so that "1.2" means the same everywhere.
    /// </summary>
    /// <param name="countryIsoCode">The country code, or <see langword="null"/>.</param>
    /// <param name="pueText">The PUE as text, or <see langword="null"/>/blank for 1.0.</param>
    /// <param name="wueText">The WUE as text, or <see langword="null"/>/blank for 0.</param>
    /// <param name="pueOrigin">Where <paramref name="pueText"/> came from, for the message (e.g. <c>ENERGYFACTS_PUE</c>).</param>
    /// <param name="wueOrigin">Where <paramref name="wueText"/> came from, for the message.</param>
    /// <exception cref="ArgumentException">A value is not a number or is out of range; the message names it and its origin.</exception>
    public static AccountingSettings Parse(
        string? countryIsoCode, string? pueText, string? wueText, string pueOrigin = "PUE", string wueOrigin = "WUE")
    {
        var pue = ParseNumber(pueText, 1.0, pueOrigin, "a number ≥ 1, e.g. 1.0 or 1.58");
        var wue = ParseNumber(wueText, 0.0, wueOrigin, "a number ≥ 0 in litres per kWh, e.g. 0 or 1.8");
        if (PueProblem(pue) is { } pueProblem)
        {
            throw new ArgumentException($"{pueOrigin}: {pueProblem}", pueOrigin);
        }

        if (WueProblem(wue) is { } wueProblem)
        {
            throw new ArgumentException($"{wueOrigin}: {wueProblem}", wueOrigin);
        }

        return new AccountingSettings(countryIsoCode, pue, wue);
    }

    private static double ParseNumber(string? text, double fallback, string origin, string allowed)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new ArgumentException(
            $"{origin}: '{text}' is not a number; expected {allowed}, written with a '.' decimal point.", origin);
    }

    private static string? PueProblem(double pue) =>
        double.IsFinite(pue) && pue >= 1.0
            ? null
            : $"PUE (power usage effectiveness) must be a finite number ≥ 1 (1.0 = no data-centre overhead, e.g. 1.58 for an average data centre); got {Format(pue)}.";

    private static string? WueProblem(double wue) =>
        double.IsFinite(wue) && wue >= 0.0
            ? null
            : $"WUE (water usage effectiveness) must be a finite number ≥ 0 litres per kWh (0 = not accounted); got {Format(wue)}.";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
