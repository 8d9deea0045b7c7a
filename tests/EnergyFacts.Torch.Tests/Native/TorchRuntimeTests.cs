using EnergyFacts.Torch.Build;
using TorchSharp;

namespace EnergyFacts.Torch.Tests.Native;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void Native_libraries_load_on_this_machine_and_compute()
    {
        var info = TorchRuntime.EnsureLoaded();

        Assert.NotNull(info.LibTorchSharpPath);
        string? external = Environment.GetEnvironmentVariable(ExternalLibTorch.DirectoryVariable);
        Assert.Equal(string.IsNullOrWhiteSpace(external) ? null : Path.GetFullPath(external), info.ExternalLibTorchDirectory);
        using var a = torch.ones(2, 3);
        using var b = torch.ones(3, 4);
        using var product = a.matmul(b);
        Assert.Equal(new long[] { 2, 4 }, product.shape);
        Assert.Equal(3f, product[1, 2].item<float>());
    }

    [Fact]
    public void Loaded_copy_in_the_output_has_the_libstdcxx_requirement_satisfied_or_weak()
    {
        var info = TorchRuntime.EnsureLoaded();
        var host = LibStdCxxVersionPatchHost.Versions();

        var missing = ElfVersionNeeds.Read(info.LibTorchSharpPath!).Requirements
            .Where(r => r.File == "libstdc++.so.6" && !host.Contains(r.Version))
            .ToList();

        Assert.All(missing, r => Assert.True(r.IsWeak, r.ToString()));
    }
}
