using System.Diagnostics;
using CsCheck;

namespace EnergyFacts.Tests.Reliability.Fuzz;

/// <summary>
/// Runs a parser property over generated inputs from a fixed seed, so every run checks the same cases (CsCheck's own
/// <c>Sample</c> draws a fresh seed after the first case). A failure names the case number and prints the input.
/// Each case gets a time limit: a parser that hangs fails the property instead of the CI run.
/// </summary>
internal static class SeededFuzz
{
    /// <summary>Cases per parser in the CI run: enough to reach every error branch, a second or two each.</summary>
    public const int CiCases = 1_000;

    /// <summary>Cases per parser in the heavy variant (trait category=fuzz-heavy).</summary>
    public const int HeavyCases = 100_000;

    /// <summary>Heavy variants run only when this variable is 1, so CI's unfiltered run skips them.</summary>
    public const string HeavyVariable = "ENERGYFACTS_FUZZ_HEAVY";

    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(5);

    /// <summary>Skips the calling heavy test unless <see cref="HeavyVariable"/> is 1.</summary>
    public static void RequireHeavy() =>
        Assert.SkipUnless(Environment.GetEnvironmentVariable(HeavyVariable) == "1", $"heavy fuzzing runs with {HeavyVariable}=1 (see README, Reliability)");

    /// <summary>Checks <paramref name="property"/> on <paramref name="cases"/> inputs of <paramref name="gen"/> drawn from <paramref name="seed"/>.</summary>
    /// <returns>The number of cases run.</returns>
    public static int Check<T>(Gen<T> gen, ulong seed, int cases, Action<T> property, Func<T, string>? print = null)
    {
        ArgumentNullException.ThrowIfNull(gen);
        ArgumentNullException.ThrowIfNull(property);
        var random = new PCG(1, seed);
        for (var i = 0; i < cases; i++)
        {
            var input = gen.Generate(random, null, out _);
            var watch = Stopwatch.StartNew();
            try
            {
                property(input);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException(
                    $"case {i} of seed {seed} failed with {ex.GetType().Name}: {ex.Message}\ninput: {(print ?? Describe)(input)}", ex);
            }

            Assert.True(watch.Elapsed < CaseLimit, $"case {i} of seed {seed} took {watch.Elapsed.TotalSeconds:0.0} s: {(print ?? Describe)(input)}");
        }

        return cases;
    }

    private static string Describe<T>(T input) => input switch
    {
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"",
        byte[] b => Convert.ToHexString(b.AsSpan(0, Math.Min(b.Length, 256))) + (b.Length > 256 ? $"… ({b.Length} bytes)" : string.Empty),
        _ => input?.ToString() ?? "null",
    };
}
