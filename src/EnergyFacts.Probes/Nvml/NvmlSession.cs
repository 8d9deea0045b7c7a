namespace EnergyFacts.Probes.Nvml;

/// <summary>
/// An initialised NVML shared by the device probes of one offer: <c>nvmlShutdown</c> and unloading happen when the last
/// probe is disposed.
/// </summary>
internal sealed class NvmlSession
{
    private readonly object gate = new();
    private int references;

    public NvmlSession(NvmlLibrary library)
    {
        Library = library;
    }

    public NvmlLibrary Library { get; }

    public void AddReference()
    {
        lock (gate)
        {
            references++;
        }
    }

    public void Release()
    {
        lock (gate)
        {
            references--;
            if (references == 0)
            {
                Library.Shutdown();
                Library.Dispose();
            }
        }
    }
}

/// <summary>One selected GPU.</summary>
/// <param name="Index">NVML index (PCI bus order).</param>
/// <param name="Handle">NVML device handle.</param>
/// <param name="Name">Product name, e.g. <c>NVIDIA H100 80GB HBM3</c>.</param>
/// <param name="Uuid">GPU UUID, or empty when the driver does not report it.</param>
internal sealed record NvmlDevice(uint Index, nint Handle, string Name, string Uuid);
