using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models.Layers;

/// <summary>
/// Pre-norm transformer encoder block of ViT/DeiT: x + drop(attn(norm1(x))), then x + drop(mlp(norm2(x))) with a
/// GELU MLP of width <c>mlpRatio × dim</c>. LayerNorm ε = 1e-6 as in the references.
/// </summary>
internal sealed class TransformerEncoderBlock : nn.Module<Tensor, Tensor>
{
    private const double NormEpsilon = 1e-6;

    private readonly LayerNorm norm1;
    private readonly SelfAttention attn;
    private readonly StochasticDepth drop_path1;
    private readonly LayerNorm norm2;
    private readonly TokenMlp mlp;
    private readonly StochasticDepth drop_path2;

    public TransformerEncoderBlock(long dim, long heads, long mlpRatio, double dropPathProbability)
        : base(nameof(TransformerEncoderBlock))
    {
        norm1 = nn.LayerNorm(dim, eps: NormEpsilon);
        attn = new SelfAttention(dim, heads);
        drop_path1 = new StochasticDepth(dropPathProbability);
        norm2 = nn.LayerNorm(dim, eps: NormEpsilon);
        mlp = new TokenMlp(dim, mlpRatio * dim);
        drop_path2 = new StochasticDepth(dropPathProbability);
        RegisterComponents();
    }

    public static void Trace(ForwardCostTracer tracer, long tokens, long dim, long mlpRatio)
    {
        tracer.LayerNorm(dim);
        SelfAttention.Trace(tracer, tokens, dim);
        tracer.LayerNorm(dim);
        tracer.Linear(dim, mlpRatio * dim, tokens);
        tracer.Linear(mlpRatio * dim, dim, tokens);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input + drop_path1.call(attn.call(norm1.call(input)));
        x = x + drop_path2.call(mlp.call(norm2.call(x)));
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>fc1 → GELU → fc2, applied to every token.</summary>
    private sealed class TokenMlp : nn.Module<Tensor, Tensor>
    {
        private readonly Linear fc1;
        private readonly GELU act;
        private readonly Linear fc2;

        public TokenMlp(long dim, long hidden)
            : base(nameof(TokenMlp))
        {
            fc1 = nn.Linear(dim, hidden);
            act = nn.GELU();
            fc2 = nn.Linear(hidden, dim);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            return fc2.call(act.call(fc1.call(input))).MoveToOuterDisposeScope();
        }
    }
}
