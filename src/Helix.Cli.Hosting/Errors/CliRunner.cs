using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Helix.Core;
using Spectre.Console;

namespace Helix.Cli.Hosting;

/// <summary>
/// Runs the parsed command and turns user errors into one line on stderr and exit code 2, never a stack trace;
/// an interrupted command (Ctrl+C, see <see cref="ConsoleCancellation"/>) exits 130. A library's
/// <see cref="InvalidOptionException"/> names a property; a command that registered a table with
/// <see cref="MapOptions"/> gets it worded as its flag.
/// </summary>
public static class CliRunner
{
    /// <summary>Exit code for bad arguments, bad input files and other user errors.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for a command stopped by Ctrl+C (128 + SIGINT).</summary>
    public const int Interrupted = 130;

    static readonly ConditionalWeakTable<Command, Dictionary<string, string>> Flags = new();

    /// <summary>
    /// Registers how <paramref name="command"/>'s flags are called in the library: each pair is a property name
    /// (<see cref="InvalidOptionException.Option"/>) and the flag that sets it. Returns the command.
    /// </summary>
    public static Command MapOptions(this Command command, params (string Option, string Flag)[] map)
    {
        var table = Flags.GetOrCreateValue(command);
        foreach (var (option, flag) in map) table[option] = flag;
        return command;
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen command: parse errors and user errors exit 2 with one line.</summary>
    public static int Run(RootCommand root, string[] args)
    {
        _ = CliConsole.Out;   // piped stdout: no wrapping at 80 columns
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            var names = new List<string>();
            for (SymbolResult? r = parsed.CommandResult; r != null; r = r.Parent)
                if (r is CommandResult c && c.Command is not RootCommand) names.Insert(0, c.Command.Name);
            var messages = string.Join("; ", parsed.Errors.Select(ParseErrorLine).Distinct());
            var help = $"{string.Join(' ', names.Prepend(root.Name))} --help";
            CliConsole.Error.MarkupLineInterpolated($"[red]error:[/] {messages} (`{help}` lists the options)");
            return UsageError;
        }
        // Our handler in Guard, not System.CommandLine's (which prints a stack trace and exits 1).
        return Guard(() => parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }),
            FlagsOf(parsed.CommandResult));
    }

    /// <summary>Runs a command body with the same handling: user errors exit 2, interruption exits 130.</summary>
    /// <param name="body">The command's work; returns its exit code.</param>
    /// <param name="flags">Property name → flag, for <see cref="InvalidOptionException"/> (null: none).</param>
    public static int Guard(Func<int> body, IReadOnlyDictionary<string, string>? flags = null)
    {
        try { return body(); }
        catch (OperationCanceledException e)
        {
            CliConsole.Error.MarkupLineInterpolated($"[yellow]interrupted:[/] {e.Message}");
            return Interrupted;
        }
        catch (Exception e) when (IsUserError(e))
        {
            CliConsole.Error.MarkupLineInterpolated($"[red]error:[/] {Describe(e, flags)}");
            return UsageError;
        }
    }

    /// <summary>The one line printed for a user error: an option error worded with its flag when one is mapped.</summary>
    public static string Describe(Exception e, IReadOnlyDictionary<string, string>? flags) =>
        e is InvalidOptionException o && flags != null && flags.TryGetValue(o.Option, out var flag)
            ? $"{flag}: {o.Reason}"
            : OneLine(e.Message);

    static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    static readonly Regex CannotParse = new(
        @"^Cannot parse argument '(?<value>.*)' for (?:option|command|argument) '(?<name>[^']*)' as expected type '[^']*'(?:\..*)?$",
        RegexOptions.Singleline | RegexOptions.CultureInvariant);

    /// <summary>A parse error in the user's words: a value that does not convert says what was expected, never a .NET type name.</summary>
    static string ParseErrorLine(ParseError error)
    {
        var m = CannotParse.Match(error.Message.Trim());
        if (!m.Success) return OneLine(error.Message);
        var type = error.SymbolResult switch
        {
            OptionResult o => o.Option.ValueType,
            ArgumentResult a => a.Argument.ValueType,
            _ => null,
        };
        return $"{m.Groups["name"].Value}: '{OneLine(m.Groups["value"].Value)}' is not {Expected(type)}";
    }

    static string Expected(Type? type)
    {
        if (type == null) return "a valid value";
        if (type.IsArray) return Expected(type.GetElementType());
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()));
        return Type.GetTypeCode(type) switch
        {
            TypeCode.SByte or TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 => "a whole number",
            TypeCode.Byte or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 => "a whole number of 0 or more",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            TypeCode.Boolean => "true or false",
            _ => typeof(FileSystemInfo).IsAssignableFrom(type) ? "a path" : "a valid value",
        };
    }

    static Dictionary<string, string>? FlagsOf(CommandResult result)
    {
        Dictionary<string, string>? merged = null;
        for (SymbolResult? r = result; r != null; r = r.Parent)
        {
            if (r is not CommandResult c || !Flags.TryGetValue(c.Command, out var table)) continue;
            merged ??= new Dictionary<string, string>();
            foreach (var (k, v) in table) merged.TryAdd(k, v);   // the innermost command's wording wins
        }
        return merged;
    }

    static bool IsUserError(Exception e) =>
        e is ArgumentException or FormatException or InvalidDataException or IOException
            or UnauthorizedAccessException or CliUsageException or ToolNotFoundException;
}
