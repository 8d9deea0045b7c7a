using EnergyFacts.Torch.Models;

namespace EnergyFacts.Torch.Tests.Models;

/// <summary>Analytic parameter and MAC counts; these need no TorchSharp natives.</summary>
public sealed class ModelCardTests
{
    /// <summary>
    /// Published parameter counts at 1000 classes, 3×224×224: the <c>num_params</c> of each model's weight metadata in
    /// torchvision/models (timm's models of these names have the same counts; DeiT-B is ViT-B/16's architecture).
    /// </summary>
    public static TheoryData<string, long> PublishedParameters => new()
    {
        { "resnet18", 11_689_512 },
        { "resnet34", 21_797_672 },
        { "resnet50", 25_557_032 },
        { "resnet101", 44_549_160 },
        { "resnet152", 60_192_808 },
        { "mobilenetv2_100", 3_504_872 },
        { "mobilenetv3_small_100", 2_542_856 },
        { "mobilenetv3_large_100", 5_483_032 },
        { "efficientnet_b0", 5_288_548 },
        { "efficientnet_b3", 12_233_232 },
        { "efficientnetv2_s", 21_458_488 },
        { "convnext_tiny", 28_589_128 },
        { "vit_base_patch16_224", 86_567_656 },
        { "deit_base_patch16_224", 86_567_656 },
    };

    /// <summary>
    /// torchvision's published "GFLOPS" (GMACs, the <c>_ops</c> field of each weight's metadata in torchvision/models,
    /// three decimals; the docs round them to two: resnet18 1.81, resnet50 4.09, mobilenet_v2 0.30, vit_b_16 17.56,
    /// convnext_tiny 4.46, efficientnet_b0 0.39) and the resolution they were measured at.
    /// DeiT-B has no torchvision entry; it shares ViT-B/16's architecture and count.
    /// </summary>
    public static TheoryData<string, int, double> PublishedGigaMacs => new()
    {
        { "resnet18", 224, 1.814 },
        { "resnet34", 224, 3.664 },
        { "resnet50", 224, 4.089 },
        { "resnet101", 224, 7.801 },
        { "resnet152", 224, 11.514 },
        { "mobilenetv2_100", 224, 0.301 },
        { "mobilenetv3_small_100", 224, 0.057 },
        { "mobilenetv3_large_100", 224, 0.217 },
        { "efficientnet_b0", 224, 0.386 },
        { "efficientnet_b3", 300, 1.827 },
        { "efficientnetv2_s", 384, 8.366 },
        { "convnext_tiny", 224, 4.456 },
        { "vit_base_patch16_224", 224, 17.564 },
        { "deit_base_patch16_224", 224, 17.564 },
    };

    [Theory]
    [MemberData(nameof(PublishedParameters))]
    public void Analytic_parameter_count_equals_the_reference_at_ImageNet_size(string name, long expected)
    {
        var card = ModelZoo.Describe(name, ModelOptions.ImageNet);

        Assert.Equal(expected, card.Parameters);
    }

    [Theory]
    [MemberData(nameof(PublishedGigaMacs))]
    public void Analytic_MACs_round_to_torchvision_published_GFLOPS(string name, int imageSize, double publishedGigaMacs)
    {
        var card = ModelZoo.Describe(name, new ModelOptions(ImageSize: imageSize));

        // Same counting convention as torchvision: the published value is ours rounded to three decimals.
        Assert.InRange(card.ForwardGigaMacs, publishedGigaMacs - 0.0005, publishedGigaMacs + 0.0005);
        Assert.Equal(2 * card.ForwardMacs, card.ForwardFlops);
    }

    [Fact]
    public void ResNet18_MACs_follow_the_hand_count()
    {
        // conv1 112²·64·147 + layer1 4·56²·64·576 + layer2 28²·(128·576 + 3·128·1152 + 128·64)
        // + layer3 14²·(256·1152 + 3·256·2304 + 256·128) + layer4 7²·(512·2304 + 3·512·4608 + 512·256) + fc 512·1000.
        const long expected = 118_013_952 + 462_422_016 + 411_041_792 + 411_041_792 + 411_041_792 + 512_000;

        Assert.Equal(expected, ModelZoo.Describe("resnet18", ModelOptions.ImageNet).ForwardMacs);
    }

