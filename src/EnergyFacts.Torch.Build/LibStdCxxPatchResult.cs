using System.Collections.Generic;

namespace EnergyFacts.Torch.Build;

/// <summary>The result of <see cref="LibStdCxxVersionPatch.Apply"/>: the decision, and the patched bytes when there are any.</summary>
internal sealed class LibStdCxxPatchResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="outcome">What was decided.</param>
    /// <param name="versions">The libstdc++ versions the host lacks (weakened now or before).</param>
    /// <param name="patchedImage">The edited file, or <see langword="null"/> unless <paramref name="outcome"/> is <see cref="LibStdCxxPatchOutcome.Weakened"/>.</param>
    public LibStdCxxPatchResult(LibStdCxxPatchOutcome outcome, IReadOnlyList<string> versions, byte[]? patchedImage)
    {
        Outcome = outcome;
        Versions = versions;
        PatchedImage = patchedImage;
    }

    /// <summary>What was decided.</summary>
    public LibStdCxxPatchOutcome Outcome { get; }

    /// <summary>The libstdc++ versions the host lacks (weakened now or before); empty when <see cref="LibStdCxxPatchOutcome.Untouched"/>.</summary>
    public IReadOnlyList<string> Versions { get; }

    /// <summary>The edited image (only for <see cref="LibStdCxxPatchOutcome.Weakened"/>).</summary>
#pragma warning disable CA1819 // The image is handed over once to be written; copying it would only cost memory.
    public byte[]? PatchedImage { get; }
#pragma warning restore CA1819
}
