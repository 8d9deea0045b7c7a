using System.Globalization;
using System.Runtime.InteropServices;
using TorchSharp;

namespace EnergyFacts.Torch.Training;

/// <summary>The thread counts libtorch uses, and why: what <see cref="TorchThreads.Apply"/> set.</summary>
/// <param name="IntraOp">Threads per CPU operation (libtorch's intra-op pool, OpenMP).</param>
/// <param name="InterOp">Threads of libtorch's inter-op pool.</param>
/// <param name="Reason">Where the intra-op count came from, e.g. <c>auto: 2 physical cores of 2 logical CPUs, 0.03 busy …</c>.</param>
public sealed record ThreadChoice(int IntraOp, int InterOp, string Reason);

/// <summary>Chooses and applies libtorch's CPU thread counts (process-wide).</summary>
public static class TorchThreads
{
    /// <summary>Intra-op threads (<c>auto</c> or a count), set by EnergyFacts' <c>--energy-intra-op-threads</c>.</summary>
    public const string IntraOpVariable = "ENERGYFACTS_INTRA_OP_THREADS";

    /// <summary>Inter-op threads (<c>auto</c> or a count), set by EnergyFacts' <c>--energy-inter-op-threads</c>.</summary>
    public const string InterOpVariable = "ENERGYFACTS_INTER_OP_THREADS";

    private static readonly Lock InterOpLock = new();

    /// <summary>
    /// The intra-op thread rule: one thread per physical core that other processes leave free, at least one. Measured
    /// with bench/training-throughput on a 2-vCPU VM (see its README): on a quiet machine two threads trained ResNet-20
    /// and LeNet faster than one; with the second core busy, two OpenMP threads wait on each other at every
    /// operation's barrier and training slows several-fold while one thread barely loses. SMT siblings are counted
    /// once: they share a core's vector units, which dense kernels already fill.
    /// </summary>
    /// <param name="cpus">The machine's cores and load.</param>
    /// <returns>The count.</returns>
    public static int Recommended(CpuAvailability cpus)
    {
        ArgumentNullException.ThrowIfNull(cpus);
        int busy = (int)Math.Round(cpus.BusyCores, MidpointRounding.AwayFromZero);
        return Math.Max(1, cpus.PhysicalCores - busy);
    }

    /// <summary>
    /// Sets libtorch's thread counts. Intra-op: <paramref name="requested"/>, else <see cref="IntraOpVariable"/>, else
    /// <see cref="Recommended(CpuAvailability)"/> for the load measured now. Inter-op: <see cref="InterOpVariable"/> when set,
    /// else libtorch's default.
    /// </summary>
    /// <param name="requested">Explicit intra-op count, or <see langword="null"/>.</param>
    /// <returns>The counts in effect.</returns>
    /// <exception cref="ArgumentException">An environment variable holds neither <c>auto</c> nor a count from 1 to 1024.</exception>
    /// <exception cref="InvalidOperationException">The inter-op count cannot change any more in this process.</exception>
    public static ThreadChoice Choose(int? requested)
    {
        TorchRuntime.EnsureLoaded();
        string reason;
        int intraOp;
        if (requested is int explicitCount)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(explicitCount, 1, nameof(requested));
            (intraOp, reason) = (explicitCount, "set by the experiment");
        }
        else if (CountFrom(IntraOpVariable) is int configured)
        {
            (intraOp, reason) = (configured, $"{IntraOpVariable}={configured}");
        }
        else
        {
            var cpus = CpuAvailability.Measure();
            (intraOp, reason) = (Recommended(cpus), $"auto: {cpus}");
        }

        if (torch.get_num_threads() != intraOp)
        {
            torch.set_num_threads(intraOp);
        }

        ApplyInterOp();
        return new ThreadChoice(torch.get_num_threads(), torch.get_num_interop_threads(), reason);
    }

    /// <summary>Like <see cref="Choose"/>, returning the intra-op count in effect.</summary>
    /// <param name="requested">Explicit intra-op count, or <see langword="null"/>.</param>
    /// <returns>The count.</returns>
    public static int Apply(int? requested) => Choose(requested).IntraOp;

    /// <summary>Reads a thread count variable: <see langword="null"/> when unset or <c>auto</c>.</summary>
    /// <param name="variable">The variable's name.</param>
    /// <returns>The count, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException">The value is neither <c>auto</c> nor a whole number from 1 to 1024.</exception>
    internal static int? CountFrom(string variable)
    {
        var text = Environment.GetEnvironmentVariable(variable)?.Trim();
        if (string.IsNullOrEmpty(text) || string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 1024
            ? count
            : throw new ArgumentException($"{variable}={text}: allowed are auto or a whole number from 1 to 1024.", nameof(variable));
    }

    // libtorch fixes the inter-op pool at its first use: a second, different request is refused with the reason.
    private static void ApplyInterOp()
    {
        if (CountFrom(InterOpVariable) is not int wanted)
        {
            return;
        }

        lock (InterOpLock)
        {
            int current = torch.get_num_interop_threads();
            if (current == wanted)
            {
                return;
            }

            try
            {
                torch.set_num_interop_threads(wanted);
            }
            catch (Exception e) when (e is ExternalException or InvalidOperationException or ArgumentException)
            {
                throw new InvalidOperationException(
                    $"{InterOpVariable}={wanted}: libtorch's inter-op pool already runs with {current} threads in this process and cannot change; set it before the process's first torch operation. ({e.Message})",
                    e);
            }
        }
    }
}
