namespace EnergyFacts.Results;

/// <summary>
/// Base for sinks that keep one file in a results folder: every <see cref="Append"/> runs under the folder's
/// cross-process lock, and I/O failures become a <see cref="ResultsFolderException"/> naming the file.
/// </summary>
internal abstract class ResultSinkBase : IResultSink
{
    /// <summary>Creates the sink.</summary>
    /// <param name="resultsDirectory">The results folder (created on first use).</param>
    /// <param name="fileName">The file inside it.</param>
    /// <param name="options">Lock timeout and notices; <see langword="null"/> for defaults.</param>
    protected ResultSinkBase(string resultsDirectory, string fileName, ResultsFolderOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ResultsDirectory = Path.GetFullPath(resultsDirectory);
        FileName = fileName;
        FilePath = Path.Combine(ResultsDirectory, fileName);
        Options = options ?? ResultsFolderOptions.Default;
    }

    /// <inheritdoc/>
    public string Name => FileName;

    /// <summary>The results folder, absolute.</summary>
    public string ResultsDirectory { get; }

    /// <summary>The file's name.</summary>
    public string FileName { get; }

    /// <summary>The file's absolute path.</summary>
    public string FilePath { get; }

    /// <summary>Lock timeout and notices.</summary>
    protected ResultsFolderOptions Options { get; }

    /// <inheritdoc/>
    public void Append(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var folderLock = LockFolder();
        Guard(() => AppendLocked(row));
    }

    /// <summary>Writes the row; called with the folder lock held.</summary>
    protected abstract void AppendLocked(ResultRow row);

    /// <inheritdoc/>
    public void CheckBeforeMeasuring() => Guard(() =>
    {
        if (!File.Exists(FilePath))
        {
            return;
        }

        using var file = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (file.Length > 0)
        {
            CheckExistingFile(AppendOnlyFile.ReadFirstLine(file));
        }
    });

    /// <summary>Throws when an existing file, whose first line is <paramref name="firstLine"/>, must not be appended to.</summary>
    protected virtual void CheckExistingFile(string firstLine)
    {
    }

    /// <summary>Takes the folder lock for work outside <see cref="Append"/>.</summary>
    protected IDisposable LockFolder() => ResultsFolderLock.Acquire(ResultsDirectory, Options.LockTimeout);

    /// <summary>Appends one line to <see cref="FilePath"/> with one write, flushed to disk, repairing a torn tail first.</summary>
    /// <param name="header">Header line written when the file is created; <see langword="null"/> for none.</param>
    /// <param name="checkFirstLine">Validates an existing file's first line; throws <see cref="ResultsFileFormatException"/> when it does not belong.</param>
    /// <param name="line">The row, without line breaks.</param>
    protected void AppendLine(string? header, Action<string>? checkFirstLine, string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"A row for '{FilePath}' must be one line; this one holds a line break.", nameof(line));
        }

        AppendOnlyFile.Append(FilePath, header, checkFirstLine, line, Options.Notice);
    }

    /// <summary>Runs file work, turning I/O failures into a <see cref="ResultsFolderException"/> that names the file.</summary>
    protected void Guard(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            work();
        }
        catch (Exception e) when (e is UnauthorizedAccessException || (e is IOException && e is not ResultsFolderException))
        {
            throw new ResultsFolderException(
                $"Could not write '{FilePath}': {e.Message} Choose a writable results folder (ENERGYFACTS_RESULTS_DIR or --energy-results) or free space there.",
                ResultsDirectory,
                e);
        }
    }
}
