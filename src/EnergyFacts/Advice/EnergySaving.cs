namespace EnergyFacts.Advice;

/// <summary>What the choice saves against the most accurate configuration (negative when it costs more).</summary>
/// <param name="MostAccurate">The configuration with the highest median top-1 (ties: the cheaper).</param>
/// <param name="SavedJoules">Its energy minus the choice's, in the objective's unit (J or J/sample).</param>
/// <param name="SavedPercent">The saving as a percentage of its energy.</param>
/// <param name="Top1GivenUp">Its top-1 minus the choice's, a fraction (≥ 0).</param>
internal sealed record EnergySaving(MeasuredConfiguration MostAccurate, double SavedJoules, double SavedPercent, double Top1GivenUp);
