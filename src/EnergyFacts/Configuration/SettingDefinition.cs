using System.Globalization;

namespace EnergyFacts.Configuration;

/// <summary>
/// One setting, declared once: its names in every source, its default, unit, what is allowed and how its text is
/// parsed. Everything that lists, documents or validates settings reads these declarations.
/// </summary>
internal abstract class SettingDefinition
{
    protected SettingDefinition(string key, string help, string defaultText, string allowed, string? unit)
    {
        Key = key;
        Help = help;
        DefaultText = defaultText;
        Allowed = allowed;
        Unit = unit;
        var words = key.Split('-');
        EnvironmentVariable = "ENERGYFACTS_" + string.Join('_', words).ToUpperInvariant();
        Option = "energy-" + key;
        MsBuildProperty = "EnergyFacts" + string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        JsonName = words[0] + string.Concat(words.Skip(1).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }

    /// <summary>Kebab-case key, e.g. <c>results</c>, <c>lock-timeout</c>; the other names derive from it unless set.</summary>
    public string Key { get; }

    /// <summary>The <c>dotnet test</c> option without dashes, e.g. <c>energy-results</c>; <see langword="null"/> when the setting has none.</summary>
    public string? Option { get; init; }

    /// <summary>The environment variable, e.g. <c>ENERGYFACTS_RESULTS</c>.</summary>
    public string EnvironmentVariable { get; init; }

    /// <summary>The MSBuild property of the test project, e.g. <c>EnergyFactsResults</c>; <see langword="null"/> when none.</summary>
    public string? MsBuildProperty { get; init; }

    /// <summary>The key in the <c>energyFacts</c> section of <c>testconfig.json</c>, e.g. <c>lockTimeout</c>.</summary>
    public string JsonName { get; init; }

    /// <summary>One line of help.</summary>
    public string Help { get; }

    /// <summary>The default as shown in help.</summary>
    public string DefaultText { get; }

    /// <summary>What a value may be, for help and error messages.</summary>
    public string Allowed { get; }

    /// <summary>Unit of the value (e.g. <c>ms</c>, <c>s</c>), when it has one.</summary>
    public string? Unit { get; }

    /// <summary>Whether the value is a path, resolved against the source's base directory.</summary>
    public bool IsPath { get; init; }

    /// <summary>The line of <c>--help</c> for this setting.</summary>
    public string HelpText =>
        $"{Help} Allowed: {Allowed}. [default: {DefaultText}] [env: {EnvironmentVariable}]"
        + (MsBuildProperty is null ? string.Empty : $" [MSBuild: {MsBuildProperty}]")
        + $" [testconfig.json: energyFacts.{JsonName}]";

    /// <summary>Parses a value; throws <see cref="SettingValueException"/> naming what is allowed.</summary>
    public abstract object Parse(RawSetting raw);

    /// <summary>The parsed value as written into the results' <c>settings</c>.</summary>
    public abstract string Format(object value);
}

/// <summary>A typed <see cref="SettingDefinition"/>.</summary>
internal sealed class SettingDefinition<T> : SettingDefinition
    where T : notnull
{
    private readonly Func<RawSetting, T> parse;
    private readonly Func<T, string> format;

    public SettingDefinition(
        string key, string help, T defaultValue, string defaultText, string allowed, string? unit, Func<RawSetting, T> parse, Func<T, string>? format = null)
        : base(key, help, defaultText, allowed, unit)
    {
        DefaultValue = defaultValue;
        this.parse = parse;
        this.format = format ?? (v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty);
    }

    /// <summary>The value when no source gives one.</summary>
    public T DefaultValue { get; }

    public override object Parse(RawSetting raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (string.IsNullOrWhiteSpace(raw.Text))
        {
            throw new SettingValueException("an empty value is not allowed (remove the setting to get the default)");
        }

        return parse(raw with { Text = raw.Text.Trim() });
    }

    public override string Format(object value) => format((T)value);
}

/// <summary>A setting's value is not allowed; the message says why, without the setting's name (the caller adds it).</summary>
internal sealed class SettingValueException(string message) : Exception(message);
