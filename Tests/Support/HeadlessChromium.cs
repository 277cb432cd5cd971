using Microsoft.Playwright;

namespace Contact.Tests.Support;

/// <summary>
/// Debian's headless Chromium, driven by Playwright through its executable path (Playwright's own
/// browser download is not used: test.sh installs the distribution's package when it is missing).
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    private IPlaywright playwright = null!;

    public IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        Chromium = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CONTACT_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // No sandbox (tests may run as root); nothing that phones home or updates itself.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        playwright.Dispose();
    }
}
