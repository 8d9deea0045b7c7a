using System.Runtime.CompilerServices;

namespace EnergyFacts.Torch.Tests.Models;

/// <summary>
/// Caps oneDNN at AVX2 for this test process unless the caller already chose an ISA. On the AVX-512 development VM
/// (AMD EPYC, 2 vCPUs) libtorch 2.10's oneDNN AVX-512 convolution kernels intermittently return NaN (forward and
/// backward) once wider layers have run; with ONEDNN_MAX_CPU_ISA=AVX2 the zoo tests were green 3 of 3 runs, without it
/// 1 of 3 failed. oneDNN reads the variable with getenv at first use, so it goes into the native environment via libc
/// before any test touches torch (Environment.SetEnvironmentVariable does not reach native code on Unix).
/// The rule itself lives in <see cref="OneDnnIsaLimit"/>, which TorchRuntime applies before libtorch loads.
/// </summary>
internal static class OneDnnIsaCap
{
    // Tests touch torch directly, before TorchRuntime.EnsureLoaded would apply the cap; apply it first, from the library.
    [ModuleInitializer]
    internal static void CapAtAvx2() => OneDnnIsaLimit.Apply();
}
