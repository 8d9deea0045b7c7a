using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EnergyFacts.Analyzers.Tests;

/// <summary>
/// Compiles one source file the way a consumer's build does: against xunit.v3 and EnergyFacts, with xunit.analyzers'
/// xUnit1013 rule and, optionally, EnergyFacts' suppressor. Suppressed diagnostics are reported, not dropped, so a
/// test can tell "suppressed" from "never reported".
/// </summary>
internal static class Xunit1013Compilation
{
    public const string RuleId = "xUnit1013";

    private static readonly Lazy<DiagnosticAnalyzer> XunitRule = new(LoadXunitRule);

    /// <summary>Every xUnit1013 diagnostic the compilation produces, suppressed or not.</summary>
    public static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(string source, bool withSuppressor, CancellationToken cancellationToken)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), "Experiments.cs", cancellationToken: cancellationToken);
        var compilation = CSharpCompilation.Create(
            "Consumer",
            [tree],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        // A source that no longer compiles (say, a renamed attribute) would make every assertion below meaningless.
        var errors = compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "the test source does not compile:\n" + string.Join('\n', errors));

        var analyzers = withSuppressor
            ? ImmutableArray.Create(XunitRule.Value, new EnergyExperimentSuppressor())
            : ImmutableArray.Create(XunitRule.Value);
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken);
        var failures = diagnostics.Where(d => d.Id == "AD0001").ToList();
        Assert.True(failures.Count == 0, "an analyzer threw:\n" + string.Join('\n', failures));
        return diagnostics.Where(d => d.Id == RuleId).ToList();
    }

    /// <summary>The name the diagnostic points at (xUnit1013 marks the method's identifier).</summary>
    public static string Target(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);

    // Everything this test process runs on, xunit.v3 and EnergyFacts included, as the consumer's references.
    private static IEnumerable<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => MetadataReference.CreateFromFile(path));

    private static DiagnosticAnalyzer LoadXunitRule()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "xunit-analyzers", "xunit.analyzers.dll");
        var assembly = Assembly.LoadFrom(path);
        var rules = assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .Where(a => a.SupportedDiagnostics.Any(d => d.Id == RuleId))
            .ToList();
        return Assert.Single(rules);
    }
}
