using System;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace EnergyFacts.Torch.Build;

/// <summary>MSBuild task: applies <see cref="LibStdCxxVersionPatch"/> to each copy of libLibTorchSharp.so in an output folder.</summary>
public sealed class WeakenMissingLibStdCxxVersions : Task
{
    /// <summary>Copies of libLibTorchSharp.so in the output (items that do not exist are skipped).</summary>
    [Required]
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The libstdc++.so.6 to check against; empty: the one the loader would find on this machine.</summary>
    public string HostLibStdCxx { get; set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        string? host = HostLibStdCxx.Length > 0 ? HostLibStdCxx : LibStdCxxVersionPatch.FindHostLibStdCxx(Environment.GetEnvironmentVariable("LD_LIBRARY_PATH"));
        if (host is null || !System.IO.File.Exists(host))
        {
            Log.LogMessage(MessageImportance.High,
                "EnergyFacts.Torch: no libstdc++.so.6 found on this machine (" + (host ?? "searched LD_LIBRARY_PATH and system dirs")
                + "); libLibTorchSharp.so left as shipped. Set EnergyFactsHostLibStdCxx to check against a specific libstdc++.");
            return true;
        }

        foreach (var item in Libraries)
        {
            string path = item.GetMetadata("FullPath");
            if (!System.IO.File.Exists(path))
            {
                continue;
            }

            try
            {
                var result = LibStdCxxVersionPatch.ApplyToFile(path, host);
                string versions = string.Join(", ", result.Versions);
                switch (result.Outcome)
                {
                    case LibStdCxxPatchOutcome.Weakened:
                        Log.LogMessage(MessageImportance.High,
                            "EnergyFacts.Torch: " + host + " lacks " + versions + "; marked weak in " + path + " (package cache untouched).");
                        break;
                    case LibStdCxxPatchOutcome.AlreadyWeak:
                        Log.LogMessage(MessageImportance.Normal,
                            "EnergyFacts.Torch: " + path + " already has " + versions + " weak.");
                        break;
                    default:
                        Log.LogMessage(MessageImportance.Normal,
                            "EnergyFacts.Torch: " + host + " defines every version " + path + " needs; left as shipped.");
                        break;
                }
            }
            catch (Exception e) when (e is ElfFormatException || e is InvalidOperationException || e is IOException || e is UnauthorizedAccessException)
            {
                Log.LogError("EnergyFacts.Torch: cannot make " + path + " loadable against " + host + ": " + e.Message
                    + " (set EnergyFactsWeakenLibStdCxx=false to skip this step).");
            }
        }

        return !Log.HasLoggedErrors;
    }
}
