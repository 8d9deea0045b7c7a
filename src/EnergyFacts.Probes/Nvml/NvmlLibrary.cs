using System.Runtime.InteropServices;
using System.Text;
using EnergyFacts.Probes.Platform;

namespace EnergyFacts.Probes.Nvml;

/// <summary><c>nvmlUtilization_t</c>: percentages over the driver's last sample period.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlUtilization
{
    public uint Gpu;
    public uint Memory;
}

/// <summary><c>nvmlMemory_t</c> (v1, 24 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlMemory
{
    public ulong Total;
    public ulong Free;
    public ulong Used;
}

/// <summary>
/// NVML loaded with <see cref="NativeLibrary.TryLoad(string, out IntPtr)"/> and called through unmanaged function pointers:
/// the driver ships only <c>libnvidia-ml.so.1</c> (no unversioned name for <c>DllImport</c>), the path must be
/// configurable, and a missing library must be a reason, not a <see cref="DllNotFoundException"/>.
/// </summary>
internal sealed unsafe class NvmlLibrary : IDisposable
{
    private const int NameBufferBytes = 96; // NVML_DEVICE_NAME_V2_BUFFER_SIZE, also enough for UUIDs (80).

    private readonly nint handle;
    private readonly delegate* unmanaged[Cdecl]<int> init;
    private readonly delegate* unmanaged[Cdecl]<int> shutdown;
    private readonly delegate* unmanaged[Cdecl]<int, byte*> errorString;
    private readonly delegate* unmanaged[Cdecl]<uint*, int> getCount;
    private readonly delegate* unmanaged[Cdecl]<uint, nint*, int> getHandleByIndex;
    private readonly delegate* unmanaged[Cdecl]<byte*, nint*, int> getHandleByUuid;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, uint, int> getName;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, uint, int> getUuid;
    private readonly delegate* unmanaged[Cdecl]<nint, ulong*, int> getTotalEnergy;
    private readonly delegate* unmanaged[Cdecl]<nint, uint*, int> getPowerUsage;
    private readonly delegate* unmanaged[Cdecl]<nint, NvmlUtilization*, int> getUtilization;
    private readonly delegate* unmanaged[Cdecl]<nint, NvmlMemory*, int> getMemoryInfo;
    private bool disposed;

    private NvmlLibrary(nint handle, string path)
    {
        this.handle = handle;
        Path = path;
        init = (delegate* unmanaged[Cdecl]<int>)(Export("nvmlInit_v2") != 0 ? Export("nvmlInit_v2") : Export("nvmlInit"));
        shutdown = (delegate* unmanaged[Cdecl]<int>)Export("nvmlShutdown");
        errorString = (delegate* unmanaged[Cdecl]<int, byte*>)Export("nvmlErrorString");
        getCount = (delegate* unmanaged[Cdecl]<uint*, int>)(Export("nvmlDeviceGetCount_v2") != 0
            ? Export("nvmlDeviceGetCount_v2") : Export("nvmlDeviceGetCount"));
        getHandleByIndex = (delegate* unmanaged[Cdecl]<uint, nint*, int>)(Export("nvmlDeviceGetHandleByIndex_v2") != 0
            ? Export("nvmlDeviceGetHandleByIndex_v2") : Export("nvmlDeviceGetHandleByIndex"));
        getHandleByUuid = (delegate* unmanaged[Cdecl]<byte*, nint*, int>)Export("nvmlDeviceGetHandleByUUID");
        getName = (delegate* unmanaged[Cdecl]<nint, byte*, uint, int>)Export("nvmlDeviceGetName");
        getUuid = (delegate* unmanaged[Cdecl]<nint, byte*, uint, int>)Export("nvmlDeviceGetUUID");
        getTotalEnergy = (delegate* unmanaged[Cdecl]<nint, ulong*, int>)Export("nvmlDeviceGetTotalEnergyConsumption");
        getPowerUsage = (delegate* unmanaged[Cdecl]<nint, uint*, int>)Export("nvmlDeviceGetPowerUsage");
        getUtilization = (delegate* unmanaged[Cdecl]<nint, NvmlUtilization*, int>)Export("nvmlDeviceGetUtilizationRates");
        getMemoryInfo = (delegate* unmanaged[Cdecl]<nint, NvmlMemory*, int>)Export("nvmlDeviceGetMemoryInfo");
    }

    /// <summary>The file or name that was loaded.</summary>
    public string Path { get; }

    public bool HasTotalEnergy => getTotalEnergy != null;

    public bool HasPowerUsage => getPowerUsage != null;

