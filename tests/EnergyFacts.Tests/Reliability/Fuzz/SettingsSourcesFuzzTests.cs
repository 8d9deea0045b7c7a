using System.Text;
using CsCheck;
using EnergyFacts.Configuration;

namespace EnergyFacts.Tests.Reliability.Fuzz;

/// <summary>
/// The settings sources: any testconfig.json either reads or reports problems naming file and line (never throws), and
/// any command-line or response-file value, for any option, either resolves or is refused with
/// EnergyFactsConfigurationException naming the option.
/// </summary>
public sealed class SettingsSourcesFuzzTests(ITestOutputHelper output)
{
    private static readonly Gen<string> JsonValue = Gen.OneOf(
        FuzzInputs.NumberText,
        FuzzInputs.Noise.Select(s => "\"" + s + "\""),
        Gen.OneOf("true", "null", "{}", "[1,2]", "\"\"", "\"relative/dir\"", "\"cpu-model,ram-model\"", "\"replay:\""));

    private static readonly Gen<string> JsonName = Gen.OneOf(
        Gen.OneOf([.. SettingsRegistry.All.Select(d => d.JsonName)]),
        FuzzInputs.Noise);

    private static readonly Gen<string> Section = Gen.Select(JsonName, JsonValue).Select((n, v) => $"\"{n}\": {v}").Array[0, 6]
        .Select(members => "{ \"energyFacts\": { " + string.Join(", ", members) + " } }");

    private static readonly Gen<byte[]> ConfigFile = Gen.OneOf(
        Section.Select(Encoding.UTF8.GetBytes),
        Gen.Select(Section, Gen.Int[0, 200], Gen.Byte).Select((text, at, b) =>
        {
            // One byte overwritten: invalid UTF-8, a cut string, a stray brace.
            var bytes = Encoding.UTF8.GetBytes(text);
            bytes[Math.Min(at, bytes.Length - 1)] = b;
            return bytes;
        }),
        Gen.Byte.Array[0, 64]);

    private static readonly Gen<(string Option, string Value)> CommandLineValue = Gen.Select(
        Gen.OneOf([.. SettingsRegistry.All.Where(d => d.Option is not null).Select(d => d.Option!)]),
        Gen.OneOf(FuzzInputs.NumberText, FuzzInputs.Noise, Gen.OneOf("auto", "constant:cpu=1e300", "replay:/nonexistent", "FRA", "cuda:0", "/tmp", "")));

    [Fact]
    public void Any_testconfig_json_reads_or_reports_problems_with_file_and_line()
    {
        var folder = Directory.CreateTempSubdirectory("energyfacts-fuzz-config-").FullName;
        try
        {
            var path = Path.Combine(folder, "app.testconfig.json");
            var cases = SeededFuzz.Check(ConfigFile, seed: 2026, SeededFuzz.CiCases / 2, bytes => ConfigProperty(path, folder, bytes));
            output.WriteLine($"testconfig.json: {cases} cases");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Any_command_line_value_resolves_or_is_refused_naming_the_option()
    {
        var cases = SeededFuzz.Check(CommandLineValue.Array[1, 4], seed: 5, SeededFuzz.CiCases, CommandLineProperty,
            values => string.Join(" ", values.Select(v => $"--{v.Option} \"{v.Value}\"")));
        output.WriteLine($"command-line values: {cases} cases");
    }

    private static void ConfigProperty(string path, string folder, byte[] bytes)
    {
        File.WriteAllBytes(path, bytes);
        var (_, problems) = TestConfigFile.Read(path, folder);
        Assert.All(problems, p => Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(path) + ":[0-9]+: ", p));
    }

    private static void CommandLineProperty((string Option, string Value)[] values)
    {
        var commandLine = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (option, value) in values)
        {
            commandLine[option] = value;
        }

        var sources = new SettingsSources
        {
            WorkingDirectory = Path.GetTempPath(),
            ApplicationDirectory = Path.GetTempPath(),
            DefaultProjectName = "Fuzz",
            CommandLine = commandLine,
        };
        try
        {
            SettingsResolver.Resolve(sources);
        }
        catch (EnergyFactsConfigurationException ex)
        {
            Assert.Contains(commandLine.Keys, option => ex.Message.Contains("--" + option, StringComparison.Ordinal));
        }
    }
}
