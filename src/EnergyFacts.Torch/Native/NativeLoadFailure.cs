namespace EnergyFacts.Torch;

/// <summary>Turns the loader's message for a failed native load into cause + fix.</summary>
internal static class NativeLoadFailure
{
    public static string Describe(string loaderMessage, string library, string? externalDirectory)
    {
        string cause;
        if (loaderMessage.Contains("GLIBCXX_", StringComparison.Ordinal) && loaderMessage.Contains("not found", StringComparison.Ordinal))
        {
            cause = "it needs a libstdc++ version this machine lacks (TorchSharp 0.107.0 asks for GLIBCXX_3.4.32 for a marker symbol only; Debian 12 stops at 3.4.30). " +
                "The EnergyFacts.Torch build targets mark that requirement weak in the build output's copy: rebuild the project that runs this code " +
                "(check the build log for 'EnergyFacts.Torch: ... marked weak', that EnergyFactsWeakenLibStdCxx is not false, and that the copy being loaded is the one in the output), " +
                "or install a libstdc++ from GCC 13 or later.";
        }
        else if (loaderMessage.Contains("cannot open shared object file", StringComparison.Ordinal) || loaderMessage.Contains("No such file", StringComparison.Ordinal))
        {
            cause = externalDirectory is null
                ? "a native library is missing. Reference libtorch-cpu-linux-x64 2.10.0 (EnergyFacts.Torch does), restore and rebuild; " +
                  $"for CUDA set {ExternalLibTorch.DirectoryVariable} to a PyTorch 2.10.x torch/lib directory."
                : $"a native library is missing from {externalDirectory} or from the CUDA libraries PyTorch finds through its RPATH (nvidia/*/lib in the same site-packages).";
        }
        else
        {
            cause = "the dynamic loader refused it (see its message below).";
        }

        return $"TorchSharp's native library could not be loaded from {library}: {cause}{Environment.NewLine}Loader: {loaderMessage}";
    }
}
