using System.Globalization;

namespace EnergyFacts.Probes.Nvml;

/// <summary>NVML return codes (<c>nvmlReturn_t</c>) turned into messages with a cause and a remedy.</summary>
internal static class NvmlError
{
    /// <summary><c>NVML_SUCCESS</c>.</summary>
    public const int Success = 0;

    /// <summary><c>NVML_ERROR_NOT_SUPPORTED</c>.</summary>
    public const int NotSupported = 3;

    /// <summary><c>NVML_ERROR_FUNCTION_NOT_FOUND</c>.</summary>
    public const int FunctionNotFound = 13;

    /// <summary><c>NVML_ERROR_GPU_IS_LOST</c>.</summary>
    public const int GpuIsLost = 15;

    /// <summary>The symbolic name of a return code, e.g. <c>NVML_ERROR_DRIVER_NOT_LOADED</c>.</summary>
    public static string Name(int code) => code switch
    {
        0 => "NVML_SUCCESS",
        1 => "NVML_ERROR_UNINITIALIZED",
        2 => "NVML_ERROR_INVALID_ARGUMENT",
        3 => "NVML_ERROR_NOT_SUPPORTED",
        4 => "NVML_ERROR_NO_PERMISSION",
        5 => "NVML_ERROR_ALREADY_INITIALIZED",
        6 => "NVML_ERROR_NOT_FOUND",
        7 => "NVML_ERROR_INSUFFICIENT_SIZE",
        8 => "NVML_ERROR_INSUFFICIENT_POWER",
        9 => "NVML_ERROR_DRIVER_NOT_LOADED",
        10 => "NVML_ERROR_TIMEOUT",
        11 => "NVML_ERROR_IRQ_ISSUE",
        12 => "NVML_ERROR_LIBRARY_NOT_FOUND",
        13 => "NVML_ERROR_FUNCTION_NOT_FOUND",
        14 => "NVML_ERROR_CORRUPTED_INFOROM",
        15 => "NVML_ERROR_GPU_IS_LOST",
        16 => "NVML_ERROR_RESET_REQUIRED",
        17 => "NVML_ERROR_OPERATING_SYSTEM",
        18 => "NVML_ERROR_LIB_RM_VERSION_MISMATCH",
        19 => "NVML_ERROR_IN_USE",
        25 => "NVML_ERROR_ARGUMENT_VERSION_MISMATCH",
        26 => "NVML_ERROR_DEPRECATED",
        28 => "NVML_ERROR_GPU_NOT_FOUND",
        999 => "NVML_ERROR_UNKNOWN",
        _ => "NVML error " + code.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>What the code usually means here and what to do about it.</summary>
    public static string Explanation(int code) => code switch
    {
        1 => "NVML was used before nvmlInit succeeded (an EnergyFacts bug; please report it).",
        2 => "NVML rejected an argument (device handle or buffer); the device may have been removed.",
        3 => "this GPU or driver does not support the query (energy counters need Volta or newer).",
        4 => "the user may not query this GPU; check /dev/nvidia* permissions, the container's device cgroup, or run with the 'video' group.",
        6 => "the requested GPU (index or UUID) does not exist.",
        7 => "a buffer was too small (an EnergyFacts bug; please report it).",
        9 => "the NVIDIA kernel driver is not loaded: install the driver or 'modprobe nvidia'; in a container, run with the NVIDIA container toolkit (--gpus all).",
        12 => "NVML could not find a library it depends on; reinstall the NVIDIA driver.",
        13 => "the installed driver's NVML lacks this function; update the NVIDIA driver.",
        15 => "the GPU fell off the bus or stopped responding (Xid error); check 'nvidia-smi' and dmesg, a reset or reboot may be needed.",
        17 => "the operating system refused the request; check driver installation and dmesg.",
        18 => "the user-space NVML library and the kernel driver have different versions (typically after a driver upgrade without reboot): reboot or reload the nvidia module.",
        999 => "NVML reported an unknown internal error; check 'nvidia-smi'.",
        _ => "see the NVML documentation for this code.",
    };

    /// <summary>A full message: <c>NAME (code, "NVML's text"): explanation</c>.</summary>
    public static string Describe(int code, string? nvmlText)
    {
        var text = string.IsNullOrWhiteSpace(nvmlText) ? "" : $", \"{nvmlText}\"";
        return string.Create(CultureInfo.InvariantCulture, $"{Name(code)} ({code}{text}): {Explanation(code)}");
    }
}
