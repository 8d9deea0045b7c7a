namespace EnergyFacts.Torch.Build;

/// <summary>What <see cref="LibStdCxxVersionPatch"/> did to a library.</summary>
internal enum LibStdCxxPatchOutcome
{
    /// <summary>The host libstdc++ defines every version the library asks for; the file is left as shipped.</summary>
    Untouched,

    /// <summary>The versions the host lacks were already weak (an earlier build patched this copy); nothing written.</summary>
    AlreadyWeak,

    /// <summary>The versions the host lacks were marked weak in this copy.</summary>
    Weakened,
}
