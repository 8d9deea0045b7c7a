namespace EnergyFacts.Torch;

/// <summary>
/// oneDNN's own limit on the instruction set of its kernels, <c>ONEDNN_MAX_CPU_ISA</c>, read once when libtorch creates
/// its first primitive. EnergyFacts leaves it to the user: an automatic AVX2 cap on AMD AVX-512 CPUs made training
/// up to 1.5× slower there and guarded against a NaN that repeated runs on such a CPU could not reproduce (the figures are in
/// bench/training-throughput/README.md). A NaN that does appear stops the run with <c>TrainingDivergedException</c>,
/// which names this variable, instead of reaching a result.
/// </summary>
internal static class OneDnnIsa
{
    /// <summary>The variable oneDNN reads.</summary>
    public const string Variable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>The limit set for this process, or <see langword="null"/> when oneDNN may use every instruction set.</summary>
    public static string? Limit => Environment.GetEnvironmentVariable(Variable);
}
