namespace Helix.XDoc.Tests;

/// <summary>Doctests compile and run when the manual is built; a failing one fails the build at its line.</summary>
public class DoctestTests
{
    [Fact]
    public void Doctests_run_their_output_is_checked_and_shown()
    {
        using var m = new TempManual();
        m.Topic("A", "Helix", "a", "x\n\n```csharp run\nusing System.Text;\nvar sb = new StringBuilder(\"6*7=\");\nConsole.WriteLine(sb.Append(6 * 7));\n```\n\n```output\n6*7=42\n```\n\n```csharp run\nConsole.Write(\"free\");\n```\n");
        var r = m.Build(new DocBuildOptions { OutputFolder = m.Out, Threads = 2 });
        Assert.True(r.Succeeded, r.Dump());
        Assert.Equal(2, r.Stats.Doctests);
        var html = File.ReadAllText(Path.Combine(m.Out, "t", "A.html"));
        Assert.Contains("<pre class=\"output\"><code>6*7=42", html);
        Assert.Contains("<pre class=\"output\"><code>free", html);
    }

    [Fact]
    public void A_compile_error_points_into_the_topic_file()
    {
        using var m = new TempManual();
        m.Topic("A", "Helix", "a", "x\n\n```csharp run\nint ok = 1;\nint bad = \"no\";\n```\n");
        var r = m.Build();
        var d = Assert.Single(r.Of(DiagnosticCodes.DoctestFailed));
        Assert.EndsWith("A.md", d.Location.File);
        Assert.Equal(10, d.Location.Line);
        Assert.Contains("CS0029", d.Message);
    }

    [Fact]
    public void An_exception_or_a_wrong_output_fails_the_build()
    {
        using var m = new TempManual();
        m.Topic("A", "Helix", "a", "```csharp run\nthrow new InvalidOperationException(\"boom\");\n```\n\n```csharp run\nConsole.WriteLine(1 + 1);\n```\n```output\n3\n```\n");
        var r = m.Build();
        var d = r.Of(DiagnosticCodes.DoctestFailed);
        Assert.Equal(2, d.Count);
        Assert.Contains(d, x => x.Message.Contains("boom") && x.Location.Line == 7);
        Assert.Contains(d, x => x.Message.Contains("expected `3`") && x.Location.Line == 11);
        Assert.False(r.Succeeded);
    }

    [Fact]
    public void Doctests_can_use_helix_libraries()
    {
        using var m = new TempManual();
        m.Topic("A", "Helix", "a", "```csharp run\nvar r = new Helix.Core.SplitMix64(7);\nConsole.Write(r.NextInt(10) < 10);\n```\n```output\nTrue\n```\n");
        var r = m.Build();
        Assert.True(r.Succeeded, r.Dump());
    }
}
