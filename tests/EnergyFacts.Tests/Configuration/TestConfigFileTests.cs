using EnergyFacts.Configuration;

namespace EnergyFacts.Tests.Configuration;

public sealed class TestConfigFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("energyfacts-testconfig-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(folder, "App.testconfig.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Values_of_the_energyFacts_section_carry_their_file_and_line()
    {
        var path = Write("""
            {
              "platformOptions": { "resultDirectory": "x" },
              "energyFacts": {
                "pue": 1.25,
                "results": "rel/results",
                "lockTimeout": "30"
              }
            }
            """);
        var (values, problems) = TestConfigFile.Read(path, "/src/project");
        Assert.Empty(problems);
        Assert.Equal("1.25", values["pue"].Text);
        Assert.Equal($"{path}:4", values["pue"].Origin.ToString());
        Assert.Equal("30", values["lock-timeout"].Text);
        var settings = SettingsResolver.Resolve(new SettingsSources
        {
            WorkingDirectory = "/w", ApplicationDirectory = "/a", DefaultProjectName = "P", TestConfig = values,
        });
        Assert.Equal(1.25, settings.Pue);
        Assert.Equal(Path.GetFullPath("rel/results", "/src/project"), settings.ResultsDirectory);
    }

    [Fact]
    public void A_bad_value_names_the_file_and_line()
    {
        var path = Write("{\n  \"energyFacts\": {\n    \"interval\": 1,\n    \"pue\": 0.5\n  }\n}\n");
        var (values, _) = TestConfigFile.Read(path, folder);
        var ex = Assert.Throws<EnergyFactsConfigurationException>(() => SettingsResolver.Resolve(new SettingsSources
        {
            WorkingDirectory = "/w", ApplicationDirectory = "/a", DefaultProjectName = "P", TestConfig = values,
        }));
        Assert.Contains($"{path}:4: energyFacts.pue = '0.5' is not allowed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_and_malformed_json_are_problems_with_lines()
    {
        var (_, unknown) = TestConfigFile.Read(Write("{\n  \"energyFacts\": {\n    \"peu\": 1.2\n  }\n}"), folder);
        Assert.Contains(":3: 'energyFacts.peu' is not an EnergyFacts setting", Assert.Single(unknown), StringComparison.Ordinal);

        var (_, malformed) = TestConfigFile.Read(Write("{\n  \"energyFacts\": {\n    \"pue\": \n}"), folder);
        Assert.Contains("not valid JSON", Assert.Single(malformed), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_gives_no_values() =>
        Assert.Empty(TestConfigFile.Read(Path.Combine(folder, "none.json"), folder).Values);
}
