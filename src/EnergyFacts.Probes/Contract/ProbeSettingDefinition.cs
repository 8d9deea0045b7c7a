namespace EnergyFacts.Probes;

/// <summary>
/// One setting a probe provider understands, as data: enough for a settings registry to list it in help and to check a
/// value before any probe opens a file, a library or a counter.
/// </summary>
public sealed class ProbeSettingDefinition
{
    private readonly Func<string, string?> validate;

    /// <summary>Describes a setting.</summary>
    /// <param name="name">The setting's name, which is also its environment variable, e.g. <c>ENERGYFACTS_TDP_WATTS</c>.</param>
    /// <param name="help">One line saying what the setting changes.</param>
    /// <param name="defaultText">What applies when it is unset, in words.</param>
    /// <param name="allowedText">Which values are accepted, in words.</param>
    /// <param name="validate">
    /// Returns why a value is refused (naming the setting, the value and what is allowed), or <see langword="null"/>
    /// when it is accepted. Must not touch the machine.
    /// </param>
    public ProbeSettingDefinition(string name, string help, string defaultText, string allowedText, Func<string, string?> validate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(help);
        ArgumentNullException.ThrowIfNull(defaultText);
        ArgumentNullException.ThrowIfNull(allowedText);
        ArgumentNullException.ThrowIfNull(validate);
        Name = name;
        Help = help;
        DefaultText = defaultText;
        AllowedText = allowedText;
        this.validate = validate;
    }

    /// <summary>The setting's name, which is also its environment variable.</summary>
    public string Name { get; }

    /// <summary>One line saying what the setting changes.</summary>
    public string Help { get; }

    /// <summary>What applies when the setting is unset.</summary>
    public string DefaultText { get; }

    /// <summary>Which values are accepted.</summary>
    public string AllowedText { get; }

    /// <summary>Checks a value without touching the machine.</summary>
    /// <param name="value">The value as given; empty or blank means unset and is accepted.</param>
    /// <returns>Why <paramref name="value"/> is refused, naming it and what is allowed; <see langword="null"/> when accepted.</returns>
    public string? Validate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return validate(value);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
