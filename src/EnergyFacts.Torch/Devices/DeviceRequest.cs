using System.Globalization;

namespace EnergyFacts.Torch;

/// <summary>Which kind of device a specification asks for.</summary>
internal enum DeviceRequestKind
{
    Auto,
    Cpu,
    Cuda,
}

/// <summary>A parsed device specification; parsing touches no native code.</summary>
internal readonly record struct DeviceRequest(DeviceRequestKind Kind, int Index)
{
    public static DeviceRequest Parse(string specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        string text = specification.Trim().ToLowerInvariant();
        switch (text)
        {
            case "auto":
                return new DeviceRequest(DeviceRequestKind.Auto, 0);
            case "cpu":
                return new DeviceRequest(DeviceRequestKind.Cpu, 0);
            case "cuda" or "gpu":
                return new DeviceRequest(DeviceRequestKind.Cuda, 0);
        }

        if (text.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            return new DeviceRequest(DeviceRequestKind.Cuda, index);
        }

        throw new ArgumentException($"Device \"{specification}\" is not recognised; allowed: auto, cpu, cuda, cuda:N (N = 0, 1, ...).", nameof(specification));
    }
}
