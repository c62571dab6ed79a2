using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

// Compiles a folder of generated files (and any extra sources) again and again in one warm process, on one thread,
// and prints the fastest round's parse, declaration and method-body (emit) times: the compiler's own work on the
// generated code, without MSBuild, analyzers or a cold start. Compare two folders (say, a generator change before
// and after) run after run; one run's figures move by 5-10 %.
//
//   dotnet run -c Release --project bench/CompileCost -- GENERATED_DIR REFERENCE_DIR... [--source FILE]... [--rounds N]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: CompileCost GENERATED_DIR REFERENCE_DIR... [--source FILE]... [--rounds N]");
    return 2;
}
var folders = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var sources = Directory.GetFiles(folders[0], "*.cs").Concat(Option("--source")).ToArray();
var references = folders.Skip(1).SelectMany(d => Directory.GetFiles(d, "*.dll")).Select(p => MetadataReference.CreateFromFile(p)).ToArray();
int rounds = Option("--rounds").Select(int.Parse).DefaultIfEmpty(20).Last();
var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
    nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false);
var texts = sources.Select(File.ReadAllText).ToArray();

double bestTotal = double.MaxValue, bestParse = 0, bestDeclarations = 0, bestBodies = 0;
for (int round = 0; round < rounds; round++)
{
    var clock = Stopwatch.StartNew();
    var trees = texts.Select((text, i) => CSharpSyntaxTree.ParseText(text, parseOptions, sources[i])).ToArray();
    double parse = clock.Elapsed.TotalSeconds;
    var compilation = CSharpCompilation.Create("CompileCost", trees, references, options);
    clock.Restart();
    compilation.GetDeclarationDiagnostics();
    double declarations = clock.Elapsed.TotalSeconds;
    clock.Restart();
    var result = compilation.Emit(new MemoryStream());
    double bodies = clock.Elapsed.TotalSeconds;
    if (!result.Success)
    {
        foreach (var error in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)) Console.Error.WriteLine(error);
        return 1;
    }
    // The first rounds warm the compiler's own code up; the fastest of the rest is the least disturbed.
    if (round >= Math.Min(3, rounds - 1) && parse + declarations + bodies < bestTotal)
    {
        (bestTotal, bestParse, bestDeclarations, bestBodies) = (parse + declarations + bodies, parse, declarations, bodies);
    }
}
int lines = texts.Take(Directory.GetFiles(folders[0], "*.cs").Length).Sum(t => t.Count(c => c == '\n'));
Console.WriteLine($"{lines:N0} generated lines: {bestTotal:F3} s (parse {bestParse:F3}, declarations {bestDeclarations:F3}, method bodies {bestBodies:F3})");
return 0;

string[] Option(string name) => args.Select((a, i) => (a, i)).Where(p => p.a == name && p.i + 1 < args.Length).Select(p => args[p.i + 1]).ToArray();
