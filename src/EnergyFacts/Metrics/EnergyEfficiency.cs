namespace EnergyFacts.Metrics;

/// <summary>
/// Energy per unit of work and the energy–delay product, the standard figures of ML energy reporting
/// (MLPerf Power's energy per query, ML.ENERGY's J per response; EDP from R. Gonzalez, M. Horowitz, <i>Energy
/// dissipation in general purpose microprocessors</i>, IEEE JSSC 31(9), 1996). Normalise by samples, never by batches.
/// </summary>
internal static class EnergyEfficiency
{
    /// <summary>Energy per sample, E / N, in joules per sample.</summary>
    /// <param name="energy">Energy E ≥ 0.</param>
    /// <param name="samples">Samples N &gt; 0 (images, inferences, tokens), never batches.</param>
    /// <exception cref="ArgumentOutOfRangeException">E negative or not finite, or N ≤ 0.</exception>
    public static double JoulesPerSample(Joules energy, long samples)
    {
        MetricArguments.NonNegative(energy.Value, nameof(energy), "The energy (J)");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        return energy.Value / samples;
    }

    /// <summary>Samples per joule, N / E (= samples per second per watt).</summary>
    /// <param name="samples">Samples N ≥ 0.</param>
    /// <param name="energy">Energy E &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">N negative, or E not positive.</exception>
    public static double SamplesPerJoule(long samples, Joules energy)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        MetricArguments.Positive(energy.Value, nameof(energy), "The energy (J)");
        return samples / energy.Value;
    }

    /// <summary>EDP = E · t.</summary>
    /// <param name="energy">Energy E ≥ 0.</param>
    /// <param name="delay">Delay t ≥ 0: the run's duration, or a single inference's latency with E per inference.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative energy or delay.</exception>
    public static JouleSeconds EnergyDelayProduct(Joules energy, TimeSpan delay)
    {
        MetricArguments.NonNegative(energy.Value, nameof(energy), "The energy (J)");
        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, $"The delay must be ≥ 0; got {delay}.");
        }

        return new JouleSeconds(energy.Value * delay.TotalSeconds);
    }

    /// <summary>ED²P = E · t², which weighs delay more than EDP does.</summary>
    /// <param name="energy">Energy E ≥ 0.</param>
    /// <param name="delay">Delay t ≥ 0.</param>
    /// <returns>The product in J·s².</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative energy or delay.</exception>
    public static double EnergyDelaySquaredProductJouleSecondsSquared(Joules energy, TimeSpan delay) =>
        EnergyDelayProduct(energy, delay).Value * delay.TotalSeconds;
}
