using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models.Layers;

/// <summary>
/// Squeeze-and-excitation (Hu et al. 2018) with 1×1 convolutions as in torchvision's <c>ops.SqueezeExcitation</c>:
/// global average → fc1 (C→S, bias) → activation → fc2 (S→C, bias) → gate → channel-wise scale of the input.
/// </summary>
internal sealed class SqueezeExcitation : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d fc1;
    private readonly nn.Module<Tensor, Tensor> activation;
    private readonly Conv2d fc2;
    private readonly nn.Module<Tensor, Tensor> scale_activation;

    /// <param name="channels">Channels of the input and of the gate.</param>
    /// <param name="squeezeChannels">Width of the bottleneck.</param>
    /// <param name="activation">Bottleneck activation (ReLU for MobileNetV3, SiLU for EfficientNet).</param>
    /// <param name="hardGate">Hardsigmoid gate (MobileNetV3) instead of sigmoid (EfficientNet).</param>
    public SqueezeExcitation(long channels, long squeezeChannels, Activation activation, bool hardGate)
        : base(nameof(SqueezeExcitation))
    {
        fc1 = nn.Conv2d(channels, squeezeChannels, 1);
        this.activation = ActivationModules.Create(activation) ?? nn.Identity();
        fc2 = nn.Conv2d(squeezeChannels, channels, 1);
        scale_activation = hardGate ? nn.Hardsigmoid() : nn.Sigmoid();
        RegisterComponents();
    }

    public static void Trace(ForwardCostTracer tracer, long squeezeChannels)
    {
        var input = tracer.Shape;
        tracer.GlobalPool();
        tracer.Conv(squeezeChannels, 1, bias: true);
        tracer.Conv(input.Channels, 1, bias: true);
        tracer.Shape = input;
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var squeezed = input.mean([2, 3], keepdim: true);
        var gate = scale_activation.call(fc2.call(activation.call(fc1.call(squeezed))));
        return (input * gate).MoveToOuterDisposeScope();
    }
}
