using TorchSharp;

namespace EnergyFacts.Torch.Training;

/// <summary>Chooses and applies libtorch's intra-op CPU thread count (process-wide).</summary>
public static class TorchThreads
{
    /// <summary>
    /// The default thread count for this machine. Rule: one thread when the process sees 2 or fewer logical CPUs
    /// (measured on a 2-vCPU VM: 2 threads were slower than 1 for matmul and for the small nets, see the project notes);
    /// otherwise one thread per two logical CPUs (SMT siblings add little to dense kernels and leave room for the
    /// energy sampler and the test host).
    /// </summary>
    /// <param name="logicalProcessors">Logical CPUs available to the process (<see cref="Environment.ProcessorCount"/>).</param>
    /// <returns>The count.</returns>
    public static int Recommended(int logicalProcessors) => logicalProcessors <= 2 ? 1 : logicalProcessors / 2;

    /// <summary>Sets the intra-op thread count: <paramref name="requested"/>, or <see cref="Recommended"/> for this machine.</summary>
    /// <param name="requested">Explicit count, or <see langword="null"/>.</param>
    /// <returns>The count in effect.</returns>
    public static int Apply(int? requested)
    {
        TorchRuntime.EnsureLoaded();
        int threads = requested ?? Recommended(Environment.ProcessorCount);
        if (torch.get_num_threads() != threads)
        {
            torch.set_num_threads(threads);
        }

        return torch.get_num_threads();
    }
}
