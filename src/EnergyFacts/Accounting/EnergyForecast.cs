namespace EnergyFacts.Accounting;

/// <summary>Which per-epoch model a forecast used.</summary>
internal enum ForecastModel
{
    /// <summary>carbontracker's: the mean energy of the epochs so far × all epochs.</summary>
    LinearPerEpoch,

    /// <summary>The first epoch as measured (it pays for warm-up) plus the mean of the later epochs × the epochs left.</summary>
    FirstEpochApart,
}

/// <summary>A forecast of a run's total energy made after some of its epochs.</summary>
/// <param name="AfterEpoch">The epochs measured when the forecast was made.</param>
/// <param name="Epochs">The epochs the run will have.</param>
/// <param name="Model">The model used.</param>
/// <param name="PredictedTotal">Predicted energy of the whole run (PUE included, like every budgeted figure).</param>
internal sealed record EnergyForecast(int AfterEpoch, int Epochs, ForecastModel Model, Joules PredictedTotal)
{
    /// <summary>
    /// Energy measured from the start of the run to the end of epoch <see cref="AfterEpoch"/> (PUE included): what the
    /// forecast was made from, so either model can be recomputed from the recorded forecasts (<c>energyfacts forecast-error</c>).
    /// </summary>
    public Joules? SpentSoFar { get; init; }

    /// <summary>
    /// Forecasts from the cumulative energy at the end of each epoch so far. With one epoch the linear model is the
    /// only one; from two epochs on, the first epoch is kept apart, since a run's first epoch regularly costs more
    /// (JIT compilation, native loading, cold caches and allocator growth) and would inflate a linear extrapolation.
    /// </summary>
    /// <param name="cumulativeAtEpochEnd">Energy used from the start of the run to the end of epoch 1, 2, … (non-decreasing).</param>
    /// <param name="epochs">Epochs the run will have (≥ the epochs measured).</param>
    public static EnergyForecast Predict(IReadOnlyList<Joules> cumulativeAtEpochEnd, int epochs)
    {
        ArgumentNullException.ThrowIfNull(cumulativeAtEpochEnd);
        var done = cumulativeAtEpochEnd.Count;
        if (done == 0 || epochs < done)
        {
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"A forecast needs 1 to {epochs} measured epochs; {done} were given.");
        }

        var spent = cumulativeAtEpochEnd[^1].Value;
        if (done == 1)
        {
            return new EnergyForecast(1, epochs, ForecastModel.LinearPerEpoch, new Joules(spent * epochs)) { SpentSoFar = new Joules(spent) };
        }

        var first = cumulativeAtEpochEnd[0].Value;
        var laterMean = (spent - first) / (done - 1);
        return new EnergyForecast(done, epochs, ForecastModel.FirstEpochApart, new Joules(spent + (laterMean * (epochs - done)))) { SpentSoFar = new Joules(spent) };
    }
}
