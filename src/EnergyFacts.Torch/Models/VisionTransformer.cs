using EnergyFacts.Torch.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Models;

/// <summary>
/// Vision Transformer (Dosovitskiy et al. 2021) as timm <c>vit_base_patch16_224</c>; the non-distilled DeiT-B
/// (Touvron et al. 2021, timm <c>deit_base_patch16_224</c>) has the same architecture. Patch embedding by a strided
/// convolution, a learnt class token prepended, learnt absolute position embeddings, pre-norm encoder blocks
/// (<see cref="TransformerEncoderBlock"/>), a final LayerNorm and a linear head on the class token.
/// Initialisation as timm: position embedding and linears truncated-normal σ 0.02 (biases 0), class token N(0, 1e-6),
/// patch projection PyTorch's default conv init. Small inputs (≤ 64 px) use 4×4 patches instead of 16×16, so a 32 px
/// image gives 8×8 = 64 patches and 28 px gives 7×7 = 49; the position embedding is sized to patches + 1.
/// The input size must be a multiple of the patch size.
/// </summary>
internal sealed class VisionTransformer : nn.Module<Tensor, Tensor>
{
    private readonly PatchEmbedding patch_embed;
    private readonly Parameter cls_token;
    private readonly Parameter pos_embed;
    private readonly ModuleList<TransformerEncoderBlock> blocks;
    private readonly LayerNorm norm;
    private readonly Linear head;

    public VisionTransformer(VisionTransformerSize size, ModelOptions options)
        : base(nameof(VisionTransformer))
    {
        var patch = PatchSize(size, options);
        var tokens = Tokens(size, options, "VisionTransformer");
        patch_embed = new PatchEmbedding(options.InputChannels, size.Width, patch);
        cls_token = nn.Parameter(zeros(1, 1, size.Width));
        pos_embed = nn.Parameter(zeros(1, tokens, size.Width));
        blocks = nn.ModuleList(Enumerable.Range(0, size.Depth)
            .Select(i => new TransformerEncoderBlock(size.Width, size.Heads, size.MlpRatio, size.DropPathProbability * i / Math.Max(1, size.Depth - 1)))
            .ToArray());
        norm = nn.LayerNorm(size.Width, eps: 1e-6);
        head = nn.Linear(size.Width, options.NumClasses);
        RegisterComponents();

        ReferenceInitialization.TruncatedNormal(this, includeConvolutions: false);
        using var noGrad = no_grad();
        ReferenceInitialization.TruncatedNormal(pos_embed, 0.02);
        nn.init.normal_(cls_token, std: 1e-6);
    }

    public static void Trace(VisionTransformerSize size, ModelOptions options, ForwardCostTracer tracer, string name)
    {
        var patch = PatchSize(size, options);
        var tokens = Tokens(size, options, name);
        tracer.Conv(size.Width, patch, patch, bias: true);
        tracer.ExtraParameters(size.Width + tokens * size.Width);
        for (var i = 0; i < size.Depth; i++)
        {
            TransformerEncoderBlock.Trace(tracer, tokens, size.Width, size.MlpRatio);
        }

        tracer.LayerNorm(size.Width);
        tracer.Linear(size.Width, options.NumClasses);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var patches = patch_embed.call(input);
        var x = cat([cls_token.expand(patches.shape[0], -1, -1), patches], 1) + pos_embed;
        foreach (var block in blocks)
        {
            x = block.call(x);
        }

        var classToken = norm.call(x).select(1, 0);
        return head.call(classToken).MoveToOuterDisposeScope();
    }

    private static long PatchSize(VisionTransformerSize size, ModelOptions options) =>
        options.IsSmallInput ? VisionTransformerSize.SmallInputPatch : size.Patch;

    private static long Tokens(VisionTransformerSize size, ModelOptions options, string name)
    {
        var patch = PatchSize(size, options);
        if (options.ImageSize % patch != 0)
        {
            throw new ArgumentException(
                $"{name}: ModelOptions.ImageSize = {options.ImageSize} is not a multiple of the {patch}×{patch} patch size; use a multiple of {patch}.",
                nameof(options));
        }

        var side = options.ImageSize / patch;
        return side * side + 1;
    }
}

/// <summary>Patch size, width, depth, heads and MLP ratio of a ViT size, plus its stochastic-depth rate.</summary>
internal sealed record VisionTransformerSize(long Patch, long Width, int Depth, long Heads, long MlpRatio, double DropPathProbability)
{
    /// <summary>Patch size used for inputs of at most <see cref="ModelOptions.SmallInputMaxPixels"/> pixels.</summary>
    public const long SmallInputPatch = 4;

    /// <summary>ViT-B/16 (timm default: no stochastic depth).</summary>
    public static VisionTransformerSize BasePatch16 { get; } = new(16, 768, 12, 12, 4, 0.0);

    /// <summary>DeiT-B: ViT-B/16 with the DeiT recipe's stochastic depth 0.1 (Touvron et al. 2021, Table 9).</summary>
    public static VisionTransformerSize DeiTBasePatch16 { get; } = new(16, 768, 12, 12, 4, 0.1);
}
