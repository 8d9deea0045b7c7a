using System.Globalization;

namespace EnergyFacts.Gates;

/// <summary>One figure of one case: its value in each trial, in trial order, with unit, source and direction.</summary>
internal sealed record FigureTrials
{
    /// <param name="figure">The figure, e.g. <see cref="GatedFigure.Energy"/>.</param>
    /// <param name="unit">Its unit, e.g. <c>J</c>; compared as text with the baseline's.</param>
    /// <param name="source">Where the values come from.</param>
    /// <param name="higherIsBetter">Whether a larger value is an improvement (accuracy); energy and duration are lower-is-better.</param>
    /// <param name="values">One finite value per trial, in trial order.</param>
    /// <exception cref="ArgumentException">A value is not finite, or the unit is empty.</exception>
    public FigureTrials(GatedFigure figure, string unit, FigureSource source, bool higherIsBetter, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"trial {i + 1} of {figure} is {values[i]}; every value must be a finite number"), nameof(values));
            }
        }

        Figure = figure;
        Unit = unit;
        Source = source;
        HigherIsBetter = higherIsBetter;
        Values = [.. values];
    }

    public GatedFigure Figure { get; }

    public string Unit { get; }

    public FigureSource Source { get; }

    public bool HigherIsBetter { get; }

    /// <summary>One value per trial, in trial order.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>The trials' median (Pragmastat's estimator, as the gate's comparison reports it).</summary>
    public double Median => Pragmastat.Estimators.MedianEstimator.Instance.Estimate(new Pragmastat.Sample([.. Values]));

    /// <summary>A figure measured in the given way (lower is better), e.g. energy in joules.</summary>
    public static FigureTrials LowerIsBetter(GatedFigure figure, FigureSource source, IReadOnlyList<double> values) =>
        new(figure, figure?.Unit ?? throw new ArgumentNullException(nameof(figure)), source, higherIsBetter: false, values);

    public bool Equals(FigureTrials? other) =>
        other is not null && Figure == other.Figure && Unit == other.Unit && Source == other.Source
        && HigherIsBetter == other.HigherIsBetter && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Figure, Unit, Source, HigherIsBetter, Values.Count);
}
