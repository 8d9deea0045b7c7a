using EnergyFacts.Torch.Models;
using EnergyFacts.Torch.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Tests.Models;

/// <summary>Builds the zoo's modules with TorchSharp: parameter counts, forward shapes, hooked MACs, gradients, init.</summary>
public sealed class ModelZooTorchTests
{
    public ModelZooTorchTests() => TorchRuntime.EnsureLoaded();

    public static TheoryData<string, long> PublishedParameters => ModelCardTests.PublishedParameters;

    public static TheoryData<string> AllModels => new(ModelZoo.Names);

    /// <summary>
    /// One model per block family, plus the smoke models, for the backward-pass test. resnet50 also guards the
    /// subsample-then-project shortcut: with a stride-2 1×1 convolution there, libtorch 2.10's oneDNN backward kills
    /// the process with SIGFPE on AVX-512 hosts such as the development VM.
    /// </summary>
    public static TheoryData<string> BlockFamilies => new(
        "resnet18", "resnet50", "mobilenetv2_100", "mobilenetv3_small_100", "efficientnet_b0", "efficientnetv2_s",
        "convnext_tiny", "vit_base_patch16_224", "mlp", "lenet", "resnet20", "resnet8_narrow");

    [Theory]
    [MemberData(nameof(PublishedParameters))]
    public void Built_module_has_the_published_parameter_count(string name, long expected)
    {
        long built;
        using (var model = ModelZoo.Create(name, ModelOptions.ImageNet))
        {
            built = ModelZoo.CountParameters(model);
        }

        // The big models hold hundreds of MB of native memory; release it before the next row.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(expected, built);
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void Forward_of_two_CIFAR_100_images_gives_two_rows_of_100_finite_logits(string name)
    {
        using var model = ModelZoo.Create(name, ModelOptions.Cifar100);
        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();

        var logits = model.call(randn(2, 3, 32, 32));

        Assert.Equal([2L, 100L], logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
        Assert.Equal(ModelZoo.Describe(name, ModelOptions.Cifar100).Parameters, ModelZoo.CountParameters(model));
    }

    [Theory]
    [MemberData(nameof(AllModels))]
    public void MACs_counted_by_forward_hooks_on_Fashion_MNIST_input_equal_the_analytic_card(string name)
    {
        using var model = ModelZoo.Create(name, ModelOptions.FashionMnist);
        model.eval();
        var counter = new ForwardMacCounter(model);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();

        var logits = model.call(randn(1, 1, 28, 28));

        Assert.Equal([1L, 10L], logits.shape);
        Assert.Equal(ModelZoo.Describe(name, ModelOptions.FashionMnist).ForwardMacs, counter.MacsPerImage(1));
    }

    [Theory]
    [MemberData(nameof(BlockFamilies))]
    public void Training_step_reaches_every_parameter(string name)
    {
        // 32 px leaves the stride-16 CNNs a 2×2 map, so train-mode BatchNorm sees 8 values per channel (at 1×1 and
        // batch 2 its statistics degenerate and gradients overflow); ViT has no BatchNorm and runs at 16 px (17 tokens)
        // to keep its backward pass cheap.
        var size = name == "vit_base_patch16_224" ? 16 : 32;
        manual_seed(1);
        using var model = ModelZoo.Create(name, new ModelOptions(10, 1, size));
        model.train();
        using var scope = NewDisposeScope();

        var loss = nn.functional.cross_entropy(model.call(randn(2, 1, size, size)), tensor(new long[] { 3, 7 }));
        loss.backward();

        Assert.True(loss.isfinite().item<bool>());
        // Every gradient must exist and be finite, at oneDNN's default (widest) kernels: this is also the test that
        // once showed libtorch 2.10's AVX-512 convolutions on an AMD EPYC return NaN for narrow layers, which no later
        // run on such a CPU reproduced (bench/training-throughput/README.md).
        var missing = model.named_parameters()
            .Where(p => p.parameter.grad is null || !p.parameter.grad.isfinite().all().item<bool>())
            .Select(p => p.name)
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Same_seed_builds_identical_weights()
    {
        manual_seed(42);
        using var first = ModelZoo.Create("lenet", ModelOptions.FashionMnist);
        manual_seed(42);
        using var second = ModelZoo.Create("lenet", ModelOptions.FashionMnist);
        manual_seed(43);
        using var third = ModelZoo.Create("lenet", ModelOptions.FashionMnist);

        var pairs = first.parameters().Zip(second.parameters(), third.parameters()).ToList();
        Assert.All(pairs, p => Assert.True(p.First.Equals(p.Second)));
        Assert.Contains(pairs, p => !p.First.Equals(p.Third));
    }

    [Fact]
    public void ResNet_state_dict_uses_torchvision_names()
    {
        using var model = ModelZoo.Create("resnet18", ModelOptions.ImageNet);

        var keys = model.state_dict().Keys.ToHashSet();

        Assert.Contains("conv1.weight", keys);
        Assert.Contains("bn1.running_mean", keys);
        Assert.Contains("layer1.0.conv1.weight", keys);
        Assert.Contains("layer2.0.downsample.0.weight", keys);
        Assert.Contains("layer4.1.bn2.num_batches_tracked", keys);
        Assert.Contains("fc.bias", keys);
        Assert.DoesNotContain("layer1.0.downsample.0.weight", keys);
    }

    [Fact]
    public void Reference_initialisation_is_applied()
    {
        manual_seed(0);
        using var convNext = ModelZoo.Create("convnext_tiny", ModelOptions.Cifar10);
        var layerScales = convNext.named_parameters().Where(p => p.name.EndsWith("layer_scale", StringComparison.Ordinal)).ToList();
        Assert.Equal(18, layerScales.Count);
        Assert.All(layerScales, p => Assert.True(p.parameter.eq(1e-6f).all().item<bool>()));
        var convNextHead = convNext.named_parameters().Single(p => p.name == "head.weight").parameter;
        Assert.InRange(convNextHead.std().item<float>(), 0.0185f, 0.0215f); // σ 0.02; the ±2 cut is 100 σ away
        Assert.True(convNextHead.abs().max().item<float>() <= 2f);

        using var resnet = ModelZoo.Create("resnet50", ModelOptions.Cifar10);
        var norms = resnet.modules().OfType<BatchNorm2d>().ToList();
        Assert.All(norms, bn => Assert.True(bn.weight.eq(1f).all().item<bool>() && bn.bias!.eq(0f).all().item<bool>()));
        var stem = resnet.named_parameters().Single(p => p.name == "conv1.weight").parameter;
        // Kaiming normal, fan_out, ReLU gain: σ = √(2 / (64·3·3)).
        Assert.InRange(stem.std().item<float>(), 0.8 * Math.Sqrt(2.0 / 576), 1.2 * Math.Sqrt(2.0 / 576));

        using var vit = ModelZoo.Create("vit_base_patch16_224", ModelOptions.Cifar10);
        var parameters = vit.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal([1L, 65L, 768L], parameters["pos_embed"].shape);
        Assert.True(parameters["cls_token"].abs().max().item<float>() < 1e-4f);
        Assert.True(parameters["blocks.0.attn.qkv.bias"].eq(0f).all().item<bool>());
        Assert.InRange(parameters["blocks.11.mlp.fc2.weight"].std().item<float>(), 0.0195f, 0.0205f);
    }

    [Fact]
    public void Stochastic_depth_drops_whole_samples_only_in_training()
    {
        using var depth = new StochasticDepth(0.5);
        using var scope = NewDisposeScope();
        var input = ones(4000, 3, 2, 2);
        manual_seed(5);

        var trained = depth.call(input);
        depth.eval();
        var evaluated = depth.call(input);

        Assert.True(evaluated.Equals(input));
        var perSample = trained.reshape(4000, -1);
        Assert.True(perSample.amax(1).eq(perSample.amin(1)).all().item<bool>()); // a sample is kept or dropped whole
        Assert.True(trained.eq(0).logical_or(trained.eq(2)).all().item<bool>());
        Assert.InRange(perSample.select(1, 0).mean().item<float>(), 0.9f, 1.1f);
    }

    [Fact]
    public void Subsampling_before_a_1x1_projection_equals_the_stride_2_projection()
    {
        manual_seed(3);
        using var scope = NewDisposeScope();
        var input = randn(2, 64, 15, 15);
        var weight = randn(256, 64, 1, 1);

        var strided = nn.functional.conv2d(input, weight, strides: [2, 2]);
        var subsampled = nn.functional.conv2d(input.slice(2, 0, 15, 2).slice(3, 0, 15, 2), weight);

        Assert.Equal([2L, 256L, 8L, 8L], subsampled.shape);
        Assert.True(strided.allclose(subsampled, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void Option_A_shortcut_pads_channels_without_parameters()
    {
        using var model = ModelZoo.Create("resnet20", ModelOptions.Cifar10);

        Assert.DoesNotContain(model.named_parameters(), p => p.name.Contains("downsample", StringComparison.Ordinal));
        Assert.Equal(269_722, ModelZoo.CountParameters(model));
    }

    /// <summary>Counts MACs from the shapes convolution, linear and attention modules actually see in a forward pass.</summary>
    private sealed class ForwardMacCounter
    {
        private long total;

        public ForwardMacCounter(nn.Module model)
        {
            foreach (var module in model.modules())
            {
                switch (module)
                {
                    case Conv2d conv:
                        conv.register_forward_hook((m, input, output) =>
                        {
                            var weight = ((Conv2d)m).weight.shape; // out × in/groups × kh × kw
                            total += output.numel() * weight[1] * weight[2] * weight[3];
                            return output;
                        });
                        break;
                    case Linear linear:
                        linear.register_forward_hook((m, input, output) =>
                        {
                            total += output.numel() * ((Linear)m).weight.shape[1];
                            return output;
                        });
                        break;
                    case SelfAttention attention:
                        attention.register_forward_hook((m, input, output) =>
                        {
                            // Q·Kᵀ and A·V: 2 · batch · N² · C.
                            total += 2 * input.shape[0] * input.shape[1] * input.shape[1] * input.shape[2];
                            return output;
                        });
                        break;
                }
            }
        }

        public long MacsPerImage(long batch) => total / batch;
    }
}
