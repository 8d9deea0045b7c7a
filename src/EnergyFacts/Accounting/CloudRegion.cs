using System.Globalization;

namespace EnergyFacts.Accounting;

/// <summary>One cloud region of CodeCarbon's <c>impact.csv</c>: where it is and its grid's carbon intensity.</summary>
/// <param name="Provider">Provider code, lower case, e.g. <c>gcp</c>.</param>
/// <param name="ProviderName">Provider's name, e.g. <c>Google Cloud Platform</c>.</param>
/// <param name="Region">Region code, lower case, e.g. <c>europe-west9</c>.</param>
/// <param name="CountryName">Country of the region as the table spells it, e.g. <c>France</c>.</param>
/// <param name="CountryIsoCode">ISO 3166-1 alpha-3 code of that country, upper case, e.g. <c>FRA</c>.</param>
/// <param name="GramsPerKilowattHour">The region's carbon intensity (the table's <c>impact</c>) in g CO2eq/kWh.</param>
internal sealed record CloudRegion(
    string Provider, string ProviderName, string Region, string CountryName, string CountryIsoCode, double GramsPerKilowattHour)
{
    /// <summary>The setting's form, <c>provider:region</c>, e.g. <c>gcp:europe-west9</c>.</summary>
    public string Key => Provider + ":" + Region;

    /// <summary>The table's <c>state</c> (state or province), empty when it names none.</summary>
    public string State { get; init; } = string.Empty;

    /// <summary>The table's <c>city</c>, empty when it names none.</summary>
    public string City { get; init; } = string.Empty;

    /// <summary>CodeCarbon's <c>region</c> column for this cloud region: its state, else its city, else empty.</summary>
    public string SubNationalRegion => State.Length > 0 ? State : City;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Key} ({CountryName}, {GramsPerKilowattHour} g CO2eq/kWh)");
}
