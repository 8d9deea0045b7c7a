namespace EnergyFacts.Results;

/// <summary>
/// Results files are created rw-r--r-- (0644) whatever the process's umask: readable by every user of a shared
/// machine, writable only by the owner, never executable (a umask of 000 would otherwise make them world-writable).
/// </summary>
internal static class ResultsFileMode
{
    /// <summary>The mode of a newly created results file on Unix.</summary>
    public const UnixFileMode Unix = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Options that create a file with <see cref="Unix"/> (an existing file keeps its mode); unbuffered writes.</summary>
    public static FileStreamOptions Options(FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = 1 };
        if (!OperatingSystem.IsWindows() && mode != FileMode.Open && access != FileAccess.Read)
        {
            options.UnixCreateMode = Unix;
        }

        return options;
    }
}
