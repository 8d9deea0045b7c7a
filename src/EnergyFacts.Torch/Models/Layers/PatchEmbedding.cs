using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models.Layers;

/// <summary>
/// Splits an image into non-overlapping <c>patch</c>×<c>patch</c> squares and projects each to <c>dim</c> with one
/// strided convolution (<c>proj</c>), returning B×(H/patch · W/patch)×dim tokens in row-major patch order.
/// </summary>
internal sealed class PatchEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d proj;

    public PatchEmbedding(long inChannels, long dim, long patch)
        : base(nameof(PatchEmbedding))
    {
        proj = nn.Conv2d(inChannels, dim, patch, stride: patch);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return proj.call(input).flatten(2).transpose(1, 2).MoveToOuterDisposeScope();
    }
}
