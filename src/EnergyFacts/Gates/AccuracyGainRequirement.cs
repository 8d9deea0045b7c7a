using System.Globalization;

namespace EnergyFacts.Gates;

/// <summary>
/// The energy–accuracy gate's setting (<c>--energy-accuracy-gain FIGURE=GAIN</c>): an energy regression is accepted
/// only when the accuracy figure gained at least <see cref="MinimumGain"/>, in the figure's own unit (e.g. 0.01 top-1).
/// </summary>
/// <param name="Figure">The accuracy figure: the last epoch's top-1 (<c>metric:top1</c>) or a reported metric, higher is better.</param>
/// <param name="MinimumGain">The gain that pays for more energy; more than 0.</param>
internal sealed record AccuracyGainRequirement(GatedFigure Figure, double MinimumGain)
{
    public const string Allowed = "FIGURE=GAIN with FIGURE top1 or metric:NAME (a higher-is-better figure the experiment reports) and GAIN a number more than 0 in that figure's unit, e.g. top1=0.01 or metric:mIoU=0.02";

    /// <summary>Parses <c>top1=0.01</c> or <c>metric:NAME=GAIN</c>; <see langword="null"/> with the problem otherwise.</summary>
    public static AccuracyGainRequirement? TryParse(string? text, out string? problem)
    {
        problem = null;
        var equals = text?.LastIndexOf('=') ?? -1;
        if (text is null || equals <= 0)
        {
            problem = "not FIGURE=GAIN";
            return null;
        }

        var name = text[..equals].Trim();
        if (!GatedFigure.TryParse(name == "top1" ? "metric:top1" : name, out var figure) || figure!.Kind != GatedFigureKind.Metric)
        {
            problem = $"'{name}' is not an accuracy figure (top1 or metric:NAME)";
            return null;
        }

        if (!double.TryParse(text[(equals + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var gain) || !double.IsFinite(gain) || !(gain > 0))
        {
            problem = $"the gain '{text[(equals + 1)..].Trim()}' is not a number more than 0";
            return null;
        }

        return new AccuracyGainRequirement(figure, gain);
    }

    /// <summary>E.g. <c>metric:top1=0.01</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Figure}={MinimumGain:R}");
}