    /// <summary>Names of required functions the library lacks (empty when usable).</summary>
    public IReadOnlyList<string> MissingRequiredFunctions
    {
        get
        {
            var missing = new List<string>();
            if (init == null)
            {
                missing.Add("nvmlInit_v2");
            }

            if (shutdown == null)
            {
                missing.Add("nvmlShutdown");
            }

            if (getCount == null)
            {
                missing.Add("nvmlDeviceGetCount_v2");
            }

            if (getHandleByIndex == null)
            {
                missing.Add("nvmlDeviceGetHandleByIndex_v2");
            }

            if (getTotalEnergy == null && getPowerUsage == null)
            {
                missing.Add("nvmlDeviceGetTotalEnergyConsumption or nvmlDeviceGetPowerUsage");
            }

            return missing;
        }
    }

    /// <summary>Library names tried when no path is configured.</summary>
    public static IReadOnlyList<string> DefaultCandidates(HostOperatingSystem os)
    {
        if (os == HostOperatingSystem.Windows)
        {
            var list = new List<string> { "nvml.dll", System.IO.Path.Combine(Environment.SystemDirectory, "nvml.dll") };
            var programFiles = Environment.GetEnvironmentVariable("ProgramW6432");
            if (!string.IsNullOrEmpty(programFiles))
            {
                list.Add(System.IO.Path.Combine(programFiles, "NVIDIA Corporation", "NVSMI", "nvml.dll"));
            }

            return list;
        }

        return ["libnvidia-ml.so.1", "libnvidia-ml.so"];
    }

    /// <summary>Loads the first candidate that loads; null when none does.</summary>
    public static NvmlLibrary? TryLoad(IEnumerable<string> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var h))
            {
                return new NvmlLibrary(h, candidate);
            }
        }

        return null;
    }

    public int Init() => init();

    public int Shutdown() => shutdown == null ? NvmlError.Success : shutdown();

    /// <summary>NVML's own text for a code, when the library provides it.</summary>
    public string? ErrorString(int code)
    {
        if (errorString == null)
        {
            return null;
        }

        var text = errorString(code);
        return text == null ? null : Marshal.PtrToStringUTF8((nint)text);
    }

    public string Describe(int code) => NvmlError.Describe(code, ErrorString(code));

    public int GetCount(out uint count)
    {
        uint c = 0;
        var rc = getCount(&c);
        count = c;
        return rc;
    }

    public int GetHandleByIndex(uint index, out nint device)
    {
        nint d = 0;
        var rc = getHandleByIndex(index, &d);
        device = d;
        return rc;
    }

    public int GetHandleByUuid(string uuid, out nint device)
    {
        device = 0;
        if (getHandleByUuid == null)
        {
            return NvmlError.FunctionNotFound;
        }

        var bytes = Encoding.UTF8.GetBytes(uuid + "\0");
        nint d = 0;
        int rc;
        fixed (byte* p = bytes)
        {
            rc = getHandleByUuid(p, &d);
        }

        device = d;
        return rc;
    }

    public int GetName(nint device, out string name) => ReadString(getName, device, out name);

    public int GetUuid(nint device, out string uuid) => ReadString(getUuid, device, out uuid);

    public int GetTotalEnergyMillijoules(nint device, out ulong millijoules)
    {
        ulong value = 0;
        var rc = getTotalEnergy == null ? NvmlError.FunctionNotFound : getTotalEnergy(device, &value);
        millijoules = value;
        return rc;
    }

    public int GetPowerMilliwatts(nint device, out uint milliwatts)
    {
        uint value = 0;
        var rc = getPowerUsage == null ? NvmlError.FunctionNotFound : getPowerUsage(device, &value);
        milliwatts = value;
        return rc;
    }

    public int GetUtilization(nint device, out NvmlUtilization utilization)
    {
        NvmlUtilization value = default;
        var rc = getUtilization == null ? NvmlError.FunctionNotFound : getUtilization(device, &value);
        utilization = value;
        return rc;
    }

    public int GetMemory(nint device, out NvmlMemory memory)
    {
        NvmlMemory value = default;
        var rc = getMemoryInfo == null ? NvmlError.FunctionNotFound : getMemoryInfo(device, &value);
        memory = value;
        return rc;
    }

    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            NativeLibrary.Free(handle);
        }
    }

    private static int ReadString(delegate* unmanaged[Cdecl]<nint, byte*, uint, int> function, nint device, out string value)
    {
        value = "";
        if (function == null)
        {
            return NvmlError.FunctionNotFound;
        }

        var buffer = stackalloc byte[NameBufferBytes];
        var rc = function(device, buffer, NameBufferBytes);
        if (rc == NvmlError.Success)
        {
            value = Marshal.PtrToStringUTF8((nint)buffer) ?? "";
        }

        return rc;
    }

    private nint Export(string name) => NativeLibrary.TryGetExport(handle, name, out var address) ? address : 0;
}
