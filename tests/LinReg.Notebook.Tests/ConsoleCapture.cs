namespace LinReg.Notebook.Tests;

/// <summary>Tests that redirect Console.Out run one at a time (the console is process-wide).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}

internal static class ConsoleCapture
{
    /// <summary>Runs the action with standard output captured; returns what it printed (also when it throws).</summary>
    public static string Run(Action action) => Run(action, out _);

    public static string Run(Action action, out Exception? thrown)
    {
        var previous = Console.Out;
        var writer = new StringWriter();
        Console.SetOut(writer);
        thrown = null;
        try
        {
            action();
        }
        catch (Exception ex)
        {
            thrown = ex;
        }
        finally
        {
            Console.SetOut(previous);
        }
        return writer.ToString();
    }
}
