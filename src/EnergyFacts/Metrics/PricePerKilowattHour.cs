using System.Globalization;

namespace EnergyFacts.Metrics;

/// <summary>An electricity price per kilowatt-hour, for APEC's energy cost.</summary>
internal sealed record PricePerKilowattHour
{
    /// <summary>Creates the price.</summary>
    /// <param name="amount">Price of one kWh, finite and ≥ 0.</param>
    /// <param name="currency">Currency (or cents), e.g. <c>EUR</c>, <c>USD</c>, <c>cents</c>; recorded, never converted.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> negative or not finite.</exception>
    public PricePerKilowattHour(double amount, string currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        Amount = MetricArguments.NonNegative(amount, nameof(amount), "The price per kWh");
        Currency = currency.Trim();
    }

    /// <summary>Price of one kWh in <see cref="Currency"/>.</summary>
    public double Amount { get; }

    /// <summary>The currency the price is in.</summary>
    public string Currency { get; }

    /// <summary>What <paramref name="energy"/> costs.</summary>
    public double CostOf(KilowattHours energy) => energy.Value * Amount;

    /// <inheritdoc/>
    public override string ToString() => Amount.ToString("G6", CultureInfo.InvariantCulture) + " " + Currency + "/kWh";
}
