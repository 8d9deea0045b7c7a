namespace EnergyFacts.Advice;

/// <summary>A configuration the advisor could not choose, and every constraint it misses.</summary>
/// <param name="Configuration">The configuration.</param>
/// <param name="Reasons">One line per missed constraint, each starting with the option, e.g. <c>--min-top1: top-1 0.87 &lt; 0.9</c>.</param>
internal sealed record ExcludedConfiguration(MeasuredConfiguration Configuration, IReadOnlyList<string> Reasons);
