using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace EnergyFacts.Torch;

/// <summary>
/// Loads TorchSharp's native side once per process, before anything touches <c>torch</c>. TorchSharp's <c>torch</c>
/// type initializer caches its failure, after which every use of <c>torch</c> in the process throws an opaque
/// <see cref="TypeInitializationException"/>; loading LibTorchSharp here first turns a failure into one
/// <see cref="TorchUnavailableException"/> with the cause and the fix, and leaves <c>torch</c> untouched.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lazy<LoadOutcome> Outcome = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads the native libraries if not done yet and returns what was loaded.</summary>
    /// <returns>The native libraries in use.</returns>
    /// <exception cref="TorchUnavailableException">They cannot be loaded; the message says why and how to fix it.</exception>
    public static TorchNativeInfo EnsureLoaded()
    {
        var outcome = Outcome.Value;
        if (outcome.Info is not null)
        {
            return outcome.Info;
        }

        // A fresh exception per call keeps each caller's stack trace; the cause is shared.
        throw new TorchUnavailableException(outcome.Failure!.Message, outcome.Failure.InnerException ?? outcome.Failure);
    }

    /// <summary>Like <see cref="EnsureLoaded"/>, without throwing.</summary>
    /// <param name="info">The native libraries in use, on success.</param>
    /// <param name="failure">Cause and fix, on failure.</param>
    /// <returns>Whether TorchSharp is usable in this process.</returns>
    public static bool TryEnsureLoaded([NotNullWhen(true)] out TorchNativeInfo? info, [NotNullWhen(false)] out string? failure)
    {
        var outcome = Outcome.Value;
        info = outcome.Info;
        failure = outcome.Failure?.Message;
        return info is not null;
    }

    private static LoadOutcome Load()
    {
        try
        {
            return new LoadOutcome(LoadOrThrow(), null);
        }
        catch (TorchUnavailableException e)
        {
            return new LoadOutcome(null, e);
        }
    }

    private static TorchNativeInfo LoadOrThrow()
    {
        NativeHeapRetention.Apply();
        var torchAssembly = typeof(torch).Assembly; // typeof does not run the type initializer
        string? libTorchSharp = NativeLibraryLocation.FindLibTorchSharp(AppContext.BaseDirectory);
        ExternalLibTorch? external = null;
        string? externalDirectory = Environment.GetEnvironmentVariable(ExternalLibTorch.DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(externalDirectory))
        {
            external = ExternalLibTorch.Inspect(externalDirectory);
            string? bundled = NativeLibraryLocation.FindBundledLibTorchCpu(AppContext.BaseDirectory);
            if (bundled is not null)
            {
                // TorchSharp loads torch_cpu by path from the app's folder first; with an external libtorch already
                // mapped, that would put a second libtorch_cpu (and its op registry) into the process.
                throw new TorchUnavailableException($"{ExternalLibTorch.DirectoryVariable} is set, but this application also carries the bundled CPU libtorch ({bundled}). " +
                    "Build or publish with -p:EnergyFactsLibTorch=external so the bundled libtorch-cpu-linux-x64 files stay out of the output, then run again.");
            }

            foreach (string library in external.PreloadOrder)
            {
                try
                {
                    NativeLibrary.Load(library);
                }
                catch (DllNotFoundException e)
                {
                    throw new TorchUnavailableException(NativeLoadFailure.Describe(e.Message, library, external.Directory), e);
                }
            }
        }

        try
        {
            NativeLibrary.Load("LibTorchSharp", torchAssembly, null);
        }
        catch (DllNotFoundException e)
        {
            throw new TorchUnavailableException(NativeLoadFailure.Describe(e.Message, libTorchSharp ?? "LibTorchSharp", external?.Directory), e);
        }

        try
        {
            // First touch of `torch`: runs its type initializer, which now finds LibTorchSharp already mapped.
            _ = torch.get_num_threads();
        }
        catch (TypeInitializationException e)
        {
            throw new TorchUnavailableException("TorchSharp failed to initialise after its native library loaded: " +
                (e.InnerException?.Message ?? e.Message), e);
        }

        string version = torchAssembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? torchAssembly.GetName().Version?.ToString() ?? "unknown";
        return new TorchNativeInfo(libTorchSharp, external?.Directory, external?.Version, version);
    }

    private sealed record LoadOutcome(TorchNativeInfo? Info, TorchUnavailableException? Failure);
}
