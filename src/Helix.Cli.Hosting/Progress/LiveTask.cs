using Spectre.Console;

namespace Helix.Cli.Hosting;

/// <summary>One progress bar (inert when the output is not live).</summary>
public sealed class LiveTask
{
    readonly ProgressTask? _task;
    string _description;
    double _value;

    internal LiveTask(ProgressTask? task, string description, double maxValue)
    {
        _task = task;
        _description = description;
        MaxValue = maxValue;
    }

    /// <summary>The bar's end value.</summary>
    public double MaxValue { get; }

    /// <summary>How far along, from 0 to <see cref="MaxValue"/>.</summary>
    public double Value
    {
        get => _value;
        set
        {
            _value = value;
            if (_task != null) _task.Value = value;
        }
    }

    /// <summary>The text beside the bar (plain text; escaped for the terminal here).</summary>
    public string Description
    {
        get => _description;
        set
        {
            _description = value;
            if (_task != null) _task.Description = Markup.Escape(value);
        }
    }

    /// <summary>True when <see cref="Value"/> reached <see cref="MaxValue"/>.</summary>
    public bool IsFinished => _value >= MaxValue;
}
