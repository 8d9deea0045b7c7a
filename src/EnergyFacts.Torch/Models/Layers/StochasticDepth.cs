using TorchSharp;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models.Layers;

/// <summary>
/// Stochastic depth (Huang et al. 2016) in "row" mode: while training, each sample's residual branch is zeroed with
/// probability <c>p</c> and the survivors are scaled by 1/(1 − p); identity in evaluation.
/// </summary>
internal sealed class StochasticDepth : nn.Module<Tensor, Tensor>
{
    private readonly double dropProbability;

    public StochasticDepth(double dropProbability)
        : base(nameof(StochasticDepth))
    {
        if (dropProbability is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dropProbability), dropProbability, "Stochastic depth probability must be in [0, 1).");
        }

        this.dropProbability = dropProbability;
    }

    public double DropProbability => dropProbability;

    public override Tensor forward(Tensor input)
    {
        if (!training || dropProbability == 0)
        {
            return input.alias();
        }

        using var scope = NewDisposeScope();
        var survival = 1 - dropProbability;
        var maskShape = new long[input.dim()];
        Array.Fill(maskShape, 1L);
        maskShape[0] = input.shape[0];
        var mask = empty(maskShape, input.dtype, input.device).bernoulli_(survival).div_(survival);
        return (input * mask).MoveToOuterDisposeScope();
    }
}
