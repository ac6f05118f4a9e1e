using Microsoft.Playwright;

namespace Helix.Bench.Doc;

/// <summary>What a static manual costs in Chromium, measured with performance.now() inside the page.</summary>
/// <param name="IndexLoadMs">Median time to load and parse the jump-to index (data/names.js) into a fresh page
/// (and the fastest, in <paramref name="IndexLoadMinMs"/>).</param>
/// <param name="IndexLoadMinMs">The fastest of the loads.</param>
/// <param name="KeystrokeMeanMs">Mean time of one jump-to keystroke: match, rebuild the list, lay it out (each
/// keystroke's fastest of five passes).</param>
/// <param name="KeystrokeP95Ms">The 95th percentile keystroke.</param>
/// <param name="KeystrokeMaxMs">The slowest keystroke (usually the first: the page's JavaScript is not compiled yet).</param>
/// <param name="SearchMs">A two-word full-text search in a fresh page, shard loads included.</param>
/// <param name="Keystrokes">Keystrokes measured.</param>
public sealed record BrowserTimes(double IndexLoadMs, double IndexLoadMinMs, double KeystrokeMeanMs, double KeystrokeP95Ms, double KeystrokeMaxMs, double SearchMs, int Keystrokes);

/// <summary>Opens a built XDoc site from file:// in Debian's Chromium and times the jump-to box and the search.</summary>
public static class BrowserProbe
{
    public const string ChromiumPath = "/usr/bin/chromium";

    static readonly string[] Queries = ["tensor", "orthogonal", "checkpoint", "helix.core.split", "graph-0", "zzz", "index", "a", "topic", "trainer"];

    public static async Task<BrowserTimes> MeasureAsync(string site, string searchQuery, int loads = 5)
    {
        using var pw = await Playwright.CreateAsync();
        await using var browser = await pw.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        var url = new Uri(Path.Combine(site, "index.html")).AbsoluteUri;
        var loadTimes = new List<double>();
        double[] keys = [];
        double search = double.NaN;
        for (int i = 0; i < loads; i++)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(url);
            loadTimes.Add(await page.EvaluateAsync<double>("() => new Promise(r => { const t = performance.now(); XDOC.withNames(() => r(performance.now() - t)); })"));
            if (i == 0)
            {
                keys = await page.EvaluateAsync<double[]>(
                    """
                    (queries) => {
                      // Five passes over the same keystrokes; each keystroke's time is its fastest pass, which
                      // filters out the moments another process had the CPU (the machine is shared).
                      const input = document.getElementById('jump'), box = document.getElementById('suggest');
                      let best = null;
                      for (let pass = 0; pass < 5; pass++) {
                        const times = [];
                        for (const w of queries) for (let i = 1; i <= w.length; i++) {
                          input.value = w.slice(0, i);
                          const t = performance.now();
                          input.dispatchEvent(new Event('input'));
                          void box.offsetHeight; // force layout of the new list
                          times.push(performance.now() - t);
                        }
                        best = best ? best.map((b, k) => Math.min(b, times[k])) : times;
                      }
                      return best;
                    }
                    """, Queries);
                var fresh = await browser.NewPageAsync();
                await fresh.GotoAsync(url);
                search = await fresh.EvaluateAsync<double>("(q) => new Promise(r => { const t = performance.now(); XDOC.search(q, () => r(performance.now() - t)); })", searchQuery);
                await fresh.CloseAsync();
            }
            await page.CloseAsync();
        }
        loadTimes.Sort();
        var sorted = keys.Order().ToArray();
        return new BrowserTimes(loadTimes[loadTimes.Count / 2], loadTimes[0], keys.Average(), sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1], keys.Max(), search, keys.Length);
    }
}
