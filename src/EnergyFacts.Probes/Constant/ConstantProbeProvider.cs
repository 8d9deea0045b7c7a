using System.Globalization;

namespace EnergyFacts.Probes.Constant;

/// <summary><c>constant:cpu=95,gpu=0,ram=5</c>: fixed watts per named component.</summary>
public sealed class ConstantProbeProvider : IProbeProvider
{
    /// <inheritdoc/>
    public string Name => "constant";

    /// <inheritdoc/>
    public string Syntax => "constant:cpu=W,gpu=W,ram=W";

    /// <inheritdoc/>
    public int? AutoRank => null;

    /// <inheritdoc/>
    public ProbeOffer Offer(string? argument, ProbeSettings settings)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            throw new ProbeConfigurationException(
                $"Probe 'constant' needs watts per component, e.g. '{Syntax}' (any subset of cpu, gpu, ram).");
        }

        var probes = new List<IPowerProbe>();
        var seen = new HashSet<PowerComponent>();
        foreach (var part in argument.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !Enum.TryParse<PowerComponent>(pair[0], ignoreCase: true, out var component)
                || !Enum.IsDefined(component) || int.TryParse(pair[0], out _))
            {
                throw new ProbeConfigurationException(
                    $"'{part}' in 'constant:{argument}' is not component=watts. Allowed components: cpu, gpu, ram; example: {Syntax}.");
            }

            if (!double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var watts)
                || !double.IsFinite(watts) || watts < 0)
            {
                throw new ProbeConfigurationException(
                    $"'{pair[1]}' for {pair[0]} in 'constant:{argument}' is not a power. Allowed: a finite number of watts ≥ 0, e.g. 95 or 12.5.");
            }

            if (!seen.Add(component))
            {
                throw new ProbeConfigurationException($"Component '{pair[0]}' appears twice in 'constant:{argument}'.");
            }

            probes.Add(new ConstantPowerProbe(component, new Watts(watts)));
        }

        return new ProbeOffer(probes, null);
    }
}
