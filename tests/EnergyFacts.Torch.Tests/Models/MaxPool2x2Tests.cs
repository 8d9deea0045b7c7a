using EnergyFacts.Torch.Models.Layers;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Tests.Models;

/// <summary>The gathered 2×2 pooling against libtorch's own <c>max_pool2d(2)</c>: same values, same gradients.</summary>
public sealed class MaxPool2x2Tests
{
    public MaxPool2x2Tests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData(8, 6, 28, 28, false)]
    [InlineData(2, 16, 10, 10, false)]
    [InlineData(3, 2, 7, 9, false)] // odd sides: floor rounding drops the last row and column, as max_pool2d does
    [InlineData(4, 3, 8, 6, true)] // many ties (few distinct values, ReLU zeros): the first maximum gets the gradient
    public void Values_and_gradients_match_max_pool2d(int batch, int channels, int height, int width, bool ties)
    {
        manual_seed(7);
        using var scope = NewDisposeScope();
        var input = ties ? randint(-2, 3, [batch, channels, height, width]).to_type(ScalarType.Float32).relu() : randn(batch, channels, height, width);
        var ours = input.clone().requires_grad_(true);
        var theirs = input.clone().requires_grad_(true);
        using var pool = new MaxPool2x2();

        var pooled = pool.call(ours);
        var reference = nn.functional.max_pool2d(theirs, 2);
        var upstream = randn(reference.shape);
        pooled.mul(upstream).sum().backward();
        reference.mul(upstream).sum().backward();

        Assert.Equal(reference.shape, pooled.shape);
        Assert.True(pooled.equal(reference).all().item<bool>(), "pooled values differ from max_pool2d");
        Assert.True(ours.grad!.equal(theirs.grad!).all().item<bool>(), "gradients differ from max_pool2d's");
    }

    [Fact]
    public void Windows_are_pooled_in_place_order()
    {
        using var scope = NewDisposeScope();
        using var pool = new MaxPool2x2();
        var input = arange(16f).reshape(1, 1, 4, 4);

        var pooled = pool.call(input);

        Assert.Equal(new float[] { 5, 7, 13, 15 }, pooled.data<float>().ToArray());
    }

    [Fact]
    public void A_NaN_pools_as_max_pool2d_pools_it()
    {
        using var scope = NewDisposeScope();
        using var pool = new MaxPool2x2();
        var input = arange(16f).reshape(1, 1, 4, 4);
        input[0, 0, 1, 0] = tensor(float.NaN);

        var pooled = pool.call(input).data<float>().ToArray();

        Assert.True(float.IsNaN(pooled[0]), "a window holding NaN pools to NaN");
        Assert.Equal(new float[] { 7, 13, 15 }, pooled[1..]);
    }

    [Theory]
    [InlineData(0, 0, float.NaN)]
    [InlineData(0, 1, float.NaN)] // the window's top-left is finite: a comparison alone would pick it
    [InlineData(1, 0, float.NaN)]
    [InlineData(1, 1, float.NaN)]
    [InlineData(0, 1, float.PositiveInfinity)]
    [InlineData(1, 0, float.NegativeInfinity)]
    public void A_non_finite_value_anywhere_in_a_window_pools_and_routes_its_gradient_as_max_pool2d_does(int row, int column, float value)
    {
        manual_seed(11);
        using var scope = NewDisposeScope();
        var input = randn(2, 3, 6, 6);
        input[1, 2, 2 + row, 4 + column] = tensor(value);
        if (float.IsInfinity(value))
        {
            input[0, 0, 0, 0] = tensor(-value); // +∞ beside −∞ sums to NaN as well: the exact path must still agree
        }

        var ours = input.clone().requires_grad_(true);
        var theirs = input.clone().requires_grad_(true);
        using var pool = new MaxPool2x2();

        var pooled = pool.call(ours);
        var reference = nn.functional.max_pool2d(theirs, 2);
        pooled.sum().backward();
        reference.sum().backward();

        Assert.True(pooled.isnan().equal(reference.isnan()).all().item<bool>(), "NaN outputs differ from max_pool2d's");
        Assert.True(pooled.nan_to_num().equal(reference.nan_to_num()).all().item<bool>(), "pooled values differ from max_pool2d");
        Assert.True(ours.grad!.equal(theirs.grad!).all().item<bool>(), "gradients differ from max_pool2d's");
    }

    [Fact]
    public void Too_small_or_wrongly_shaped_input_is_refused()
    {
        using var scope = NewDisposeScope();
        using var pool = new MaxPool2x2();

        var small = Assert.Throws<ArgumentException>(() => pool.call(zeros(1, 1, 1, 5)));
        Assert.Contains("1×5", small.Message, StringComparison.Ordinal);
        var flat = Assert.Throws<ArgumentException>(() => pool.call(zeros(4, 4, 4)));
        Assert.Contains("3 dimensions", flat.Message, StringComparison.Ordinal);
    }
}
