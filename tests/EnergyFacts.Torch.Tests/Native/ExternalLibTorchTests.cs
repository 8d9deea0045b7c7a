using EnergyFacts.Torch.Tests.Data;

namespace EnergyFacts.Torch.Tests.Native;

public sealed class ExternalLibTorchTests
{
    [Fact]
    public void A_pytorch_2_10_lib_directory_preloads_libtorch_cuda_then_libtorch()
    {
        using var dir = FakeTorchInstall("2.10.0+cu128", withCuda: true);

        var plan = ExternalLibTorch.Inspect(dir.File("torch/lib"));

        Assert.Equal("2.10.0+cu128", plan.Version);
        Assert.Equal([dir.File("torch/lib/libtorch_cuda.so"), dir.File("torch/lib/libtorch.so")], plan.PreloadOrder);
    }

    [Fact]
    public void Another_minor_version_is_refused_with_the_constraint_explained()
    {
        using var dir = FakeTorchInstall("2.11.0+cu130", withCuda: true);

        var error = Assert.Throws<TorchUnavailableException>(() => ExternalLibTorch.Inspect(dir.File("torch/lib")));

        Assert.Contains("holds PyTorch 2.11.0+cu130", error.Message, StringComparison.Ordinal);
        Assert.Contains("built against libtorch 2.10.x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_without_libtorch_is_refused()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<TorchUnavailableException>(() => ExternalLibTorch.Inspect(dir.Path));

        Assert.Contains("no libtorch.so in that directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_directory_is_refused()
    {
        var error = Assert.Throws<TorchUnavailableException>(() => ExternalLibTorch.Inspect("/nonexistent/torch/lib"));

        Assert.StartsWith("ENERGYFACTS_LIBTORCH_DIR=/nonexistent/torch/lib: directory does not exist.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2.10.0", true)]
    [InlineData("2.10.2+cu126", true)]
    [InlineData("2.1.0", false)]
    [InlineData("2.100.0", false)]
    [InlineData("2.9.1", false)]
    public void Only_the_2_10_series_is_supported(string version, bool supported) =>
        Assert.Equal(supported, ExternalLibTorch.IsSupported(version));

    [Fact]
    public void Loader_messages_map_to_a_cause_and_fix()
    {
        string glibcxx = NativeLoadFailure.Describe("/x/libLibTorchSharp.so: /lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found", "/x/libLibTorchSharp.so", null);
        string missing = NativeLoadFailure.Describe("libtorch_cpu.so: cannot open shared object file: No such file or directory", "LibTorchSharp", null);

        Assert.Contains("marked weak", glibcxx, StringComparison.Ordinal);
        Assert.Contains("GCC 13", glibcxx, StringComparison.Ordinal);
        Assert.Contains("Reference libtorch-cpu-linux-x64 2.10.0", missing, StringComparison.Ordinal);
        Assert.Contains("Loader: libtorch_cpu.so: cannot open", missing, StringComparison.Ordinal);
    }

    private static TempDirectory FakeTorchInstall(string version, bool withCuda)
    {
        var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("torch/lib"));
        File.WriteAllText(dir.File("torch/version.py"), $"from typing import Optional\n__version__ = '{version}'\ndebug = False\n");
        File.WriteAllBytes(dir.File("torch/lib/libtorch.so"), []);
        if (withCuda)
        {
            File.WriteAllBytes(dir.File("torch/lib/libtorch_cuda.so"), []);
        }

        return dir;
    }
}
