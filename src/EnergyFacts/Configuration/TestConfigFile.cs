using System.Text;
using System.Text.Json;

namespace EnergyFacts.Configuration;

/// <summary>
/// Reads the <c>energyFacts</c> section of Microsoft.Testing.Platform's <c>testconfig.json</c> (the copy next to the
/// test application, <c>&lt;app&gt;.testconfig.json</c>), keeping each value's line so an error can point at it.
/// </summary>
internal static class TestConfigFile
{
    public const string SectionName = "energyFacts";

    /// <summary>The conventional path next to the test application.</summary>
    public static string DefaultPath(string applicationDirectory, string applicationName) =>
        Path.Combine(applicationDirectory, applicationName + ".testconfig.json");

    /// <summary>Reads the section; a missing file gives no values. Relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    /// <returns>The values by registry key, and every problem (unknown key, malformed JSON) with file and line.</returns>
    public static (IReadOnlyDictionary<string, RawSetting> Values, IReadOnlyList<string> Problems) Read(string path, string baseDirectory)
    {
        var values = new Dictionary<string, RawSetting>(StringComparer.Ordinal);
        var problems = new List<string>();
        if (!File.Exists(path))
        {
            return (values, problems);
        }

        var bytes = File.ReadAllBytes(path);
        var byJsonName = SettingsRegistry.All.ToDictionary(d => d.JsonName, StringComparer.OrdinalIgnoreCase);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            var depth = 0;
            var inSection = false;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        depth++;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        depth--;
                        inSection &= depth >= 2;
                        break;
                    case JsonTokenType.PropertyName when depth == 1 && reader.ValueTextEquals(SectionName):
                        inSection = true;
                        break;
                    case JsonTokenType.PropertyName when depth == 2 && inSection:
                        var name = reader.GetString()!;
                        var line = LineOf(bytes, reader.TokenStartIndex);
                        reader.Read();
                        if (!byJsonName.TryGetValue(name, out var definition))
                        {
                            problems.Add($"{path}:{line}: '{SectionName}.{name}' is not an EnergyFacts setting. Allowed: {string.Join(", ", byJsonName.Keys.Order(StringComparer.Ordinal))}.");
                            reader.Skip();
                            break;
                        }

                        var text = reader.TokenType switch
                        {
                            JsonTokenType.String => reader.GetString()!,
                            JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => Encoding.UTF8.GetString(reader.ValueSpan),
                            _ => null,
                        };
                        if (text is null)
                        {
                            problems.Add($"{path}:{line}: '{SectionName}.{name}' must be a string, number or boolean, not {reader.TokenType}.");
                            reader.Skip();
                            break;
                        }

                        values[definition.Key] = new RawSetting(text, new SettingOrigin(SettingSourceKind.TestConfig, $"{SectionName}.{definition.JsonName}", path, line), baseDirectory);
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            problems.Add($"{path}:{(ex.LineNumber ?? 0) + 1}: not valid JSON ({ex.Message}).");
        }
        catch (InvalidOperationException ex) when (ex.InnerException is DecoderFallbackException)
        {
            // Utf8JsonReader checks UTF-8 only when a string is decoded (GetString), and says so this way.
            problems.Add($"{path}:{LineOf(bytes, reader.TokenStartIndex)}: not valid UTF-8 text ({ex.Message}); save the file as UTF-8.");
        }

        return (values, problems);
    }

    private static int LineOf(byte[] bytes, long offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
            }
        }

        return line;
    }
}
