using System.Globalization;

namespace EnergyFacts.Probes.Constant;

/// <summary><c>constant:cpu=95,gpu=0,ram=5</c>: fixed watts per named component.</summary>
internal sealed class ConstantProbeProvider : IProbeProvider
{
    /// <inheritdoc/>
    public string Name => "constant";

    /// <inheritdoc/>
    public string Syntax => "constant:cpu=W,gpu=W,ram=W";

    /// <inheritdoc/>
    public int? AutoRank => null;

    /// <inheritdoc/>
    public IReadOnlyList<ProbeSettingDefinition> Settings => [];

    /// <inheritdoc/>
    public string? ValidateArgument(string? argument) => Parse(argument, out _);

    /// <inheritdoc/>
    public ProbeOffer Offer(string? argument, ProbeSettings settings)
    {
        if (Parse(argument, out var powers) is { } malformed)
        {
            throw new ProbeConfigurationException(malformed);
        }

        return new ProbeOffer([.. powers.Select(p => new ConstantPowerProbe(p.Component, p.Power))], null);
    }

    /// <returns>Why the argument is refused, or null with the declared powers in <paramref name="powers"/>.</returns>
    private string? Parse(string? argument, out List<(PowerComponent Component, Watts Power)> powers)
    {
        powers = [];
        if (string.IsNullOrWhiteSpace(argument))
        {
            return $"Probe 'constant' needs watts per component, e.g. '{Syntax}' (any subset of cpu, gpu, ram).";
        }

        foreach (var part in argument.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !Enum.TryParse<PowerComponent>(pair[0], ignoreCase: true, out var component)
                || !Enum.IsDefined(component) || int.TryParse(pair[0], out _))
            {
                return $"'{part}' in 'constant:{argument}' is not component=watts. Allowed components: cpu, gpu, ram; example: {Syntax}.";
            }

            if (!double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var watts)
                || !double.IsFinite(watts) || watts < 0)
            {
                return $"'{pair[1]}' for {pair[0]} in 'constant:{argument}' is not a power. Allowed: a finite number of watts ≥ 0, e.g. 95 or 12.5.";
            }

            if (powers.Exists(p => p.Component == component))
            {
                return $"Component '{pair[0]}' appears twice in 'constant:{argument}'.";
            }

            powers.Add((component, new Watts(watts)));
        }

        return null;
    }
}
