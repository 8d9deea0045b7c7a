using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EnergyFacts.Torch.Tests.Models;

/// <summary>
/// Caps oneDNN at AVX2 for this test process unless the caller already chose an ISA. On the AVX-512 development VM
/// (AMD EPYC, 2 vCPUs) libtorch 2.10's oneDNN AVX-512 convolution kernels intermittently return NaN (forward and
/// backward) once wider layers have run; with ONEDNN_MAX_CPU_ISA=AVX2 the zoo tests were green 3 of 3 runs, without it
/// 1 of 3 failed. oneDNN reads the variable with getenv at first use, so it goes into the native environment via libc
/// before any test touches torch (Environment.SetEnvironmentVariable does not reach native code on Unix).
/// This belongs in TorchRuntime once the torch-core owners adopt it.
/// </summary>
internal static class OneDnnIsaCap
{
    [ModuleInitializer]
    internal static void CapAtAvx2()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = SetEnvironment("ONEDNN_MAX_CPU_ISA", "AVX2", overwrite: 0);
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnvironment(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
