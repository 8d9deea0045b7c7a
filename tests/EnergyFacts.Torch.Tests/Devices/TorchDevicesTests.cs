using TorchSharp;

namespace EnergyFacts.Torch.Tests.Devices;

public sealed class TorchDevicesTests
{
    [Fact]
    public void Auto_picks_cuda_exactly_when_torch_reports_it_available()
    {
        var choice = TorchDevices.Resolve("auto");

        Assert.Equal(torch.cuda.is_available(), choice.IsCuda);
        Assert.Equal(choice.IsCuda ? "cuda:0" : "cpu", choice.Name);
        Assert.Equal("auto", choice.Requested);
    }

    [Fact]
    public void Cpu_is_always_cpu()
    {
        Assert.Equal("cpu", TorchDevices.Resolve("cpu").Name);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    [InlineData("cuda:3")]
    public void Cuda_without_a_gpu_fails_with_cause_and_fix(string specification)
    {
        Assert.SkipWhen(torch.cuda.is_available(), "this machine has CUDA");

        var error = Assert.Throws<TorchUnavailableException>(() => TorchDevices.Resolve(specification));

        Assert.Contains($"Device \"{specification}\" was requested, but CUDA is not available", error.Message, StringComparison.Ordinal);
        Assert.Contains(ExternalLibTorch.DirectoryVariable, error.Message, StringComparison.Ordinal);
        // The failure leaves torch usable for CPU work in the same process.
        using var t = torch.ones(2);
        Assert.Equal(2f, t.sum().item<float>());
    }

    [Theory]
    [InlineData("gpu0")]
    [InlineData("gpu")]
    [InlineData(" CPU ")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    [InlineData("")]
    public void Unknown_specification_lists_the_allowed_ones(string specification)
    {
        var error = Assert.Throws<ArgumentException>(() => TorchDevices.Resolve(specification));

        Assert.Contains($"Device \"{specification}\" is not recognised; allowed: auto, cpu, cuda, cuda:N", error.Message, StringComparison.Ordinal);
    }
}
