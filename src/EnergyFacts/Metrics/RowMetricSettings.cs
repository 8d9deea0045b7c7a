using System.Globalization;

namespace EnergyFacts.Metrics;

/// <summary>
/// How every result row's APC and APEC are computed: Jurj et al.'s α and β, the consumption's unit (energy per run or
/// per sample/inference) and, for APEC, the electricity price. Recorded with each row (<c>apc_parameters</c>), since an
/// APC means nothing without them.
/// </summary>
internal sealed record RowMetricSettings(ApcWeights Weights, ConsumptionUnit Unit, PricePerKilowattHour? Price)
{
    /// <summary>The performance figure of APC/APEC: <c>top1</c> (the last epoch's top-1) or a reported metric's name (a fraction 0–1, e.g. mIoU).</summary>
    public string Performance { get; init; } = "top1";

    /// <summary>TTCAPC's and TTCAPEC's target τ ∈ [0, 1]; <see langword="null"/>: not computed (<c>--energy-ttcapc-target</c>).</summary>
    public double? TtcapcTarget { get; init; }

    /// <summary>FMS's reference energy E_ref of the energy score (<c>--energy-reference-energy</c>); 1 kWh by default.</summary>
    public Joules ReferenceEnergy { get; init; } = new(Joules.PerKilowattHour);

    /// <summary>FMS's β &gt; 0 (<c>--energy-fms-beta</c>); 1 weighs performance and energy score equally.</summary>
    public double FmsBeta { get; init; } = 1;

    /// <summary>The published defaults, consumption in Wh per run, no price (no APEC).</summary>
    public static RowMetricSettings Default { get; } = new(ApcWeights.Default, ConsumptionUnit.WattHoursPerRun, null);

    /// <summary>Bases a row can express its consumption in: the whole run's energy, or its energy per sample.</summary>
    public static IReadOnlyList<string> RowBases { get; } = ["run", "sample", "inference"];

    /// <summary>Whether the consumption is energy per sample (<c>sample</c>, <c>inference</c>) rather than per run.</summary>
    public bool PerSample => Unit.Basis is "sample" or "inference";

    /// <summary>Parses a price such as <c>0.25 EUR</c> (amount and currency per kWh).</summary>
    /// <exception cref="FormatException">Not an amount followed by a currency.</exception>
    public static PricePerKilowattHour ParsePrice(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
            || !double.IsFinite(amount) || amount <= 0)
        {
            throw new FormatException($"'{text}' is not a price per kWh; write an amount above 0 and a currency, e.g. 0.25 EUR or 12 cents.");
        }

        var currency = parts[1].EndsWith("/kWh", StringComparison.Ordinal) ? parts[1][..^4] : parts[1];
        return currency.Length == 0
            ? throw new FormatException($"'{text}' names no currency; write e.g. 0.25 EUR.")
            : new PricePerKilowattHour(amount, currency);
    }

    /// <summary>The parameters as the <c>apc_parameters</c> column writes them.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"alpha={Weights.Alpha:R} beta={Weights.Beta:R} consumption={Unit}")
        + (Performance == "top1" ? string.Empty : $" performance={Performance}")
        + (Price is null ? string.Empty : $" price={Price}");
}

/// <summary>A row's efficiency figures: energy-delay product, samples per joule, APC and (with a price) APEC.</summary>
/// <param name="EnergyDelay">Energy with PUE × the measured duration.</param>
/// <param name="SamplesPerJoule">Samples per joule of energy with PUE; <see langword="null"/> without samples or energy.</param>
/// <param name="Apc">APC of the performance figure (top-1 or a reported metric) at the row's consumption; <see langword="null"/> without it.</param>
/// <param name="Apec">APEC likewise, with the configured price; <see langword="null"/> without a price or a top-1.</param>
/// <param name="Parameters">The parameters used.</param>
internal sealed record RowEfficiency(JouleSeconds EnergyDelay, double? SamplesPerJoule, ApcScore? Apc, ApcScore? Apec, RowMetricSettings Parameters)
{
    /// <summary>The figures for a trial that used <paramref name="energy"/> (PUE included) over <paramref name="duration"/>.</summary>
    /// <param name="energy">Energy with PUE.</param>
    /// <param name="duration">The measured window.</param>
    /// <param name="samples">Samples the experiment reported.</param>
    /// <param name="top1">The performance figure named by <see cref="RowMetricSettings.Performance"/> (top-1 or a metric's value); outside 0–1 it gives no APC.</param>
    /// <param name="parameters">α, β, unit, price.</param>
    public static RowEfficiency Of(Joules energy, TimeSpan duration, long samples, double? top1, RowMetricSettings parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        top1 = top1 is >= 0 and <= 1 ? top1 : null;
        var perSample = parameters.PerSample;
        ApcScore? apc = null;
        ApcScore? apec = null;
        if (top1 is { } accuracy && (!perSample || samples > 0))
        {
            var consumption = Consumption.Of(perSample ? new Joules(energy.Value / samples) : energy, parameters.Unit.Energy, parameters.Unit.Basis);
            apc = AccuracyPerConsumption.Apc(consumption, accuracy, parameters.Weights);
            apec = parameters.Price is { } price ? AccuracyPerConsumption.Apec(consumption, accuracy, price, parameters.Weights) : null;
        }

        return new RowEfficiency(
            EnergyEfficiency.EnergyDelayProduct(energy, duration),
            samples > 0 && energy.Value > 0 ? EnergyEfficiency.SamplesPerJoule(samples, energy) : null,
            apc,
            apec,
            parameters);
    }
}
