using System.Globalization;
using EnergyFacts.Devices;
using TorchSharp;

namespace EnergyFacts.Torch;

/// <summary>Resolves a device specification: <c>auto</c> (CUDA when TorchSharp can initialise it, else CPU), <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>.</summary>
public static class TorchDevices
{
    /// <summary>The specification that picks CUDA when available and CPU otherwise.</summary>
    public const string Auto = "auto";

    /// <summary>Resolves <paramref name="specification"/> on this machine, loading the native libraries first.</summary>
    /// <param name="specification">One of <c>auto</c>, <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> (case-insensitive).</param>
    /// <returns>The device to use.</returns>
    /// <exception cref="ArgumentException">The specification is not one of the allowed forms.</exception>
    /// <exception cref="TorchUnavailableException">Torch cannot load, or CUDA was asked for and is not available.</exception>
    public static TorchDeviceChoice Resolve(string specification)
    {
        var request = DeviceRequest.Parse(specification);
        TorchRuntime.EnsureLoaded();
        if (request.Kind == DeviceRequestKind.Cpu)
        {
            return new TorchDeviceChoice(specification, torch.CPU);
        }

        bool cuda = torch.cuda.is_available();
        if (request.Kind == DeviceRequestKind.Auto)
        {
            return new TorchDeviceChoice(specification, cuda ? torch.CUDA : torch.CPU);
        }

        if (!cuda)
        {
            throw new TorchUnavailableException($"Device \"{specification}\" was requested, but CUDA is not available in this process: " +
                "the loaded libtorch is the bundled CPU build (libtorch-cpu-linux-x64), or no NVIDIA GPU/driver is visible. " +
                $"For CUDA, set {ExternalLibTorch.DirectoryVariable} to the torch/lib directory of a PyTorch {ExternalLibTorch.RequiredMinorVersion}.x CUDA install, " +
                "build with -p:EnergyFactsLibTorch=external, and check nvidia-smi; or use Device=\"auto\" to fall back to the CPU.");
        }

        long count = torch.cuda.device_count();
        if (request.Index >= count)
        {
            throw new TorchUnavailableException(string.Create(CultureInfo.InvariantCulture,
                $"Device \"{specification}\" was requested, but this machine has {count} CUDA device(s) (valid: cuda:0 to cuda:{count - 1})."));
        }

        return new TorchDeviceChoice(specification, torch.device(DeviceType.CUDA, request.Index));
    }
}
