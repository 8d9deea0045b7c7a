using System.Globalization;

namespace EnergyFacts.Devices;

/// <summary>What kind of device an experiment asks for.</summary>
internal enum DeviceRequestKind
{
    /// <summary>CUDA when available, else the CPU.</summary>
    Auto,

    /// <summary>The CPU.</summary>
    Cpu,

    /// <summary>A CUDA device.</summary>
    Cuda,
}

/// <summary>
/// The one device grammar of EnergyFacts: <c>auto</c>, <c>cpu</c>, <c>cuda</c> (= <c>cuda:0</c>) or <c>cuda:N</c>, lower
/// case, nothing else. <c>gpu</c> is deliberately not an alias: only CUDA devices are supported, and a name that
/// suggests any GPU would hide that. This file is compiled into EnergyFacts (checked at discovery) and
/// EnergyFacts.Torch (used to pick the device), so the two can never disagree.
/// </summary>
/// <param name="Kind">The kind of device.</param>
/// <param name="Index">The CUDA ordinal; 0 for <c>cuda</c> and for the other kinds.</param>
internal readonly record struct DeviceRequest(DeviceRequestKind Kind, int Index)
{
    public const string Allowed = "auto, cpu, cuda, cuda:N (N = 0, 1, ...)";

    /// <summary>Parses a specification, or returns <see langword="null"/> when it is not in the grammar.</summary>
    public static DeviceRequest? TryParse(string? specification) => specification switch
    {
        "auto" => new DeviceRequest(DeviceRequestKind.Auto, 0),
        "cpu" => new DeviceRequest(DeviceRequestKind.Cpu, 0),
        "cuda" => new DeviceRequest(DeviceRequestKind.Cuda, 0),
        ['c', 'u', 'd', 'a', ':', .. var ordinal] when int.TryParse(ordinal, NumberStyles.None, CultureInfo.InvariantCulture, out var index) =>
            new DeviceRequest(DeviceRequestKind.Cuda, index),
        _ => null,
    };

    /// <summary>Parses a specification.</summary>
    /// <exception cref="ArgumentException">It is not in the grammar; the message names it and what is allowed.</exception>
    public static DeviceRequest Parse(string specification) =>
        TryParse(specification) ?? throw new ArgumentException($"Device \"{specification}\" is not recognised; allowed: {Allowed}.", nameof(specification));
}
