namespace EnergyFacts.Probes;

/// <summary>
/// The known probe names and how a probe specification such as <c>auto</c>, <c>rapl,ram-model</c> or
/// <c>constant:cpu=95,gpu=0,ram=5</c> becomes a <see cref="ProbeSelection"/>.
/// </summary>
public sealed class ProbeCatalog
{
    /// <summary>The specification that picks the best available probe per component.</summary>
    public const string Auto = "auto";

    private readonly Dictionary<string, IProbeProvider> providers;

    /// <summary>Creates a catalogue of the given providers.</summary>
    public ProbeCatalog(IEnumerable<IProbeProvider> providers)
    {
        this.providers = providers.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The providers, by name.</summary>
    public IReadOnlyCollection<IProbeProvider> Providers => providers.Values;

    /// <summary>Names accepted in a specification, for messages and help.</summary>
    public string AllowedNames =>
        string.Join(", ", new[] { Auto }.Concat(providers.Values.Select(p => p.Syntax)));

    /// <summary>
    /// Every setting the providers understand, once each (first provider wins when two share a name), in provider order:
    /// what a settings registry lists in help and checks before a run.
    /// </summary>
    public IReadOnlyList<ProbeSettingDefinition> Settings =>
        [.. providers.Values.SelectMany(p => p.Settings).DistinctBy(d => d.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Checks a specification list (<c>auto</c>, <c>rapl,ram-model</c>, <c>constant:cpu=95,gpu=0,ram=5</c>,
    /// <c>replay:PATH</c> …) without touching the machine: names are known and each argument is well formed. Whether a
    /// probe is available here, whether a replay file exists, and whether two probes cover the same component are
    /// decided by <see cref="Select"/>.
    /// </summary>
    /// <returns>Why the list is refused, naming the value and what is allowed; <see langword="null"/> when it is accepted.</returns>
    public string? Validate(string specificationList)
    {
        try
        {
            Parse(specificationList);
            return null;
        }
        catch (ProbeConfigurationException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// Splits a comma list into specifications. A token with <c>=</c> but no <c>:</c> continues the previous one's argument,
    /// so <c>constant:cpu=95,gpu=0,ram=5</c> stays one specification.
    /// </summary>
    internal static IReadOnlyList<string> SplitSpecifications(string specificationList)
    {
        ArgumentNullException.ThrowIfNull(specificationList);
        var specs = new List<string>();
        foreach (var raw in specificationList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var continuesArgument = specs.Count > 0 && raw.Contains('=', StringComparison.Ordinal)
                && !raw.Contains(':', StringComparison.Ordinal) && specs[^1].Contains(':', StringComparison.Ordinal);
            if (continuesArgument)
            {
                specs[^1] += "," + raw;
            }
            else
            {
                specs.Add(raw);
            }
        }

        return specs;
    }

    /// <summary>Splits and checks a specification list; an empty list means <c>auto</c>.</summary>
    /// <exception cref="ProbeConfigurationException">An unknown name or a malformed argument.</exception>
    internal IReadOnlyList<ProbeSpecification> Parse(string? specificationList)
    {
        var texts = SplitSpecifications(specificationList ?? string.Empty);
        if (texts.Count == 0)
        {
            return [new ProbeSpecification(Auto, null, null)];
        }

        var parsed = new List<ProbeSpecification>(texts.Count);
        foreach (var text in texts)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? text : text[..colon];
            var argument = colon < 0 ? null : text[(colon + 1)..];
            if (name.Equals(Auto, StringComparison.OrdinalIgnoreCase))
            {
                if (!string.IsNullOrWhiteSpace(argument))
                {
                    throw new ProbeConfigurationException(
                        $"'{text}' in '{specificationList}': '{Auto}' takes no argument. Allowed: {AllowedNames}.");
                }

                parsed.Add(new ProbeSpecification(text, null, null));
                continue;
            }

            if (!providers.TryGetValue(name, out var provider))
            {
                throw new ProbeConfigurationException(
                    $"Unknown probe '{name}' in '{specificationList}'. Allowed: {AllowedNames}.");
            }

            if (provider.ValidateArgument(argument) is { } malformed)
            {
                throw new ProbeConfigurationException(malformed);
            }

            parsed.Add(new ProbeSpecification(text, provider, argument));
        }

        return parsed;
    }

    /// <summary>
    /// Resolves a specification list. Explicit names claim their components first; <c>auto</c> fills the components left
    /// over with the best-ranked provider that is available. Two explicit names covering the same component is an error
    /// (it would double count). The whole list is checked (<see cref="Validate"/>) before any probe is opened.
    /// </summary>
    /// <exception cref="ProbeConfigurationException">An unknown name, a malformed argument, or a double-covered component.</exception>
    public ProbeSelection Select(string specificationList, ProbeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var specs = Parse(specificationList);
        var chosen = new List<IPowerProbe>();
        var notes = new List<string>();
        var owner = new Dictionary<PowerComponent, string>();
        var wantsAuto = false;
        try
        {
            foreach (var request in specs)
            {
                if (request.Provider is not { } provider)
                {
                    wantsAuto = true;
                    continue;
                }

                var spec = request.Text;
                var offer = provider.Offer(request.Argument, settings);
                if (offer.Probes.Count == 0)
                {
                    throw new ProbeConfigurationException(
                        $"Probe '{spec}' was asked for but is not available on this machine: {offer.UnavailableReason}");
                }

                foreach (var component in offer.Probes.Select(p => p.Descriptor.Component).Distinct())
                {
                    if (owner.TryGetValue(component, out var previous))
                    {
                        foreach (var probe in offer.Probes)
                        {
                            probe.Dispose();
                        }

                        throw new ProbeConfigurationException(
                            $"Both '{previous}' and '{spec}' measure the {component.ToString().ToLowerInvariant()} component; " +
                            "that would count its energy twice. Keep one of them.");
                    }

                    owner[component] = spec;
                    notes.Add($"{component.ToString().ToLowerInvariant()}: {spec} (requested)");
                }

                chosen.AddRange(offer.Probes);
            }

            if (wantsAuto)
            {
                FillAutomatically(settings, chosen, notes, owner);
            }
        }
        catch
        {
            foreach (var probe in chosen)
            {
                probe.Dispose();
            }

            throw;
        }

        return new ProbeSelection(chosen, notes);
    }

    private void FillAutomatically(
        ProbeSettings settings, List<IPowerProbe> chosen, List<string> notes, Dictionary<PowerComponent, string> owner)
    {
        foreach (var provider in providers.Values.Where(p => p.AutoRank is not null).OrderBy(p => p.AutoRank))
        {
            if (owner.Count == Enum.GetValues<PowerComponent>().Length)
            {
                break;
            }

            ProbeOffer offer;
            try
            {
                offer = provider.Offer(null, settings);
            }
            catch (ProbeConfigurationException ex)
            {
                offer = ProbeOffer.Unavailable(ex.Message);
            }

            if (offer.Probes.Count == 0)
            {
                notes.Add($"auto: {provider.Name} unavailable: {offer.UnavailableReason}");
                continue;
            }

            var taken = new HashSet<PowerComponent>();
            foreach (var probe in offer.Probes)
            {
                var component = probe.Descriptor.Component;
                if (owner.ContainsKey(component) && !taken.Contains(component))
                {
                    probe.Dispose();
                    continue;
                }

                taken.Add(component);
                owner[component] = provider.Name;
                chosen.Add(probe);
            }

            foreach (var component in taken)
            {
                notes.Add($"auto: {component.ToString().ToLowerInvariant()} ← {provider.Name}");
            }
        }
    }
}
