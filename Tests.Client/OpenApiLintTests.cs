using System.Diagnostics;

namespace Contact.Tests.Client;

/// <summary>
/// The document the client was generated from (the one the API serves) passes Redocly's lint
/// with the rules in redocly.yaml. test.sh installs the CLI and names it in CONTACT_REDOCLY.
/// </summary>
public sealed class OpenApiLintTests
{
    [Fact]
    public async Task The_served_document_passes_the_linter_with_no_errors_or_warnings()
    {
        var redocly = Environment.GetEnvironmentVariable("CONTACT_REDOCLY") ?? "redocly";
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../.."));
        var start = new ProcessStartInfo(redocly)
        {
            ArgumentList = { "lint", Path.Combine(AppContext.BaseDirectory, "openapi.json"), "--config", Path.Combine(root, "redocly.yaml"), "--format", "stylish" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var lint = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {redocly}.");
        var output = lint.StandardOutput.ReadToEndAsync();
        var errors = lint.StandardError.ReadToEndAsync();
        await lint.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(lint.ExitCode == 0, $"redocly lint failed:\n{await output}\n{await errors}");
    }
}
