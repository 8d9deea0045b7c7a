namespace EnergyFacts.Metrics;

/// <summary>
/// What a consumption figure counts: an energy unit and what the energy was spent on, e.g. <c>Wh/test-set</c> or
/// <c>Wh/inference</c>. APC and APEC are not scale-invariant (Jurj et al., arXiv:2002.11770): the same run scores
/// differently per inference and per test set, so the unit is a required input and is recorded with every result.
/// </summary>
/// <param name="Energy">The energy unit.</param>
/// <param name="Basis">What the energy was spent on, e.g. <c>test-set</c>, <c>inference</c>, <c>1000-inferences</c>, <c>run</c>.</param>
internal sealed record ConsumptionUnit(EnergyUnit Energy, string Basis)
{
    /// <summary>Watt-hours for the whole test set, as in Jurj et al.'s inference tables.</summary>
    public static ConsumptionUnit WattHoursPerTestSet { get; } = new(EnergyUnit.WattHour, "test-set");

    /// <summary>Watt-hours per inference.</summary>
    public static ConsumptionUnit WattHoursPerInference { get; } = new(EnergyUnit.WattHour, "inference");

    /// <summary>Watt-hours for a whole training run (TTCAPC's cumulative energy).</summary>
    public static ConsumptionUnit WattHoursPerRun { get; } = new(EnergyUnit.WattHour, "run");

    /// <summary>Reads <c>UNIT/BASIS</c>, e.g. <c>Wh/test-set</c>, <c>kWh/run</c>, <c>J/inference</c>.</summary>
    /// <exception cref="FormatException">Not of that form; the message says what is allowed.</exception>
    public static ConsumptionUnit Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var basis = slash < 0 ? string.Empty : text[(slash + 1)..].Trim();
        if (slash < 0 || !EnergyUnits.TryParse(text[..slash], out var energy) || basis.Length == 0 || basis.Any(char.IsWhiteSpace))
        {
            throw new FormatException(
                $"'{text}' is not a consumption unit; write ENERGY/BASIS with ENERGY one of J, Wh, kWh and a one-word basis, " +
                "e.g. Wh/test-set, Wh/inference, Wh/1000-inferences or kWh/run.");
        }

        return new ConsumptionUnit(energy, basis);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Energy.Symbol()}/{Basis}";
}
