using EnergyFacts.Results;
using EnergyFacts.Results.Csv;

namespace EnergyFacts.Tests.Results.Csv;

public sealed class EmissionsCsvSinkTests
{
    [Fact]
    public void The_header_is_written_once_when_the_file_is_created()
    {
        using var folder = ResultSamples.NewFolder();
        var sink = new EmissionsCsvSink(folder.Path);

        sink.Append(ResultSamples.Row(trial: 1));
        sink.Append(ResultSamples.Row(trial: 2));
        new EmissionsCsvSink(folder.Path).Append(ResultSamples.Row(trial: 3));

        var lines = File.ReadAllLines(folder.File("emissions.csv"));
        Assert.Equal(4, lines.Length);
        Assert.Equal(EmissionsCsv.HeaderLine, lines[0]);
        Assert.Single(lines, l => l == EmissionsCsv.HeaderLine);
        Assert.Equal(["1", "2", "3"], EmissionsCsv.Read(folder.File("emissions.csv")).Select(r => r["trial"]));
    }

    [Fact]
    public void The_folder_is_created_when_missing()
    {
        using var folder = ResultSamples.NewFolder();
        var nested = Path.Combine(folder.Path, "a", "b");

        new EmissionsCsvSink(nested).Append(ResultSamples.Row());

        Assert.Single(EmissionsCsv.Read(Path.Combine(nested, "emissions.csv")));
    }

    [Fact]
    public void A_CodeCarbon_file_with_only_its_38_columns_is_not_appended_to()
    {
        using var folder = ResultSamples.NewFolder();
        var path = folder.File("emissions.csv");
        var codeCarbonHeader = string.Join(',', ResultColumns.Names.Take(38));
        var original = codeCarbonHeader + "\n" + string.Join(',', Enumerable.Repeat("0", 38)) + "\n";
        File.WriteAllText(path, original);

        var error = Assert.Throws<ResultsFileFormatException>(() => new EmissionsCsvSink(folder.Path).Append(ResultSamples.Row()));

        Assert.Equal(path, error.FilePath);
        Assert.Equal(1, error.LineNumber);
        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"it has 38 columns where EnergyFacts writes {ResultColumns.All.Count} (the first 38 agree)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Choose another results folder", error.Message, StringComparison.Ordinal);
        Assert.Contains("move the existing file away", error.Message, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllText(path));
    }

    [Fact]
    public void A_different_header_names_the_first_differing_column()
    {
        using var folder = ResultSamples.NewFolder();
        var path = folder.File("emissions.csv");
        File.WriteAllText(path, "timestamp,project_name,duration,emissions\n");

        var error = Assert.Throws<ResultsFileFormatException>(() => new EmissionsCsvSink(folder.Path).Append(ResultSamples.Row()));

        Assert.Contains("column 3 is 'duration' there but 'run_id' in EnergyFacts' header", error.Message, StringComparison.Ordinal);
        Assert.Equal("timestamp,project_name,duration,emissions\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_header_saved_with_a_byte_order_mark_is_still_recognised()
    {
        using var folder = ResultSamples.NewFolder();
        var path = folder.File("emissions.csv");
        File.WriteAllText(path, "\uFEFF" + EmissionsCsv.HeaderLine + "\n", new System.Text.UTF8Encoding(false));

        new EmissionsCsvSink(folder.Path).Append(ResultSamples.Row());

        Assert.Single(EmissionsCsv.Read(path));
    }

    [Fact]
    public void A_torn_last_row_is_set_aside_and_the_next_row_starts_on_its_own_line()
    {
        using var folder = ResultSamples.NewFolder();
        var path = folder.File("emissions.csv");
        var notices = new List<string>();
        var sink = new EmissionsCsvSink(folder.Path, new ResultsFolderOptions { Notice = notices.Add });
        sink.Append(ResultSamples.Row(trial: 1));
        sink.Append(ResultSamples.Row(trial: 2));
        const string torn = "2026-03-01T12:00:10+00:00,EnergyFacts.Tests,6f1c2a3b-4d5e,half a ro";
        File.AppendAllText(path, torn);

        sink.Append(ResultSamples.Row(trial: 3));

        var rows = EmissionsCsv.Read(path);
        Assert.Equal(["1", "2", "3"], rows.Select(r => r["trial"]));
        var tornFile = Assert.Single(Directory.GetFiles(folder.Path, "emissions.csv.torn-*"));
        Assert.Equal(torn, File.ReadAllText(tornFile));
        var notice = Assert.Single(notices);
        Assert.Contains(tornFile, notice, StringComparison.Ordinal);
        Assert.Contains("incomplete row", notice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_torn_inside_its_header_is_set_aside_whole_and_started_again()
    {
        using var folder = ResultSamples.NewFolder();
        var path = folder.File("emissions.csv");
        File.WriteAllText(path, "timestamp,project_na");

        new EmissionsCsvSink(folder.Path).Append(ResultSamples.Row());

        Assert.Equal(EmissionsCsv.HeaderLine, File.ReadLines(path).First());
        Assert.Single(EmissionsCsv.Read(path));
        Assert.Equal("timestamp,project_na", File.ReadAllText(Assert.Single(Directory.GetFiles(folder.Path, "emissions.csv.torn-*"))));
    }
}
