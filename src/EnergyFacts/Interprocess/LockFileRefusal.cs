namespace EnergyFacts.Interprocess;

/// <summary>
/// Reads the file system's answer to opening a lock file: "held by another process" (wait) apart from every other
/// refusal (permission denied, read-only file system, missing folder), which waiting cannot cure.
/// </summary>
internal static class LockFileRefusal
{
    // Windows reports ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION as HRESULTs.
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int LockViolation = unchecked((int)0x80070021);

    // On Unix .NET takes flock(LOCK_EX | LOCK_NB) for FileShare.None and passes the errno on as the HResult:
    // EWOULDBLOCK is 11 on Linux, 35 on macOS and the BSDs; EROFS is 30 on all of them; EACCES becomes
    // UnauthorizedAccessException.
    private const int WouldBlockLinux = 11;
    private const int WouldBlockBsd = 35;
    private const int ReadOnlyFileSystem = 30;

    /// <summary>Whether <paramref name="error"/> says that another open handle holds the lock.</summary>
    public static bool IsHeldByAnother(Exception error) =>
        error.GetType() == typeof(IOException) && (OperatingSystem.IsWindows()
            ? error.HResult is SharingViolation or LockViolation
            : error.HResult == (OperatingSystem.IsLinux() ? WouldBlockLinux : WouldBlockBsd));

    /// <summary>The cause in two or three words (<c>permission denied</c>, <c>read-only file system</c>), else the error's message.</summary>
    public static string Cause(Exception error) => error switch
    {
        UnauthorizedAccessException => "permission denied",
        IOException when !OperatingSystem.IsWindows() && error.GetType() == typeof(IOException) && error.HResult == ReadOnlyFileSystem => "read-only file system",
        DirectoryNotFoundException => "its folder does not exist",
        _ => error.Message.TrimEnd('.'),
    };
}
