using DslNet.Samples;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>The samples' option reader (samples/Shared): values in order, --help, and every way a command line can be wrong.</summary>
public sealed class SampleCommandLineTests
{
    private sealed record Options(int Count, double Rate, string Name);

    private static (Options? Options, int ExitCode) Read(params string[] args)
    {
        var options = new Options(1, 1.0, "default");
        var line = new SampleCommandLine(args, "usage");
        while (line.Next(out string option))
        {
            options = option switch
            {
                "--count" => options with { Count = line.Int(minimum: 0) },
                "--rate" => options with { Rate = line.Positive() },
                "--name" => options with { Name = line.Text() },
                _ => line.Unknown(options),
            };
        }
        return (line.Succeeded(out int exitCode) ? options : null, exitCode);
    }

    [Fact]
    public void Options_take_their_values_and_the_defaults_stay_for_the_rest()
    {
        Assert.Equal((new Options(0, 0.25, "x"), 0), Read("--count", "0", "--rate", "0.25", "--name", "x"));
        Assert.Equal((new Options(1, 1.0, "default"), 0), Read());
        Assert.Equal((new Options(3, 1.0, "default"), 0), Read("--count", "3"));
    }

    [Theory]
    [InlineData("--unknown")]
    [InlineData("--count")]
    [InlineData("--count", "-1")]
    [InlineData("--count", "two")]
    [InlineData("--rate", "0")]
    [InlineData("--rate", "NaN")]
    [InlineData("--name", "")]
    [InlineData("--count", "3", "--rate")]
    public void A_wrong_command_line_gives_no_options_and_exit_code_2(params string[] args) =>
        Assert.Equal((null, 2), Read(args));

    [Fact]
    public void Help_gives_no_options_and_exit_code_0_even_after_other_options() =>
        Assert.Equal((null, 0), Read("--count", "3", "--help", "--unknown"));
}
