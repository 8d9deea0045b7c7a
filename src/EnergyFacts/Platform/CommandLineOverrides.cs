namespace EnergyFacts.Platform;

/// <summary>
/// The EnergyFacts options given on the test application's command line. The Microsoft.Testing.Platform hook fills it
/// before any test runs; the xUnit side reads it when it first builds <see cref="EnergyFactsSettings"/>.
/// </summary>
internal static class CommandLineOverrides
{
    private static volatile IReadOnlyDictionary<string, string> current = new Dictionary<string, string>();

    public static IReadOnlyDictionary<string, string> Current => current;

    /// <summary>Extracts <c>--energy-*</c> options (<c>--name value</c>, <c>--name=value</c> or <c>--name:value</c>).</summary>
    public static IReadOnlyDictionary<string, string> Parse(IReadOnlyList<string> args)
    {
        var known = EnergyFactsOption.All.Where(o => o.Option is not null).Select(o => o.Option!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            var body = arg[2..];
            var separator = body.IndexOfAny(['=', ':']);
            var name = separator < 0 ? body : body[..separator];
            if (!known.Contains(name))
            {
                continue;
            }

            if (separator >= 0)
            {
                values[name] = body[(separator + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                values[name] = args[++i];
            }
        }

        return values;
    }

    public static void Set(IReadOnlyDictionary<string, string> values) => current = values;
}
