using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Helix.Cli.Hosting.Options;

/// <summary>
/// The one <c>--time-limit</c> of every command: a plain number is minutes everywhere, and a unit may be written
/// (<c>90s</c>, <c>10m</c>, <c>3h</c>, <c>1h30m</c>), so no command counts in seconds while another counts in minutes.
/// 0 means no limit (null).
/// </summary>
public sealed class TimeLimitOption : Option<TimeSpan?>
{
    /// <summary>The option's name.</summary>
    public const string OptionName = "--time-limit";

    /// <summary>What every command's help says about the value.</summary>
    public const string Syntax = "minutes, or a number with a unit: 90s, 10m, 3h, 1h30m; 0: no limit";

    static readonly Regex Parts = new(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m(?:in)?)?(?:(?<s>\d+(?:\.\d+)?)s)?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>The limit when the option is left out (null: none).</summary>
    public TimeSpan? WhenLeftOut { get; }

    /// <summary>
    /// <paramref name="what"/> says what the limit stops (e.g. "Stop training, with a checkpoint, after this long");
    /// <paramref name="whenLeftOut"/> applies when the option is not given (null: no limit).
    /// </summary>
    public TimeLimitOption(string what, TimeSpan? whenLeftOut = null) : base(OptionName)
    {
        WhenLeftOut = whenLeftOut;
        Description = $"{what} ({Syntax}; default: {(whenLeftOut is { } d ? Format(d) : "no limit")}).";
        // 0 parses to TimeSpan.Zero so that "given as 0" (no limit) differs from "left out" (the default) in Limit.
        CustomParser = result =>
        {
            var text = string.Join(' ', result.Tokens.Select(t => t.Value));
            if (TryParse(text, out var value, out var error)) return value ?? TimeSpan.Zero;
            result.AddError($"{OptionName}: '{text}' {error}");
            return null;
        };
    }

    /// <summary>The limit the user asked for: <see cref="WhenLeftOut"/> when the option is absent, null for 0.</summary>
    public TimeSpan? Limit(ParseResult parsed) => parsed.GetValue(this) switch
    {
        null => WhenLeftOut,
        { } t when t == TimeSpan.Zero => null,
        var t => t,
    };

    /// <summary>Parses a limit as the option does: null for 0, an error message for anything else it cannot read.</summary>
    public static bool TryParse(string text, out TimeSpan? value, out string error)
    {
        value = null;
        error = "";
        var s = text.Trim();
        double total;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes))
            total = minutes * 60;
        else if (s.Length > 0 && Parts.Match(s) is { Success: true } m)
            total = Part(m, "h") * 3600 + Part(m, "m") * 60 + Part(m, "s");
        else
        {
            error = $"is not a duration; write {Syntax}";
            return false;
        }
        if (double.IsNaN(total) || double.IsInfinity(total) || total < 0 || total > TimeSpan.MaxValue.TotalSeconds)
        {
            error = "must be 0 (no limit) or a positive duration";
            return false;
        }
        value = total == 0 ? null : TimeSpan.FromSeconds(total);
        return true;
    }

    static double Part(Match m, string unit) =>
        m.Groups[unit].Success ? double.Parse(m.Groups[unit].Value, CultureInfo.InvariantCulture) : 0;

    /// <summary>A limit as help shows it: 8m, 90s, 3h, 1h30m.</summary>
    public static string Format(TimeSpan t)
    {
        if (t.TotalSeconds < 60 || t.TotalSeconds % 60 != 0) return $"{t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s";
        if (t.TotalMinutes < 60 || t.TotalMinutes % 60 != 0)
            return t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes}m" : $"{t.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)}m";
        return $"{t.TotalHours.ToString("0", CultureInfo.InvariantCulture)}h";
    }
}
