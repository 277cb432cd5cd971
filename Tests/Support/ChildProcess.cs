using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Contact.Tests.Support;

/// <summary>One of the project's programs (the API, the fault host) run as a real process of its own, to be killed for real.</summary>
public sealed class ChildProcess : IDisposable
{
    private const int KeptErrorLines = 20;
    private readonly Process process;
    private readonly Queue<string> lastErrors = new();

    private ChildProcess(Process process) => this.process = process;

    /// <summary>The last lines the process wrote to stderr: why it ended, when it ended early.</summary>
    public string ErrorTail
    {
        get
        {
            lock (lastErrors) return string.Join(Environment.NewLine, lastErrors);
        }
    }

    public StreamWriter Input => process.StandardInput;

    /// <summary>Starts <paramref name="assembly"/> (a path, or a name built next to the tests) with settings as environment variables.</summary>
    public static ChildProcess Start(string assembly, IReadOnlyDictionary<string, string> settings, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        var child = new ChildProcess(Process.Start(start)!);
        child.process.ErrorDataReceived += (_, line) => child.KeepError(line.Data);
        child.process.BeginErrorReadLine();
        return child;
    }

    public async Task<string> ReadLineAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        if (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line) return line;
        await process.WaitForExitAsync(timeout.Token);
        throw new EndOfStreamException($"The process closed its output and exited with {process.ExitCode}; its last errors:{Environment.NewLine}{ErrorTail}");
    }

    private void KeepError(string? line)
    {
        if (line is null) return;
        lock (lastErrors)
        {
            lastErrors.Enqueue(line);
            if (lastErrors.Count > KeptErrorLines) lastErrors.Dequeue();
        }
    }

    /// <summary>The lines the process writes within <paramref name="within"/> (fewer when it closes its output first).</summary>
    public async Task<List<string>> ReadLinesAsync(TimeSpan within)
    {
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(within);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line) lines.Add(line);
        }
        catch (OperationCanceledException)
        {
        }
        return lines;
    }

    /// <summary>Waits for a command that ends by itself, and gives its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>SIGTERM, as an orchestrator stops a container: the program shuts down on its own; waits until it has exited.</summary>
    public async Task TerminateAsync(TimeSpan within)
    {
        if (kill(process.Id, SignalTerminate) != 0) throw new InvalidOperationException($"SIGTERM to {process.Id} failed: error {Marshal.GetLastPInvokeError()}.");
        using var timeout = new CancellationTokenSource(within);
        await process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    private const int SignalTerminate = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    public void Dispose()
    {
        if (!process.HasExited) Kill();
        process.Dispose();
    }
}
