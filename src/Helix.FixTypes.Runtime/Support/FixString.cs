using System.Text;

namespace Helix.FixTypes;

/// <summary>String normalization for <see cref="StrAttribute"/> fields; used by generated code.</summary>
public static class FixString
{
    /// <summary>Null to "", then Unicode form, trimming, case and length, in that order. Returns the same instance when
    /// it is already normal.</summary>
    public static string Normalize(string? s, bool trim, StrCase @case, StrForm form, int maxLength)
    {
        if (s is null) return "";
        var r = s;
        if (form != StrForm.None)
        {
            var f = ToForm(form);
            if (!r.IsNormalized(f)) r = r.Normalize(f);
        }
        if (trim) r = r.Trim();
        if (@case == StrCase.Lower) r = HasUpper(r) ? r.ToLowerInvariant() : r;
        else if (@case == StrCase.Upper) r = HasLower(r) ? r.ToUpperInvariant() : r;
        if (maxLength > 0 && r.Length > maxLength) r = r[..maxLength];
        // Case mapping or cutting can break a normal form or expose white space; repeat until stable (at most a few rounds).
        if (!ReferenceEquals(r, s) && !string.Equals(r, s, StringComparison.Ordinal)) return Normalize(r, trim, @case, form, maxLength);
        return s;
    }

    /// <summary>Whether <paramref name="s"/> is already normal.</summary>
    public static bool IsNormal(string? s, bool trim, StrCase @case, StrForm form, int maxLength) =>
        s is not null && ReferenceEquals(Normalize(s, trim, @case, form, maxLength), s);

    private static bool HasUpper(string s)
    {
        foreach (var c in s) if (char.ToLowerInvariant(c) != c) return true;
        return false;
    }

    private static bool HasLower(string s)
    {
        foreach (var c in s) if (char.ToUpperInvariant(c) != c) return true;
        return false;
    }

    private static NormalizationForm ToForm(StrForm f) => f switch
    {
        StrForm.C => NormalizationForm.FormC,
        StrForm.D => NormalizationForm.FormD,
        StrForm.KC => NormalizationForm.FormKC,
        _ => NormalizationForm.FormKD,
    };
}
