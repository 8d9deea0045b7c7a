using TorchSharp;

namespace EnergyFacts.Torch;

/// <summary>The device a run asked for and the one it got.</summary>
/// <param name="Requested">The specification as given (<c>auto</c>, <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>).</param>
/// <param name="Device">The TorchSharp device tensors and modules are moved to.</param>
public sealed record TorchDeviceChoice(string Requested, torch.Device Device)
{
    /// <summary>The device used, as TorchSharp names it (<c>cpu</c>, <c>cuda:0</c>): what reports record.</summary>
    public string Name => Device.type == DeviceType.CUDA ? $"cuda:{Math.Max(Device.index, 0)}" : Device.type.ToString().ToLowerInvariant();

    /// <summary>Whether the device is a CUDA GPU.</summary>
    public bool IsCuda => Device.type == DeviceType.CUDA;
}
