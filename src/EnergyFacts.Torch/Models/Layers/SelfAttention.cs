using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models.Layers;

/// <summary>
/// Multi-head self-attention over a B×N×C token sequence: one fused <c>qkv</c> linear (C→3C, bias), per-head
/// <c>scaled_dot_product_attention</c>, and an output projection <c>proj</c> (C→C, bias), as in ViT/DeiT.
/// </summary>
internal sealed class SelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear qkv;
    private readonly Linear proj;
    private readonly long heads;

    public SelfAttention(long dim, long heads)
        : base(nameof(SelfAttention))
    {
        if (dim % heads != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(heads), heads, $"Embedding width {dim} is not divisible by {heads} heads.");
        }

        this.heads = heads;
        qkv = nn.Linear(dim, 3 * dim);
        proj = nn.Linear(dim, dim);
        RegisterComponents();
    }

    public static void Trace(ForwardCostTracer tracer, long tokens, long dim)
    {
        tracer.Linear(dim, 3 * dim, tokens);
        tracer.AttentionProducts(tokens, dim);
        tracer.Linear(dim, dim, tokens);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var (batch, tokens, dim) = (input.shape[0], input.shape[1], input.shape[2]);
        // B×N×3C → 3×B×heads×N×headDim, so q, k and v are views of one projection.
        var projected = qkv.call(input).reshape(batch, tokens, 3, heads, dim / heads).permute(2, 0, 3, 1, 4);
        var attended = nn.functional.scaled_dot_product_attention(projected[0], projected[1], projected[2]);
        var merged = attended.transpose(1, 2).reshape(batch, tokens, dim);
        return proj.call(merged).MoveToOuterDisposeScope();
    }
}
