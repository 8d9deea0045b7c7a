using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models.Layers;

/// <summary>Weight initialisations of the reference implementations, applied over a whole module tree.</summary>
internal static class ReferenceInitialization
{
    /// <summary>
    /// torchvision CNN scheme: convolutions Kaiming-normal (fan_out, ReLU gain), conv biases zero,
    /// BatchNorm weight 1 and bias 0. Linear layers are left to <paramref name="linear"/> (null keeps PyTorch's default).
    /// </summary>
    public static void ConvolutionalNetwork(nn.Module root, Action<Linear>? linear = null)
    {
        using var noGrad = no_grad();
        foreach (var (_, module) in root.named_modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
                    if (conv.bias is { } convBias)
                    {
                        nn.init.zeros_(convBias);
                    }

                    break;
                case BatchNorm2d norm:
                    nn.init.ones_(norm.weight);
                    if (norm.bias is { } normBias)
                    {
                        nn.init.zeros_(normBias);
                    }

                    break;
                case Linear layer when linear is not null:
                    linear(layer);
                    break;
            }
        }
    }

    /// <summary>Linear weight N(0, <paramref name="std"/>), bias 0 (MobileNet classifiers).</summary>
    public static Action<Linear> NormalLinear(double std) => layer =>
    {
        nn.init.normal_(layer.weight, 0, std);
        ZeroBias(layer);
    };

    /// <summary>Linear weight U(−1/√out, 1/√out), bias 0 (EfficientNet classifier).</summary>
    public static Action<Linear> UniformByOutputsLinear() => layer =>
    {
        var range = 1.0 / Math.Sqrt(layer.weight.shape[0]);
        nn.init.uniform_(layer.weight, -range, range);
        ZeroBias(layer);
    };

    /// <summary>
    /// Transformer / ConvNeXt scheme: convolutions (when <paramref name="includeConvolutions"/>) and linear layers
    /// truncated-normal with σ = 0.02 cut at ±2, biases zero; LayerNorms keep weight 1, bias 0.
    /// </summary>
    public static void TruncatedNormal(nn.Module root, bool includeConvolutions)
    {
        using var noGrad = no_grad();
        foreach (var (_, module) in root.named_modules())
        {
            switch (module)
            {
                case Linear layer:
                    TruncatedNormal(layer.weight, 0.02);
                    ZeroBias(layer);
                    break;
                case Conv2d conv when includeConvolutions:
                    TruncatedNormal(conv.weight, 0.02);
                    if (conv.bias is { } convBias)
                    {
                        nn.init.zeros_(convBias);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="tensor"/> with N(0, <paramref name="std"/>²) truncated to [−2, 2] by inverse-CDF sampling.
    /// TorchSharp 0.107.0's <c>nn.init.trunc_normal_</c> cannot be used: its native side multiplies by the mean and
    /// adds the standard deviation (and drops the √2), so with mean 0 every element becomes exactly <c>std</c>.
    /// </summary>
    public static void TruncatedNormal(Tensor tensor, double std, double lower = -2, double upper = 2)
    {
        using var noGrad = no_grad();
        var lowerCdf = NormalCdf(lower / std);
        var upperCdf = NormalCdf(upper / std);
        // U(2Φ(a)−1, 2Φ(b)−1) through erfinv gives a standard normal restricted to [a/σ, b/σ], up to the √2 and σ.
        tensor.uniform_(2 * lowerCdf - 1, 2 * upperCdf - 1);
        tensor.erfinv_().mul_(std * Math.Sqrt(2)).clamp_(lower, upper);
    }

    private static double NormalCdf(double x)
    {
        using var value = torch.tensor(x / Math.Sqrt(2), ScalarType.Float64);
        using var erf = value.erf();
        return (1 + erf.item<double>()) / 2;
    }

    private static void ZeroBias(Linear layer)
    {
        if (layer.bias is { } bias)
        {
            nn.init.zeros_(bias);
        }
    }
}
