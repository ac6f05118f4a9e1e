namespace Helix.XDoc;

/// <summary>The stable codes of XDoc's diagnostics.</summary>
public static class DiagnosticCodes
{
    /// <summary>An <c>@(see …)</c> or <c>&lt;see cref&gt;</c> names no topic.</summary>
    public const string BrokenLink = "XD001";
    /// <summary>A topic names a parent that does not exist, or has no parent and is not the root.</summary>
    public const string Orphan = "XD002";
    /// <summary>Two topics have the same name.</summary>
    public const string Duplicate = "XD003";
    /// <summary>An <c>@(def …)</c> or <c>@(call …)</c> names no symbol in the source.</summary>
    public const string UnresolvedDef = "XD004";
    /// <summary>Malformed markup: a bad header, an unclosed directive, an empty argument, badly formed XML documentation.</summary>
    public const string Malformed = "XD005";
    /// <summary>A public type or member has no XML documentation.</summary>
    public const string Undocumented = "XD006";
    /// <summary>The parent graph has a cycle.</summary>
    public const string Cycle = "XD007";
    /// <summary>An <c>@(name …)</c> directive XDoc does not know.</summary>
    public const string UnknownDirective = "XD008";
    /// <summary>A file is not valid UTF-8.</summary>
    public const string Encoding = "XD009";
    /// <summary>A doctest did not compile, threw, or printed something other than its expected output.</summary>
    public const string DoctestFailed = "XD010";
}
