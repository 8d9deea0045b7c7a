using System.Globalization;
using System.Text.Json;

namespace EnergyFacts.Tool;

/// <summary>The two per-epoch forecast models EnergyFacts records, by the names <c>experiments.jsonl</c> uses.</summary>
internal static class ForecastModels
{
    /// <summary>carbontracker's: energy so far ÷ epochs done × all epochs.</summary>
    public const string LinearPerEpoch = "linear_per_epoch";

    /// <summary>The first epoch as measured plus the mean of the later epochs for the rest (needs two epochs).</summary>
    public const string FirstEpochApart = "first_epoch_apart";

    public static IReadOnlyList<string> All { get; } = [LinearPerEpoch, FirstEpochApart];
}

/// <summary>
/// One complete trial's energy at the end of each epoch (PUE included) and its actual total, read from a row's
/// <c>forecasts</c>: each forecast's <c>energy_so_far_joules</c>, or, for rows written before that member existed, the
/// cumulative energy solved from the recorded forecasts themselves (after epoch 1 linear: S₁ = P₁ / E; after epoch
/// k ≥ 2 first-epoch-apart: S_k = ((k − 1)·P_k + S₁·(E − k)) / (E − 1)).
/// </summary>
/// <param name="Where">File and line of the row.</param>
/// <param name="CaseId">The row's experiment id.</param>
/// <param name="CaseName">The row's experiment name.</param>
/// <param name="Epochs">Epochs of the run.</param>
/// <param name="SpentAtEpochEnd">Energy from the start of the run to the end of epoch 1, 2 … E, joules.</param>
/// <param name="ActualJoules">The row's energy_joules: the trial's whole measured window.</param>
internal sealed record ForecastTrace(string Where, string CaseId, string CaseName, int Epochs, IReadOnlyList<double> SpentAtEpochEnd, double ActualJoules)
{
    /// <summary>The statuses of trials that ran every epoch; aborted, cancelled, timed-out and errored trials have no actual total.</summary>
    public static IReadOnlySet<string> CompleteStatuses { get; } = new HashSet<string>(StringComparer.Ordinal) { "passed", "failed", "over_budget", "regressed" };

    /// <summary>
    /// The trace of <paramref name="row"/>, or why it has none: not from experiments.jsonl, not a complete trial, fewer
    /// than two epochs (no forecast is made), or forecasts missing for some epoch.
    /// </summary>
    public static ForecastTrace? Of(RecordedRow row, out string? skipped)
    {
        ArgumentNullException.ThrowIfNull(row);
        skipped = null;
        var epochs = (int)(row.WholeNumber("epochs") ?? 0);
        if (!CompleteStatuses.Contains(row["status"]))
        {
            skipped = $"status {row["status"]}: the trial did not run all its epochs";
            return null;
        }

        if (epochs < 2)
        {
            skipped = "fewer than 2 epochs: no forecast is made";
            return null;
        }

        if (row.JsonLine is null)
        {
            skipped = "read from emissions.csv, which holds no forecasts";
            return null;
        }

        if (row.Number("energy_joules") is not { } actual || !(actual > 0))
        {
            skipped = "no positive energy_joules to compare with";
            return null;
        }

        using var document = JsonDocument.Parse(row.JsonLine);
        if (!document.RootElement.TryGetProperty("forecasts", out var forecasts) || forecasts.ValueKind != JsonValueKind.Array)
        {
            skipped = "no forecasts member (written before forecasts were recorded)";
            return null;
        }

        var predicted = new double?[epochs];
        var spent = new double?[epochs];
        var models = new string?[epochs];
        foreach (var forecast in forecasts.EnumerateArray())
        {
            var after = forecast.TryGetProperty("after_epoch", out var a) && a.TryGetInt32(out var k) ? k : 0;
            if (after < 1 || after > epochs)
            {
                skipped = string.Create(CultureInfo.InvariantCulture, $"a forecast after epoch {after} of {epochs}");
                return null;
            }

            predicted[after - 1] = Number(forecast, "predicted_energy_joules");
            spent[after - 1] = Number(forecast, "energy_so_far_joules");
            models[after - 1] = forecast.TryGetProperty("model", out var m) ? m.GetString() : null;
        }

        if (Array.FindIndex(predicted, p => p is null) is var missing and >= 0)
        {
            skipped = string.Create(CultureInfo.InvariantCulture, $"no forecast after epoch {missing + 1} of {epochs}");
            return null;
        }

        var cumulative = new double[epochs];
        for (var k = 1; k <= epochs; k++)
        {
            cumulative[k - 1] = spent[k - 1] ?? (k == 1 || models[k - 1] == ForecastModels.LinearPerEpoch
                ? predicted[k - 1]!.Value * k / epochs
                : (((k - 1) * predicted[k - 1]!.Value) + (cumulative[0] * (epochs - k))) / (epochs - 1));
        }

        return new ForecastTrace(row.Where, row["experiment_id"], row["experiment_name"], epochs, cumulative, actual);
    }

