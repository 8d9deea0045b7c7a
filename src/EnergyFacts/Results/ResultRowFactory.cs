using EnergyFacts.Accounting;
using EnergyFacts.Measurement;

namespace EnergyFacts.Results;

/// <summary>Composes the one result row of a trial from its typed parts.</summary>
internal static class ResultRowFactory
{
    /// <summary>Builds the row, accounting <paramref name="measurement"/> with <paramref name="settings"/> (for callers without an account).</summary>
    public static ResultRow Create(
        EnergyMeasurement measurement,
        ExperimentOutcome outcome,
        AccountingSettings settings,
        GridCarbonIntensity intensity,
        HostInfo host)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(intensity);
        return Create(measurement, outcome, new EmissionsCalculator(settings, intensity).Account(measurement), host);
    }

    /// <summary>Builds the row from an account already computed for <paramref name="measurement"/> (a trial accounts once).</summary>
    /// <param name="measurement">What the sampler measured over the trial.</param>
    /// <param name="outcome">Who ran what and how it ended.</param>
    /// <param name="account">Energies with PUE, emissions, water and the intensity used, for <paramref name="measurement"/>.</param>
    /// <param name="host">The machine.</param>
    public static ResultRow Create(EnergyMeasurement measurement, ExperimentOutcome outcome, EmissionsAccount account, HostInfo host)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(host);
        if (account.Duration != measurement.Duration)
        {
            throw new ArgumentException(
                $"The account covers {account.Duration} but the measurement {measurement.Duration}; a row's account must be of its own measurement.",
                nameof(account));
        }

        return new ResultRow { Outcome = outcome, Measurement = measurement, Account = account, Host = host };
    }
}
