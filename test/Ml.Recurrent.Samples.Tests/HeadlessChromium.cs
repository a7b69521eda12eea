using Microsoft.Playwright;

namespace Ml.Recurrent.Samples.Tests;

/// <summary>
/// Debian's chromium driven by Playwright through its executable path (Playwright's own browser download is not
/// used). A missing browser fails the test with the command that installs it; .ci/run installs it.
/// </summary>
internal static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    /// <summary>Opens <paramref name="htmlFile"/> in a fresh headless browser and runs <paramref name="check"/> on the
    /// page.</summary>
    public static async Task OpenAsync(string htmlFile, Func<IPage, Task> check)
    {
        if (!File.Exists(ExecutablePath))
            Assert.Fail($"{ExecutablePath} is missing; this test renders the page in Debian's chromium: apt-get install -y chromium");
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
        IPage page = await browser.NewPageAsync();
        IResponse? response = await page.GotoAsync(new Uri(htmlFile).AbsoluteUri);
        Assert.IsNotNull(response, "no response for the page");
        Assert.IsTrue(response.Ok, $"loading the page gave status {response.Status}");
        await check(page);
    }
}
