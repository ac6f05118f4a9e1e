using System.Text;

namespace Helix.XDoc;

/// <summary>Topics from a command tree: each command's help becomes a topic named by its full path
/// (<c>helix aig stats</c>) under its parent command; the root command sits under the given parent topic.</summary>
internal static class CommandSource
{
    public static List<Topic> Load(CommandInfo root, string rootParent)
    {
        var topics = new List<Topic>();
        Walk(root, null, rootParent, topics);
        return topics;
    }

    static void Walk(CommandInfo c, string? parentPath, string rootParent, List<Topic> topics)
    {
        var path = parentPath == null ? c.Name : parentPath + " " + c.Name;
        var sb = new StringBuilder();
        var usage = new StringBuilder(path);
        foreach (var a in c.Arguments) usage.Append(" <").Append(a.Name).Append('>');
        if (c.Options.Count > 0) usage.Append(" [options]");
        if (c.Subcommands.Count > 0) usage.Append(" [command]");
        sb.Append("```text\n").Append(usage).Append("\n```\n\n");
        if (c.Description.Length > 0) sb.Append(DocCommentMarkdown.Escape(c.Description)).Append("\n\n");
        if (c.Arguments.Count > 0)
        {
            sb.Append("**Arguments**\n\n");
            foreach (var a in c.Arguments) sb.Append($"- `<{a.Name}>`: {DocCommentMarkdown.Escape(a.Description)}\n");
            sb.Append('\n');
        }
        if (c.Options.Count > 0)
        {
            sb.Append("**Options**\n\n");
            foreach (var o in c.Options)
            {
                var names = string.Join(", ", o.Names) + (o.ValueName != null ? " <" + o.ValueName + ">" : "");
                sb.Append($"- `{names}`: {DocCommentMarkdown.Escape(o.Description)}\n");
            }
            sb.Append('\n');
        }
        if (c.Subcommands.Count > 0)
        {
            sb.Append("**Commands**\n\n");
            foreach (var s in c.Subcommands) sb.Append($"- @(see {path} {s.Name}|{s.Name}): {DocCommentMarkdown.Escape(FirstLine(s.Description))}\n");
            sb.Append('\n');
        }
        topics.Add(new Topic
        {
            Name = path, Parents = [parentPath ?? rootParent], Short = FirstLine(c.Description).Length > 0 ? FirstLine(c.Description) : $"The `{path}` command.",
            Long = sb.ToString(), Kind = TopicKind.Command, Location = new("(command line)", 0),
        });
        foreach (var s in c.Subcommands) Walk(s, path, rootParent, topics);
    }

    static string FirstLine(string s)
    {
        var line = s.Split('\n')[0].Trim();
        return line;
    }
}
