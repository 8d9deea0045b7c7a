namespace EnergyFacts.Advice;

/// <summary>One measured trial of a configuration, as the advisor reads it from a results row.</summary>
/// <param name="Key">The configuration.</param>
/// <param name="Top1">Top-1 accuracy, a fraction from 0 to 1; <see langword="null"/> when the row has none.</param>
/// <param name="EnergyPerRun">Energy of the whole trial, PUE included.</param>
/// <param name="Latency">Time per sample (see <see cref="MillisecondsPerSample"/>); <see langword="null"/> when unknown.</param>
/// <param name="JoulesPerSample">Energy per sample, PUE included; <see langword="null"/> when the row reports no samples.</param>
/// <param name="Source">Where the energy comes from, e.g. <c>cpu=measured;gpu=none</c> or <c>imported</c>.</param>
/// <param name="Columns">The row's columns (name → text), for <see cref="ColumnFilter"/>.</param>
internal sealed record ConfigurationTrial(
    ConfigurationKey Key,
    double? Top1,
    Joules EnergyPerRun,
    MillisecondsPerSample? Latency,
    double? JoulesPerSample,
    string Source,
    IReadOnlyDictionary<string, string> Columns);