    /// <summary>The epoch after which "<paramref name="fraction"/> of the epochs" are done: the first k with k ≥ fraction × E, at least 1.</summary>
    public static int EpochAt(double fraction, int epochs) => Math.Max(1, (int)Math.Ceiling((fraction * epochs) - 1e-9));

    /// <summary>
    /// The forecast of the total by <paramref name="model"/> after epoch <paramref name="k"/>, or <see langword="null"/>
    /// where the model makes none (first-epoch-apart after epoch 1).
    /// </summary>
    public double? Forecast(string model, int k)
    {
        var spent = SpentAtEpochEnd[k - 1];
        return model switch
        {
            ForecastModels.LinearPerEpoch => spent / k * Epochs,
            ForecastModels.FirstEpochApart when k >= 2 => spent + ((spent - SpentAtEpochEnd[0]) / (k - 1) * (Epochs - k)),
            ForecastModels.FirstEpochApart => null,
            _ => throw new ArgumentOutOfRangeException(nameof(model), model, "not a forecast model"),
        };
    }

    /// <summary>|forecast − actual| / actual after epoch <paramref name="k"/>, or <see langword="null"/> where the model makes no forecast.</summary>
    public double? RelativeError(string model, int k) =>
        Forecast(model, k) is { } forecast ? Math.Abs(forecast - ActualJoules) / ActualJoules : null;

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) ? number : null;
}

/// <summary>The errors of one model at one point of the runs, over the trials that have a forecast there.</summary>
/// <param name="Model">The forecast model.</param>
/// <param name="Fraction">The share of the epochs done, e.g. 0.25.</param>
/// <param name="Epochs">The epochs after which the forecasts were made (one per distinct run length).</param>
/// <param name="Errors">The relative errors |predicted − actual| / actual, one per trial.</param>
internal sealed record ForecastErrorCell(string Model, double Fraction, IReadOnlyList<int> Epochs, IReadOnlyList<double> Errors)
{
    public double? Mean => Errors.Count == 0 ? null : Errors.Average();

    public double? Median => Errors.Count == 0 ? null : (double)Pragmastat.Estimators.MedianEstimator.Instance.Estimate(new Pragmastat.Sample([.. Errors]));

    public double? Max => Errors.Count == 0 ? null : Errors.Max();

    /// <summary>The cells of <paramref name="traces"/> for every model and fraction, in that order.</summary>
    public static List<ForecastErrorCell> Of(IReadOnlyList<ForecastTrace> traces, IReadOnlyList<double> fractions)
    {
        var cells = new List<ForecastErrorCell>();
        foreach (var model in ForecastModels.All)
        {
            foreach (var fraction in fractions)
            {
                var errors = new List<double>();
                var epochs = new SortedSet<int>();
                foreach (var trace in traces)
                {
                    var k = ForecastTrace.EpochAt(fraction, trace.Epochs);
                    if (k < trace.Epochs && trace.RelativeError(model, k) is { } error)
                    {
                        errors.Add(error);
                        epochs.Add(k);
                    }
                }

                cells.Add(new ForecastErrorCell(model, fraction, [.. epochs], errors));
            }
        }

        return cells;
    }
}
