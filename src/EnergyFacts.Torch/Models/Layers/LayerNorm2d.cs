using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models.Layers;

/// <summary>LayerNorm over the channel dimension of an N×C×H×W tensor (ConvNeXt's stem, downsampling and head).</summary>
internal sealed class LayerNorm2d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly long channels;
    private readonly double epsilon;

    public LayerNorm2d(long channels, double epsilon = 1e-6)
        : base(nameof(LayerNorm2d))
    {
        this.channels = channels;
        this.epsilon = epsilon;
        weight = nn.Parameter(ones(channels));
        bias = nn.Parameter(zeros(channels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var channelsLast = input.permute(0, 2, 3, 1);
        var normalised = nn.functional.layer_norm(channelsLast, [channels], weight, bias, epsilon);
        return normalised.permute(0, 3, 1, 2).MoveToOuterDisposeScope();
    }
}
