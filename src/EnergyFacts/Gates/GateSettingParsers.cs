using System.Globalization;
using EnergyFacts.Configuration;

namespace EnergyFacts.Gates;

/// <summary>How the registry's gate settings parse their text; each problem says what is allowed.</summary>
internal static class GateSettingParsers
{
    public static bool Flag(RawSetting raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return raw.Text.ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => throw new SettingValueException("not true or false"),
        };
    }

    public static RelativeThreshold Threshold(RawSetting raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return RelativeThreshold.TryParse(raw.Text, out var problem) ?? throw new SettingValueException(problem!);
    }

    public static GateConfidence Confidence(RawSetting raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return GateConfidence.TryParse(raw.Text, out var problem) ?? throw new SettingValueException(problem!);
    }

    public static GatedFigure Figure(RawSetting raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return GatedFigure.TryParse(raw.Text, out var figure) ? figure! : throw new SettingValueException("not a gated figure");
    }

    public static int ExtraTrials(RawSetting raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return int.TryParse(raw.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 1000
            ? value
            : throw new SettingValueException("not a whole number from 0 to 1000");
    }
}
