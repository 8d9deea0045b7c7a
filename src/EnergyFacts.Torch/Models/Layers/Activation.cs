using TorchSharp;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models.Layers;

/// <summary>Non-linearities used by the zoo's blocks.</summary>
internal enum Activation
{
    None,
    ReLU,
    ReLU6,
    Hardswish,
    SiLU,
    GELU,
}

internal static class ActivationModules
{
    /// <summary>A fresh activation module, or null for <see cref="Activation.None"/>.</summary>
    public static nn.Module<Tensor, Tensor>? Create(Activation activation) => activation switch
    {
        Activation.None => null,
        Activation.ReLU => nn.ReLU(inplace: true),
        Activation.ReLU6 => nn.ReLU6(inplace: true),
        Activation.Hardswish => nn.Hardswish(inplace: true),
        Activation.SiLU => nn.SiLU(inplace: true),
        Activation.GELU => nn.GELU(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };
}
