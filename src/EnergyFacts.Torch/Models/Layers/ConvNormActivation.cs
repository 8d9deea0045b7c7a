using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models.Layers;

/// <summary>
/// Convolution → BatchNorm → optional activation, as a <c>Sequential</c> whose children are named 0, 1, 2 (the layout
/// of torchvision's <c>Conv2dNormActivation</c>). "Same" padding of (kernel − 1) / 2; the convolution has no bias
/// because the norm's shift makes it redundant.
/// </summary>
internal static class ConvNormActivation
{
    public static nn.Module<Tensor, Tensor> Create(
        long inChannels,
        long outChannels,
        long kernel,
        long stride = 1,
        long groups = 1,
        Activation activation = Activation.ReLU,
        double batchNormEpsilon = 1e-5,
        double batchNormMomentum = 0.1)
    {
        var layers = new List<nn.Module<Tensor, Tensor>>
        {
            nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: (kernel - 1) / 2, groups: groups, bias: false),
            nn.BatchNorm2d(outChannels, eps: batchNormEpsilon, momentum: batchNormMomentum),
        };
        if (ActivationModules.Create(activation) is { } act)
        {
            layers.Add(act);
        }

        return nn.Sequential(layers);
    }

    public static void Trace(ForwardCostTracer tracer, long outChannels, long kernel, long stride = 1, long groups = 1)
    {
        tracer.Conv(outChannels, kernel, stride, (kernel - 1) / 2, groups);
        tracer.ChannelNorm();
    }
}
