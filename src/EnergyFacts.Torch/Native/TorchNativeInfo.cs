namespace EnergyFacts.Torch;

/// <summary>Which native libtorch this process uses.</summary>
/// <param name="LibTorchSharpPath">The libLibTorchSharp.so (or .dll/.dylib) that was loaded, when known.</param>
/// <param name="ExternalLibTorchDirectory">The <c>ENERGYFACTS_LIBTORCH_DIR</c> directory preloaded, or <see langword="null"/> for the bundled CPU libtorch.</param>
/// <param name="ExternalLibTorchVersion">The PyTorch version found next to that directory (<c>torch/version.py</c>), when present.</param>
/// <param name="TorchSharpVersion">The TorchSharp assembly's informational version.</param>
public sealed record TorchNativeInfo(
    string? LibTorchSharpPath,
    string? ExternalLibTorchDirectory,
    string? ExternalLibTorchVersion,
    string TorchSharpVersion);
