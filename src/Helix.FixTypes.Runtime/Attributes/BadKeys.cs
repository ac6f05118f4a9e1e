namespace Helix.FixTypes;

/// <summary>What a map does with a key its key fixer rejects (FTY's defalist/defmap choice).</summary>
public enum BadKeys
{
    /// <summary>Fix the key; when two keys fix to the same key, the first entry wins.</summary>
    Fix,
    /// <summary>Drop the entry.</summary>
    Drop,
}
