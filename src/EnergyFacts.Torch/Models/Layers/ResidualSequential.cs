using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models.Layers;

/// <summary>
/// A chain of layers (<c>block</c>) with an optional identity shortcut around it and stochastic depth on the chain:
/// the body of MobileNetV2/V3 inverted residuals and EfficientNet (Fused-)MBConv blocks. The shortcut exists only when
/// the chain keeps the shape (stride 1, same width), which the caller states.
/// </summary>
internal sealed class ResidualSequential : nn.Module<Tensor, Tensor>
{
    private readonly Sequential block;
    private readonly StochasticDepth stochastic_depth;
    private readonly bool useResidual;

    public ResidualSequential(IEnumerable<nn.Module<Tensor, Tensor>> layers, bool useResidual, double dropProbability = 0)
        : base(nameof(ResidualSequential))
    {
        block = nn.Sequential(layers);
        stochastic_depth = new StochasticDepth(dropProbability);
        this.useResidual = useResidual;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        if (!useResidual)
        {
            return block.call(input);
        }

        using var scope = NewDisposeScope();
        return stochastic_depth.call(block.call(input)).add_(input).MoveToOuterDisposeScope();
    }
}