    [Fact]
    public void Smoke_models_have_their_documented_sizes()
    {
        Assert.Equal(235_146, ModelZoo.Describe("mlp", ModelOptions.FashionMnist).Parameters);
        Assert.Equal(61_728, ModelZoo.Describe("lenet", ModelOptions.FashionMnist).Parameters);
        // He et al. 2016 Table 6: ResNet-20 has 0.27 M parameters (269,722 with option-A shortcuts).
        Assert.Equal(269_722, ModelZoo.Describe("resnet20", ModelOptions.Cifar10).Parameters);
        // conv1 32²·16·27 + stage1 6·32²·16·144 + stage2/3 (16²·32·144 + 5·16²·32·288) and (8²·64·288 + 5·8²·64·576) + fc.
        Assert.Equal(40_551_040, ModelZoo.Describe("resnet20", ModelOptions.Cifar10).ForwardMacs);
        Assert.True(ModelZoo.Describe("resnet8_narrow", ModelOptions.FashionMnist).ForwardMacs
            < ModelZoo.Describe("resnet20", ModelOptions.FashionMnist).ForwardMacs / 10);
    }

    [Fact]
    public void Class_count_changes_only_the_classifier()
    {
        var imageNet = ModelZoo.Describe("resnet50", ModelOptions.ImageNet);
        var tenClasses = ModelZoo.Describe("resnet50", new ModelOptions(NumClasses: 10));

        Assert.Equal(imageNet.Parameters - (2048 * 990) - 990, tenClasses.Parameters);
    }

    [Fact]
    public void Small_inputs_use_the_documented_stems()
    {
        // ResNet: 3×3 stride-1 stem instead of 7×7 stride 2: 64·3·(49 − 9) fewer weights.
        Assert.Equal(
            ModelZoo.Describe("resnet18", ModelOptions.ImageNet).Parameters - (64 * 3 * 40),
            ModelZoo.Describe("resnet18", new ModelOptions(ImageSize: 32)).Parameters);

        // ViT: 4×4 patches and 8·8 + 1 position embeddings at 32 px instead of 16×16 patches and 197 positions.
        var vit = ModelZoo.Describe("vit_base_patch16_224", new ModelOptions(ImageSize: 32));
        Assert.Equal(86_567_656 - (768 * 3 * (256 - 16)) - (768 * (197 - 65)), vit.Parameters);
    }

    [Fact]
    public void Names_are_the_14_reference_architectures_then_the_smoke_models()
    {
        Assert.Equal(PublishedParameters.Select(row => row.Data.Item1), ModelZoo.ReferenceArchitectures);
        Assert.Equal(["mlp", "lenet", "resnet20", "resnet8_narrow"], ModelZoo.SmokeModels);
        Assert.Equal(ModelZoo.ReferenceArchitectures.Concat(ModelZoo.SmokeModels), ModelZoo.Names);
        Assert.True(ModelZoo.Contains("ResNet18"));
    }

    [Fact]
    public void Unknown_name_is_rejected_with_the_list_of_names()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelZoo.Describe("resnet19", ModelOptions.ImageNet));

        Assert.Contains("'resnet19'", error.Message, StringComparison.Ordinal);
        Assert.Contains("resnet18, resnet34", error.Message, StringComparison.Ordinal);
        Assert.Contains("resnet8_narrow", error.Message, StringComparison.Ordinal);
        Assert.Equal("name", error.ParamName);
    }

    [Fact]
    public void Too_small_input_is_rejected_naming_the_model_and_the_size()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelZoo.Describe("lenet", new ModelOptions(10, 1, 8)));

        Assert.Contains("lenet", error.Message, StringComparison.Ordinal);
        Assert.Contains("ImageSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vision_transformer_input_must_be_a_multiple_of_the_patch()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelZoo.Describe("vit_base_patch16_224", new ModelOptions(ImageSize: 100)));

        Assert.Contains("100", error.Message, StringComparison.Ordinal);
        Assert.Contains("16×16", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 3, 32, "NumClasses")]
    [InlineData(10, 0, 32, "InputChannels")]
    [InlineData(10, 3, 4, "ImageSize")]
    public void Out_of_range_options_are_rejected(int classes, int channels, int size, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ModelZoo.Describe("mlp", new ModelOptions(classes, channels, size)));

        Assert.Equal(parameter, error.ParamName);
    }
}
