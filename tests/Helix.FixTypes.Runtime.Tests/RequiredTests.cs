using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Helix.FixTypes.Runtime.Tests.Types;

namespace Helix.FixTypes.Runtime.Tests;

/// <summary><c>required</c> members and <see cref="DefaultFromAttribute"/> defaults: the member stays required for
/// callers (the public constructors do not claim to set it), the generated code's own values (Default, JSON reading,
/// Fix) are built through constructors that do, and defaults computed at run time are fixed like constant ones.</summary>
public sealed class RequiredTests
{
    [Fact] public void Laws_hold() => FixLaws.Check(JobOptionsGen.Raw);

    [Fact]
    public void Required_member_is_required_of_callers_only()
    {
        var t = typeof(JobOptions);
        Assert.NotNull(t.GetProperty(nameof(JobOptions.DataPath))!.GetCustomAttribute<RequiredMemberAttribute>());
        Assert.Null(t.GetProperty(nameof(JobOptions.Output))!.GetCustomAttribute<RequiredMemberAttribute>());
        var ctors = t.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Where(c => c.GetParameters().All(p => p.ParameterType != t)).ToList();
        Assert.Null(Assert.Single(ctors, c => c.GetParameters().Length == 0).GetCustomAttribute<SetsRequiredMembersAttribute>());
        Assert.NotNull(Assert.Single(ctors, c => c.GetParameters().Length == 4).GetCustomAttribute<SetsRequiredMembersAttribute>());
    }

    [Fact]
    public void Defaults_from_members_are_computed_and_fixed()
    {
        var o = new JobOptions { DataPath = "data.txt" };
        Assert.Equal(("data.txt", Path.Combine("runs", "job"), new Schedule(500, 1e-3), 8), (o.DataPath, o.Output, o.Schedule, o.BatchSize));
        var d = JobOptions.Default;
        Assert.Equal(("", Path.Combine("runs", "job"), 8), (d.DataPath, d.Output, d.BatchSize));
        Assert.True(JobOptions.IsValid(o) && JobOptions.IsValid(d));
        Assert.Equal(o, new JobOptions("data.txt", Path.Combine("runs", "job"), new Schedule(500, 1e-3), 8));
    }

    [Fact]
    public void Reject_mode_names_the_property_and_json_reading_fills_a_missing_required_member()
    {
        var e = Assert.Throws<ArgumentException>(() => new JobOptions { DataPath = "x", BatchSize = 0 });
        Assert.Equal("BatchSize", e.ParamName);
        Assert.StartsWith("must be at least 1, got 0", e.Message);
        var read = JsonSerializer.Deserialize<JobOptions>("""{"BatchSize": 3}""")!;
        Assert.Equal(("", Path.Combine("runs", "job"), 3), (read.DataPath, read.Output, read.BatchSize));
        var o = new JobOptions { DataPath = "d", Output = "out" };
        Assert.Equal(o, JsonSerializer.Deserialize<JobOptions>(JsonSerializer.Serialize(o)));
    }
}
