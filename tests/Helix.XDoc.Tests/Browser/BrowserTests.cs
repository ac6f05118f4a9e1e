using Microsoft.Playwright;

namespace Helix.XDoc.Tests;

/// <summary>The built site in a real browser, from file://: jump-to, links, full-text search, no console errors.
/// Skips (passes without checking) when /usr/bin/chromium is absent; scripts/install-test-tools.sh installs it.</summary>
public class BrowserTests
{
    [Fact]
    public async Task Jump_to_links_and_search_work_from_file_urls()
    {
        if (!Chromium.Available) return;
        using var m = new TempManual();
        m.Source("Shapes.cs", """
            namespace Lib;
            /// <summary>Shapes and their areas.</summary>
            public static class Shapes
            {
                /// <summary>The area of a circle.</summary>
                public static double Area(double r) => Math.PI * r * r;
            }
            """);
        m.Topic("Guide", "Helix", "How to use shapes.", "Start with `Shapes`, then @(see Geometry|geometry).\n\n@(def Shapes.Area)\n");
        m.Topic("Geometry", "Helix, Guide", "Points, lines and zebras.", "A zebra crossing is made of stripes.\n");
        var r = m.Build(new DocBuildOptions { OutputFolder = m.Out, Threads = 2 });
        Assert.True(r.Succeeded, r.Dump());

        var (pw, browser) = await Chromium.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1000, Height = 700 } });
            var errors = new List<string>();
            page.Console += (_, msg) => { if (msg.Type == "error") errors.Add(msg.Text); };
            page.PageError += (_, e) => errors.Add(e);
            page.SetDefaultTimeout(90_000);   // a hang guard: CI shares 2 cores with the other test assemblies
            await page.GotoAsync(new Uri(Path.Combine(m.Out, "index.html")).AbsoluteUri);
            Assert.Equal("Helix", await page.InnerTextAsync("h1"));

            // Jump-to: suggestions, most important first; Enter opens the first.
            await page.ClickAsync("#jump");
            await page.Locator("#jump").PressSequentiallyAsync("sha");
            // The list follows the keystrokes; on a busy machine it can still show an earlier prefix's matches.
            await FirstSuggestion(page, "Lib.Shapes");
            var suggestions = await page.Locator("#suggest li .n").AllInnerTextsAsync();
            Assert.Equal("Lib.Shapes", suggestions[0]);
            Assert.Contains("Lib.Shapes.Area", suggestions);
            var shot = Path.Combine(ArtifactDir(), "xdoc-jump-to.png");
            await page.ScreenshotAsync(new() { Path = shot });
            await page.PressAsync("#jump", "Enter");
            await Reached(page, "**/t/Lib.Shapes.html");
            Assert.Equal("Lib.Shapes", await page.InnerTextAsync("h1"));

            // Follow links: breadcrumb to the namespace, then the Guide via the jump box with arrow keys.
            await page.ClickAsync(".crumb a >> text=Lib");
            await Reached(page, "**/t/Lib.html");
            await page.ClickAsync("#jump");
            await page.Locator("#jump").PressSequentiallyAsync("guide");
            await FirstSuggestion(page, "Guide");
            await page.PressAsync("#jump", "Enter");
            await Reached(page, "**/t/Guide.html");
            await page.ClickAsync("a.see");
            await Reached(page, "**/t/Geometry.html");
            Assert.Equal(2, await page.Locator(".crumb").CountAsync());
            await page.GoBackAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            Assert.Contains("Math.PI", await page.InnerTextAsync(".def"));
            await page.ClickAsync("a.auto");
            await Reached(page, "**/t/Lib.Shapes.html");

            // Full-text search through the form.
            await page.FillAsync("#q", "zebra stripes");
            await page.PressAsync("#q", "Enter");
            await page.WaitForSelectorAsync("body[data-searched]");
            var results = await page.Locator("#results li a").AllInnerTextsAsync();
            Assert.Equal(["Geometry"], results);
            await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactDir(), "xdoc-search.png") });
            await page.ClickAsync("#results li a");
            await Reached(page, "**/t/Geometry.html");

            // The printable page: every guide topic on one page, links still lead to the topic pages.
            await page.GotoAsync(new Uri(Path.Combine(m.Out, "print.html")).AbsoluteUri);
            Assert.Equal(1, await page.Locator("section.print-topic h2 a >> text=Geometry").CountAsync());
            await page.ClickAsync("section.print-topic h2 a >> text=Geometry");
            await Reached(page, "**/t/Geometry.html");

            Assert.Empty(errors);
            Assert.True(new FileInfo(shot).Length > 1000);
        }
        finally
        {
            await browser.CloseAsync();
            pw.Dispose();
        }
    }

    // DOMContentLoaded, not load: the page's scripts have run by then; on a loaded machine the wait for a file:// page's
    // load event once ran past 30 s after the navigation had happened.
    static Task Reached(IPage page, string glob) =>
        page.WaitForURLAsync(glob, new() { WaitUntil = WaitUntilState.DOMContentLoaded });

    static Task FirstSuggestion(IPage page, string name) =>
        page.WaitForFunctionAsync("n => document.querySelector('#suggest.open li .n')?.textContent === n", name);

    internal static string ArtifactDir()
    {
        var dir = Environment.GetEnvironmentVariable("XDOC_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
